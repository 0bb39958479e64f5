package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/server/internal/store"
)

// The Andorra fixture: a real OSM extract (ODbL, see
// examples/andorra/ATTRIBUTION.md) and the villages and facilities derived
// from it.
const andorraPBF = "../data/osm/testdata/andorra-2021-10-28.osm.pbf"

func andorraFiles(t testing.TB, withRoads bool) []file {
	t.Helper()
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	files := []file{
		{"villages", "villages.csv", read("../examples/andorra/villages.csv")},
		{"facilities", "facilities.csv", read("../examples/andorra/facilities.csv")},
	}
	if withRoads {
		files = append(files, file{"roads", "andorra-2021-10-28.osm.pbf", read(andorraPBF)})
	}
	return files
}

// uploadAndorra uploads the Andorra dataset with its roads and returns it.
func uploadAndorra(t testing.TB, base string) DatasetInfo {
	t.Helper()
	r := upload(t, base, andorraFiles(t, true), "name", "Andorra")
	wantStatus(t, r, http.StatusCreated)
	return decode[DatasetInfo](t, r)
}

// coverageRows fetches the coverage CSV of a dataset and returns its rows
// by village id, with the header.
func coverageRows(t testing.TB, base, id, query string) (map[string]map[string]string, http.Header) {
	t.Helper()
	r := get(t, base+"/api/v1/datasets/"+id+"/coverage?format=csv&"+query)
	wantStatus(t, r, http.StatusOK)
	body, bom := bytes.CutPrefix(r.Body, []byte("\ufeff")) // for Excel; encoding/csv keeps it
	if !bom {
		t.Error("coverage CSV without a UTF-8 byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows[row["id"]] = row
	}
	return rows, r.Header
}

func TestRoadsUpload(t *testing.T) {
	ts := startTestServer(t, Config{Logger: discardLogger()})
	ds := uploadAndorra(t, ts.URL)
	if ds.Villages != 66 || ds.Facilities+ds.Reports[1].RejectedCount != 13 {
		t.Errorf("%d villages and %d facilities (+%d rejected), want 66 and 13 in all: %+v", ds.Villages, ds.Facilities, ds.Reports[1].RejectedCount, ds.Reports[1])
	}
	rd := ds.Roads
	if rd == nil {
		t.Fatal("the upload answer has no roads")
	}
	if rd.Format != "osm-pbf" || rd.File != "andorra-2021-10-28.osm.pbf" || rd.Bytes != 1849301 {
		t.Errorf("roads %+v, want the Andorra PBF (1,849,301 bytes)", rd)
	}
	if rd.Stats.Nodes < 1000 || rd.Routable == 0 || rd.Routable > rd.Ways || rd.Stats.Bytes <= 0 {
		t.Errorf("implausible network figures %+v", rd)
	}
	if rd.GeoJSONURL != "/api/v1/datasets/"+ds.ID+"/roads.geojson" {
		t.Errorf("geojson_url %q", rd.GeoJSONURL)
	}
	// The road file is part of the content: the same tables without roads
	// are another dataset.
	plain := upload(t, ts.URL, andorraFiles(t, false))
	wantStatus(t, plain, http.StatusCreated)
	if p := decode[DatasetInfo](t, plain); p.ContentHash == ds.ContentHash || p.Roads != nil {
		t.Errorf("without roads: hash %s (with roads %s), roads %+v", p.ContentHash, ds.ContentHash, p.Roads)
	}
	// GET and the list show the stored report.
	got := decode[DatasetInfo](t, get(t, ts.URL+"/api/v1/datasets/"+ds.ID))
	if got.Roads == nil || got.Roads.Stats != rd.Stats || len(got.Roads.Notes) != len(rd.Notes) {
		t.Errorf("GET dataset roads %+v, want %+v", got.Roads, rd)
	}
	if n := ts.NetworkBuilds(); n != 1 {
		t.Errorf("%d network builds after the upload, want 1", n)
	}
}

func TestRoadsCoverageByRoadAndStraight(t *testing.T) {
	ts := startTestServer(t, Config{Logger: discardLogger()})
	ds := uploadAndorra(t, ts.URL)
	straight, sh := coverageRows(t, ts.URL, ds.ID, "radius_km=5&types=county_hospital,village_clinic")
	road, rh := coverageRows(t, ts.URL, ds.ID, "radius_km=5&types=county_hospital,village_clinic&distance=road")
	if sh.Get("X-Catchment-Metric") != "straight-line km (WGS84 geodesic)" || rh.Get("X-Catchment-Metric") != "road km" {
		t.Errorf("metric headers %q and %q", sh.Get("X-Catchment-Metric"), rh.Get("X-Catchment-Metric"))
	}
	if len(straight) != 66 || len(road) != 66 {
		t.Fatalf("%d and %d rows, want 66", len(straight), len(road))
	}
	if sh.Get("ETag") == rh.Get("ETag") {
		t.Error("straight and road coverage share an ETag")
	}
	// Road distance is never shorter than the straight line, and on a
	// mountain extract some village loses cover at 5 km.
	distCol, coverCol := "", ""
	for k := range straight["n58957648"] {
		if strings.HasPrefix(k, "nearest_") && strings.HasSuffix(k, "_km") {
			distCol = k
		}
		if strings.HasPrefix(k, "network_covered") {
			coverCol = k
		}
	}
	if distCol == "" || coverCol == "" {
		t.Fatalf("no distance or cover column in %v", straight["n58957648"])
	}
	longer, lost, compared := 0, 0, 0
	for id, s := range straight {
		r := road[id]
		sk, err1 := strconv.ParseFloat(s[distCol], 64)
		rk, err2 := strconv.ParseFloat(r[distCol], 64)
		if err1 != nil || err2 != nil {
			continue // unreachable by road: no distance
		}
		compared++
		if rk < sk-1e-6 {
			t.Errorf("village %s: %s %v by road < %v straight", id, distCol, rk, sk)
		}
		if rk > sk*1.05 {
			longer++
		}
		if s[coverCol] != r[coverCol] {
			lost++
		}
	}
	if compared < 50 || longer < 10 || lost == 0 {
		t.Errorf("of %d villages compared, %d are >5%% farther by road and %d change cover; want most compared, many farther, some changed", compared, longer, lost)
	}
	// Travel time.
	r := get(t, ts.URL+"/api/v1/datasets/"+ds.ID+"/coverage?format=csv&distance=road&minutes=15")
	if wantMinutesWritten(t, r) {
		if n := bytes.Count(r.Body, []byte("\n")); n != 67 || r.Header.Get("X-Catchment-Metric") != "road minutes" {
			t.Errorf("minutes: %d lines, metric %q", n, r.Header.Get("X-Catchment-Metric"))
		}
	}
}

// wantMinutesWritten checks the answer of a coverage by travel time: 200,
// or, until the coverage writers (data/csvio, data/geojsonio) write
// travel-time columns, their refusal "cannot write: no radius" as a 422
// problem. Reports whether the table was written.
func wantMinutesWritten(t testing.TB, r response) bool {
	t.Helper()
	if r.StatusCode == http.StatusOK {
		return true
	}
	p := wantProblem(t, r, http.StatusUnprocessableEntity)
	if p.Detail != "cannot write: no radius" {
		t.Errorf("coverage by minutes refused: %+v", p)
	}
	t.Log("coverage by minutes: the writers do not write travel-time columns yet (data/csvio, data/geojsonio)")
	return false
}

func TestRoadsNetworkCached(t *testing.T) {
	dir := t.TempDir()
	ts := startTestServer(t, Config{DataDir: dir, Logger: discardLogger()})
	ds := uploadAndorra(t, ts.URL)
	for _, q := range []string{"distance=road", "distance=road&radius_km=7"} {
		coverageRows(t, ts.URL, ds.ID, q)
	}
	wantMinutesWritten(t, get(t, ts.URL+"/api/v1/datasets/"+ds.ID+"/coverage?format=csv&distance=road&minutes=20"))
	if n := ts.NetworkBuilds(); n != 1 {
		t.Errorf("%d builds after the upload and three road requests, want 1 (the upload's)", n)
	}
	used := ts.mem.InUse()
	if used <= 0 {
		t.Errorf("the cached network holds %d bytes of the memory budget, want its size", used)
	}
	ts.stop(t)
	// A new server builds the network on first use, once.
	ts2 := startTestServer(t, Config{DataDir: dir, Logger: discardLogger()})
	for range 2 {
		coverageRows(t, ts2.URL, ds.ID, "distance=road")
	}
	run := waitRun(t, ts2.URL, decode[RunInfo](t, postJSON(t, ts2.URL+"/api/v1/runs",
		fmt.Sprintf(`{"kind":"coverage","dataset":%q,"distance":"road","radius_km":[5]}`, ds.ID))).ID)
	if run.Status != store.StatusDone {
		t.Fatalf("road run %s: %v", run.Status, run.Error)
	}
	if n := ts2.NetworkBuilds(); n != 1 {
		t.Errorf("restarted server: %d builds for two road requests and a run, want 1", n)
	}
	// Deleting the dataset drops its network and gives its memory back.
	wantStatus(t, do(t, http.MethodDelete, ts2.URL+"/api/v1/datasets/"+ds.ID, nil), http.StatusNoContent)
	if n := ts2.nets.Len(); n != 0 {
		t.Errorf("%d networks cached after the delete, want 0", n)
	}
	if u := ts2.mem.InUse(); u != 0 {
		t.Errorf("%d bytes of the memory budget in use after the delete, want 0", u)
	}
}

func TestRoadsRuns(t *testing.T) {
	ts := startTestServer(t, Config{Logger: discardLogger()})
	ds := uploadAndorra(t, ts.URL)
	for _, c := range []struct {
		body     string
		distance string
	}{
		{`{"kind":"coverage","dataset":%q,"distance":"road","radius_km":[5,10]}`, "road"},
		{`{"kind":"coverage","dataset":%q,"distance":"road","minutes":[15]}`, "road"},
		{`{"kind":"plan","dataset":%q,"distance":"road","radius_km":[10]}`, "road"},
		{`{"kind":"plan","dataset":%q,"distance":"road","minutes":30}`, "road"},
		{`{"kind":"coverage","dataset":%q,"radius_km":[5]}`, "straight"},
	} {
		body := fmt.Sprintf(c.body, ds.ID)
		r := postJSON(t, ts.URL+"/api/v1/runs", body)
		wantStatus(t, r, http.StatusAccepted)
		run := waitRun(t, ts.URL, decode[RunInfo](t, r).ID)
		if run.Status != store.StatusDone {
			t.Errorf("%s: %s: %v", body, run.Status, *run.Error)
			continue
		}
		var params map[string]any
		json.Unmarshal(run.Params, &params)
		if params["distance"] != c.distance {
			t.Errorf("%s: params %s, want distance %q", body, run.Params, c.distance)
		}
		if strings.Contains(body, "minutes") && params["radius_km"] != nil {
			t.Errorf("%s: params %s give km radii beside minutes", body, run.Params)
		}
		var sum struct {
			Metric *struct {
				Name, Description string
				RoadFile          string `json:"road_file"`
			} `json:"metric"`
		}
		if err := json.Unmarshal(get(t, ts.URL+run.Results["summary.json"]).Body, &sum); err != nil {
			t.Fatalf("%s: summary.json: %v", body, err)
		}
		switch {
		case c.distance == "straight" && sum.Metric != nil:
			t.Errorf("%s: a straight-line summary names a metric %+v", body, *sum.Metric)
		case c.distance == "road" && (sum.Metric == nil || sum.Metric.Name != "road" || sum.Metric.RoadFile == ""):
			t.Errorf("%s: summary.json metric %+v, want road with its road file", body, sum.Metric)
		case c.distance == "road" && strings.Contains(body, "minutes") != strings.Contains(sum.Metric.Description, "travel time"):
			t.Errorf("%s: summary.json metric described as %q", body, sum.Metric.Description)
		}
		if strings.Contains(body, `"coverage"`) {
			rows := strings.Split(strings.TrimSpace(string(get(t, ts.URL+run.Results["counties.csv"]).Body)), "\n")
			if len(rows) < 2 || !strings.Contains(rows[0], "covered_population") {
				t.Errorf("%s: counties.csv %q", body, rows)
			}
		}
	}
}

func TestRoadsRefused(t *testing.T) {
	ts := startTestServer(t, Config{Logger: discardLogger()})
	base := ts.URL + "/api/v1/datasets/"
	for _, c := range []struct {
		name   string
		r      response
		status int
		option string
	}{
		{"road coverage without roads", get(t, base+"sample/coverage?distance=road"), 422, "distance"},
		{"road run without roads", postJSON(t, ts.URL+"/api/v1/runs", `{"kind":"coverage","distance":"road"}`), 422, "distance"},
		{"road plan without roads", postJSON(t, ts.URL+"/api/v1/runs", `{"kind":"plan","distance":"road","minutes":30}`), 422, "distance"},
		{"unknown distance", get(t, base+"sample/coverage?distance=crow"), 400, "distance"},
		{"unknown distance in a run", postJSON(t, ts.URL+"/api/v1/runs", `{"kind":"coverage","distance":"crow"}`), 400, "distance"},
		{"minutes without road", get(t, base+"sample/coverage?minutes=30"), 400, "minutes"},
		{"minutes with radius_km", get(t, base+"sample/coverage?distance=road&minutes=30&radius_km=10"), 400, "minutes"},
		{"minutes with radius_km in a run", postJSON(t, ts.URL+"/api/v1/runs", `{"kind":"plan","distance":"road","minutes":30,"radius_km":10}`), 400, "minutes"},
		{"minutes not a number", get(t, base+"sample/coverage?distance=road&minutes=half"), 400, "minutes"},
		{"negative minutes", postJSON(t, ts.URL+"/api/v1/runs", `{"kind":"coverage","distance":"road","minutes":-5}`), 400, "minutes"},
		{"roads of a dataset without", get(t, base+"sample/roads.geojson"), 404, ""},
		{"bad simplify_m", get(t, base+"sample/roads.geojson?simplify_m=-1"), 400, "simplify_m"},
		{"garbage road file", upload(t, ts.URL, append(andorraFiles(t, false), file{"roads", "r.osm.pbf", []byte("not a pbf at all")})), 422, "roads"},
		{"unknown road file type", upload(t, ts.URL, append(andorraFiles(t, false), file{"roads", "roads.txt", []byte("x")})), 422, "roads"},
		{"empty road lines", upload(t, ts.URL, append(andorraFiles(t, false), file{"roads", "r.geojson", []byte(`{"type":"FeatureCollection","features":[]}`)})), 422, "roads"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := wantProblem(t, c.r, c.status)
			if p.Option != c.option {
				t.Errorf("option %q, want %q (%s)", p.Option, c.option, p.Detail)
			}
			if c.name == "road coverage without roads" && (!strings.HasSuffix(p.Type, "no-roads") || !strings.Contains(p.Detail, `"roads"`)) {
				t.Errorf("problem %+v should be no-roads and name the form part \"roads\"", p)
			}
		})
	}
}

