package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the program with args and returns exit code, stdout, stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"catchment"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// writeFile writes content to name inside dir and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// featureCollection reads a GeoJSON file written by the CLI.
func featureCollection(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Type       string
			Geometry   map[string]any
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if fc.Type != "FeatureCollection" {
		t.Fatalf("%s: type %q", path, fc.Type)
	}
	props := make([]map[string]any, len(fc.Features))
	for i, f := range fc.Features {
		props[i] = f.Properties
	}
	return props
}

const (
	goodVillages   = "id,name,county,township,population,lon,lat\nV1,A,C1,T1,300,112.0,37.0\nV2,B,C1,T1,900,112.5,37.0\n"
	goodFacilities = "id,name,type,county,township,lon,lat\nH1,Hosp,county_hospital,C1,T1,112.0,37.05\n"
)

func TestCoverageOnSample(t *testing.T) {
	code, stdout, stderr := runCLI(t, "coverage", "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "15") || len(strings.Split(stdout, "\n")) < 5 {
		t.Errorf("expected a coverage table on stdout, got:\n%s", stdout)
	}
}

func TestCoverageWritesOutputs(t *testing.T) {
	dir := t.TempDir()
	v := writeFile(t, dir, "v.csv", goodVillages)
	f := writeFile(t, dir, "f.csv", goodFacilities)
	out, sum, fac := filepath.Join(dir, "out.geojson"), filepath.Join(dir, "summary.json"), filepath.Join(dir, "fac.geojson")
	code, _, stderr := runCLI(t, "coverage", "--villages", v, "--facilities", f, "--radius-km", "15",
		"--out", out, "--summary", sum, "--facilities-out", fac)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	props := featureCollection(t, out)
	if len(props) != 2 {
		t.Fatalf("%d features, want 2", len(props))
	}
	// V1 is 5.5 km from H1, V2 about 45 km away.
	if props[0]["id"] != "V1" || props[0]["network_covered"] != true || props[0]["nearest_facility_id"] != "H1" {
		t.Errorf("V1 properties %v", props[0])
	}
	if props[1]["network_covered"] != false {
		t.Errorf("V2 properties %v", props[1])
	}
	var s map[string]any
	b, _ := os.ReadFile(sum)
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	total := s["total"].(map[string]any)
	if total["villages"] != 2.0 || total["network_covered_population"] != 300.0 {
		t.Errorf("summary total %v", total)
	}
	if fs := featureCollection(t, fac); len(fs) != 1 || fs[0]["layer"] != "facility" { // the hospital, no circle
		t.Errorf("facilities file has %v, want the hospital's point", fs)
	}
	circles := filepath.Join(dir, "circles.geojson")
	if code, _, stderr := runCLI(t, "coverage", "-q", "--villages", v, "--facilities", f, "--radius-km", "10,15",
		"--facility-circles-out", circles); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if cs := featureCollection(t, circles); len(cs) != 2 || cs[0]["radius_km"] != 10.0 || cs[1]["radius_km"] != 15.0 {
		t.Errorf("circles file %v, want the hospital's circles of 10 and 15 km", cs)
	}

	t.Run("csv and several radii", func(t *testing.T) {
		out := filepath.Join(dir, "out.csv")
		if code, _, stderr := runCLI(t, "coverage", "-q", "--villages", v, "--facilities", f, "--radius-km", "5,50", "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, _ := os.ReadFile(out)
		if !strings.Contains(string(b), "network_covered_5km,network_covered_50km") {
			t.Errorf("csv header lacks per-radius columns:\n%s", b)
		}
		// GDAL's sidecars: the column types, and the points' WGS84.
		csvt, _ := os.ReadFile(filepath.Join(dir, "out.csvt"))
		if want := `"String","String","String","String","Integer","CoordX","CoordY","String","Real","Integer(Boolean)","Integer(Boolean)"` + "\n"; string(csvt) != want {
			t.Errorf("out.csvt %q, want %q", csvt, want)
		}
		if _, err := os.Stat(filepath.Join(dir, "out.prj")); err != nil {
			t.Errorf("no out.prj: %v", err)
		}
	})
}

func TestCoverageExitCodes(t *testing.T) {
	dir := t.TempDir()
	v := writeFile(t, dir, "v.csv", goodVillages)
	f := writeFile(t, dir, "f.csv", goodFacilities)
	empty := writeFile(t, dir, "empty.csv", "")
	nocol := writeFile(t, dir, "nocol.csv", "id,name,county,township,lon,lat\nV1,A,C1,T1,112,37\n")
	bad := writeFile(t, dir, "bad.csv", goodVillages+"V3,C,C1,T1,-5,112,37\n")
	unknownKey := writeFile(t, dir, "s.toml", "radius_km = [15]\nbogus = 1\n")
	badValue := writeFile(t, dir, "s2.toml", "radius-km = \"fifteen\"\n")
	twoSpellings := writeFile(t, dir, "s3.toml", "radius_km = [15]\nradius-km = [20]\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown flag", []string{"coverage", "--radius", "15"}, exitUsage, "radius"},
		{"negative radius", []string{"coverage", "--radius-km", "-5"}, exitUsage, "radius"},
		{"non-numeric radius", []string{"coverage", "--radius-km", "abc"}, exitUsage, "abc"},
		{"villages without facilities", []string{"coverage", "--villages", v}, exitUsage, "--facilities"},
		{"missing file", []string{"coverage", "--villages", filepath.Join(dir, "nope.csv"), "--facilities", f}, exitUsage, "nope.csv"},
		{"bad format", []string{"coverage", "--format", "xml", "--out", filepath.Join(dir, "x")}, exitUsage, "xml"},
		{"bad type", []string{"coverage", "--types", "hospital"}, exitUsage, "hospital"},
		{"bad crs", []string{"coverage", "--crs", "mars"}, exitUsage, "mars"},
		{"bad encoding", []string{"coverage", "--encoding", "latin1"}, exitUsage, "latin1"},
		{"duplicate radius", []string{"coverage", "--radius-km", "15,15"}, exitUsage, "twice"},
		{"sample without --out", []string{"sample"}, exitUsage, "--out"},
		{"unknown command", []string{"covrage"}, exitUsage, "covrage"},
		{"scenario unknown key", []string{"coverage", "--scenario", unknownKey}, exitUsage, "bogus"},
		{"scenario bad value", []string{"coverage", "--scenario", badValue}, exitUsage, "radius-km"},
		{"scenario key in both spellings", []string{"coverage", "--scenario", twoSpellings}, exitUsage, `keys "radius-km" and "radius_km" are the same key given twice`},
		{"empty file", []string{"coverage", "--villages", empty, "--facilities", f}, exitInvalidData, "empty.csv"},
		{"missing column", []string{"coverage", "--villages", nocol, "--facilities", f}, exitInvalidData, "population"},
		{"strict bad row", []string{"coverage", "--strict", "--villages", bad, "--facilities", f}, exitInvalidData, "bad.csv:4"},
		{"unwritable output", []string{"coverage", "--out", filepath.Join(dir, "no", "such", "dir", "o.geojson")}, exitOutput, "o.geojson"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.msg) {
				t.Errorf("stderr does not mention %q:\n%s", tc.msg, stderr)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Errorf("panic on stderr:\n%s", stderr)
			}
		})
	}
}

