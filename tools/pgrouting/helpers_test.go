package pgrouting

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/osm"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

// andorraPBF is the real extract data/osm's tests use (ODbL, see its
// ATTRIBUTION.md); it is not copied here.
const andorraPBF = "../../data/osm/testdata/andorra-2021-10-28.osm.pbf"

// needCluster fails when the tools are missing and skips under -short.
func needCluster(t testing.TB) {
	t.Helper()
	if err := Available(); err != nil {
		t.Fatalf("%v (.ci/run installs it)", err)
	}
	if _, err := exec.LookPath("osmium"); err != nil {
		t.Fatalf("osmium-tool: %v (.ci/run installs it)", err)
	}
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
}

// startCluster starts a cluster with database db and stops it at cleanup.
func startCluster(t testing.TB, db string) *Cluster {
	t.Helper()
	c, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Stop(); err != nil {
			t.Error(err)
		}
	})
	if err := c.CreateDB(db); err != nil {
		t.Fatal(err)
	}
	return c
}

// catchmentMapConfig is the osm2pgrouting mapconfig of catchment's own
// routable classes (data/osm's DefaultClasses) at roads' default speeds.
// It fails the test if a class read by data/osm has no speed in roads.
func catchmentMapConfig(t testing.TB) []byte {
	t.Helper()
	for _, c := range osm.DefaultClasses() {
		if _, ok := roads.DefaultSpeedsKmh()[c]; !ok {
			t.Errorf("class %q is read by data/osm but has no speed in roads", c)
		}
	}
	return MapConfig(osm.DefaultClasses(), roads.DefaultSpeedsKmh())
}

// writeFile writes data into the cluster's directory, readable by the
// server's user.
func writeFile(t testing.TB, c *Cluster, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(c.Dir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readSites reads id, lon and lat of a CSV with a header naming them.
func readSites(t testing.TB, path string) ([]geo.Site, []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var sites []geo.Site
	var names []string
	for _, r := range rows[1:] {
		lon, err1 := strconv.ParseFloat(r[col["lon"]], 64)
		lat, err2 := strconv.ParseFloat(r[col["lat"]], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: bad row %v", path, r)
		}
		sites = append(sites, geo.Site{ID: r[col["id"]], Point: orb.Point{lon, lat}})
		names = append(names, r[col["name"]])
	}
	return sites, names
}

// vertex is a pgRouting vertex (ways_vertices_pgr).
type vertex struct {
	id int64
	pt orb.Point
}

// vertices reads every vertex of ways_vertices_pgr that some edge uses.
func vertices(t testing.TB, c *Cluster, db string) []vertex {
	t.Helper()
	rows, err := c.SQL(db, `SELECT id, ST_X(the_geom), ST_Y(the_geom) FROM ways_vertices_pgr v
		WHERE EXISTS (SELECT 1 FROM ways w WHERE w.source = v.id OR w.target = v.id) ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]vertex, len(rows))
	for i, r := range rows {
		out[i].id = mustInt(t, r[0])
		out[i].pt = orb.Point{mustFloat(t, r[1]), mustFloat(t, r[2])}
	}
	return out
}

// nearestVertex is the vertex at least geodesic distance from p (ties to
// the lowest id): pgRouting's usual snap.
func nearestVertex(vs []vertex, p orb.Point) (vertex, float64) {
	best, bestM := vertex{id: -1}, 1e300
	for _, v := range vs {
		if d := geo.DistanceM(p, v.pt); d < bestM {
			best, bestM = v, d
		}
	}
	return best, bestM
}

// edgesSQL is the edge query for pgr_dijkstraCost: length_m in metres in
// each permitted direction (osm2pgrouting marks a forbidden direction by a
// negative cost or reverse_cost). reversed swaps the directions, for
// searches run from the facilities back to the villages.
func edgesSQL(reversed bool) string {
	fwd := "CASE WHEN cost < 0 THEN -1 ELSE length_m END"
	rev := "CASE WHEN reverse_cost < 0 THEN -1 ELSE length_m END"
	if reversed {
		fwd, rev = rev, fwd
	}
	return fmt.Sprintf("SELECT gid AS id, source, target, %s AS cost, %s AS reverse_cost FROM ways", fwd, rev)
}

// dijkstraCost returns pgr_dijkstraCost's directed many-to-many distances
// in metres, keyed by [start, end]; unreachable pairs are absent.
func dijkstraCost(t testing.TB, c *Cluster, db string, from, to []int64, reversed bool) map[[2]int64]float64 {
	t.Helper()
	q := fmt.Sprintf("SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost(%s, %s, %s, directed => true)",
		quote(edgesSQL(reversed)), intArray(from), intArray(to))
	rows, err := c.SQL(db, q)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[[2]int64]float64, len(rows))
	for _, r := range rows {
		out[[2]int64{mustInt(t, r[0]), mustInt(t, r[1])}] = mustFloat(t, r[2])
	}
	return out
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func intArray(ids []int64) string {
	var b strings.Builder
	b.WriteString("ARRAY[")
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteString("]::bigint[]")
	return b.String()
}

func mustInt(t testing.TB, s string) int64 {
	t.Helper()
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustFloat(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// loadAndorra reads the extract with data/osm and builds catchment's
// network.
func loadAndorra(t testing.TB) ([]roads.Way, *osm.Report, *roads.Network) {
	t.Helper()
	ways, rep, err := osm.Load(context.Background(), andorraPBF, osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	net, brep, err := roads.Build(ways, roads.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(brep.Dropped) > 0 || brep.Routable != len(ways) {
		t.Fatalf("build dropped ways: %+v", brep)
	}
	return ways, rep, net
}
