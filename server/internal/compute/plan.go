package compute

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/runparams"
)

// writeCoverage computes a coverage run: the command line's `catchment
// coverage` files.
func writeCoverage(ctx context.Context, dir string, d Input, sp *runparams.Spec, metric func() summary.MetricInfo, pr *Progress) ([]string, error) {
	opt := sp.Coverage
	opt.Progress = pr.Span(0.05, 0.6)
	res, err := planner.Coverage(ctx, d.Villages, d.Facilities, opt)
	if err != nil {
		return nil, err
	}
	sum, err := summary.NewCoverageSummary(d.Villages, d.Facilities, res, d.Reports...)
	if err != nil {
		return nil, err
	}
	sum.AddMetric(res, metric())
	return writeSteps(ctx, dir, pr, 0.6, []step{
		{"villages.geojson", func(w io.Writer) error { return geojsonio.WriteCoverageGeoJSON(w, d.Villages, d.Facilities, res) }},
		{"facilities.geojson", func(w io.Writer) error { return geojsonio.WriteFacilitiesGeoJSON(w, d.Facilities) }},
		{"facility_circles.geojson", func(w io.Writer) error {
			return geojsonio.WriteFacilityCirclesGeoJSON(w, d.Facilities, opt.RadiiKm, opt.Types)
		}},
		{"summary.json", func(w io.Writer) error { return summary.WriteSummaryJSON(w, sum) }},
		{"counties.csv", func(w io.Writer) error { return csvio.WriteCoverageCountiesCSV(w, sum) }},
	})
}

// writePlan computes a plan run: the files `catchment plan --out-dir`
// writes, the whole plan, the summary and the report.
func writePlan(ctx context.Context, dir string, d Input, sp *runparams.Spec, metric func() summary.MetricInfo, pr *Progress) ([]string, error) {
	rs := sp.Scenario
	// Sub-centres come first and report no progress; the clinic plan by
	// township does.
	rs.Plan.Clinics.Progress = pr.Span(0.1, 0.6)
	res, sweep, err := planner.RunScenario(ctx, d.Villages, d.Facilities, rs)
	if err != nil {
		return nil, err
	}
	pr.Set(0.65)
	sum, err := summary.NewPlanSummary(d.Villages, d.Facilities, res, rs.Policy, rs.Plan, sweep, d.Reports...)
	if err != nil {
		return nil, err
	}
	clinic := "straight line (WGS84 geodesic)"
	if sp.Distance == runparams.DistanceRoad {
		clinic = "road by distance"
	}
	sum.SetMetric(metric(), clinic, rs.Plan.RadiusMinutes)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The layer files and CSV tables are written by the command line's
	// directory writers, then moved to their result names.
	layers, err := geojsonio.WritePlanLayers(filepath.Join(dir, "layers"), d.Villages, d.Facilities, res)
	if err != nil {
		return nil, err
	}
	pr.Set(0.75)
	tables, err := csvio.WritePlanCSVTables(filepath.Join(dir, "tables"), sum)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, path := range append(layers, tables...) {
		name := filepath.Base(path)
		if !slices.Contains(planFileResults, name) {
			continue // the per-village CSV table: the village layer has it
		}
		if err := os.Rename(path, filepath.Join(dir, name)); err != nil {
			return nil, err
		}
		have[name] = true
	}
	os.RemoveAll(filepath.Join(dir, "layers"))
	os.RemoveAll(filepath.Join(dir, "tables"))
	pr.Set(0.85)
	if err := writeResult(dir, "plan.geojson", func(w io.Writer) error {
		return geojsonio.WritePlanGeoJSON(w, d.Villages, d.Facilities, res)
	}); err != nil {
		return nil, err
	}
	existing := rs.Plan.Subcentres.ExistingTypes
	if len(existing) == 0 {
		existing = planner.DefaultSubcentreExistingTypes() // the planner's reading of none
	}
	if err := writeResult(dir, "facility_circles.geojson", func(w io.Writer) error {
		return geojsonio.WriteFacilityCirclesGeoJSON(w, d.Facilities, []float64{rs.Plan.RadiusKm}, existing)
	}); err != nil {
		return nil, err
	}
	if err := writeResult(dir, "summary.json", func(w io.Writer) error { return summary.WritePlanSummaryJSON(w, sum) }); err != nil {
		return nil, err
	}
	if err := writeResult(dir, "report.md", func(w io.Writer) error { return report.WritePlanReport(w, sum, report.Options{}) }); err != nil {
		return nil, err
	}
	have["plan.geojson"], have["facility_circles.geojson"], have["summary.json"], have["report.md"] = true, true, true, true
	var names []string
	for _, n := range planResults {
		if have[n] {
			names = append(names, n)
		} else if n != "sweep.csv" {
			return nil, fmt.Errorf("server: plan result %s was not written", n)
		}
	}
	return names, nil
}
