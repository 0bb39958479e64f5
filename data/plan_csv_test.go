package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

func readPlanCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(utf8BOM)) {
		t.Errorf("%s: no byte order mark", filepath.Base(path))
	}
	rows, err := csv.NewReader(bytes.NewReader(b[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestPlanVillagesCSVMatchesGeoJSON checks that villages.csv carries the
// village layer's properties, value for value, plus lon and lat.
func TestPlanVillagesCSVMatchesGeoJSON(t *testing.T) {
	f := newPlanFixture(t)
	var buf bytes.Buffer
	if err := WritePlanGeoJSON(&buf, f.villages, f.facilities, f.res); err != nil {
		t.Fatal(err)
	}
	features := byLayer(readPlanFeatures(t, buf.Bytes()))["village"]
	dir := t.TempDir()
	if _, err := WritePlanCSVTables(dir, f.summary()); err != nil {
		t.Fatal(err)
	}
	rows := readPlanCSV(t, filepath.Join(dir, "villages.csv"))
	if len(rows) != len(f.villages)+1 {
		t.Fatalf("%d rows, want a header and %d villages", len(rows), len(f.villages))
	}
	header := rows[0]
	props := objectKeys(t, features[0].Properties)[1:] // all but layer
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

func TestWritePlanCSVTables(t *testing.T) {
	f := newPlanFixture(t)
	s := f.summary()
	dir := t.TempDir()
	if _, err := WritePlanCSVTables(dir, s); err != nil {
		t.Fatal(err)
	}
	var sites int
	for _, c := range s.Counties {
		sites += len(c.Explanation)
	}
	for file, n := range map[string]int{"counties.csv": len(s.Counties), "subcentres.csv": sites,
		"townships.csv": len(s.Townships), "sweep.csv": len(s.Sweep)} {
		rows := readPlanCSV(t, filepath.Join(dir, file))
		if len(rows) != n+1 {
			t.Errorf("%s: %d rows, want %d and a header", file, len(rows), n)
		}
		for i, r := range rows {
			if len(r) != len(rows[0]) {
				t.Errorf("%s row %d has %d cells, the header %d", file, i, len(r), len(rows[0]))
			}
		}
	}

	// A summary decoded from JSON has no villages: no villages.csv, and
	// no sweep.csv without a sweep.
	var buf bytes.Buffer
	if err := WritePlanSummaryJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	var back PlanSummary
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	back.Sweep = nil
	dir2 := t.TempDir()
	paths, err := WritePlanCSVTables(dir2, back)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Errorf("paths %q, want the three summary tables", paths)
	}
	// The decoded summary writes the same tables.
	for _, file := range []string{"counties.csv", "subcentres.csv", "townships.csv"} {
		a, _ := os.ReadFile(filepath.Join(dir, file))
		b, _ := os.ReadFile(filepath.Join(dir2, file))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs when written from the decoded summary", file)
		}
	}
}

func TestWritePlanCSVTablesErrors(t *testing.T) {
	f := newPlanFixture(t)
	s := f.summary()
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WritePlanCSVTables(notDir, s); !errors.Is(err, ErrWrite) {
		t.Errorf("directory is a file: err = %v, want ErrWrite", err)
	}
	if _, err := WritePlanLayers(notDir, f.villages, f.facilities, f.res); !errors.Is(err, ErrWrite) {
		t.Errorf("WritePlanLayers into a file: err = %v, want ErrWrite", err)
	}
	// A plan changed after the summary was made is caught before writing.
	f.res.Villages[0].Subcentre = 99
	dir := t.TempDir()
	if _, err := WritePlanCSVTables(dir, s); !errors.Is(err, ErrWriteInput) {
		t.Errorf("inconsistent plan: err = %v, want ErrWriteInput", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("%d files written for an inconsistent plan", len(entries))
	}
}
