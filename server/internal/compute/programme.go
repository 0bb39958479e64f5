package compute

import (
	"context"
	"encoding/json"
	"io"
	"slices"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/programme"
	"github.com/catchment/catchment/server/internal/runparams"
)

// Result names of the programme runs. Every kind has its result as JSON
// (the planner's result), its table as CSV and report.md, the Markdown
// section that explains it with its rule and the appendix of the rules
// cited. Budget runs add the plan they imply (plan.geojson, summary.json;
// report.md is the plan report with the budget section); phase runs the
// per-year per-county table and the clinics as points coloured by year.
var programmeResults = map[string][]string{
	runparams.KindBudget:    {"budget.json", "budget.csv", "plan.geojson", "summary.json", "report.md"},
	runparams.KindPhase:     {"phase.json", "phase.csv", "phase_summary.csv", "phase.geojson", "report.md"},
	runparams.KindQuota:     {"quota.json", "quota.csv", "report.md"},
	runparams.KindScorecard: {"scorecard.json", "scorecard.csv", "report.md"},
}

// isProgrammeResult reports whether name is a result of a programme kind.
func isProgrammeResult(name string) bool {
	for _, names := range programmeResults {
		if slices.Contains(names, name) {
			return true
		}
	}
	return false
}

// writeProgramme computes a budget, phase, quota or scorecard run.
func writeProgramme(ctx context.Context, dir string, d Input, sp *runparams.Spec, pr *Progress) ([]string, error) {
	switch sp.Kind {
	case runparams.KindBudget:
		return writeBudget(ctx, dir, d, sp, pr)
	case runparams.KindPhase:
		return writePhase(ctx, dir, d, sp, pr)
	case runparams.KindQuota:
		return writeQuota(ctx, dir, d, sp, pr)
	}
	return writeScorecard(ctx, dir, d, sp, pr)
}

// programmePlan is the plan a programme run works from.
func programmePlan(ctx context.Context, d Input, sp *runparams.Spec, pr *Progress) (*planner.PlanResult, error) {
	rs := sp.Scenario
	rs.Plan.Clinics.Progress = pr.Span(0.1, 0.7)
	return planner.Plan(ctx, d.Villages, d.Facilities, rs.Plan)
}

func writeBudget(ctx context.Context, dir string, d Input, sp *runparams.Spec, pr *Progress) ([]string, error) {
	rs, p := sp.Scenario, sp.Programme
	b := programme.BudgetOptions{Total: p.SubcentresTotal, Bounds: programme.CountyBounds{Min: *p.CountyMin, Max: *p.CountyMax}}
	minSrc, maxSrc := rs.Policy.MinSubcentres.Source, rs.Policy.MaxSubcentres.Source
	if b.Bounds.Min != rs.Policy.MinSubcentres.Value {
		minSrc = "county_min of this run"
	}
	if b.Bounds.Max != rs.Policy.MaxSubcentres.Value {
		maxSrc = "county_max of this run"
	}
	cites := report.BudgetCites(b.Total, b.Bounds, minSrc, maxSrc, "subcentres_total of this run")
	rs.Plan.Clinics.Progress = pr.Span(0.3, 0.7)
	res, budget, err := programme.PlanWithBudget(ctx, d.Villages, d.Facilities, rs.Plan, b)
	if err != nil {
		return nil, err
	}
	sum, err := summary.NewPlanSummary(d.Villages, d.Facilities, res, rs.Policy, rs.Plan, nil, d.Reports...)
	if err != nil {
		return nil, err
	}
	return writeSteps(ctx, dir, pr, 0.75, []step{
		{"budget.json", func(w io.Writer) error { return writeIndented(w, budget) }},
		{"budget.csv", func(w io.Writer) error { return csvio.WriteRows(w, csvio.BudgetRows(budget)) }},
		{"plan.geojson", func(w io.Writer) error { return geojsonio.WritePlanGeoJSON(w, d.Villages, d.Facilities, res) }},
		{"summary.json", func(w io.Writer) error { return summary.WritePlanSummaryJSON(w, sum) }},
		{"report.md", func(w io.Writer) error { return report.WritePlanBudgetReport(w, sum, budget, cites, report.Options{}) }},
	})
}