func TestCoverageReportsRejectedRows(t *testing.T) {
	dir := t.TempDir()
	v := writeFile(t, dir, "v.csv", goodVillages+"V3,C,C1,T1,12.5,112,37\nV4,D,C1,T1,100,37,112\n")
	f := writeFile(t, dir, "f.csv", goodFacilities)
	sum := filepath.Join(dir, "s.json")
	code, _, stderr := runCLI(t, "coverage", "--villages", v, "--facilities", f, "--summary", sum)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"v.csv:4", "v.csv:5", "swapped"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	var s struct {
		RejectedCount int `json:"rejected_count"`
		Rejected      []struct {
			File   string
			Line   int
			Reason string
		}
	}
	b, _ := os.ReadFile(sum)
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if s.RejectedCount != 2 || len(s.Rejected) != 2 || s.Rejected[0].Line != 4 || s.Rejected[1].Line != 5 {
		t.Errorf("summary rejected = %+v", s)
	}
}

func TestScenarioFileAndOverride(t *testing.T) {
	dir := t.TempDir()
	v := writeFile(t, dir, "v.csv", goodVillages)
	f := writeFile(t, dir, "f.csv", goodFacilities)
	out := filepath.Join(dir, "o.csv")
	for _, tc := range []struct{ file, content string }{
		{"s.toml", "villages = '" + v + "'\nfacilities = '" + f + "'\nradius-km = [10, 60]\nout = '" + out + "'\nquiet = true\n"},
		{"s.yaml", "villages: " + v + "\nfacilities: " + f + "\nradius_km: [10, 60]\nout: " + out + "\nquiet: true\n"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s := writeFile(t, dir, tc.file, tc.content)
			if code, _, stderr := runCLI(t, "coverage", "--scenario", s); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			b, _ := os.ReadFile(out)
			if !strings.Contains(string(b), "network_covered_10km,network_covered_60km") {
				t.Errorf("scenario radii not applied:\n%s", b)
			}
			// The command line wins over the file.
			if code, _, stderr := runCLI(t, "coverage", "--scenario", s, "--radius-km", "20"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			b, _ = os.ReadFile(out)
			if !strings.Contains(string(b), "network_covered") || strings.Contains(string(b), "network_covered_10km") {
				t.Errorf("command-line radius did not override the scenario:\n%s", b)
			}
		})
	}
}

