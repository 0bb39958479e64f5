package main

import (
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/catchment/catchment/maps"
)

// decodePNGSize returns the pixel size of a PNG file.
func decodePNGSize(t *testing.T, path string) (int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cfg.Width, cfg.Height
}

// svgVillages counts the village markers of an SVG map by status: the
// elements filled with each status colour, less the legend's swatch.
func svgVillages(t *testing.T, path string) map[string]int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for name, c := range map[string]string{"county_care_today": maps.HexColor(maps.Palette().Village.CountyCareToday),
		"county_care_after": maps.HexColor(maps.Palette().Village.CountyCareAfter), "no_county_care": maps.HexColor(maps.Palette().Village.NoCountyCare)} {
		out[name] = len(regexp.MustCompile(`style="fill:`+c+`"`).FindAllIndex(b, -1)) - 1
	}
	return out
}

func TestMapWithoutArgumentsDrawsTheSample(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := runCLI(t, "map", "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if w, h := decodePNGSize(t, mapDefaultOut); w != 1181 || h != 1181 {
		t.Errorf("map.png is %d x %d, want 20 cm at 150 dpi: 1181 x 1181", w, h)
	}
	if !strings.Contains(stdout, "4 counties, 1,116 villages") {
		t.Errorf("stdout: %q", stdout)
	}
}

func TestMapCountyFilter(t *testing.T) {
	out := filepath.Join(t.TempDir(), "xj.svg")
	code, stdout, stderr := runCLI(t, "map", "-q", "--county", "孝绛县", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	n := svgVillages(t, out)
	if total := n["county_care_today"] + n["county_care_after"] + n["no_county_care"]; total != 322 {
		t.Errorf("%d village markers (%v), want the 322 villages of 孝绛县", total, n)
	}
	if !strings.Contains(stdout, "1 county, 322 villages") {
		t.Errorf("stdout: %q", stdout)
	}
}

func TestMapPerCounty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "maps")
	code, _, stderr := runCLI(t, "map", "-q", "--per-county", dir, "--width", "10cm", "--dpi", "72")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 4 {
		t.Fatalf("files %v, want one per county", files)
	}
	for _, county := range []string{"孝绛县", "明寿县", "永交县", "淮古县"} {
		if w, h := decodePNGSize(t, filepath.Join(dir, county+".png")); w != 283 || h != 283 {
			t.Errorf("%s.png is %d x %d, want 10 cm at 72 dpi", county, w, h)
		}
	}
	if _, err := os.Stat(mapDefaultOut); err == nil {
		t.Errorf("--per-county alone also wrote %s", mapDefaultOut)
	}
}

