package pgrouting

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/roads/synth"
)

// BenchmarkNearestFacilityVsPgRouting times the nearest-facility job in
// catchment and in pgRouting: every village of a synthetic province
// (roads/synth at 100 m vertex spacing: 82,000 points, 16,000 junctions
// and ends) to its nearest township or county facility by road, the
// off-road legs included. The network is written as OSM XML and imported
// with osm2pgrouting under catchment's mapconfig; the import and the
// preparation of samejob.sql (UTM geometry, pieces, indexes) are not
// timed, nor is catchment's network build (reported apart).
//
// The same job, from coordinates, for sites on road vertices and for sites
// 0–400 m off the road (placements): catchment's Metric.Nearest (snapping
// every site, one multi-source search, the nearest facility and its
// distance; its snapping alone timed too), and each formulation of
// sameJobs in pgRouting (samejob.sql: snapping in SQL, then the search).
// Each answer is checked against catchment's (diffSameJob) and the
// differences logged.
//
// The search alone, sites on road vertices: pgRouting given every site's
// vertex id (no snapping), the super-source pgr_dijkstraCost and
// pgr_dijkstra with paths, against catchment's Nearest with every snap
// remembered (searchRows); and pgRouting from every facility
// (many-to-many), once.
//
// Each time is the best of benchRuns runs (the machine is shared); the
// load average is logged with each. pgRouting's wall time is the server's
// execution time (EXPLAIN ANALYZE), its CPU time the server process's own
// (cpu_ms); catchment's CPU time counts every core it used.
func BenchmarkNearestFacilityVsPgRouting(b *testing.B) {
	needCluster(b)
	places, ways := synthProvince(1, 16, 12, 60, synth.Options{})
	var net *roads.Network
	build := bestOf(func() {
		var err error
		if net, _, err = roads.Build(ways, roads.BuildOptions{}); err != nil {
			b.Fatal(err)
		}
	})
	m := roads.Metric{Net: net}
	onV, onF := synth.Sites(places, 0, 1)
	c, vid, fid, nv := importBench(b, ways, onV, onF)
	tick := clockTickMs(b)
	b.ResetTimer()
	var rows []benchRow
	for _, pl := range placements {
		villages, facilities := synth.Sites(places, pl.offM, 1)
		rows = append(rows, sameJobRows(b, c, m, pl.name, villages, facilities, tick)...)
	}
	rows = append(rows, searchRows(b, c, net, onV, onF, vid, fid, tick)...)
	b.StopTimer()
	rows = append(rows, benchRow{"", "catchment", "its network build from the ways (once, not per job)", build, loadAverage(), "", false})
	reportBench(b, rows)
	b.Logf("%d points (%d graph nodes), %d segments; pgRouting %d vertices; %d villages, %d facilities",
		net.NumNodes(), net.NumGraphNodes(), net.NumSegments(), nv, len(onV), len(onF))
}

// benchRow is one line of the benchmark's table.
type benchRow struct {
	placement, who, work string
	t                    timing // seconds
	load                 string // load average when it was taken
	check                string // how its answers compare with catchment's
	agrees               bool   // they are catchment's (within the bounds of the check)
}

// sameJobRows times the job from coordinates for one placement: catchment,
// its snapping, then each pgRouting formulation, checking their answers.
func sameJobRows(b *testing.B, c *Cluster, m roads.Metric, placement string, villages, facilities []geo.Site, tick float64) []benchRow {
	b.Helper()
	ctx := context.Background()
	var near []geo.Reach
	query := bestOf(func() {
		var err error
		if near, err = m.Nearest(ctx, villages, facilities, math.Inf(1)); err != nil {
			b.Fatal(err)
		}
	})
	rows := []benchRow{{placement, "catchment", "Nearest: snaps every site onto the nearest point of the nearest segment, " +
		"one multi-source search; says which facility", query, loadAverage(), "", false}}
	snap := bestOf(func() {
		if _, _, err := m.AccessTo(ctx, villages, facilities); err != nil {
			b.Fatal(err)
		}
	})
	rows = append(rows, benchRow{placement, "catchment", "… of which snapping", snap, loadAverage(), "", false})
	loadSites(b, c, "bench", villages, facilities)
	bounds := snapBounds(b, c, "bench")
	for _, job := range sameJobs {
		q := "SELECT * FROM " + job.fn + "()"
		t := timing{bestOfMs(func() float64 { return explainMs(b, c, q) }), backendCPUs(b, c, q, tick)}
		d := diffSameJob(near, runSameJob(b, c, "bench", job, len(villages)), bounds, len(villages))
		rows = append(rows, benchRow{placement, "pgRouting", job.work, t, loadAverage(), d.String(), d.agrees()})
		if job.exact && !d.agrees() {
			b.Errorf("%s, %s: %v", placement, job.fn, d)
		}
	}
	return rows
}

