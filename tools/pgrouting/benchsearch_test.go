package pgrouting

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
)

// compareFacilities counts the villages whose nearest facility in
// catchment is not at the vertex pgRouting's paths query goes through
// first (facilities at one vertex count as one; a tie between two
// vertices at the same distance would count, and none is expected on
// random positions).
func compareFacilities(b *testing.B, c *Cluster, near []geo.Reach, fid, vid []int64) int {
	b.Helper()
	pg := benchMap(b, c, superSourcePathsSQL(fid, vid), func(s string) int64 { return mustInt(b, s) })
	other := 0
	for i, r := range near {
		if f, ok := pg[vid[i]]; ok && vid[i] >= 0 && r.Index >= 0 && fid[r.Index] != f {
			other++
		}
	}
	return other
}

// compareNearest counts the villages whose catchment distance differs from
// pgRouting's super-source distance by more than a millimetre.
func compareNearest(near []geo.Reach, super map[int64]float64, vid, fid []int64) (differ, longer, pgNone int) {
	for i, r := range near {
		want, ok := super[vid[i]]
		if vid[i] == -1 {
			continue
		}
		if !ok && slices.Contains(fid, vid[i]) {
			want, ok = 0, true // a village at a facility's vertex
		}
		if !ok {
			pgNone++
			continue
		}
		if math.Abs(r.DistanceM-want) > 1e-3+1e-9*want {
			differ++
			if r.DistanceM > want {
				longer++
			}
		}
	}
	return differ, longer, pgNone
}

// siteVertices maps each site to the pgRouting vertex at its exact
// position (synth places lie on road vertices), -1 when none is within
// 1 cm.
func siteVertices(b *testing.B, vs []vertex, sites []geo.Site) []int64 {
	at := make(map[e7]int64, len(vs))
	for _, v := range vs {
		at[toE7(v.pt)] = v.id
	}
	out := make([]int64, len(sites))
	missing := 0
	for i, s := range sites {
		id, ok := at[toE7(s.Point)]
		if !ok {
			v, d := nearestVertex(vs, s.Point)
			id = v.id
			if d > 0.01 {
				missing++
				id = -1
			}
		}
		out[i] = id
	}
	if missing > 0 {
		b.Logf("%d sites not on a pgRouting vertex (left out of the comparison)", missing)
	}
	return out
}

// superSource is the nearest facility distance per village vertex from one
// pgr_dijkstraCost on the reversed graph with a virtual source (id 0,
// unused by osm2pgrouting) joined to every facility vertex at cost 0.
func superSource(b *testing.B, c *Cluster, fid, vid []int64) map[int64]float64 {
	return benchMap(b, c, superSourceSQL(fid, vid), func(s string) float64 { return mustFloat(b, s) })
}

// benchMap runs query in database bench and maps its first column (an id)
// to its second, read by val.
func benchMap[V any](b *testing.B, c *Cluster, query string, val func(string) V) map[int64]V {
	b.Helper()
	rows, err := c.SQL("bench", query)
	if err != nil {
		b.Fatal(err)
	}
	out := make(map[int64]V, len(rows))
	for _, r := range rows {
		out[mustInt(b, r[0])] = val(r[1])
	}
	return out
}

// superEdges is the reversed graph with the virtual source 0 joined to
// every facility vertex at cost 0.
func superEdges(fid []int64) string {
	var links []string
	for k, id := range fid {
		links = append(links, fmt.Sprintf("SELECT %d::bigint, 0::bigint, %d::bigint, 0::float8, -1::float8", -(k+1), id))
	}
	return edgesSQL(true) + " UNION ALL " + strings.Join(links, " UNION ALL ")
}

// villageEnds is the village vertex ids as an SQL array.
func villageEnds(vid []int64) string {
	var ends []int64
	for _, id := range vid {
		if id >= 0 {
			ends = append(ends, id)
		}
	}
	return intArray(ends)
}

func superSourceSQL(fid, vid []int64) string {
	return fmt.Sprintf("SELECT end_vid, agg_cost FROM pgr_dijkstraCost(%s, 0::bigint, %s, directed => true)",
		quote(superEdges(fid)), villageEnds(vid))
}

// superSourcePathsSQL is the super-source search by pgr_dijkstra, keeping
// the second vertex of each path (the nearest facility) and its length.
func superSourcePathsSQL(fid, vid []int64) string {
	return fmt.Sprintf(`SELECT end_vid, max(CASE WHEN path_seq = 2 THEN node END) AS facility, max(agg_cost) AS cost
		FROM pgr_dijkstra(%s, 0::bigint, %s, directed => true) GROUP BY end_vid`,
		quote(superEdges(fid)), villageEnds(vid))
}
