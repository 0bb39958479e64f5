package compute

import (
	"context"
	"io"
	"math"
	"path/filepath"
	"slices"
	"sync/atomic"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/runparams"
)

// Input is a dataset parsed and ready to compute on. Its slices are shared
// by every computation and never modified.
type Input struct {
	Villages   []planner.Village
	Facilities []planner.Facility
	// Reports are the read reports of the dataset's tables, for the
	// summaries.
	Reports []*table.ReadReport
}

// Run computes the run sp (its road metrics bound to their network) on
// in and writes its results into dir, raising pr from where it is to 1.
// metric describes the run's metric for the summaries of coverage and
// plan runs; it is called only for them. Run returns the names of the
// results written, in order: Names(sp.Kind), without a plan's sweep.csv
// when it compares nothing.
func Run(ctx context.Context, dir string, in Input, sp *runparams.Spec, metric func() summary.MetricInfo, pr *Progress) ([]string, error) {
	switch sp.Kind {
	case runparams.KindCoverage:
		return writeCoverage(ctx, dir, in, sp, metric, pr)
	case runparams.KindBudget, runparams.KindPhase, runparams.KindQuota, runparams.KindScorecard:
		return writeProgramme(ctx, dir, in, sp, pr)
	}
	return writePlan(ctx, dir, in, sp, metric, pr)
}

// Progress is how far a run is, from 0 to 1, safe for concurrent use.
// The zero value is 0.
type Progress struct{ v atomic.Uint64 }

// Set raises the progress to p in [0, 1]; it never goes back, whatever
// order concurrent reports arrive in.
func (a *Progress) Set(p float64) {
	p = math.Max(0, math.Min(1, p))
	for {
		old := a.v.Load()
		if math.Float64frombits(old) >= p || a.v.CompareAndSwap(old, math.Float64bits(p)) {
			return
		}
	}
}

// Get is the progress now, in [0, 1].
func (a *Progress) Get() float64 { return math.Float64frombits(a.v.Load()) }

// Span maps a stage's done/total onto [lo, hi] of the run's progress.
func (a *Progress) Span(lo, hi float64) func(done, total int) {
	return func(done, total int) {
		if total > 0 {
			a.Set(lo + (hi-lo)*float64(done)/float64(total))
		}
	}
}

// Result names by run kind. Coverage runs: the village layer, the
// existing facilities and their circles, the summary and the county
// table. Plan runs: the village layer (cover before and after, service),
// the whole plan (all layers), the sub-centre, joint clinic and itinerant
// route layers, the existing facilities and their circles, the circles of
// the proposed sub-centres, the summary, the county, sub-centre and
// township tables, the sweep table (sweeps only) and the report.
//
// facilities.geojson is what `catchment coverage --facilities-out` writes
// (geojsonio.WriteFacilitiesGeoJSON): every facility as a point.
// facility_circles.geojson is what --facility-circles-out writes
// (geojsonio.WriteFacilityCirclesGeoJSON): the geodesic circles of the
// facilities that count as cover, so the map page can draw the cover the
// villages were judged against. Coverage runs circle the run's types at
// each of its radii; plan runs circle the existing types (existing_types)
// at the radius of the detailed plan (the first of a sweep), the county-level care cover
// that the village layer's county_care_today measures. subcentre_circles.geojson
// is what `catchment plan --out-dir` writes: the circle of that radius
// around each proposed sub-centre (none for a plan by road). Points and
// polygons are separate files because QGIS types a layer by one geometry.
var (
	coverageResults = []string{"villages.geojson", "facilities.geojson", "facility_circles.geojson", "summary.json", "counties.csv"}
	planResults     = []string{"villages.geojson", "plan.geojson", "subcentres.geojson", "joint_clinics.geojson",
		"itinerant_routes.geojson", "facilities.geojson", "facility_circles.geojson", "subcentre_circles.geojson",
		"summary.json", "counties.csv", "subcentres.csv", "townships.csv", "sweep.csv", "report.md"}
)

// planFileResults are the result names of the files the command line's
// plan directory writers write (the per-village CSV table is not one: the
// village layer has it).
var planFileResults = []string{
	"villages.geojson", "subcentres.geojson", "joint_clinics.geojson", "itinerant_routes.geojson", "facilities.geojson", "subcentre_circles.geojson", "counties.csv", "subcentres.csv", "townships.csv", "sweep.csv",
}

// Names are every result name a run of kind may have (those of a
// coverage run for a kind it does not know), in order; a new slice.
func Names(kind string) []string {
	names := coverageResults
	if kind == runparams.KindPlan {
		names = planResults
	}
	if r, ok := programmeResults[kind]; ok {
		names = r
	}
	return slices.Clone(names)
}

// IsResult reports whether name is a result of any kind of run.
func IsResult(name string) bool {
	return slices.Contains(coverageResults, name) || slices.Contains(planResults, name) || isProgrammeResult(name)
}

// writeResult writes one result file of dir atomically.
func writeResult(dir, name string, write func(io.Writer) error) error {
	return atomicfile.WriteFileAtomic(filepath.Join(dir, name), write)
}

// step is one result file and its writer.
type step struct {
	name  string
	write func(io.Writer) error
}

// writeSteps writes the results in order, raising progress from lo to 1.
func writeSteps(ctx context.Context, dir string, pr *Progress, lo float64, steps []step) ([]string, error) {
	var names []string
	for i, st := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := writeResult(dir, st.name, st.write); err != nil {
			return nil, err
		}
		names = append(names, st.name)
		pr.Set(lo + (1-lo)*float64(i+1)/float64(len(steps)))
	}
	return names, nil
}