// searchRows times the search alone, sites on road vertices: pgRouting
// given their vertex ids; catchment's Nearest with every site's snap
// remembered (a SnapMemo filled by a first call: the search, plus a look-up
// per site, which counts against catchment).
func searchRows(b *testing.B, c *Cluster, net *roads.Network, villages, facilities []geo.Site, vid, fid []int64, tick float64) []benchRow {
	b.Helper()
	const on = "search only, given vertices"
	m := roads.Metric{Net: net, Memo: roads.NewSnapMemo()}
	var near []geo.Reach
	search := bestOf(func() {
		var err error
		if near, err = m.Nearest(context.Background(), villages, facilities, math.Inf(1)); err != nil {
			b.Fatal(err)
		}
	})
	rows := []benchRow{{on, "catchment", "Nearest with every snap remembered (SnapMemo): its search and a look-up per site", search, loadAverage(), "", false}}
	super := superSource(b, c, fid, vid)
	differ, longer, pgNone := compareNearest(near, super, vid, fid)
	q := superSourceSQL(fid, vid)
	t := timing{bestOfMs(func() float64 { return explainMs(b, c, q) }), backendCPUs(b, c, q, tick)}
	rows = append(rows, benchRow{on, "pgRouting", "super-source pgr_dijkstraCost given every site's vertex id (no snapping): distance only", t, loadAverage(),
		fmt.Sprintf("%d villages with another distance (> 1 mm; %d longer in catchment), %d unreachable in pgRouting", differ, longer, pgNone),
		differ == 0 && pgNone == 0})
	psql := bestOf(func() { superSource(b, c, fid, vid) })
	rows = append(rows, benchRow{on, "pgRouting", "… the same through psql (connection, rows), client wall time", timing{psql.wall, math.NaN()}, loadAverage(), "", false})
	q = superSourcePathsSQL(fid, vid)
	t = timing{bestOfMs(func() float64 { return explainMs(b, c, q) }), backendCPUs(b, c, q, tick)}
	other := compareFacilities(b, c, near, fid, vid)
	rows = append(rows, benchRow{on, "pgRouting", "super-source pgr_dijkstra given vertex ids, keeping each path's first facility: says which facility", t, loadAverage(),
		fmt.Sprintf("%d villages with another facility", other), differ == 0 && pgNone == 0 && other == 0})
	t0 := time.Now()
	pgm := dijkstraCost(b, c, "bench", fid, vid, true)
	rows = append(rows, benchRow{on, "pgRouting", fmt.Sprintf("pgr_dijkstraCost from every facility given vertex ids (many-to-many, %d rows), once, through psql", len(pgm)),
		timing{time.Since(t0).Seconds(), math.NaN()}, loadAverage(), "", false})
	return rows
}

// reportBench logs the table (Markdown) and reports the ratios: the time
// of pgRouting's fastest formulation whose answers agree with catchment's
// (server-side times only) over catchment's, for each placement and for the
// search alone, by wall and by CPU time.
func reportBench(b *testing.B, rows []benchRow) {
	b.Helper()
	var tab strings.Builder
	tab.WriteString("\n| sites | | work timed | wall | CPU | load average | answers against catchment's |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&tab, "| %s | %s | %s | %s | %s | %s | %s |\n", r.placement, r.who, r.work, seconds(r.t.wall), seconds(r.t.cpu), r.load, r.check)
	}
	b.Log(tab.String())
	ratio := func(placement string) (wall, cpu float64) {
		var ours timing
		pg := timing{math.Inf(1), math.Inf(1)}
		for _, r := range rows {
			switch {
			case r.placement != placement:
			case r.who == "catchment" && ours.wall == 0:
				ours = r.t
			case r.who == "pgRouting" && r.agrees && !math.IsNaN(r.t.cpu):
				pg = timing{min(pg.wall, r.t.wall), min(pg.cpu, r.t.cpu)}
			}
		}
		return pg.wall / ours.wall, pg.cpu / ours.cpu
	}
	for i, pl := range placements {
		w, c := ratio(pl.name)
		b.ReportMetric(w, fmt.Sprintf("x-samejob%d-wall", i))
		b.ReportMetric(c, fmt.Sprintf("x-samejob%d-cpu", i))
		b.Logf("%s: catchment %.0fx faster than pgRouting's fastest formulation of the same job (answers agreeing) by wall time, %.0fx by CPU time", pl.name, w, c)
	}
	w, c := ratio("search only, given vertices")
	b.ReportMetric(w, "x-search-wall")
	b.ReportMetric(c, "x-search-cpu")
	b.Logf("search only: catchment's search %.0fx faster than pgRouting's fastest by wall time, %.0fx by CPU time", w, c)
}

// seconds formats s for the table: ms below 1 s; "" for NaN.
func seconds(s float64) string {
	switch {
	case math.IsNaN(s):
		return ""
	case s < 1:
		return fmt.Sprintf("%.1f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}

// importBench imports the ways into a new cluster's database "bench",
// prepares it for sameJobs and returns the cluster with the vertex ids of
// the villages and facilities (on road vertices) and its vertex count.
func importBench(b *testing.B, ways []roads.Way, villages, facilities []geo.Site) (*Cluster, []int64, []int64, int) {
	b.Helper()
	c := startCluster(b, "bench")
	importWays(b, c, "bench", ways)
	if _, err := c.SQL("bench", backendCPUFunc); err != nil {
		b.Fatal(err)
	}
	prepareSameJob(b, c, "bench", utmSRID(villages))
	vs := vertices(b, c, "bench")
	return c, siteVertices(b, vs, villages), siteVertices(b, vs, facilities), len(vs)
}