func TestRoadsUploadLimits(t *testing.T) {
	t.Run("road file over --max-roads-mb", func(t *testing.T) {
		ts := startTestServer(t, Config{MaxRoadsBytes: 1 << 20, Logger: discardLogger()})
		p := wantProblem(t, upload(t, ts.URL, andorraFiles(t, true)), http.StatusRequestEntityTooLarge)
		if !strings.Contains(p.Detail, "road file is larger than this server's limit of 1 MB") {
			t.Errorf("detail %q", p.Detail)
		}
	})
	t.Run("road file beyond the whole memory budget", func(t *testing.T) {
		// 1.8 MB of PBF is estimated at about 114 MB to build.
		ts := startTestServer(t, Config{MaxMemoryBytes: 40 << 20, Logger: discardLogger()})
		p := wantProblem(t, upload(t, ts.URL, andorraFiles(t, true)), http.StatusUnprocessableEntity)
		if p.Option != "memory" || !strings.Contains(p.Detail, "whole memory budget of 40 MB") {
			t.Errorf("problem %+v", p)
		}
		// The tables alone fit.
		wantStatus(t, upload(t, ts.URL, andorraFiles(t, false)), http.StatusCreated)
	})
	t.Run("memory budget busy", func(t *testing.T) {
		ts := startTestServer(t, Config{MaxMemoryBytes: 200 << 20, UploadWait: 50e6, Logger: discardLogger()})
		release := ts.mem.Hold(150 << 20)
		r := upload(t, ts.URL, andorraFiles(t, true))
		p := wantProblem(t, r, http.StatusServiceUnavailable)
		if r.Header.Get("Retry-After") == "" || !strings.Contains(p.Detail, "reading this upload") {
			t.Errorf("problem %+v, Retry-After %q", p, r.Header.Get("Retry-After"))
		}
		release()
		wantStatus(t, upload(t, ts.URL, andorraFiles(t, true)), http.StatusCreated)
	})
}

