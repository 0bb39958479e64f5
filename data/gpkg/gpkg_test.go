package gpkg

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// sampleLayers is a small file with every layer kind catchment writes.
func sampleLayers(nPoints int) []Layer {
	r := rand.New(rand.NewPCG(1, 2))
	pts := Layer{Name: "villages", GeometryType: Point, Fields: []Field{
		{"name", Text}, {"code", Text}, {"population", Integer}, {"distance_m", Real}, {"covered", Boolean},
	}}
	for i := range nPoints {
		p := orb.Point{111 + 3*r.Float64(), 34.5 + 6*r.Float64()}
		var dist any = r.Float64() * 20000
		if i%7 == 0 {
			dist = nil
		}
		pts.Features = append(pts.Features, Feature{Geometry: p, Values: []any{
			fmt.Sprintf("村%d", i), fmt.Sprintf("1401050010%02d", i%100), 100 + i, dist, i%2 == 0}})
	}
	poly := orb.Polygon{{{112, 37}, {113, 37}, {113, 38}, {112, 38}, {112, 37}},
		{{112.2, 37.2}, {112.4, 37.2}, {112.4, 37.4}, {112.2, 37.2}}}
	return []Layer{
		pts,
		{Name: "roads", GeometryType: LineString, Fields: []Field{{"kind", Text}},
			Features: []Feature{{Geometry: orb.LineString{{110.5, 35}, {111, 35.5}, {111.2, 36}}, Values: []any{"county"}}}},
		{Name: "counties", Description: "县界", GeometryType: MultiPolygon, Fields: []Field{{"县", Text}, {"code", Text}},
			Features: []Feature{
				{Geometry: orb.MultiPolygon{poly}, Values: []any{"小店区", "140105"}},
				{Geometry: orb.MultiPolygon{poly, {{{114, 39}, {114.5, 39}, {114.5, 41.2}, {114, 39}}}}, Values: []any{"两块", nil}},
			}},
		{Name: "empty layer", GeometryType: Polygon},
	}
}

func writeSample(t *testing.T, n int) (string, []Layer) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.gpkg")
	layers := sampleLayers(n)
	if err := Write(context.Background(), path, layers); err != nil {
		t.Fatal(err)
	}
	return path, layers
}

func TestRoundTrip(t *testing.T) {
	path, layers := writeSample(t, 250)
	names, err := Layers(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"villages", "roads", "counties", "empty layer"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("layers %v, want %v", names, want)
	}
	for _, want := range layers {
		got, err := ReadLayer(path, want.Name)
		if err != nil {
			t.Fatal(err)
		}
		if got.GeometryType != want.GeometryType || got.SRS != SRSWGS84 || !reflect.DeepEqual(got.Fields, want.Fields) {
			t.Fatalf("%s: header %v %v %v", want.Name, got.GeometryType, got.SRS, got.Fields)
		}
		if len(got.Features) != len(want.Features) {
			t.Fatalf("%s: %d features, want %d", want.Name, len(got.Features), len(want.Features))
		}
		for i, f := range got.Features {
			w := want.Features[i]
			if f.FID != int64(i+1) || !orb.Equal(f.Geometry, w.Geometry) {
				t.Fatalf("%s feature %d: fid %d geometry %v, want %v", want.Name, i, f.FID, f.Geometry, w.Geometry)
			}
			for j, v := range f.Values {
				wv := w.Values[j]
				if iv, ok := wv.(int); ok {
					wv = int64(iv)
				}
				if v != wv {
					t.Fatalf("%s feature %d field %d: %#v, want %#v", want.Name, i, j, v, wv)
				}
			}
		}
	}
}

func TestReadLayerMissing(t *testing.T) {
	path, _ := writeSample(t, 3)
	_, err := ReadLayer(path, "facilities")
	var nl *NoLayerError
	if !errors.As(err, &nl) || !errors.Is(err, ErrNoLayer) || !strings.Contains(err.Error(), "villages, roads, counties") {
		t.Fatalf("err = %v", err)
	}
	if _, err := ReadLayer(filepath.Join(t.TempDir(), "nope.gpkg"), "x"); !errors.Is(err, ErrNotGeoPackage) {
		t.Fatalf("missing file: %v", err)
	}
	notGpkg := filepath.Join(t.TempDir(), "x.gpkg")
	os.WriteFile(notGpkg, []byte("not sqlite at all"), 0o644)
	if _, err := Layers(notGpkg); !errors.Is(err, ErrNotGeoPackage) {
		t.Fatalf("garbage file: %v", err)
	}
}

