package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlanOnSampleWritesEverything(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	code, stdout, stderr := runCLI(t, "plan", "-q", "--out", p("plan.geojson"), "--out-dir", p("layers"),
		"--summary", p("plan.json"), "--csv-dir", p("csv"), "--report", p("plan.md"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Sub-centre plan") {
		t.Errorf("stdout lacks the plan table:\n%s", stdout)
	}
	layers := map[string]int{}
	for _, props := range featureCollection(t, p("plan.geojson")) {
		layers[props["layer"].(string)]++
	}
	for _, l := range []string{"village", "subcentre", "joint_clinic", "itinerant_route"} {
		if layers[l] == 0 {
			t.Errorf("no %s features in plan.geojson (layers %v)", l, layers)
		}
	}
	for _, f := range []string{"layers/villages.geojson", "layers/subcentres.geojson", "layers/joint_clinics.geojson",
		"layers/itinerant_routes.geojson", "csv/counties.csv", "csv/townships.csv", "csv/subcentres.csv", "csv/villages.csv", "plan.md"} {
		if st, err := os.Stat(p(f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	var s struct {
		Counties []struct {
			County     string   `json:"county"`
			Subcentres []string `json:"subcentres"`
		} `json:"counties"`
		Townships []json.RawMessage `json:"townships"`
	}
	b, _ := os.ReadFile(p("plan.json"))
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Counties) != 4 || len(s.Townships) == 0 {
		t.Errorf("summary has %d counties, %d townships", len(s.Counties), len(s.Townships))
	}
	if n := layers["village"]; n != 1116 {
		t.Errorf("%d village features, want the sample's 1116", n)
	}
}

func TestPlanSweep(t *testing.T) {
	sum := filepath.Join(t.TempDir(), "plan.json")
	code, stdout, stderr := runCLI(t, "plan", "-q", "--radius-km", "10,15,20", "--subcentres", "1,2,3", "--summary", sum)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Sweep []struct {
			RadiusKm float64 `json:"radius_km"`
		} `json:"sweep"`
	}
	b, _ := os.ReadFile(sum)
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Sweep) != 9 {
		t.Errorf("sweep has %d rows, want 9", len(s.Sweep))
	}
	if !strings.Contains(stdout, "20") {
		t.Errorf("stdout lacks the sweep table:\n%s", stdout)
	}
}

func TestPlanExampleScenarios(t *testing.T) {
	files, err := filepath.Glob("../../examples/scenarios/*")
	if err != nil || len(files) < 5 {
		t.Fatalf("scenarios: %v %v", files, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if code, _, stderr := runCLI(t, "plan", "-q", "--scenario", f); code != exitOK {
				t.Errorf("exit %d: %s", code, stderr)
			}
		})
	}
}

func TestPlanBadOptions(t *testing.T) {
	dir := t.TempDir()
	badKey := writeFile(t, dir, "bad.toml", "policy = \"shanxi\"\nmerge_radius = 3\n")
	badK := writeFile(t, dir, "badk.yaml", "subcentres: 7\n")
	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"K too large", []string{"plan", "--subcentres", "4"}, "subcentres"},
		{"K zero", []string{"plan", "--subcentres", "0"}, "subcentres"},
		{"unknown policy", []string{"plan", "--policy", "beijing"}, "beijing"},
		{"negative radius", []string{"plan", "--radius-km", "-15"}, "radius"},
		{"negative merge-km", []string{"plan", "--merge-km", "-1"}, "merge-km"},
		{"thresholds out of order", []string{"plan", "--merge-below", "900"}, "own-clinic-from"},
		{"negative min-gain-pop", []string{"plan", "--min-gain-pop", "-5"}, "min-gain-pop"},
		{"scenario unknown key", []string{"plan", "--scenario", badKey}, "merge_radius"},
		{"scenario bad K", []string{"plan", "--scenario", badK}, "subcentres"},
		{"missing scenario", []string{"plan", "--scenario", filepath.Join(dir, "none.toml")}, "none.toml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tc.msg) {
				t.Errorf("stderr does not name %q:\n%s", tc.msg, stderr)
			}
		})
	}
}

// --candidates takes any points: id, county and coordinates are enough.
func TestPlanCandidatesAnyPoints(t *testing.T) {
	dir := t.TempDir()
	cands := writeFile(t, dir, "c.csv", "id,county,lon,lat\nS1,孝绛县,111.3,37.2\nS2,孝绛县,111.2,37.6\n")
	sum := filepath.Join(dir, "plan.json")
	code, _, stderr := runCLI(t, "plan", "-q", "--candidates", cands, "--subcentres", "1", "--summary", sum)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Counties []struct {
			County     string   `json:"county"`
			Subcentres []string `json:"subcentres"`
		} `json:"counties"`
	}
	b, _ := os.ReadFile(sum)
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	chosen := 0
	for _, c := range s.Counties {
		chosen += len(c.Subcentres)
		for _, id := range c.Subcentres {
			if c.County != "孝绛县" || (id != "S1" && id != "S2") {
				t.Errorf("county %s chose %s; only the given candidates of 孝绛县 may be chosen", c.County, id)
			}
		}
	}
	if chosen != 1 {
		t.Errorf("%d sites chosen, want 1 (孝绛县's best candidate)", chosen)
	}
}