func writePhase(ctx context.Context, dir string, d Input, sp *runparams.Spec, pr *Progress) ([]string, error) {
	rs, p := sp.Scenario, sp.Programme
	var clinics []programme.PhaseClinic
	if p.From == "plan" {
		plan, err := programmePlan(ctx, d, sp, pr)
		if err != nil {
			return nil, err
		}
		clinics = programme.PhaseClinicsFromPlan(d.Villages, plan)
	} else {
		var err error
		if clinics, err = programme.PhaseClinicsFromFacilities(d.Villages, d.Facilities, programme.PhaseInputOptions{RadiusKm: rs.Plan.RadiusKm}); err != nil {
			return nil, err
		}
	}
	w := programme.PhaseWeights{ServedPopulation: p.Weights["served_population"], DoctorGap: p.Weights["doctor_gap"],
		DistanceToTHC: p.Weights["distance_to_thc"], NetworkUncovered: p.Weights["network_uncovered"]}
	res, err := programme.PhaseUpgrades(clinics, programme.PhaseOptions{PerYear: p.PerYear, StartYear: p.StartYear, Weights: w})
	if err != nil {
		return nil, err
	}
	custom := p.StartYear != 2024 || !slices.Equal(p.PerYear, []int{530, 1060, 1048})
	cites := report.PhaseCites(res, custom, p.From == "plan", rs.Plan.RadiusKm, rs.Policy.RadiusKm.Source)
	return writeSteps(ctx, dir, pr, 0.75, []step{
		{"phase.json", func(w io.Writer) error { return writeIndented(w, res) }},
		{"phase.csv", func(w io.Writer) error { return csvio.WriteRows(w, csvio.PhaseRows(res)) }},
		{"phase_summary.csv", func(w io.Writer) error { return csvio.WriteRows(w, csvio.PhaseSummaryRows(res)) }},
		{"phase.geojson", func(w io.Writer) error { return geojsonio.WritePhaseGeoJSON(w, res) }},
		{"report.md", func(w io.Writer) error { return report.WritePhaseReport(w, res, cites, report.Options{}) }},
	})
}

func writeQuota(ctx context.Context, dir string, d Input, sp *runparams.Spec, pr *Progress) ([]string, error) {
	plan, err := programmePlan(ctx, d, sp, pr)
	if err != nil {
		return nil, err
	}
	res, err := programme.QuotaStaff(sp.Programme.Staff, programme.NeedsFromPlan(plan.Clinics))
	if err != nil {
		return nil, err
	}
	cites := report.QuotaCites(res, sp.Programme.Staff != 500)
	return writeSteps(ctx, dir, pr, 0.75, []step{
		{"quota.json", func(w io.Writer) error { return writeIndented(w, res) }},
		{"quota.csv", func(w io.Writer) error { return csvio.WriteRows(w, csvio.QuotaRows(res)) }},
		{"report.md", func(w io.Writer) error { return report.WriteQuotaReport(w, res, cites, report.Options{}) }},
	})
}

func writeScorecard(ctx context.Context, dir string, d Input, sp *runparams.Spec, pr *Progress) ([]string, error) {
	plan, err := programmePlan(ctx, d, sp, pr)
	if err != nil {
		return nil, err
	}
	p := sp.Programme
	opt := programme.ScorecardOptions{Clinics: plan.Clinics, Weights: p.Weights, YellowCards: p.YellowCards,
		Targets: map[string]programme.Target{programme.IndLicensedShare: programme.LicensedShareTarget(sp.Scenario.Policy.Name)}}
	for _, r := range p.Counties {
		opt.Counties = append(opt.Counties, r.Facts())
	}
	if p.HasPrevious {
		opt.Previous = map[string]bool{}
		for _, c := range p.PreviousYellowCards {
			opt.Previous[c] = true
		}
	}
	res, err := programme.Scorecard(d.Villages, d.Facilities, opt)
	if err != nil {
		return nil, err
	}
	return writeSteps(ctx, dir, pr, 0.75, []step{
		{"scorecard.json", func(w io.Writer) error { return writeIndented(w, res) }},
		{"scorecard.csv", func(w io.Writer) error { return csvio.WriteRows(w, csvio.ScorecardRows(res)) }},
		{"report.md", func(w io.Writer) error { return report.WriteScorecardReport(w, res, report.Options{}) }},
	})
}

// writeIndented writes v as indented JSON, as the command line's
// --summary files are.
func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
