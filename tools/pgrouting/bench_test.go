package pgrouting

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/roads/synth"
	"github.com/paulmach/orb"
)

// BenchmarkNearestFacilityVsPgRouting times the same job in catchment and
// in pgRouting: every village of a synthetic province (roads/synth) to its
// nearest township or county facility by road. The network is written as
// OSM XML (WriteOSMXML) and imported with osm2pgrouting under catchment's
// mapconfig (import not timed). Villages and facilities lie on road
// vertices; pgRouting is given their vertex ids (its snapping is not
// timed), catchment snaps them itself (timed).
//
// pgRouting formulations, both one SQL call, fastest first:
//   - super-source: the graph reversed plus a virtual vertex joined to every
//     facility vertex at cost 0, one pgr_dijkstraCost from it to every
//     village vertex: one search, the nearest distance only;
//   - many-to-many: pgr_dijkstraCost from every facility vertex to every
//     village vertex on the reversed graph (one search per facility), then
//     the least per village: distance and which facility.
//
// Reported: catchment's query (ns/op and catchment-s), its build of the
// network from the ways, pgRouting's two times and the speed ratios.
func BenchmarkNearestFacilityVsPgRouting(b *testing.B) {
	needCluster(b)
	places := synth.Province(1, orb.Point{112, 37}, 16, 12, 60, 6000)
	ways := synth.Generate(places, synth.Options{Seed: 1})
	var villages, facilities []geo.Site
	for _, p := range places {
		if p.Tier == synth.Village {
			villages = append(villages, geo.Site{Point: p.Point})
		} else {
			facilities = append(facilities, geo.Site{Point: p.Point})
		}
	}
	t0 := time.Now()
	net, _, err := roads.Build(ways, roads.BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	buildS := time.Since(t0).Seconds()
	m := roads.Metric{Net: net}
	ctx := context.Background()

	c := startCluster(b, "bench")
	f, err := os.Create(filepath.Join(c.Dir(), "synth.osm"))
	if err != nil {
		b.Fatal(err)
	}
	if err := WriteOSMXML(f, ways); err != nil {
		b.Fatal(err)
	}
	f.Close()
	conf := writeFile(b, c, "mapconfig.xml", catchmentMapConfig(b))
	t0 = time.Now()
	if err := c.ImportOSM("bench", f.Name(), conf); err != nil {
		b.Fatal(err)
	}
	importS := time.Since(t0).Seconds()
	vs := vertices(b, c, "bench")
	vid, fid := siteVertices(b, vs, villages), siteVertices(b, vs, facilities)

	var near []geo.Reach
	b.ResetTimer()
	for range b.N {
		near, err = m.Nearest(ctx, villages, facilities, math.Inf(1))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	queryS := b.Elapsed().Seconds() / float64(b.N)

	t0 = time.Now()
	super := superSource(b, c, fid, vid)
	superS := time.Since(t0).Seconds()
	t0 = time.Now()
	pgm := dijkstraCost(b, c, "bench", fid, vid, true)
	manyS := time.Since(t0).Seconds()

	differ, longer, pgNone := 0, 0, 0
	for i, r := range near {
		want, ok := super[vid[i]]
		if vid[i] == -1 {
			continue
		}
		if !ok {
			for _, id := range fid {
				if id == vid[i] {
					want, ok = 0, true
				}
			}
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
	b.ReportMetric(float64(net.NumNodes()), "nodes")
	b.ReportMetric(float64(len(villages)), "villages")
	b.ReportMetric(float64(len(facilities)), "facilities")
	b.ReportMetric(queryS, "catchment-s")
	b.ReportMetric(buildS+queryS, "catchment+build-s")
	b.ReportMetric(superS, "pgr-supersource-s")
	b.ReportMetric(manyS, "pgr-many2many-s")
	b.ReportMetric(superS/queryS, "x-faster")
	b.ReportMetric(superS/(buildS+queryS), "x-faster-with-build")
	b.ReportMetric(float64(differ), "distance-mismatches")
	b.Logf("%d nodes, %d segments; %d villages, %d facilities; osm2pgrouting import %.1f s (%d vertices, %d many-to-many rows)",
		net.NumNodes(), net.NumSegments(), len(villages), len(facilities), importS, len(vs), len(pgm))
	b.Logf("catchment: build %.3f s, nearest %.3f s; pgRouting: super-source %.3f s, many-to-many %.3f s; "+
		"%d villages with another distance (> 1 mm; %d of them longer in catchment), %d unreachable in pgRouting",
		buildS, queryS, superS, manyS, differ, longer, pgNone)
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
	var links []string
	for k, id := range fid {
		links = append(links, fmt.Sprintf("SELECT %d::bigint, 0::bigint, %d::bigint, 0::float8, -1::float8", -(k+1), id))
	}
	edges := edgesSQL(true) + " UNION ALL " + strings.Join(links, " UNION ALL ")
	var ends []int64
	for _, id := range vid {
		if id >= 0 {
			ends = append(ends, id)
		}
	}
	rows, err := c.SQL("bench", fmt.Sprintf("SELECT end_vid, agg_cost FROM pgr_dijkstraCost(%s, 0::bigint, %s, directed => true)",
		quote(edges), intArray(ends)))
	if err != nil {
		b.Fatal(err)
	}
	out := make(map[int64]float64, len(rows))
	for _, r := range rows {
		out[mustInt(b, r[0])] = mustFloat(b, r[1])
	}
	return out
}
