package data

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"

	"github.com/catchment/catchment/data/internal/fixture"
)

func TestPlanWritersGolden(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	cases := []struct {
		name  string
		write func(b *bytes.Buffer) error
	}{
		{"plan.geojson", func(b *bytes.Buffer) error { return geojsonio.WritePlanGeoJSON(b, f.Villages, f.Facilities, f.Res) }},
		{"plan_summary.json", func(b *bytes.Buffer) error { return summary.WritePlanSummaryJSON(b, s) }},
		{"plan_report.md", func(b *bytes.Buffer) error { return report.WritePlanReport(b, s, report.Options{}) }},
		{"plan_table.txt", func(b *bytes.Buffer) error { return report.WritePlanTable(b, s) }},
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
	paths, err := csvio.WritePlanCSVTables(dir, s)
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

var updatePlanGolden = flag.Bool("update-plan", false, "rewrite data/testdata/golden/plan* from the plan writers' current output")

// checkPlanGolden is checkGolden, updating with -update-plan as well.
func checkPlanGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	if *updatePlanGolden && !*updateGolden {
		*updateGolden = true
		defer func() { *updateGolden = false }()
	}
	checkGolden(t, name, got)
}
