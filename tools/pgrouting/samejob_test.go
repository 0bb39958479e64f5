package pgrouting

import (
	_ "embed"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/roads/synth"
	"github.com/paulmach/orb"
)

// sameJobSQL defines the pgRouting formulations of the nearest-facility job
// that start from coordinates, as catchment's does (see the file).
//
//go:embed samejob.sql
var sameJobSQL string

// sameJob is one of them: an SQL function of samejob.sql returning
// (village, [facility,] cost_m) for the sites in table sites.
type sameJob struct {
	fn       string
	work     string // what its time includes
	facility bool   // it says which facility is nearest (second column)
	exact    bool   // it snaps as catchment does: its answers must agree (sameJobDiff.agrees)
}

var sameJobs = []sameJob{
	{"nearest_split", "snaps every site onto the nearest point of the nearest edge (KNN, ST_LineLocatePoint), " +
		"cuts the edges there, one super-source pgr_dijkstraCost: distance only", false, true},
	{"nearest_split_paths", "the same with pgr_dijkstra, keeping each path's first facility: says which facility", true, true},
	{"nearest_withpoints", "the same snapping, pgRouting's own points (pgr_withPointsCost from a super-source): distance only", false, true},
	{"nearest_vertex", "snaps every site to its nearest vertex (KNN; a junction or a way's end), " +
		"one super-source pgr_dijkstraCost: distance only", false, false},
}

// prepareSameJob defines the functions in db and prepares the imported
// ways for them (UTM geometry, pieces, indexes; not part of any job's
// time, like catchment's network build), in UTM zone srid.
func prepareSameJob(t testing.TB, c *Cluster, db string, srid int) {
	t.Helper()
	if _, err := c.SQL(db, strings.ReplaceAll(sameJobSQL, ":SRID", strconv.Itoa(srid))); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"VACUUM ANALYZE ways", "VACUUM ANALYZE ways_vertices_pgr"} {
		if _, err := c.SQL(db, q); err != nil {
			t.Fatal(err)
		}
	}
}

// utmSRID is the EPSG code of the WGS84 UTM zone holding the mean
// longitude of sites (north or south by their mean latitude).
func utmSRID(sites []geo.Site) int {
	var lon, lat float64
	for _, s := range sites {
		lon += s.Point[0] / float64(len(sites))
		lat += s.Point[1] / float64(len(sites))
	}
	zone := int(math.Floor((lon+180)/6))%60 + 1
	if lat < 0 {
		return 32700 + zone
	}
	return 32600 + zone
}

// loadSites replaces table sites with the villages (ids 0…) and the
// facilities (ids len(villages)…), coordinates written to round-trip.
func loadSites(t testing.TB, c *Cluster, db string, villages, facilities []geo.Site) {
	t.Helper()
	var b strings.Builder
	for i, s := range append(append([]geo.Site{}, villages...), facilities...) {
		fmt.Fprintf(&b, "%d,%t,%s,%s\n", i, i >= len(villages),
			strconv.FormatFloat(s.Point[0], 'g', -1, 64), strconv.FormatFloat(s.Point[1], 'g', -1, 64))
	}
	p := filepath.Join(c.Dir(), "sites.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SQL(db, "TRUNCATE sites; COPY sites FROM "+quote(p)+" CSV; ANALYZE sites"); err != nil {
		t.Fatal(err)
	}
}

// pgAnswer is a pgRouting answer for one village: its nearest facility
// (index into the facilities; -1 when the job does not say) and the trip
// length in metres, off-road legs included.
type pgAnswer struct {
	facility int
	distM    float64
}

// runSameJob calls job's function and returns its answers by village.
func runSameJob(t testing.TB, c *Cluster, db string, job sameJob, nV int) map[int]pgAnswer {
	t.Helper()
	rows, err := c.SQL(db, "SELECT * FROM "+job.fn+"()")
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[int]pgAnswer, len(rows))
	for _, r := range rows {
		a := pgAnswer{facility: -1, distM: mustFloat(t, r[len(r)-1])}
		if job.facility {
			a.facility = int(mustInt(t, r[1])) - nV
		}
		out[int(mustInt(t, r[0]))] = a
	}
	return out
}

