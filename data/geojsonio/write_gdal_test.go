package geojsonio

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/catchment/catchment/data/atomicfile"

	"github.com/catchment/catchment/data/csvio"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/internal/fixture"
)

// These tests open the writers' files with the tools planners use: GDAL
// (what QGIS reads files with) and geopandas. A missing tool skips the test
// on a workstation and fails it in CI (CI set), so that CI cannot pass
// without having checked.

// gdalFiles writes every output format of the fixture into a temp dir.
func gdalFiles(t *testing.T) (dir string, f fixture.Coverage) {
	t.Helper()
	f = fixture.NewCoverage(t, 10, 12.5, 20)
	dir = t.TempDir()
	files := map[string]func(io.Writer) error{
		"coverage.geojson": func(w io.Writer) error { return WriteCoverageGeoJSON(w, f.Villages, f.Facilities, f.Res) },
		"coverage.geojsons": func(w io.Writer) error {
			return WriteCoverageGeoJSONSeq(w, f.Villages, f.Facilities, f.Res)
		},
		"coverage.csv": func(w io.Writer) error {
			return csvio.WriteCoverageCSVWith(w, f.Villages, f.Facilities, f.Res, csvio.CSVOptions{BOM: true})
		},
		"facilities.geojson": func(w io.Writer) error {
			return WriteFacilitiesGeoJSON(w, f.Facilities)
		},
		"facility_circles.geojson": func(w io.Writer) error {
			return WriteFacilityCirclesGeoJSON(w, f.Facilities, []float64{10, 20}, nil)
		},
	}
	for name, write := range files {
		if err := atomicfile.WriteFileAtomic(filepath.Join(dir, name), write); err != nil {
			t.Fatal(err)
		}
	}
	return dir, f
}

var (
	ogrCount = regexp.MustCompile(`(?m)^Feature Count: (\d+)$`)
	ogrGeom  = regexp.MustCompile(`(?m)^Geometry: (.+)$`)
	ogrField = regexp.MustCompile(`(?m)^(\S+): (\w+(?:\(\w+\))?) \(\d+\.\d+\)$`)
)

type ogrLayer struct {
	count    int
	geometry string
	fields   []string
	types    map[string]string
}

