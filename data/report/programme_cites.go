package report

import (
	"fmt"

	"github.com/catchment/catchment/planner/programme"
)

// The cite lines of the programme sections: each figure with where it
// came from, as the summary and report of a plan cite theirs. The command
// line and the server build them the same way; custom says the figure was
// given by the user rather than taken from the policy.

// BudgetCites cites the budget (R5) and the per-county bounds, whose
// sources are named by minSource and maxSource (a policy figure's source,
// or the flag or key that set it).
func BudgetCites(total int, bounds programme.CountyBounds, minSource, maxSource, totalSource string) []string {
	return []string{
		fmt.Sprintf("budget: %d sub-centres city-wide (R5 Zibo three-year action plan 2024–2026: 10 by 2026; here %s)", total, totalSource),
		fmt.Sprintf("at least %d per county: %s", bounds.Min, minSource),
		fmt.Sprintf("at most %d per county: %s", bounds.Max, maxSource),
	}
}

// PhaseCites cites the caps (R17), the score and its weights, the tie
// rule and where the clinics came from. radiusSource is the source of the
// emergency radius of "no emergency network cover".
func PhaseCites(res *programme.PhaseResult, customCaps, fromPlan bool, radiusKm float64, radiusSource string) []string {
	src := "R17 Zibo action plan 2024–2026: 530 (2024), 1,060 (2025), 1,048 (2026)"
	if customCaps {
		src = "given for this run (R17's Zibo figures are 530, 1,060, 1,048 from 2024)"
	}
	w := res.Weights
	what := "village clinics of the facilities file"
	if fromPlan {
		what = "the plan's own and joint clinics"
	}
	return []string{
		fmt.Sprintf("caps %v from %d: %s", res.PerYear, res.StartYear, src),
		fmt.Sprintf("score = %g·served/max + %g·doctor gap/max (R10) + %g·distance to THC/max + %g·no emergency network cover (no county hospital or township health centre within %g km, %s): %s",
			w.ServedPopulation, w.DoctorGap, w.DistanceToTHC, w.NetworkUncovered, radiusKm, radiusSource, res.Source),
		"ties: " + res.TieBreak,
		"clinics: " + what,
	}
}

// QuotaCites cites the staff figure, the need (R10, R11) and the rounding.
func QuotaCites(res *programme.QuotaResult, customStaff bool) []string {
	staff := fmt.Sprintf("%d staff: Zibo action plan 2024–2026, at least 500 medical staff a year sent down to villages", res.Total)
	if customStaff {
		staff = fmt.Sprintf("%d staff: given for this run (Zibo's figure is at least 500 a year)", res.Total)
	}
	out := []string{staff, res.Source, "rounding: " + res.TieBreak}
	if res.Note != "" {
		out = append(out, res.Note)
	}
	return out
}
