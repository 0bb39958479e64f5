package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/compute"
	"github.com/catchment/catchment/server/internal/runparams"
	"github.com/catchment/catchment/server/internal/store"
)

// createRun posts a run request and checks the answer's status, Location
// and id.
func createRun(t *testing.T, base, body string, status int, header ...string) RunInfo {
	t.Helper()
	r := postJSON(t, base+"/api/v1/runs", body, header...)
	wantStatus(t, r, status)
	run := decode[RunInfo](t, r)
	if !runparams.ValidID(run.ID) || r.Header.Get("Location") != "/api/v1/runs/"+run.ID || run.URL != "/api/v1/runs/"+run.ID {
		t.Fatalf("run answer %+v, Location %q", run, r.Header.Get("Location"))
	}
	return run
}

// blockRuns holds every run in the running state until the returned
// function is called (or the run is cancelled).
func blockRuns(ts *testServer) (release func()) {
	ch := make(chan struct{})
	ts.testHookCompute = func(ctx context.Context, id string) error {
		select {
		case <-ch:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return func() { close(ch) }
}

// waitStatus polls until the run has the status.
func waitStatus(t *testing.T, base, id, status string) {
	t.Helper()
	for range 3000 {
		run := decode[RunInfo](t, get(t, base+"/api/v1/runs/"+id))
		if run.Status == status {
			return
		}
		if run.Status == store.StatusDone || run.Status == store.StatusFailed {
			t.Fatalf("run %s is %s (%v), want %s", id, run.Status, run.Error, status)
		}
		sleep()
	}
	t.Fatalf("run %s never became %s", id, status)
}

func TestCoverageRun(t *testing.T) {
	ts := startTestServer(t, Config{})
	in := sampleInputs(t)
	run := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [10, 15]}`, http.StatusAccepted)
	if run.Status != store.StatusQueued || run.Error != nil || run.Finished != nil || len(run.Results) != 0 {
		t.Errorf("new run %+v", run)
	}
	want := `{"kind":"coverage","dataset":"sample","distance":"straight","radius_km":[10,15],"types":["county_hospital","township_health_centre"]}`
	var compact bytes.Buffer
	if err := json.Compact(&compact, run.Params); err != nil || compact.String() != want {
		t.Errorf("params %s, want %s", run.Params, want)
	}
	run = waitRun(t, ts.URL, run.ID)
	if run.Status != store.StatusDone || run.Progress != 1 || run.Error != nil || run.Finished == nil {
		t.Fatalf("finished run %+v", run)
	}
	if got := slices.Sorted(maps.Keys(run.Results)); !slices.Equal(got, slices.Sorted(slices.Values(compute.Names(runparams.KindCoverage)))) {
		t.Fatalf("results %v, want %v", got, compute.Names(runparams.KindCoverage))
	}

	res, err := planner.Coverage(context.Background(), in.villages, in.facilities, planner.CoverageOptions{RadiiKm: []float64{10, 15}})
	if err != nil {
		t.Fatal(err)
	}
	sum := coverageSummary(t, in.villages, in.facilities, res, in.reports...)
	expect := map[string]struct {
		media string
		body  []byte
	}{
		"villages.geojson":   {mediaGeoJSON, render(t, func(w io.Writer) error { return geojsonio.WriteCoverageGeoJSON(w, in.villages, in.facilities, res) })},
		"facilities.geojson": {mediaGeoJSON, render(t, func(w io.Writer) error { return geojsonio.WriteFacilitiesGeoJSON(w, in.facilities) })},
		"facility_circles.geojson": {mediaGeoJSON, render(t, func(w io.Writer) error {
			return geojsonio.WriteFacilityCirclesGeoJSON(w, in.facilities, []float64{10, 15}, planner.DefaultEmergencyTypes())
		})},
		"summary.json": {mediaJSON, render(t, func(w io.Writer) error { return summary.WriteSummaryJSON(w, sum) })},
		"counties.csv": {mediaCSV, render(t, func(w io.Writer) error { return csvio.WriteCoverageCountiesCSV(w, sum) })},
	}
	if len(expect) != len(compute.Names(runparams.KindCoverage)) {
		t.Fatalf("the test checks %d results, coverage runs have %d", len(expect), len(compute.Names(runparams.KindCoverage)))
	}
	// The facility layer holds every facility, the circles layer circles
	// the emergency tiers at both radii: what the page draws as existing
	// cover.
	checkFacilityLayers(t, ts.URL, run, in.facilities, []float64{10, 15}, planner.CountyHospital, planner.TownshipHealthCentre)
	for name, e := range expect {
		t.Run(name, func(t *testing.T) {
			r := get(t, ts.URL+run.Results[name])
			wantStatus(t, r, http.StatusOK)
			if ct := r.Header.Get("Content-Type"); ct != e.media {
				t.Errorf("Content-Type %q, want %q", ct, e.media)
			}
			if !bytes.Equal(r.Body, e.body) {
				t.Errorf("%s differs from the command line's writer (%d bytes, want %d)", name, len(r.Body), len(e.body))
			}
			wantStatus(t, get(t, ts.URL+run.Results[name], "If-None-Match", r.Header.Get("ETag")), http.StatusNotModified)
			wantStatus(t, get(t, ts.URL+run.Results[name], "If-None-Match", `"other"`), http.StatusOK)
		})
	}
	p := wantProblem(t, get(t, ts.URL+run.URL+"/plan.geojson"), http.StatusNotFound)
	if !strings.Contains(p.Detail, "coverage runs have no result plan.geojson") {
		t.Errorf("detail %q", p.Detail)
	}
	wantProblem(t, get(t, ts.URL+run.URL+"/secrets.txt"), http.StatusNotFound)
	wantProblem(t, get(t, ts.URL+"/api/v1/runs/0123456789abcdef"), http.StatusNotFound)
	wantProblem(t, get(t, ts.URL+"/api/v1/runs/0123456789abcdef/summary.json"), http.StatusNotFound)
}

func TestPlanRun(t *testing.T) {
	ts := startTestServer(t, Config{})
	in := sampleInputs(t)
	run := createRun(t, ts.URL, `{"kind": "plan", "dataset": "sample", "policy": "shanxi", "radius_km": 15, "subcentres": "auto"}`, http.StatusAccepted)
	run = waitRun(t, ts.URL, run.ID)
	if run.Status != store.StatusDone {
		t.Fatalf("run %+v", run)
	}
	wantResults := slices.DeleteFunc(compute.Names(runparams.KindPlan), func(n string) bool { return n == "sweep.csv" })
	if got := slices.Sorted(maps.Keys(run.Results)); !slices.Equal(got, slices.Sorted(slices.Values(wantResults))) {
		t.Fatalf("results %v, want %v", got, wantResults)
	}
	var params runparams.PlanParams
	if err := json.Unmarshal(run.Params, &params); err != nil {
		t.Fatal(err)
	}
	if params.Policy != "shanxi" || params.MergeBelow != 500 || params.MinFarKm != 20 || !slices.Equal(params.Subcentres, []any{"auto"}) {
		t.Errorf("resolved params %+v", params)
	}

	rs, err := planner.Scenario{Policy: "shanxi", RadiiKm: []float64{15}}.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	res, sweep, err := planner.RunScenario(context.Background(), in.villages, in.facilities, rs)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := summary.NewPlanSummary(in.villages, in.facilities, res, rs.Policy, rs.Plan, sweep, in.reports...)
	if err != nil {
		t.Fatal(err)
	}
	expect := map[string]struct {
		media string
		body  []byte
	}{
		"plan.geojson":       {mediaGeoJSON, render(t, func(w io.Writer) error { return geojsonio.WritePlanGeoJSON(w, in.villages, in.facilities, res) })},
		"facilities.geojson": {mediaGeoJSON, render(t, func(w io.Writer) error { return geojsonio.WriteFacilitiesGeoJSON(w, in.facilities) })},
		// Existing cover in a plan is county hospitals (existing_types'
		// default) within the plan's radius.
		"facility_circles.geojson": {mediaGeoJSON, render(t, func(w io.Writer) error {
			return geojsonio.WriteFacilityCirclesGeoJSON(w, in.facilities, []float64{15}, []planner.FacilityType{planner.CountyHospital})
		})},
		"summary.json": {mediaJSON, render(t, func(w io.Writer) error { return summary.WritePlanSummaryJSON(w, sum) })},
		"report.md":    {mediaMarkdown, render(t, func(w io.Writer) error { return report.WritePlanReport(w, sum, report.Options{}) })},
	}
	for name, e := range expect {
		r := get(t, ts.URL+run.Results[name])
		wantStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); ct != e.media {
			t.Errorf("%s: Content-Type %q, want %q", name, ct, e.media)
		}
		if !bytes.Equal(r.Body, e.body) {
			t.Errorf("%s differs from the command line's writer (%d bytes, want %d)", name, len(r.Body), len(e.body))
		}
	}
	for _, name := range []string{"villages.geojson", "subcentres.geojson", "itinerant_routes.geojson", "joint_clinics.geojson"} {
		r := get(t, ts.URL+run.Results[name])
		wantStatus(t, r, http.StatusOK)
		fc := decode[struct {
			Type     string
			Features []json.RawMessage
		}](t, r)
		if fc.Type != "FeatureCollection" || r.Header.Get("Content-Type") != mediaGeoJSON {
			t.Errorf("%s: type %q, Content-Type %q", name, fc.Type, r.Header.Get("Content-Type"))
		}
		if name == "villages.geojson" && len(fc.Features) != len(in.villages) {
			t.Errorf("village layer has %d features, want %d", len(fc.Features), len(in.villages))
		}
	}
	for _, name := range []string{"counties.csv", "townships.csv", "subcentres.csv"} {
		r := get(t, ts.URL+run.Results[name])
		wantStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); ct != mediaCSV {
			t.Errorf("%s: Content-Type %q", name, ct)
		}
	}
	wantProblem(t, get(t, ts.URL+run.URL+"/sweep.csv"), http.StatusNotFound)
	checkSubcentreCircles(t, get(t, ts.URL+run.Results["subcentre_circles.geojson"]), res)

	// A sweep has its comparison table.
	sw := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "plan", "radius_km": [10, 15], "subcentres": [1, 2]}`, http.StatusAccepted).ID)
	if sw.Status != store.StatusDone || sw.Results["sweep.csv"] == "" {
		t.Fatalf("sweep run %+v", sw)
	}
	r := get(t, ts.URL+sw.Results["sweep.csv"])
	wantStatus(t, r, http.StatusOK)
	if lines := strings.Count(string(r.Body), "\n"); lines != 1+4 {
		t.Errorf("sweep.csv has %d lines, want a header and 4 rows:\n%s", lines, r.Body)
	}
	// The sweep's detailed plan is its first radius, and so are the
	// circles; existing_types decides which facilities have them.
	checkFacilityLayers(t, ts.URL, sw, in.facilities, []float64{10}, planner.CountyHospital)
	both := waitRun(t, ts.URL, createRun(t, ts.URL,
		`{"kind": "plan", "radius_km": 20, "existing_types": ["county_hospital", "township_health_centre"]}`, http.StatusAccepted).ID)
	if both.Status != store.StatusDone {
		t.Fatalf("plan with two existing types: %+v", both)
	}
	checkFacilityLayers(t, ts.URL, both, in.facilities, []float64{20}, planner.CountyHospital, planner.TownshipHealthCentre)
}

