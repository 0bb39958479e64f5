package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAndorraExample runs examples/andorra as its script does, on the
// real OpenStreetMap files exactly as published (ODbL; see the example's
// ATTRIBUTION.md): nothing is rejected, every mess is a warning, and every
// settlement comes out with its road distance.
func TestAndorraExample(t *testing.T) {
	ex := filepath.Join("..", "..", "examples", "andorra")
	pbf := filepath.Join("..", "..", "data", "osm", "testdata", "andorra-2021-10-28.osm.pbf")
	dir := t.TempDir()
	code, _, stderr := runCLI(t, "coverage", "--villages", filepath.Join(ex, "villages.csv"),
		"--facilities", filepath.Join(ex, "facilities.csv"), "--roads", pbf, "--radius-km", "5,10",
		"--out", filepath.Join(dir, "coverage.geojson"), "--summary", filepath.Join(dir, "coverage.json"))
	if code != 0 {
		t.Fatalf("coverage exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"1 village with population 0", "7 facilities without a name", "facilities without a county",
		"ways skipped, closed to cars: 48",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "coverage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		RejectedCount int `json:"rejected_count"`
		Total         struct {
			Villages int `json:"villages"`
		} `json:"total"`
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if sum.RejectedCount != 0 || sum.Total.Villages != 66 {
		t.Errorf("rejected %d, villages %d; want 0 and 66", sum.RejectedCount, sum.Total.Villages)
	}
	for _, p := range featureCollection(t, filepath.Join(dir, "coverage.geojson")) {
		road, rok := p["road_km"].(float64)
		straight, sok := p["straight_km"].(float64)
		if !rok || !sok || road < straight {
			t.Errorf("village %v: road_km %v, straight_km %v", p["id"], p["road_km"], p["straight_km"])
		}
	}
	code, _, stderr = runCLI(t, "plan", "--quiet", "--villages", filepath.Join(ex, "villages.csv"),
		"--facilities", filepath.Join(ex, "facilities.csv"), "--roads", pbf, "--radius-km", "10",
		"--out-dir", filepath.Join(dir, "layers"), "--report", filepath.Join(dir, "plan.md"))
	if code != 0 {
		t.Fatalf("plan exit %d: %s", code, stderr)
	}
}