func TestWriteRejects(t *testing.T) {
	nan := Layer{Name: "v", GeometryType: Point, Features: []Feature{{Geometry: orb.Point{math.NaN(), 1}}}}
	cases := []struct {
		name  string
		layer Layer
		want  string
	}{
		{"bad type", Layer{Name: "a", GeometryType: "CIRCLE"}, "geometry type"},
		{"reserved", Layer{Name: "gpkg_x", GeometryType: Point}, "reserved"},
		{"srs", Layer{Name: "a", GeometryType: Point, SRS: 3857}, "SRS 3857"},
		{"dup field", Layer{Name: "a", GeometryType: Point, Fields: []Field{{"fid", Text}}}, "reserved"},
		{"field type", Layer{Name: "a", GeometryType: Point, Fields: []Field{{"x", "DATE"}}}, "type"},
		{"nan", nan, "NaN"},
		{"mismatch", Layer{Name: "a", GeometryType: Point, Features: []Feature{{Geometry: orb.LineString{{1, 1}, {2, 2}}}}}, "does not match"},
		{"values", Layer{Name: "a", GeometryType: Point, Fields: []Field{{"x", Integer}}, Features: []Feature{{Geometry: orb.Point{1, 1}, Values: []any{"one"}}}}, "does not fit"},
		{"count", Layer{Name: "a", GeometryType: Point, Fields: []Field{{"x", Integer}}, Features: []Feature{{Geometry: orb.Point{1, 1}}}}, "0 values for 1 fields"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.gpkg")
			err := Write(context.Background(), path, []Layer{c.layer})
			if !errors.Is(err, ErrInvalidLayer) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want ErrInvalidLayer with %q", err, c.want)
			}
			if _, serr := os.Stat(path); !os.IsNotExist(serr) {
				t.Fatalf("a failed write left %s", path)
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*"))
			if len(left) != 0 {
				t.Fatalf("temporary files left: %v", left)
			}
		})
	}
}

// requireTool fails (never skips) when an external checker is missing: the
// GeoPackage checks are part of make test.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is required for this test (Debian: gdal-bin / python3-gdal / python3-geopandas): %v", name, err)
	}
	return p
}

func TestOgrinfo(t *testing.T) {
	ogr := requireTool(t, "ogrinfo")
	path, _ := writeSample(t, 250)
	out, err := exec.Command(ogr, "-so", "-al", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	s := string(out)
	for _, want := range []string{
		"Layer name: villages", "Geometry: Point", "Feature Count: 250",
		"Layer name: roads", "Geometry: Line String", "Feature Count: 1",
		"Layer name: counties", "Geometry: Multi Polygon", "Feature Count: 2",
		"Extent: (112.000000, 37.000000) - (114.500000, 41.200000)",
		"Extent: (110.500000, 35.000000) - (111.200000, 36.000000)",
		"population: Integer", "covered: Integer(Boolean)", "distance_m: Real", "县: String",
		`ID["EPSG",4326]`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("ogrinfo output lacks %q", want)
		}
	}
	if strings.Contains(s, "ERROR") || strings.Contains(s, "Warning") {
		t.Errorf("ogrinfo complained:\n%s", s)
	}
	if t.Failed() {
		t.Log(s)
	}
}

func TestValidateGPKG(t *testing.T) {
	py := requireTool(t, "/usr/bin/python3")
	script := "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
	if _, err := os.Stat(script); err != nil {
		t.Fatalf("GDAL's validate_gpkg.py is required (Debian python3-gdal): %v", err)
	}
	path, _ := writeSample(t, 50)
	out, err := exec.Command(py, script, path).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) != 0 {
		t.Fatalf("validate_gpkg.py: %v\n%s", err, out)
	}
}

func TestGeopandas(t *testing.T) {
	py := requireTool(t, "/usr/bin/python3")
	path, layers := writeSample(t, 250)
	const prog = `
import sys, geopandas, fiona
p = sys.argv[1]
for name in fiona.listlayers(p):
    df = geopandas.read_file(p, layer=name)
    b = df.total_bounds if len(df) else [0, 0, 0, 0]
    print(name, len(df), df.crs.to_epsg() if df.crs else None, ",".join(sorted(set(df.geom_type.dropna()))) or "-", "%.6f %.6f %.6f %.6f" % tuple(b), sep="\t")
`
	out, err := exec.Command(py, "-c", prog, path).CombinedOutput()
	if err != nil {
		t.Fatalf("geopandas: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(layers) {
		t.Fatalf("geopandas saw %d layers:\n%s", len(lines), out)
	}
	re := regexp.MustCompile(`^(.+)\t(\d+)\t(\S+)\t(\S+)\t(.+)$`)
	for i, l := range layers {
		m := re.FindStringSubmatch(lines[i])
		if m == nil || m[1] != l.Name || m[2] != strconv.Itoa(len(l.Features)) {
			t.Errorf("layer %s: geopandas line %q", l.Name, lines[i])
			continue
		}
		if len(l.Features) > 0 && m[3] != "4326" {
			t.Errorf("layer %s: EPSG %s", l.Name, m[3])
		}
		if len(l.Features) > 0 {
			b := orb.Collection{}
			for _, f := range l.Features {
				b = append(b, f.Geometry)
			}
			bb := b.Bound()
			want := fmt.Sprintf("%.6f %.6f %.6f %.6f", bb.Min[0], bb.Min[1], bb.Max[0], bb.Max[1])
			if m[5] != want {
				t.Errorf("layer %s: bounds %s, want %s", l.Name, m[5], want)
			}
		}
	}
}