// Every command's help explains every flag and shows examples.
func TestHelpExplainsEveryFlag(t *testing.T) {
	for _, cmd := range newApp(nil, nil).Commands {
		if cmd.Name == "help" {
			continue
		}
		t.Run(cmd.Name, func(t *testing.T) {
			stdout := helpOf(t, cmd.Name)
			for _, f := range cmd.Flags {
				if !strings.Contains(stdout, "--"+f.Names()[0]) {
					t.Errorf("help does not mention --%s", f.Names()[0])
				}
			}
			if !strings.Contains(stdout, "Examples:") {
				t.Error("help has no examples")
			}
		})
	}
}

// helpOf returns `catchment COMMAND --help`.
func helpOf(t *testing.T, command string) string {
	t.Helper()
	code, stdout, stderr := runCLI(t, command, "--help")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return stdout
}

func TestSampleRoundTrip(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "sample", "--counties", "2", "--seed", "3", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "villages") {
		t.Errorf("stdout: %s", stdout)
	}
	code, _, stderr = runCLI(t, "coverage", "-q", "--strict", "--villages", filepath.Join(dir, "villages.csv"),
		"--facilities", filepath.Join(dir, "facilities.csv"))
	if code != 0 {
		t.Fatalf("coverage on generated sample: exit %d: %s", code, stderr)
	}
	if code, _, _ := runCLI(t, "sample", "--counties", "0", "--out", dir); code != exitUsage {
		t.Errorf("--counties 0: exit %d, want %d", code, exitUsage)
	}
}

func TestOutputsMustDiffer(t *testing.T) {
	dir := t.TempDir()
	same := filepath.Join(dir, "same.json")
	for _, args := range [][]string{
		{"coverage", "--out", same, "--summary", same},
		{"coverage", "--out", "-", "--summary", "-"},
		{"plan", "--summary", same, "--report", filepath.Join(dir, ".", "same.json")},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage || !strings.Contains(stderr, "both write to") {
			t.Errorf("%v: exit %d, stderr:\n%s", args, code, stderr)
		}
		if _, err := os.Stat(same); err == nil {
			t.Errorf("%v: wrote %s although the flags clash", args, same)
		}
	}
}

func TestScenarioPathsAndValues(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "v.csv", goodVillages)
	writeFile(t, dir, "f.csv", goodFacilities)
	out := filepath.Join(t.TempDir(), "o.csv")
	// Input paths are relative to the scenario file, wherever catchment runs.
	s := writeFile(t, dir, "s.yaml", "villages: v.csv\nfacilities: f.csv\nstrict: yes\nquiet: on\nout: "+out+"\n")
	if code, _, stderr := runCLI(t, "coverage", "--scenario", s); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "V2") {
		t.Errorf("output %q, %v", b, err)
	}
	bad := writeFile(t, dir, "bad.toml", "min-gain-pop = 1.5\n")
	code, _, stderr := runCLI(t, "plan", "--scenario", bad)
	if code != exitUsage || !strings.Contains(stderr, "whole number") || !strings.Contains(stderr, "min-gain-pop") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}