// snapBounds is, per site id, how far pgRouting's share of the site's edge
// can be from the geodesic length (snap_report in samejob.sql).
func snapBounds(t testing.TB, c *Cluster, db string) map[int]float64 {
	t.Helper()
	rows, err := c.SQL(db, "SELECT id, share_tol_m FROM snap_report()")
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[int]float64, len(rows))
	for _, r := range rows {
		out[int(mustInt(t, r[0]))] = mustFloat(t, r[1])
	}
	return out
}

// sameJobDiff is how pgRouting's answers differ from catchment's.
type sameJobDiff struct {
	reachedOne    int       // villages only one side reaches
	otherFacility int       // pgRouting names another nearest facility
	beyond        int       // distance differs by more than the bound
	maxDiffM      float64   // largest |difference|
	maxOfBound    float64   // largest |difference| / bound
	diffs         []float64 // |difference| per village both reach
}

// diffSameJob compares pgRouting's answers with catchment's (near, by
// village). The bound for a village reached by both is 1 mm (the legs:
// catchment's exact snap and PostGIS's point-to-point geodesic to
// pgRouting's snap point, found in UTM, agree to well below that; sums)
// plus the share bounds of the village's and of catchment's facility's
// edges (bounds, by site id; facilities follow the nV villages): pgRouting
// prices a part of an edge as its share of the edge's UTM length.
func diffSameJob(near []geo.Reach, pg map[int]pgAnswer, bounds map[int]float64, nV int) sameJobDiff {
	var d sameJobDiff
	for i, r := range near {
		a, ok := pg[i]
		if ok != (r.Index >= 0) {
			d.reachedOne++
			continue
		}
		if !ok {
			continue
		}
		if a.facility >= 0 && a.facility != r.Index {
			d.otherFacility++
		}
		diff := math.Abs(a.distM - r.DistanceM)
		bound := 1e-3 + bounds[i] + bounds[nV+r.Index]
		d.diffs = append(d.diffs, diff)
		d.maxDiffM = max(d.maxDiffM, diff)
		d.maxOfBound = max(d.maxOfBound, diff/bound)
		if diff > bound {
			d.beyond++
		}
	}
	return d
}

// agrees reports whether the answers are catchment's: the same villages
// reached, the same facility named, every distance within its bound.
func (d sameJobDiff) agrees() bool { return d.reachedOne == 0 && d.otherFacility == 0 && d.beyond == 0 }

func (d sameJobDiff) String() string {
	return fmt.Sprintf("%d reached by one side only, %d with another facility, %d beyond the bound; "+
		"|difference| median %.4f m, max %.4f m (%.2f of its bound)",
		d.reachedOne, d.otherFacility, d.beyond, quantile(d.diffs, 0.5), d.maxDiffM, d.maxOfBound)
}

// synthProvince is a synthetic province of counties × townships ×
// villages around 112°E 37°N, townships 6 km apart, and its roads at 100 m
// vertex spacing (opt's other fields as given).
func synthProvince(seed uint64, counties, townships, villages int, opt synth.Options) ([]synth.Place, []roads.Way) {
	places := synth.Province(seed, orb.Point{112, 37}, counties, townships, villages, 6000)
	opt.Seed, opt.SpacingM = seed, 100
	return places, synth.Generate(places, opt)
}

// placements are the two ways the tests and the benchmark place sites
// (synth.Sites): on road vertices (where pgRouting can also be given vertex
// ids) and up to 400 m off the road, as settlements lie.
var placements = []struct {
	name string
	offM float64
}{{"on road vertices", 0}, {"0–400 m off the road", 400}}

// importWays writes ways as OSM XML into the cluster's directory and
// imports them into db with osm2pgrouting under catchment's mapconfig.
func importWays(t testing.TB, c *Cluster, db string, ways []roads.Way) {
	t.Helper()
	f, err := os.Create(filepath.Join(c.Dir(), db+".osm"))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteOSMXML(f, ways); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	conf := writeFile(t, c, "mapconfig.xml", catchmentMapConfig(t))
	if err := c.ImportOSM(db, f.Name(), conf); err != nil {
		t.Fatal(err)
	}
}