// facilityFeatures is a facilities or circles answer, decoded.
type facilityFeatures struct {
	Type     string `json:"type"`
	Features []struct {
		Geometry struct {
			Type string `json:"type"`
		} `json:"geometry"`
		Properties struct {
			Layer      string  `json:"layer"`
			ID         string  `json:"id"`
			FacilityID string  `json:"facility_id"`
			RadiusKm   float64 `json:"radius_km"`
		} `json:"properties"`
	} `json:"features"`
}

// checkFacilityLayers checks a run's facilities.geojson (one point per
// facility, in order) and facility_circles.geojson (a coverage circle at
// each radius for exactly the facilities of the circled types): each a
// GeoJSON FeatureCollection of one geometry type.
func checkFacilityLayers(t *testing.T, url string, run RunInfo, facilities []planner.Facility, radiiKm []float64, circled ...planner.FacilityType) {
	t.Helper()
	decodeLayer := func(name string) facilityFeatures {
		t.Helper()
		r := get(t, url+run.Results[name])
		wantStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); ct != mediaGeoJSON {
			t.Errorf("%s: Content-Type %q", name, ct)
		}
		fc := decode[facilityFeatures](t, r)
		if fc.Type != "FeatureCollection" {
			t.Fatalf("%s is a %q", name, fc.Type)
		}
		return fc
	}
	var points []string
	for _, f := range decodeLayer("facilities.geojson").Features {
		if p := f.Properties; p.Layer != "facility" || f.Geometry.Type != "Point" {
			t.Errorf("facilities.geojson: unexpected feature: layer %q, geometry %q", p.Layer, f.Geometry.Type)
		}
		points = append(points, f.Properties.ID)
	}
	circles := map[string][]float64{}
	for _, f := range decodeLayer("facility_circles.geojson").Features {
		if p := f.Properties; p.Layer != "coverage_circle" || f.Geometry.Type != "Polygon" {
			t.Errorf("facility_circles.geojson: unexpected feature: layer %q, geometry %q", p.Layer, f.Geometry.Type)
		}
		circles[f.Properties.FacilityID] = append(circles[f.Properties.FacilityID], f.Properties.RadiusKm)
	}
	var wantPoints []string
	wantCircles := map[string][]float64{}
	for _, f := range facilities {
		wantPoints = append(wantPoints, f.ID)
		if slices.Contains(circled, f.Type) {
			wantCircles[f.ID] = radiiKm
		}
	}
	if !slices.Equal(points, wantPoints) {
		t.Errorf("facility points %v, want %v", points, wantPoints)
	}
	if len(wantCircles) == 0 {
		t.Fatalf("no facility of types %v in the input: nothing to check", circled)
	}
	if !maps.EqualFunc(circles, wantCircles, slices.Equal) {
		t.Errorf("%d facilities have circles, want %d (types %v at %v km)", len(circles), len(wantCircles), circled, radiiKm)
	}
}