func ogrinfo(t *testing.T, ogr string, args ...string) ogrLayer {
	t.Helper()
	cmd := exec.Command(ogr, append([]string{"-ro", "-al", "-so"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("ogrinfo %v: %v\n%s%s", args, err, stderr.String(), out)
	}
	m := ogrCount.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no feature count in ogrinfo output:\n%s", out)
	}
	l := ogrLayer{types: map[string]string{}}
	l.count, _ = strconv.Atoi(string(m[1]))
	if g := ogrGeom.FindSubmatch(out); g != nil {
		l.geometry = string(g[1])
	}
	for _, f := range ogrField.FindAllSubmatch(out, -1) {
		l.fields = append(l.fields, string(f[1]))
		l.types[string(f[1])] = string(f[2])
	}
	return l
}

func TestGDALOpensOutputs(t *testing.T) {
	ogr := fixture.RequireTool(t, "ogrinfo", "--version")
	dir, f := gdalFiles(t)
	coverageFields := []string{"id", "name", "county", "township", "population", "nearest_facility_id", "nearest_facility_km",
		"network_covered_10km", "network_covered_12_5km", "network_covered_20km", "备注", "extra_ID"}
	csvFields := slices.Concat(coverageFields[:5], []string{"lon", "lat"}, coverageFields[5:])
	cases := []struct {
		name     string
		args     []string
		count    int
		geometry string
		fields   []string
		anyOrder bool // GDAL merges mixed schemas in its own order
		types    map[string]string
	}{
		{"geojson", []string{"coverage.geojson"}, len(f.Villages), "Point", coverageFields, false,
			map[string]string{"population": "Integer", "nearest_facility_km": "Real", "network_covered_10km": "Integer(Boolean)", "备注": "String"}},
		{"geojsonseq", []string{"coverage.geojsons"}, len(f.Villages), "Point", coverageFields, false,
			map[string]string{"population": "Integer", "network_covered_20km": "Integer(Boolean)"}},
		{"csv", []string{"coverage.csv"}, len(f.Villages), "", csvFields, false, map[string]string{"id": "String"}},
		// What QGIS does when told which columns hold the coordinates.
		{"csv as points", []string{"-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES", "coverage.csv"},
			len(f.Villages), "Point", csvFields, false, map[string]string{"population": "Integer", "lon": "Real", "nearest_facility_km": "Real"}},
		// Points and circles in files of their own, each of one geometry
		// type, which is what QGIS types a layer by.
		{"facilities", []string{"facilities.geojson"}, len(f.Facilities), "Point",
			[]string{"layer", "id", "name", "type", "county", "township", "beds", "staff", "电话", "extra_Type"}, true,
			map[string]string{"beds": "Integer", "type": "String"}},
		{"facility circles", []string{"facility_circles.geojson"}, 2 * 2, "Polygon",
			[]string{"layer", "facility_id", "type", "radius_km"}, true, map[string]string{"radius_km": "Real", "facility_id": "String"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := slices.Clone(c.args)
			args[len(args)-1] = filepath.Join(dir, args[len(args)-1])
			l := ogrinfo(t, ogr, args...)
			if l.count != c.count {
				t.Errorf("feature count %d, want %d", l.count, c.count)
			}
			if c.geometry != "" && l.geometry != c.geometry {
				t.Errorf("geometry %q, want %q", l.geometry, c.geometry)
			}
			if c.anyOrder {
				slices.Sort(l.fields)
				c.fields = slices.Sorted(slices.Values(c.fields))
			}
			if !slices.Equal(l.fields, c.fields) {
				t.Errorf("fields\n got %q\nwant %q", l.fields, c.fields)
			}
			for field, typ := range c.types {
				if l.types[field] != typ {
					t.Errorf("field %s has type %q, want %q", field, l.types[field], typ)
				}
			}
		})
	}
}

// geopandasScript prints what a planner would look at first.
const geopandasScript = `
import sys, json, geopandas
df = geopandas.read_file(sys.argv[1])
print(json.dumps({
    "n": len(df),
    "columns": list(df.columns),
    "dtypes": {c: str(t) for c, t in df.dtypes.items() if c != "geometry"},
    "names": [str(x) for x in df["name"]],
    "xy": [[g.x, g.y] if g is not None and g.geom_type == "Point" else None for g in df.geometry],
}, ensure_ascii=False))
`

func TestGeopandasReadsOutputs(t *testing.T) {
	py := fixture.RequireTool(t, "/usr/bin/python3", "-c", "import geopandas")
	dir, f := gdalFiles(t)
	coverageCols := []string{"id", "name", "county", "township", "population", "nearest_facility_id", "nearest_facility_km",
		"network_covered_10km", "network_covered_12_5km", "network_covered_20km", "备注", "extra_ID", "geometry"}
	var names []string
	var xy [][]float64
	for _, v := range f.Villages {
		names = append(names, enc.ValidText(v.Name))
		xy = append(xy, []float64{fixture.Rounded7(t, v.Location[0]), fixture.Rounded7(t, v.Location[1])})
	}
	cases := []struct {
		file    string
		columns []string
		dtypes  map[string]string
		points  bool
	}{
		{"coverage.geojson", coverageCols, map[string]string{"population": "int64", "nearest_facility_km": "float64", "network_covered_10km": "bool"}, true},
		{"coverage.geojsons", coverageCols, map[string]string{"population": "int64", "network_covered_20km": "bool"}, true},
		{"coverage.csv", slices.Concat(coverageCols[:5], []string{"lon", "lat"}, coverageCols[5:]), map[string]string{"id": "object"}, false},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			cmd := exec.Command(py, "-c", geopandasScript, filepath.Join(dir, c.file))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			var got struct {
				N       int
				Columns []string
				Dtypes  map[string]string
				Names   []string
				XY      [][]float64
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if got.N != len(f.Villages) {
				t.Errorf("%d rows, want %d", got.N, len(f.Villages))
			}
			if !slices.Equal(got.Columns, c.columns) {
				t.Errorf("columns\n got %q\nwant %q", got.Columns, c.columns)
			}
			for col, typ := range c.dtypes {
				if got.Dtypes[col] != typ {
					t.Errorf("column %s has dtype %q, want %q", col, got.Dtypes[col], typ)
				}
			}
			if !slices.Equal(got.Names, names) {
				t.Errorf("names\n got %q\nwant %q", got.Names, names)
			}
			if c.points {
				for i := range xy {
					if !slices.Equal(got.XY[i], xy[i]) {
						t.Errorf("point %d: %v, want %v", i, got.XY[i], xy[i])
					}
				}
			}
		})
	}
}
