package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNinetyPercentBadVillages is the documented outcome for a village
// file that is 90 % bad rows: the good rows are analysed and a warning
// naming the share and the reason goes to stderr even under --quiet;
// --strict fails with exit 3.
func TestNinetyPercentBadVillages(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,name,county,township,population,lon,lat\n")
	for i := range 100 {
		pop := "500"
		if i%10 != 0 {
			pop = "" // bad: missing population
		}
		fmt.Fprintf(&b, "V%03d,村%d,甲县,甲镇,%s,%.4f,37.5\n", i, i, pop, 112+float64(i)*0.001)
	}
	v := writeFile(t, dir, "v.csv", b.String())
	f := writeFile(t, dir, "f.csv", "id,name,type,lon,lat\nH1,县医院,county_hospital,112.05,37.5\n")
	code, stdout, stderr := runCLI(t, "coverage", "-q", "--villages", v, "--facilities", f)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "90 of 100 rows (90.0 %) rejected") || !strings.Contains(stderr, "missing population") {
		t.Errorf("no loud warning under --quiet:\n%s", stderr)
	}
	if !strings.Contains(stdout, "100.0%") {
		t.Errorf("the 10 good villages are not analysed:\n%s", stdout)
	}
	if code, _, _ := runCLI(t, "coverage", "-q", "--strict", "--villages", v, "--facilities", f); code != exitInvalidData {
		t.Errorf("--strict: exit %d, want %d", code, exitInvalidData)
	}
}

// TestAllHospitalsRejectedIsLoud: a file whose every county hospital is
// rejected says so even under --quiet.
func TestAllHospitalsRejectedIsLoud(t *testing.T) {
	dir := t.TempDir()
	v := writeFile(t, dir, "v.csv", "id,name,county,township,population,lon,lat\nV1,村,甲县,甲镇,100,112,37.5\n")
	var b strings.Builder
	b.WriteString("id,name,type,lon,lat\n")
	for i := range 200 {
		fmt.Fprintf(&b, "C%d,室%d,village_clinic,%.3f,37.5\n", i, i, 112+float64(i)*0.001)
	}
	b.WriteString("H1,县医院,county_hospital,,37.5\n")
	f := writeFile(t, dir, "f.csv", b.String())
	_, _, stderr := runCLI(t, "coverage", "-q", "--villages", v, "--facilities", f)
	if !strings.Contains(stderr, "no county hospital was accepted") {
		t.Errorf("no warning about the lost hospitals:\n%s", stderr)
	}
}

// TestBoundariesAssignCounty reads villages with no county column and
// facilities with neither county nor township, with the Shanxi sample's
// real county polygons as --boundaries, and checks the counties assigned
// against those the sample placed them in.
func TestBoundariesAssignCounty(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "sample", "-q", "--region", "shanxi", "--city", "太原市", "--out", dir); code != exitOK {
		t.Fatalf("sample: exit %d: %s", code, stderr)
	}
	for _, name := range []string{"villages.csv", "facilities.csv", "counties.geojson"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	// Drop the county column (and the code, which would give it).
	raw, _ := os.ReadFile(filepath.Join(dir, "villages.csv"))
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	want := map[string]string{}
	var b strings.Builder
	for i, l := range lines {
		c := strings.Split(l, ",")
		if i > 0 {
			want[c[0]] = c[2]
		}
		b.WriteString(strings.Join([]string{c[0], c[1], c[3], c[4], c[5], c[6]}, ",") + "\n")
	}
	v := writeFile(t, dir, "nocounty.csv", b.String())
	bounds := filepath.Join(dir, "counties.geojson")
	out := filepath.Join(dir, "cov.csv")
	code, _, stderr := runCLI(t, "coverage", "--villages", v, "--facilities", filepath.Join(dir, "facilities.csv"),
		"--boundaries", bounds, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "county taken from the boundary polygon") {
		t.Errorf("no warning about the assignment:\n%s", stderr)
	}
	if !strings.Contains(stderr, "state a county that differs from the boundary polygon") {
		t.Errorf("the facilities' stated development-zone counties are not reported:\n%s", stderr)
	}
	got, _ := os.ReadFile(out)
	rows := strings.Split(strings.TrimRight(string(got), "\n"), "\n")
	if len(rows)-1 != len(want) {
		t.Fatalf("%d villages out, want %d (none rejected)", len(rows)-1, len(want))
	}
	same := 0
	for _, r := range rows[1:] {
		c := strings.Split(r, ",")
		if want[c[0]] == c[2] {
			same++
		}
	}
	// Development zones (山西转型综合改革示范区) have no polygon of their own:
	// their villages lie in the host county's shape, so the boundary names
	// the host. Every other village must get its own county.
	zone := 0
	for _, c := range want {
		if strings.Contains(c, "示范区") || strings.Contains(c, "开发区") {
			zone++
		}
	}
	if same+zone < len(want) {
		t.Errorf("county from the boundary matches the sample's for %d of %d villages (%d in development zones)", same, len(want), zone)
	}
	t.Logf("county matches for %d of %d villages; %d in development zones", same, len(want), zone)
}

// TestBoundarySeats: plan takes each county's seat from the boundary
// file's seat_lon/seat_lat.
func TestBoundarySeats(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "sample", "-q", "--region", "shanxi", "--city", "1401", "--counties", "3", "--out", dir); code != exitOK {
		t.Fatalf("sample: exit %d: %s", code, stderr)
	}
	bounds := filepath.Join(dir, "counties.geojson")
	sum := filepath.Join(dir, "plan.json")
	if code, _, stderr := runCLI(t, "plan", "-q", "--villages", filepath.Join(dir, "villages.csv"),
		"--facilities", filepath.Join(dir, "facilities.csv"), "--boundaries", bounds, "--summary", sum); code != exitOK {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Name    string  `json:"name"`
				SeatLon float64 `json:"seat_lon"`
				SeatLat float64 `json:"seat_lat"`
			} `json:"properties"`
		} `json:"features"`
	}
	var plan struct {
		Counties []struct {
			County           string     `json:"county"`
			Seat             [2]float64 `json:"seat"`
			SeatFromHospital bool       `json:"seat_from_hospital"`
		} `json:"counties"`
	}
	readJSON(t, bounds, &fc)
	readJSON(t, sum, &plan)
	seats := map[string][2]float64{}
	for _, f := range fc.Features {
		seats[f.Properties.Name] = [2]float64{f.Properties.SeatLon, f.Properties.SeatLat}
	}
	if len(plan.Counties) == 0 {
		t.Fatal("no counties in the plan")
	}
	for _, c := range plan.Counties {
		want, ok := seats[c.County]
		if !ok {
			t.Fatalf("county %q not in the boundary file", c.County)
		}
		if c.SeatFromHospital || math.Abs(c.Seat[0]-want[0]) > 1e-6 || math.Abs(c.Seat[1]-want[1]) > 1e-6 {
			t.Errorf("%s: seat %v (from hospital %v), want %v from the boundary file", c.County, c.Seat, c.SeatFromHospital, want)
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}
