package main

import (
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// qgisReport is what tools/qgis_check.py prints.
type qgisReport struct {
	Version string `json:"qgis_version"`
	Layers  map[string]struct {
		Valid       bool
		StyleLoaded bool `json:"style_loaded"`
		Features    int
		Geometry    string
		Classes     map[string]int
	}
}

// runQGIS opens each layer with its style in headless QGIS (Debian's qgis
// and python3-qgis, which .ci/run installs) and renders them to png.
func runQGIS(t *testing.T, png string, layers ...string) qgisReport {
	t.Helper()
	var r qgisReport
	qgisRun(t, png, &r, layers...)
	return r
}

// qgisRun runs tools/qgis_check.py on layers, rendering them to png, and
// decodes its JSON report into v.
func qgisRun(t *testing.T, png string, v any, layers ...string) {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import qgis.core").Run(); err != nil {
		t.Fatalf("PyQGIS is not importable by %s (%v): .ci/run installs Debian's qgis and python3-qgis", py, err)
	}
	args := append([]string{filepath.Join("..", "..", "tools", "qgis_check.py"), "--png", png}, layers...)
	cmd := exec.Command(py, args...)
	cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("qgis_check.py: %v\n%s", err, out)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("qgis_check.py printed %q: %v", out, err)
	}
}

// TestQGISOpensPlanLayersWithStyles loads every layer of a plan run in QGIS
// with the shipped style and checks that the style's classes hold exactly
// the features the data puts in them, counted by QGIS's own renderer, and
// that the rendered map is not blank.
func TestQGISOpensPlanLayersWithStyles(t *testing.T) {
	if testing.Short() {
		t.Skip("starts QGIS")
	}
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "plan", "--quiet", "--out-dir", filepath.Join(dir, "layers")); code != 0 {
		t.Fatalf("plan exit %d: %s", code, stderr)
	}
	style := func(name string) string { return filepath.Join("..", "..", "examples", "qgis", name) }
	layer := func(name, qml string) string { return filepath.Join(dir, "layers", name) + "=" + style(qml) }
	pngPath := filepath.Join(dir, "qgis.png")
	r := runQGIS(t, pngPath,
		layer("villages.geojson", "villages.qml"), layer("subcentres.geojson", "subcentres.qml"),
		layer("joint_clinics.geojson", "joint_clinics.qml"), layer("itinerant_routes.geojson", "routes.qml"))

	// What the data says: the village classes from the plan's own fields.
	want := map[string]int{}
	for _, p := range featureCollection(t, filepath.Join(dir, "layers", "villages.geojson")) {
		switch {
		case p["county_care_today"] == true:
			want["County-level care today"]++
		case p["county_care_after"] == true:
			want["County-level care from a proposed sub-centre"]++
		default:
			want["No county-level care within the radius"]++
		}
	}
	v := r.Layers[filepath.Join(dir, "layers", "villages.geojson")]
	if !v.Valid || !v.StyleLoaded || v.Geometry != "Point" {
		t.Fatalf("villages layer in QGIS %s: %+v", r.Version, v)
	}
	for class, n := range want {
		if v.Classes[class] != n {
			t.Errorf("QGIS %s draws %d villages as %q, the data has %d (all classes: %v)", r.Version, v.Classes[class], class, n, v.Classes)
		}
	}
	if len(v.Classes) != len(want) {
		t.Errorf("QGIS classes %v, data classes %v", v.Classes, want)
	}
	for name, l := range r.Layers {
		if !l.Valid || !l.StyleLoaded || l.Features == 0 {
			t.Errorf("%s in QGIS: %+v", name, l)
		}
	}

	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	colours := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	if len(colours) < 4 {
		t.Errorf("QGIS rendered %d colours: the map is blank", len(colours))
	}
}