// checkSubcentreCircles checks a plan run's subcentre_circles.geojson: one
// polygon of the plan's radius around each proposed sub-centre, and none
// around anything else (a county hospital, say).
func checkSubcentreCircles(t *testing.T, r response, res *planner.PlanResult) {
	t.Helper()
	wantStatus(t, r, http.StatusOK)
	var got, want []string
	for _, f := range decode[facilityFeatures](t, r).Features {
		if p := f.Properties; p.Layer != "subcentre_circle" || f.Geometry.Type != "Polygon" || p.RadiusKm != res.RadiusKm {
			t.Errorf("subcentre_circles.geojson: feature %+v", f)
		}
		got = append(got, f.Properties.ID)
	}
	for _, c := range res.Counties {
		for _, s := range c.Sites {
			want = append(want, s.Facility.ID)
		}
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("circles around %v, want around the proposed sub-centres %v", got, want)
	}
}

func TestRunReuse(t *testing.T) {
	ts := startTestServer(t, Config{})
	first := createRun(t, ts.URL, `{"kind": "plan"}`, http.StatusAccepted)
	waitRun(t, ts.URL, first.ID)
	for _, body := range []string{
		`{"kind": "plan"}`,
		// The same figures, spelled out: the policy's defaults made explicit.
		`{"kind": "plan", "dataset": "sample", "policy": "SHANXI", "radius_km": [15], "subcentres": ["auto"], "merge_km": 3, "existing_types": "county_hospital"}`,
		`{"kind": "plan", "radius_km": 15, "min_far_km": null}`,
	} {
		again := createRun(t, ts.URL, body, http.StatusOK)
		if again.ID != first.ID || again.Status != store.StatusDone || len(again.Results) == 0 {
			t.Errorf("%s: got run %s (%s), want the finished %s", body, again.ID, again.Status, first.ID)
		}
	}
	other := createRun(t, ts.URL, `{"kind": "plan", "merge_km": 4}`, http.StatusAccepted)
	if other.ID == first.ID {
		t.Error("different figures reused the run")
	}
	waitRun(t, ts.URL, other.ID)

	// A run still under way is shared too.
	release := blockRuns(ts)
	busy := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": 12}`, http.StatusAccepted)
	waitStatus(t, ts.URL, busy.ID, store.StatusRunning)
	same := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [12]}`, http.StatusAccepted)
	if same.ID != busy.ID || same.Status != store.StatusRunning {
		t.Errorf("identical request during the run: %s (%s), want %s running", same.ID, same.Status, busy.ID)
	}
	p := wantProblem(t, get(t, ts.URL+busy.URL+"/summary.json"), http.StatusConflict)
	if !strings.Contains(p.Detail, "running") {
		t.Errorf("detail %q", p.Detail)
	}
	release()
	if run := waitRun(t, ts.URL, busy.ID); run.Status != store.StatusDone {
		t.Fatalf("run %+v", run)
	}

	list := decode[struct{ Runs []RunInfo }](t, get(t, ts.URL+"/api/v1/runs")).Runs
	if len(list) != 3 || list[0].ID != busy.ID || list[2].ID != first.ID {
		ids := []string{}
		for _, r := range list {
			ids = append(ids, r.ID)
		}
		t.Errorf("run list %v, want newest first: %s, %s, %s", ids, busy.ID, other.ID, first.ID)
	}
}

func TestRunRequestErrors(t *testing.T) {
	ts := startTestServer(t, Config{})
	cases := []struct {
		name, body string
		status     int
		option     string
	}{
		{"unknown key", `{"kind": "plan", "radius": 15}`, 400, "radius"},
		{"coverage key in plan", `{"kind": "plan", "types": ["county_hospital"]}`, 400, "types"},
		{"plan key in coverage", `{"kind": "coverage", "subcentres": [1]}`, 400, "subcentres"},
		{"no kind", `{"radius_km": 15}`, 400, "kind"},
		{"bad kind", `{"kind": "sweep"}`, 400, "kind"},
		{"kind not a string", `{"kind": 1}`, 400, "kind"},
		{"zero radius", `{"kind": "plan", "radius_km": [0]}`, 400, "radius_km"},
		{"radius text", `{"kind": "coverage", "radius_km": "far"}`, 400, "radius_km"},
		{"radius twice", `{"kind": "coverage", "radius_km": [15, 15]}`, 400, "radius_km"},
		{"four sub-centres", `{"kind": "plan", "subcentres": [4]}`, 400, "subcentres"},
		{"zero sub-centres", `{"kind": "plan", "subcentres": 0}`, 400, "subcentres"},
		{"sub-centres word", `{"kind": "plan", "subcentres": "many"}`, 400, "subcentres"},
		{"thresholds out of order", `{"kind": "plan", "itinerant_below": 600, "merge_below": 500}`, 400, "merge_below"},
		{"negative distance", `{"kind": "plan", "merge_km": -1}`, 400, "merge_km"},
		{"fractional people", `{"kind": "plan", "min_gain_pop": 1.5}`, 400, "min_gain_pop"},
		{"unknown policy", `{"kind": "plan", "policy": "mars"}`, 400, "policy"},
		{"unknown type", `{"kind": "coverage", "types": ["hospital"]}`, 400, "types"},
		{"bad existing type", `{"kind": "plan", "existing_types": ["clinic"]}`, 400, "existing_types"},
		{"not an object", `[1, 2]`, 400, "body"},
		{"null", `null`, 400, "body"},
		{"not JSON", `kind=plan`, 400, "body"},
		{"trailing data", `{"kind": "plan"} {"kind": "plan"}`, 400, "body"},
		{"bad dataset id", `{"kind": "plan", "dataset": "../etc"}`, 400, "dataset"},
		{"missing dataset", `{"kind": "plan", "dataset": "nope"}`, 404, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := wantProblem(t, postJSON(t, ts.URL+"/api/v1/runs", c.body), c.status)
			if p.Option != c.option {
				t.Errorf("option %q, want %q (detail %q)", p.Option, c.option, p.Detail)
			}
			if c.option != "" && !strings.Contains(p.Detail, c.option) {
				t.Errorf("detail %q does not name %q", p.Detail, c.option)
			}
		})
	}
	wantProblem(t, do(t, http.MethodPost, ts.URL+"/api/v1/runs", strings.NewReader(`{"kind":"plan"}`), "Content-Type", "text/plain"),
		http.StatusUnsupportedMediaType)
	big := `{"kind": "plan", "policy": "` + strings.Repeat("x", maxRunRequestBytes) + `"}`
	wantProblem(t, postJSON(t, ts.URL+"/api/v1/runs", big), http.StatusRequestEntityTooLarge)
	if runs := decode[struct{ Runs []RunInfo }](t, get(t, ts.URL+"/api/v1/runs")).Runs; len(runs) != 0 {
		t.Errorf("refused requests created runs: %+v", runs)
	}
}

// TestDeletedDatasetRun: a run queued on a dataset deleted before it
// starts fails with a message saying so.
func TestDeletedDatasetRun(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	release := blockRuns(ts)
	up := decode[DatasetInfo](t, upload(t, ts.URL, []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}}))
	first := createRun(t, ts.URL, `{"kind": "coverage"}`, http.StatusAccepted)
	waitStatus(t, ts.URL, first.ID, store.StatusRunning)
	queued := createRun(t, ts.URL, `{"kind": "coverage", "dataset": "`+up.ID+`"}`, http.StatusAccepted)
	wantStatus(t, do(t, http.MethodDelete, ts.URL+"/api/v1/datasets/"+up.ID, nil), http.StatusNoContent)
	release()
	run := waitRun(t, ts.URL, queued.ID)
	if run.Status != store.StatusFailed || run.Error == nil || !strings.Contains(*run.Error, "deleted") {
		t.Fatalf("run on a deleted dataset: %+v", run)
	}
	if run := waitRun(t, ts.URL, first.ID); run.Status != store.StatusDone {
		t.Fatalf("first run %+v", run)
	}
}

// coverageSummary is summary.NewCoverageSummary for results that belong
// to their villages.
func coverageSummary(t testing.TB, villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult, reports ...*table.ReadReport) summary.CoverageSummary {
	t.Helper()
	s, err := summary.NewCoverageSummary(villages, facilities, res, reports...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