// TestMapFromPlanFile draws the plan file 'catchment plan --out' wrote:
// the same villages in the same classes as drawing from the inputs.
func TestMapFromPlanFile(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.geojson")
	if code, _, stderr := runCLI(t, "plan", "-q", "--out", plan); code != exitOK {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	fromFile, fromInputs := filepath.Join(dir, "file.svg"), filepath.Join(dir, "inputs.svg")
	if code, _, stderr := runCLI(t, "map", "-q", "--plan", plan, "--out", fromFile); code != exitOK {
		t.Fatalf("map --plan: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "map", "-q", "--out", fromInputs); code != exitOK {
		t.Fatalf("map: exit %d: %s", code, stderr)
	}
	a, b := svgVillages(t, fromFile), svgVillages(t, fromInputs)
	if a["county_care_today"] != b["county_care_today"] || a["county_care_after"] != b["county_care_after"] || a["no_county_care"] != b["no_county_care"] {
		t.Errorf("from the plan file %v, from the inputs %v", a, b)
	}
	if a["county_care_after"] == 0 || a["no_county_care"] == 0 {
		t.Errorf("the sample plan should have villages with county-level care from a sub-centre and without any: %v", a)
	}
	// The file holds the existing facilities, the clinic plan and the
	// policy warnings too: the whole drawing is the same, down to the
	// title's note on the warnings (the sample misses R2's minimum in one
	// county).
	fileSVG, _ := os.ReadFile(fromFile)
	inputsSVG, _ := os.ReadFile(fromInputs)
	note := " (1 county could not meet the R2 minimum)"
	if !strings.Contains(string(fileSVG), note) {
		t.Errorf("the map drawn from the plan file lacks the warning note %q in its title", note)
	}
	if string(fileSVG) != string(inputsSVG) {
		t.Error("the map drawn from the plan file differs from the map drawn from the inputs")
	}
	hospitals := regexp.MustCompile(`style="fill:` + maps.HexColor(maps.Palette().Facility.CountyHospital) + `"`)
	if n := len(hospitals.FindAllIndex(fileSVG, -1)); n != 5+1 {
		t.Errorf("%d county hospital squares drawn from the plan file, want the sample's 5 + 1 legend swatch", n)
	}
	// The plan records its 15 km radius: another --radius-km contradicts it.
	for _, r := range []string{"10", "20"} {
		code, _, stderr := runCLI(t, "map", "-q", "--plan", plan, "--radius-km", r, "--out", filepath.Join(dir, "x.png"))
		if code != exitUsage || !strings.Contains(stderr, r+" km disagrees with the 15 km") {
			t.Errorf("--radius-km %s on a 15 km plan: exit %d: %s", r, code, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "map", "-q", "--plan", plan, "--radius-km", "15,20", "--out", filepath.Join(dir, "x.png")); code != exitUsage || !strings.Contains(stderr, "one radius") {
		t.Errorf("two radii with --plan: exit %d: %s", code, stderr)
	}
}

// TestMapPlanRadiusFromFile draws a plan made at another radius than the
// default policy's with the radius the file records, not the policy's.
func TestMapPlanRadiusFromFile(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan10.geojson")
	if code, _, stderr := runCLI(t, "plan", "-q", "--policy", "dadukou", "--out", plan); code != exitOK {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "p.svg")
	code, stdout, stderr := runCLI(t, "map", "-q", "--plan", plan, "--out", out)
	if code != exitOK {
		t.Fatalf("map --plan: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "10 km emergency radius") || strings.Contains(string(b), "15 km") {
		t.Errorf("the 10 km plan is not drawn at 10 km")
	}
	if !strings.Contains(stdout, "4 counties,") || strings.Contains(stdout, "1 sub-centres") {
		t.Errorf("stdout %q", stdout)
	}

	// A file written before radius_km existed needs --radius-km.
	old := filepath.Join(dir, "old.geojson")
	raw, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	stripped := regexp.MustCompile(`"radius_km":[0-9.]+,`).ReplaceAll(raw, nil)
	if len(stripped) == len(raw) {
		t.Fatal("the plan file has no radius_km")
	}
	if err := os.WriteFile(old, stripped, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "map", "-q", "--plan", old, "--out", out); code != exitUsage || !strings.Contains(stderr, "does not record its radius") {
		t.Errorf("old file without --radius-km: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "map", "-q", "--plan", old, "--radius-km", "10", "--out", out); code != exitOK {
		t.Errorf("old file with --radius-km 10: exit %d: %s", code, stderr)
	}
}

func TestMapSweep(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "sweep.png")
	code, stdout, stderr := runCLI(t, "map", "-q", "--sweep", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if w, h := decodePNGSize(t, out); w != 1181 || h != 709 {
		t.Errorf("sweep.png is %d x %d, want 20 x 12 cm at 150 dpi", w, h)
	}
	if !strings.Contains(stdout, "4 counties, 11 radii") {
		t.Errorf("stdout %q", stdout)
	}
	svg := filepath.Join(dir, "xj.svg")
	code, _, stderr = runCLI(t, "map", "-q", "--sweep", "--county", "孝绛县", "--radius-km", "10,15,20", "--out", svg)
	if code != exitOK {
		t.Fatalf("--county: exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(svg)
	name := "孝绛县"
	if !maps.DefaultFonts().CJK() {
		name = "Xiaojiang Xian" // no Chinese font on this machine: pinyin
	}
	if !strings.Contains(string(b), name) {
		t.Errorf("the county's sweep chart does not name it %q", name)
	}
}

func TestMapBoundaries(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "b.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[111.2,37.3],[111.8,37.3],[111.8,37.8],[111.2,37.8],[111.2,37.3]]]},"properties":{"name":"孝绛县"}}]}`)
	point := writeFile(t, dir, "p.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[111.2,37.3]},"properties":{"name":"孝绛县"}}]}`)
	out := filepath.Join(dir, "m.svg")
	if code, _, stderr := runCLI(t, "map", "-q", "--boundaries", good, "--county", "孝绛县", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "fill:"+maps.HexColor(maps.Palette().Boundary.Fill)) {
		t.Error("the boundary is not drawn")
	}
	if code, _, stderr := runCLI(t, "map", "-q", "--boundaries", point, "--out", out); code != exitInvalidData {
		t.Errorf("a Point boundary: exit %d, want %d: %s", code, exitInvalidData, stderr)
	}
	if code, _, _ := runCLI(t, "map", "-q", "--boundaries", filepath.Join(dir, "none.geojson"), "--out", out); code != exitUsage {
		t.Errorf("a missing boundary file: exit %d, want %d", code, exitUsage)
	}
	bad := writeFile(t, dir, "plan.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[111.2,37.3]},"properties":{"layer":"roads"}}]}`)
	if code, _, stderr := runCLI(t, "map", "-q", "--plan", bad, "--out", out); code != exitInvalidData || !strings.Contains(stderr, "unknown layer") {
		t.Errorf("a plan file with an unknown layer: exit %d: %s", code, stderr)
	}
}

func TestMapUsageErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "m.png")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown county", []string{"--county", "不存在县", "--out", out}, "counties: 孝绛县, 明寿县, 永交县, 淮古县"},
		{"unknown county, sweep", []string{"--sweep", "--county", "X", "--out", out}, "counties: 孝绛县"},
		{"bad width", []string{"--width", "wide", "--out", out}, "--width"},
		{"width too small", []string{"--width", "10px", "--out", out}, "width"},
		{"dpi", []string{"--dpi", "5", "--out", out}, "--dpi 5"},
		{"jpeg", []string{"--out", filepath.Join(dir, "m.jpg")}, ".png or .svg"},
		{"county and per-county", []string{"--county", "孝绛县", "--per-county", dir}, "exclude each other"},
		{"format without per-county", []string{"--format", "svg", "--out", out}, "--format is for --per-county"},
		{"bad format", []string{"--format", "gif", "--per-county", dir}, "png or svg"},
		{"argument", []string{"extra"}, "no arguments"},
		{"plan and villages", []string{"--plan", "p.geojson", "--villages", "v.csv", "--facilities", "f.csv"}, "--plan already holds"},
		{"sweep from a plan", []string{"--sweep", "--plan", "p.geojson"}, "--sweep plans"},
		{"missing plan", []string{"--plan", filepath.Join(dir, "none.geojson"), "--out", out}, "none.geojson"},
		{"missing font", []string{"--font", filepath.Join(dir, "none.ttf"), "--out", out}, "cannot load font"},
		{"unknown flag", []string{"--colour", "red"}, "colour"},
		{"bad radius", []string{"--radius-km", "-3", "--out", out}, "radius"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append([]string{"map", "-q"}, c.args...)...)
			if code != exitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, want %d with %q in:\n%s", code, exitUsage, c.want, stderr)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed run wrote the map")
	}
}

func TestParseLength(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64 // points
	}{
		{"20cm", 566.929}, {"20", 566.929}, {"200mm", 566.929}, {"8in", 576}, {"100pt", 100}, {"150px", 72}, {" 10 CM ", 283.465},
	} {
		got, err := parseLength("width", c.in, 150)
		if err != nil || float64(got) < c.want-0.01 || float64(got) > c.want+0.01 {
			t.Errorf("parseLength(%q) = %v, %v; want %v pt", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "cm", "-3cm", "0", "3 furlongs"} {
		if _, err := parseLength("width", in, 150); err == nil {
			t.Errorf("parseLength(%q): no error", in)
		}
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{"孝绛县": "孝绛县", "a/b": "a_b", `C:\x`: "C__x", " . ": "county", "": "county"} {
		if got := fileName(in); got != want {
			t.Errorf("fileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMapSweepByRoad: --sweep plans at every radius by road when asked
// (the embedded sample's roads), labels its axis with the metric and
// draws other curves than the straight-line sweep; travel-time radii are
// refused (the chart's radii are km).
func TestMapSweepByRoad(t *testing.T) {
	dir := t.TempDir()
	road, straight := filepath.Join(dir, "road.svg"), filepath.Join(dir, "straight.svg")
	for _, c := range []struct {
		out  string
		args []string
	}{{road, []string{"--distance", "road"}}, {straight, nil}} {
		args := append([]string{"map", "-q", "--sweep", "--county", "孝绛县", "--out", c.out}, c.args...)
		if code, _, stderr := runCLI(t, args...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
	}
	r, _ := os.ReadFile(road)
	s, _ := os.ReadFile(straight)
	if !strings.Contains(string(r), "road by distance, km") {
		t.Error("the road sweep's axis does not name the metric")
	}
	if strings.Contains(string(s), "road by distance") {
		t.Error("the straight-line sweep names the road metric")
	}
	if string(r) == string(s) {
		t.Error("the sweep by road draws the same chart as the straight-line sweep")
	}
	code, _, stderr := runCLI(t, "map", "-q", "--sweep", "--distance", "road", "--minutes", "30", "--out", filepath.Join(dir, "m.svg"))
	if code != exitUsage || !strings.Contains(stderr, "drop --minutes") {
		t.Errorf("--sweep --minutes: exit %d: %s", code, stderr)
	}
}
