package geojsonio

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/internal/fixture"
)

// TestPlanVillagesCSVMatchesGeoJSON checks that villages.csv carries the
// village layer's properties, value for value, plus lon and lat.
func TestPlanVillagesCSVMatchesGeoJSON(t *testing.T) {
	f := fixture.NewPlan(t)
	var buf bytes.Buffer
	if err := WritePlanGeoJSON(&buf, f.Villages, f.Facilities, f.Res); err != nil {
		t.Fatal(err)
	}
	features := byLayer(readPlanFeatures(t, buf.Bytes()))["village"]
	dir := t.TempDir()
	if _, err := csvio.WritePlanCSVTables(dir, planSummary(f)); err != nil {
		t.Fatal(err)
	}
	rows := readPlanCSV(t, filepath.Join(dir, "villages.csv"))
	if len(rows) != len(f.Villages)+1 {
		t.Fatalf("%d rows, want a header and %d villages", len(rows), len(f.Villages))
	}
	header := rows[0]
	props := fixture.ObjectKeys(t, features[0].Properties)[1:] // all but layer
	wantHeader := slices.Concat(props[:5], []string{"lon", "lat"}, props[5:])
	if !slices.Equal(header, wantHeader) {
		t.Fatalf("header %q, want the properties with lon, lat after population: %q", header, wantHeader)
	}
	for i, row := range rows[1:] {
		ft := features[i]
		p := ft.point(t)
		cells := map[string]string{}
		for j, h := range header {
			cells[h] = row[j]
		}
		if cells["lon"] != strconv.FormatFloat(p[0], 'f', -1, 64) || cells["lat"] != strconv.FormatFloat(p[1], 'f', -1, 64) {
			t.Errorf("village %d: lon, lat %s, %s; GeoJSON has %v", i, cells["lon"], cells["lat"], p)
		}
		for _, k := range props {
			c, ok := cells[k]
			if !ok {
				t.Fatalf("no column %q", k)
			}
			var want string
			switch v := ft.props[k].(type) {
			case nil:
				want = ""
			case string:
				want = v
			case bool:
				want = strconv.FormatBool(v)
			case float64:
				raw := map[string]json.RawMessage{}
				json.Unmarshal(ft.Properties, &raw)
				want = string(raw[k]) // numbers exactly as written
			}
			if c != want {
				t.Errorf("village %d column %s = %q, GeoJSON has %q", i, k, c, want)
			}
		}
	}
}

func readPlanCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Errorf("%s: no byte order mark", filepath.Base(path))
	}
	rows, err := csv.NewReader(bytes.NewReader(b[len("\uFEFF"):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
