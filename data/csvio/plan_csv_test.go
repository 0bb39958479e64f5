package csvio

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/catchment/catchment/data/geojsonio"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/summary"

	"github.com/catchment/catchment/data/internal/fixture"
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

func TestWritePlanCSVTables(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
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
	if err := summary.WritePlanSummaryJSON(&buf, s); err != nil {
		t.Fatal(err)
	}
	var back summary.PlanSummary
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
	f := fixture.NewPlan(t)
	s := planSummary(f)
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WritePlanCSVTables(notDir, s); !errors.Is(err, table.ErrWrite) {
		t.Errorf("directory is a file: err = %v, want ErrWrite", err)
	}
	if _, err := geojsonio.WritePlanLayers(notDir, f.Villages, f.Facilities, f.Res); !errors.Is(err, table.ErrWrite) {
		t.Errorf("WritePlanLayers into a file: err = %v, want ErrWrite", err)
	}
	// A plan changed after the summary was made is caught before writing.
	f.Res.Villages[0].Subcentre = 99
	dir := t.TempDir()
	if _, err := WritePlanCSVTables(dir, s); !errors.Is(err, table.ErrWriteInput) {
		t.Errorf("inconsistent plan: err = %v, want ErrWriteInput", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("%d files written for an inconsistent plan", len(entries))
	}
}
