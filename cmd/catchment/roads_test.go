package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The Andorra extract (© OpenStreetMap contributors, ODbL 1.0; see
// examples/andorra/ATTRIBUTION.md and data/osm/testdata/ATTRIBUTION.md).
var (
	andorraPBF        = filepath.Join("..", "..", "data", "osm", "testdata", "andorra-2021-10-28.osm.pbf")
	andorraVillages   = filepath.Join("..", "..", "examples", "andorra", "villages.csv")
	andorraFacilities = filepath.Join("..", "..", "examples", "andorra", "facilities.csv")
)

func andorraArgs(cmd string, extra ...string) []string {
	return append([]string{cmd, "-q", "--villages", andorraVillages, "--facilities", andorraFacilities}, extra...)
}

func TestCoverageRoadAndorra(t *testing.T) {
	dir := t.TempDir()
	out, sum := filepath.Join(dir, "cov.csv"), filepath.Join(dir, "sum.json")
	code, stdout, stderr := runCLI(t, andorraArgs("coverage", "--roads", andorraPBF, "--out", out, "--summary", sum)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSVFile(t, out)
	if len(rows) != 66 {
		t.Fatalf("%d villages, want all 66 (none dropped)", len(rows))
	}
	changed := 0
	for _, r := range rows {
		if r["unreachable"] != "" {
			if r["road_km"] != "" || r["network_covered"] != "false" {
				t.Errorf("%s unreachable (%s) but road_km %q covered %q", r["id"], r["unreachable"], r["road_km"], r["network_covered"])
			}
			continue
		}
		road, err1 := strconv.ParseFloat(r["road_km"], 64)
		straight, err2 := strconv.ParseFloat(r["straight_km"], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: road_km %q straight_km %q", r["id"], r["road_km"], r["straight_km"])
		}
		// Property: no trip by road is shorter than the straight line to the
		// nearest facility in a straight line (1 mm of rounding).
		if road < straight-1e-6 {
			t.Errorf("%s: road %v km < straight %v km", r["id"], road, straight)
		}
		if r["nearest_facility_id"] != r["straight_nearest_id"] {
			changed++
		}
		if _, err := strconv.ParseFloat(r["snap_m"], 64); err != nil {
			t.Errorf("%s: snap_m %q", r["id"], r["snap_m"])
		}
		if m, err := strconv.ParseFloat(r["minutes"], 64); err != nil || !(m > 0) && road > 0 {
			t.Errorf("%s: minutes %q", r["id"], r["minutes"])
		}
	}
	if changed == 0 {
		t.Error("no village has a different nearest facility by road: the road metric was not used")
	}
	var s struct {
		Metric struct {
			Name      string              `json:"name"`
			Speeds    map[string]float64  `json:"speeds_kmh"`
			CoverLost []int               `json:"cover_lost_vs_straight"`
			Stats     struct{ Nodes int } `json:"road_stats"`
		} `json:"metric"`
	}
	b, err := os.ReadFile(sum)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.Metric.Name != "road" || s.Metric.Speeds["track"] != 15 || s.Metric.Stats.Nodes == 0 || len(s.Metric.CoverLost) != 1 {
		t.Errorf("summary metric %+v", s.Metric)
	}
	for _, want := range []string{"road by distance", "Against the straight line within 15 km:", "Speeds assumed by catchment"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
}

// A prepared network gives the very same coverage as the file it came from.
func TestRoadsPrepareSameCoverage(t *testing.T) {
	dir := t.TempDir()
	prepared := filepath.Join(dir, "andorra.roads")
	code, _, stderr := runCLI(t, "roads", "prepare", "-q", "-o", prepared, "--villages", andorraVillages, "--facilities", andorraFacilities, andorraPBF)
	if code != 0 {
		t.Fatalf("prepare: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "roads", "info", "-q", prepared)
	if code != 0 || !strings.Contains(stdout, "prepared") || !strings.Contains(stdout, "components") {
		t.Fatalf("info: exit %d: %s %s", code, stdout, stderr)
	}
	a, b := filepath.Join(dir, "a.geojson"), filepath.Join(dir, "b.geojson")
	for _, run := range [][2]string{{andorraPBF, a}, {prepared, b}} {
		if code, _, stderr := runCLI(t, andorraArgs("coverage", "--roads", run[0], "--minutes", "20", "--out", run[1])...); code != 0 {
			t.Fatalf("coverage --roads %s: exit %d: %s", run[0], code, stderr)
		}
	}
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if string(ab) != string(bb) || !strings.Contains(string(ab), `"network_covered":`) || !strings.Contains(string(ab), `"minutes":`) {
		t.Error("coverage from the prepared network differs from the PBF's")
	}
}

// Straight-line outputs have no metric columns.
func TestCoverageStraightHasNoMetricColumns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cov.csv")
	if code, _, stderr := runCLI(t, "coverage", "-q", "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	b, _ := os.ReadFile(out)
	header, _, _ := strings.Cut(string(b), "\n")
	if strings.Contains(header, "road_km") || strings.Contains(header, "straight_km") {
		t.Errorf("straight header %q has metric columns", header)
	}
}

// The embedded sample has roads of its own; a plan by road draws routes
// along them and says so.
func TestSampleRoadPlan(t *testing.T) {
	dir := t.TempDir()
	out, sum := filepath.Join(dir, "plan.geojson"), filepath.Join(dir, "plan.json")
	code, stdout, stderr := runCLI(t, "plan", "-q", "--distance", "road", "--out", out, "--summary", sum)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "road by distance; clinic plan road by distance") {
		t.Errorf("table does not state the metric:\n%s", stdout)
	}
	routes := 0
	var fc struct {
		Features []struct {
			Geometry struct {
				Type        string
				Coordinates json.RawMessage
			}
		}
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if f.Geometry.Type == "LineString" {
			routes++
			var pts [][2]float64
			if err := json.Unmarshal(f.Geometry.Coordinates, &pts); err != nil || len(pts) <= 3 {
				t.Errorf("route with %d points does not follow the roads (%v)", len(pts), err)
			}
		}
	}
	if routes == 0 {
		t.Error("no itinerant routes")
	}
	b, _ = os.ReadFile(sum)
	if !strings.Contains(string(b), `"clinic_metric": "road by distance"`) {
		t.Error("plan summary lacks the metric")
	}
}

func TestSampleWritesRoads(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "sample", "-q", "--counties", "1", "--roads", "-o", dir); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "cov.csv")
	code, _, stderr := runCLI(t, "coverage", "-q", "--villages", filepath.Join(dir, "villages.csv"),
		"--facilities", filepath.Join(dir, "facilities.csv"), "--roads", filepath.Join(dir, "roads.geojson"), "--minutes", "30", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSVFile(t, out)
	if len(rows) == 0 || rows[0]["minutes"] == "" {
		t.Errorf("rows %v", rows[:min(1, len(rows))])
	}
}

func TestRoadFlagErrors(t *testing.T) {
	dir := t.TempDir()
	shp := writeFile(t, dir, "roads.shp", "x")
	od := writeFile(t, dir, "od.csv", "origin_id,destination_id,km\nV1,F1,3\n")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"minutes straight", []string{"coverage", "--minutes", "30"}, 2, "--minutes needs a travel-time metric"},
		{"unknown distance", []string{"coverage", "--distance", "manhattan"}, 2, "want straight, road or od"},
		{"unknown road type", []string{"coverage", "--roads", shp}, 2, "unknown road file type"},
		{"missing road file", []string{"coverage", "--roads", filepath.Join(dir, "nope.osm.pbf")}, 2, "no such file"},
		{"road without roads", andorraArgs("coverage", "--distance", "road"), 2, "needs --roads"},
		{"roads with straight", []string{"coverage", "--distance", "straight", "--roads", andorraPBF}, 2, "--roads needs --distance road"},
		{"od without file", []string{"coverage", "--distance", "od"}, 2, "needs --od-matrix"},
		{"od minutes without column", []string{"coverage", "--od-matrix", od, "--minutes", "30"}, 2, "no minutes column"},
		{"bad speeds", []string{"coverage", "--distance", "road", "--speeds", "track=fast"}, 2, "--speeds"},
		{"circles by minutes", []string{"coverage", "--distance", "road", "--minutes", "30", "--facility-circles-out", filepath.Join(dir, "f.geojson")}, 2, "--facility-circles-out draws circles"},
		{"plan minutes straight", []string{"plan", "--minutes", "30"}, 2, "--minutes needs a travel-time metric"},
		{"prepare without -o", []string{"roads", "prepare", andorraPBF}, 2, "needs -o"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr %q lacks %q", code, tt.code, stderr, tt.want)
			}
		})
	}
}

