package data

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlanWritersGolden(t *testing.T) {
	f := newPlanFixture(t)
	s := f.summary()
	cases := []struct {
		name  string
		write func(b *bytes.Buffer) error
	}{
		{"plan.geojson", func(b *bytes.Buffer) error { return WritePlanGeoJSON(b, f.villages, f.facilities, f.res) }},
		{"plan_summary.json", func(b *bytes.Buffer) error { return WritePlanSummaryJSON(b, s) }},
		{"plan_report.md", func(b *bytes.Buffer) error { return WritePlanReport(b, s) }},
		{"plan_table.txt", func(b *bytes.Buffer) error { return WritePlanTable(b, s) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.write(&buf); err != nil {
				t.Fatal(err)
			}
			checkPlanGolden(t, c.name, buf.Bytes())
		})
	}

	dir := t.TempDir()
	paths, err := WritePlanCSVTables(dir, s)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	if got, want := strings.Join(names, " "), "counties.csv subcentres.csv townships.csv sweep.csv villages.csv"; got != want {
		t.Fatalf("CSV tables %q, want %q", got, want)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			checkPlanGolden(t, "plan_"+filepath.Base(p), b)
		})
	}
}