func TestRoadsGeoJSON(t *testing.T) {
	ts := startTestServer(t, Config{Logger: discardLogger()})
	ds := uploadAndorra(t, ts.URL)
	fetch := func(query string) (int, int, response) {
		r := get(t, ts.URL+ds.Roads.GeoJSONURL+query)
		wantStatus(t, r, http.StatusOK)
		var fc struct {
			Type     string
			Features []struct {
				Geometry struct {
					Type        string
					Coordinates [][2]float64
				}
			}
		}
		if err := json.Unmarshal(r.Body, &fc); err != nil || fc.Type != "FeatureCollection" {
			t.Fatalf("not a FeatureCollection (%v): %.200s", err, r.Body)
		}
		pts := 0
		for _, f := range fc.Features {
			if f.Geometry.Type != "LineString" || len(f.Geometry.Coordinates) < 2 {
				t.Fatalf("feature %+v is not a line", f.Geometry)
			}
			for _, c := range f.Geometry.Coordinates {
				if c[0] < 1.3 || c[0] > 1.9 || c[1] < 42.3 || c[1] > 42.8 {
					t.Fatalf("point %v outside Andorra", c)
				}
			}
			pts += len(f.Geometry.Coordinates)
		}
		if want := fmt.Sprintf("%d of %d", len(fc.Features), len(fc.Features)); r.Header.Get("X-Roads-Lines") != want {
			t.Errorf("X-Roads-Lines %q, want %q", r.Header.Get("X-Roads-Lines"), want)
		}
		return len(fc.Features), pts, r
	}
	lines, fine, r := fetch("")
	if r.Header.Get("X-Roads-Simplify-M") != "10" || r.Header.Get("Content-Type") != mediaGeoJSON || r.Header.Get("X-Roads-Truncated") != "" {
		t.Errorf("headers %v", r.Header)
	}
	coarseLines, coarse, _ := fetch("?simplify_m=500")
	if coarseLines != lines || coarse >= fine {
		t.Errorf("simplify_m=500: %d lines and %d points; at 10 m %d lines and %d points: want the same lines with fewer points", coarseLines, coarse, lines, fine)
	}
	if lines != ds.Roads.Stats.Chains {
		t.Logf("%d lines for %d chains", lines, ds.Roads.Stats.Chains)
	}
	wantStatus(t, get(t, ts.URL+ds.Roads.GeoJSONURL, "If-None-Match", r.Header.Get("ETag")), http.StatusNotModified)
}