// A village farther than --max-snap-km from every road is reported
// unreachable with the reason, not dropped.
func TestCoverageUnreachableReported(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "cov.geojson")
	code, stdout, stderr := runCLI(t, andorraArgs("coverage", "--roads", andorraPBF, "--max-snap-km", "0.05", "--out", out)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	feats := featureCollection(t, out)
	if len(feats) != 66 {
		t.Fatalf("%d features, want 66", len(feats))
	}
	unreachable := 0
	for _, p := range feats {
		if r, _ := p["unreachable"].(string); r != "" {
			unreachable++
			if p["network_covered"] != false || p["road_km"] != nil || p["straight_km"] == nil {
				t.Errorf("%v: unreachable %q with covered %v road_km %v straight_km %v", p["id"], r, p["network_covered"], p["road_km"], p["straight_km"])
			}
		}
	}
	if unreachable == 0 {
		t.Fatal("no village unreachable within 50 m of a road")
	}
	if want := "reaching no emergency facility by this metric: " + strconv.Itoa(unreachable); !strings.Contains(stdout, want) {
		t.Errorf("table lacks %q:\n%s", want, stdout)
	}
}

// A scenario's [speeds] table overrides catchment's speeds.
func TestScenarioSpeeds(t *testing.T) {
	dir := t.TempDir()
	scen := writeFile(t, dir, "s.toml", "distance = \"road\"\nminutes = [30]\n[speeds]\ntrack = 7\n")
	sum := filepath.Join(dir, "sum.json")
	code, _, stderr := runCLI(t, "coverage", "-q", "--scenario", scen, "--summary", sum)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(sum)
	if !strings.Contains(string(b), `"track":7`) || !strings.Contains(string(b), `"radius_minutes":[30]`) {
		t.Errorf("summary lacks the scenario's speed or minutes: %.400s", b)
	}
}
