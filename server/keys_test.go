package server

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/catchment/catchment/server/internal/store"
)

// TestRunRequestFromScenarioFile posts an example scenario file, as it is,
// as a run request: every key of it is a run key.
func TestRunRequestFromScenarioFile(t *testing.T) {
	ts := startTestServer(t, Config{})
	for _, name := range []string{"ordos.toml", "shanxi.toml", "xinjiang.toml", "dadukou.toml"} {
		raw, err := os.ReadFile("../examples/scenarios/" + name)
		if err != nil {
			t.Fatal(err)
		}
		values := map[string]any{}
		if _, err := toml.Decode(string(raw), &values); err != nil {
			t.Fatal(err)
		}
		values["kind"] = "plan"
		body, err := json.Marshal(values)
		if err != nil {
			t.Fatal(err)
		}
		r := postJSON(t, ts.URL+"/api/v1/runs", string(body))
		if r.StatusCode != http.StatusAccepted && r.StatusCode != http.StatusOK {
			t.Errorf("%s as a run request: %d %s", name, r.StatusCode, r.Body)
		}
	}
}

// TestCoverageQueryBothSpellings: the coverage URL takes radius-km too.
func TestCoverageQueryBothSpellings(t *testing.T) {
	ts := startTestServer(t, Config{})
	a := get(t, ts.URL+"/api/v1/datasets/sample/coverage?radius_km=12&format=csv")
	b := get(t, ts.URL+"/api/v1/datasets/sample/coverage?radius-km=12&format=csv")
	wantStatus(t, a, http.StatusOK)
	wantStatus(t, b, http.StatusOK)
	if string(a.Body) != string(b.Body) || !strings.HasPrefix(string(a.Body), "\ufeffid,") {
		t.Errorf("radius-km and radius_km differ, or no BOM: %.40q / %.40q", a.Body, b.Body)
	}
	wantProblem(t, get(t, ts.URL+"/api/v1/datasets/sample/coverage?radius-km=12&radius_km=15"), http.StatusBadRequest)
}

// TestRoutesResultName: the itinerant routes are itinerant_routes.geojson,
// as --out-dir names them, and the former URL routes.geojson serves the
// same file.
func TestRoutesResultName(t *testing.T) {
	ts := startTestServer(t, Config{})
	run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "plan"}`, http.StatusAccepted).ID)
	if run.Status != store.StatusDone || run.Results["itinerant_routes.geojson"] != run.URL+"/itinerant_routes.geojson" || run.Results["routes.geojson"] != "" {
		t.Fatalf("results %v", run.Results)
	}
	a := get(t, ts.URL+run.URL+"/itinerant_routes.geojson")
	b := get(t, ts.URL+run.URL+"/routes.geojson")
	wantStatus(t, a, http.StatusOK)
	wantStatus(t, b, http.StatusOK)
	if string(a.Body) != string(b.Body) || !strings.Contains(string(a.Body), `"layer":"itinerant_route"`) {
		t.Errorf("routes.geojson (%d bytes) is not itinerant_routes.geojson (%d bytes)", len(b.Body), len(a.Body))
	}
}
