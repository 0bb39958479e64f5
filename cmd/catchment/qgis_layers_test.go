package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/catchment/catchment/maps"
)

// qgisLayerInfo is one layer of tools/qgis_check.py's report.
type qgisLayerInfo struct {
	Valid        bool
	StyleLoaded  bool `json:"style_loaded"`
	Features     int
	Geometry     string
	VariantTypes map[string]string `json:"variant_types"`
	Classes      map[string]int
}

// qgisCheck runs tools/qgis_check.py on layers (PATH=STYLE, or a bare PATH
// for a table) and returns its report by path; with png it renders the
// styled layers there, the first at the bottom.
func qgisCheck(t *testing.T, png string, layers ...string) map[string]qgisLayerInfo {
	t.Helper()
	var r struct{ Layers map[string]qgisLayerInfo }
	qgisRun(t, png, &r, layers...)
	return r.Layers
}

// qgisStyle is the shipped style file name.
func qgisStyle(name string) string { return filepath.Join("..", "..", "examples", "qgis", name) }

// TestQGISOpensEveryOutputLayer opens every layer a plan and a coverage
// run write (--out-dir, --facilities-out, --facility-circles-out) in
// headless QGIS with its shipped style, and every CSV table with its
// .csvt. Each style class must hold exactly the features the data puts in
// it, counted by QGIS's own renderer (the village classes are checked by
// TestQGISOpensPlanLayersWithStyles; here every village must be drawn);
// every CSV column must come in with the type its .csvt declares; and
// each rendered map must show the palette's colours of what it draws.
func TestQGISOpensEveryOutputLayer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts QGIS")
	}
	dir := t.TempDir()
	pl, tables, cov := filepath.Join(dir, "plan"), filepath.Join(dir, "tables"), filepath.Join(dir, "coverage")
	if err := os.Mkdir(cov, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"plan", "-q", "--out-dir", pl, "--csv-dir", tables},
		{"coverage", "-q", "--radius-km", "10,15,20", "--out", filepath.Join(cov, "villages.geojson"),
			"--facilities-out", filepath.Join(cov, "facilities.geojson"), "--facility-circles-out", filepath.Join(cov, "facility_circles.geojson")},
		{"coverage", "-q", "--radius-km", "10,15,20", "--out", filepath.Join(cov, "villages.csv")},
	} {
		if code, _, stderr := runCLI(t, args...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", args[0], code, stderr)
		}
	}
	styled := func(path, qml string) string { return path + "=" + qgisStyle(qml) }
	planLayers := []string{ // bottom to top
		styled(filepath.Join(pl, "subcentre_circles.geojson"), "subcentre_circles.qml"),
		styled(filepath.Join(pl, "itinerant_routes.geojson"), "routes.qml"),
		styled(filepath.Join(pl, "joint_clinics.geojson"), "joint_clinics.qml"),
		styled(filepath.Join(pl, "villages.geojson"), "villages.qml"),
		styled(filepath.Join(pl, "facilities.geojson"), "facilities.qml"),
		styled(filepath.Join(pl, "subcentres.geojson"), "subcentres.qml"),
	}
	covLayers := []string{
		styled(filepath.Join(cov, "facility_circles.geojson"), "facilities.qml"),
		styled(filepath.Join(cov, "villages.geojson"), "villages.qml"),
		styled(filepath.Join(cov, "facilities.geojson"), "facilities.qml"),
	}
	csvs, _ := filepath.Glob(filepath.Join(tables, "*.csv"))
	csvs = append(csvs, filepath.Join(cov, "villages.csv"))
	if len(csvs) < 5 {
		t.Fatalf("CSV tables %v", csvs)
	}
	planPNG, covPNG := filepath.Join(dir, "plan.png"), filepath.Join(dir, "coverage.png")
	got := qgisCheck(t, planPNG, append(planLayers, csvs[:len(csvs)-1]...)...)
	for k, v := range qgisCheck(t, covPNG, append(covLayers, csvs[len(csvs)-1])...) {
		got[k] = v
	}

	for _, l := range append(planLayers, covLayers...) {
		path, _, _ := strings.Cut(l, "=")
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			checkQGISLayer(t, path, got[path])
		})
	}
	for _, path := range csvs {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			checkQGISTable(t, path, got[path])
		})
	}

	pal := maps.Palette()
	planColours := map[string]color.NRGBA{"sub-centre": pal.Subcentre.Fill, "sub-centre circle": pal.Subcentre.Circle,
		"itinerant route": pal.ItinerantRoute, "joint clinic": pal.JointClinic, "county hospital": pal.Facility.CountyHospital,
		"township health centre": pal.Facility.TownshipHealthCentre}
	var style map[string]any
	if err := json.Unmarshal(maps.StyleJSON(), &style); err != nil {
		t.Fatal(err)
	}
	for class, v := range style["village"].(map[string]any) { // every village class, whatever its name
		if hex, ok := v.(string); ok && class != "outline" {
			planColours["village "+class] = hexColour(t, hex)
		}
	}
	checkColours(t, planPNG, planColours)
	checkColours(t, covPNG, map[string]color.NRGBA{"10 km circle": pal.CircleColor(10), "15 km circle": pal.CircleColor(15),
		"20 km circle": pal.CircleColor(20), "county hospital": pal.Facility.CountyHospital,
		"township health centre": pal.Facility.TownshipHealthCentre})
}

