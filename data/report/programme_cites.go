package report

import (
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
)

// The cite lines of the programme sections: each figure with where it
// came from, as the summary and report of a plan cite theirs. The command
// line and the server build them the same way; custom says the figure was
// given by the user rather than taken from the policy. They are notes
// (note.Cite…): printed, a note is its English line; the report renders
// them in its language.

// BudgetCites cites the budget (R5) and the per-county bounds, whose
// sources are named by minSource and maxSource (a policy figure's source,
// or the flag or key that set it).
func BudgetCites(total int, bounds programme.CountyBounds, minSource, maxSource, totalSource string) []note.Note {
	return []note.Note{
		note.New(note.CiteBudget, "sites", total, "by", totalSource),
		note.New(note.CiteCountyMin, "min", bounds.Min, "source", minSource),
		note.New(note.CiteCountyMax, "max", bounds.Max, "source", maxSource),
	}
}

// PhaseCites cites the caps (R17), the score and its weights, the tie
// rule and where the clinics came from. radiusSource is the source of the
// emergency radius of "no emergency network cover".
func PhaseCites(res *programme.PhaseResult, customCaps, fromPlan bool, radiusKm float64, radiusSource string) []note.Note {
	caps := note.New(note.CiteCapsZibo, "caps", res.PerYear, "start_year", res.StartYear)
	if customCaps {
		caps.Code = note.CiteCapsGiven
	}
	w := res.Weights
	clinics := note.New(note.CiteClinicsFacilities)
	if fromPlan {
		clinics = note.New(note.CiteClinicsPlan)
	}
	return []note.Note{
		caps,
		note.New(note.CiteScore, "served", w.ServedPopulation, "doctor_gap", w.DoctorGap, "distance_to_thc", w.DistanceToTHC,
			"network_uncovered", w.NetworkUncovered, "radius_km", radiusKm, "radius_source", radiusSource, "source", res.Source),
		note.New(note.CiteTies, "rule", res.TieBreak),
		clinics,
	}
}

// QuotaCites cites the staff figure, the need (R10, R11) and the rounding.
func QuotaCites(res *programme.QuotaResult, customStaff bool) []note.Note {
	staff := note.New(note.CiteStaffZibo, "staff", res.Total)
	if customStaff {
		staff.Code = note.CiteStaffGiven
	}
	out := []note.Note{staff, note.New(note.CiteRule, "rule", res.Source), note.New(note.CiteRounding, "rule", res.TieBreak)}
	if res.Note != "" {
		out = append(out, note.New(note.CiteRule, "rule", res.Note))
	}
	return out
}