// checkQGISLayer checks one styled layer against its data: valid, styled,
// every feature there, each class as large as the data says.
func checkQGISLayer(t *testing.T, path string, l qgisLayerInfo) {
	t.Helper()
	props := featureCollection(t, path)
	if !l.Valid || !l.StyleLoaded || l.Features != len(props) || len(props) == 0 {
		t.Fatalf("in QGIS: valid %v, style loaded %v, %d features; the file has %d", l.Valid, l.StyleLoaded, l.Features, len(props))
	}
	want := map[string]int{}
	switch name := filepath.Base(path); name {
	case "facilities.geojson":
		labels := map[string]string{"county_hospital": "County hospital", "township_health_centre": "Township health centre",
			"village_clinic": "Village clinic"}
		for _, p := range props {
			class, ok := labels[fmt.Sprint(p["type"])]
			if !ok {
				class = "Other facility"
			}
			want[class]++
		}
	case "facility_circles.geojson":
		for _, p := range props {
			want[fmt.Sprintf("Coverage circle, %v km", p["radius_km"])]++
		}
	case "villages.geojson":
		total := 0
		for _, n := range l.Classes {
			total += n
		}
		if l.Classes["(not drawn)"] != 0 || total != len(props) || len(l.Classes) < 2 {
			t.Errorf("village classes %v for %d villages: every village in one class, more than one class", l.Classes, len(props))
		}
		return
	default: // one symbol for every feature
		want["single symbol"] = len(props)
	}
	if fmt.Sprint(l.Classes) != fmt.Sprint(want) {
		t.Errorf("QGIS draws the classes %v, the data has %v", l.Classes, want)
	}
}

// qgisVariant is the QGIS field type of each GDAL CSVT type.
var qgisVariant = map[string]string{"String": "QString", "Integer": "int", "Integer64": "qlonglong", "Real": "double",
	"Integer(Boolean)": "bool", "CoordX": "double", "CoordY": "double"}

// checkQGISTable checks that QGIS reads every column of a CSV table with
// the type its .csvt declares, and a table with lon and lat as points.
func checkQGISTable(t *testing.T, path string, l qgisLayerInfo) {
	t.Helper()
	b, err := os.ReadFile(strings.TrimSuffix(path, ".csv") + ".csvt")
	if err != nil {
		t.Fatalf("no .csvt: %v", err)
	}
	head, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Split(strings.TrimPrefix(strings.SplitN(string(head), "\n", 2)[0], "\uFEFF"), ",")
	types := strings.Split(strings.TrimSpace(string(b)), ",")
	if !l.Valid || len(types) != len(header) || len(l.VariantTypes) != len(header) {
		t.Fatalf("valid %v; %d columns, %d types in the .csvt, %d fields in QGIS", l.Valid, len(header), len(types), len(l.VariantTypes))
	}
	kinds := map[string]int{}
	for i, col := range header {
		typ := strings.Trim(types[i], `"`)
		kinds[typ]++
		if want := qgisVariant[typ]; l.VariantTypes[col] != want {
			t.Errorf("column %s (.csvt %s): QGIS holds %s, want %s", col, typ, l.VariantTypes[col], want)
		}
	}
	if kinds["CoordX"] == 1 && l.Geometry != "Point" {
		t.Errorf("lon and lat are CoordX and CoordY but QGIS sees geometry %q", l.Geometry)
	}
	if filepath.Base(path) == "villages.csv" && (kinds["Integer(Boolean)"] == 0 || kinds["Integer"] == 0 || kinds["CoordX"] != 1) {
		t.Errorf("villages.csv has types %v: want booleans, integers and points", kinds)
	}
}

func hexColour(t *testing.T, hex string) color.NRGBA {
	t.Helper()
	var c color.NRGBA
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		t.Fatalf("colour %q: %v", hex, err)
	}
	c.A = 0xFF
	return c
}

// checkColours samples a rendered PNG: each colour must be drawn, to
// within a few levels of anti-aliasing, somewhere on it.
func checkColours(t *testing.T, path string, want map[string]color.NRGBA) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[color.NRGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			seen[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)] = true
		}
	}
	const tolerance = 6
	for what, c := range want {
		best := 256
		for s := range seen {
			d := max(absDiff(s.R, c.R), absDiff(s.G, c.G), absDiff(s.B, c.B))
			best = min(best, d)
		}
		if best > tolerance {
			t.Errorf("%s: no pixel of %s (closest differs by %d)", filepath.Base(path), what, best)
		}
	}
	if len(seen) < len(want) {
		t.Errorf("%s has %d colours: blank", path, len(seen))
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
