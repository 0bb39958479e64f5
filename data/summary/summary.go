package summary

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// CoverageSummary is the headline of a coverage run: the tallies per radius
// for all villages and per county, every village left uncovered, and what
// the readers accepted and rejected. Build it with NewCoverageSummary; its
// JSON form (MarshalJSON, WriteSummaryJSON) is
//
//	{"radius_km": [15],
//	 "notes": ["..."],
//	 "total": {"villages", "population", "network_covered_villages", "network_covered_population", "network_covered_share"},
//	 "counties": [{"county", "villages", ...same as total}],
//	 "network_uncovered_radius_km": 15,
//	 "network_uncovered": [{"id", "name", "county", "township", "population", "nearest_facility_id", "nearest_facility_km"}],
//	 "inputs": [{"file", "rows", "accepted", "rejected", "warnings"}],
//	 "rejected_count": N,
//	 "rejected": [{"file", "line", "id", "reason"}],
//	 "warnings": [{"file", "line", "id", "reason"}],
//	 "metric": {...MetricCoverage, only for a metric other than straight}}
//
// With several radii the three covered fields are given per radius, named
// with RadiusLabel: network_covered_villages_10km, network_covered_population_10km,
// network_covered_share_10km, network_covered_villages_15km ... "network_uncovered" lists the
// villages not covered within the largest radius, which
// "network_uncovered_radius_km" states (UncoveredRadiusKm). Keys always come in
// this order. The json tags below document the key names; the encoding is
// custom because of the per-radius keys.
type CoverageSummary struct {
	RadiiKm []float64 `json:"radius_km"`
	// RadiiMinutes, when not empty, are the travel-time radii the cover
	// figures are for (RadiiKm are then only the straight-line
	// comparison's, and may be empty); the covered_* keys are then named
	// by minutes (network_covered_villages_30min) and "radius_minutes" follows
	// "radius_km".
	RadiiMinutes []float64 `json:"radius_minutes,omitempty"`
	// Notes are findings that make the numbers read differently and that a
	// reader must not miss, in words: for now, that the input has no
	// facility of the emergency types, so no village has emergency network
	// cover. Empty when there is none. The command line also warns on
	// stderr.
	Notes    []string        `json:"notes"`
	Total    SummaryTally    `json:"total"`
	Counties []CountySummary `json:"counties"` // by county name
	// Uncovered lists every village not covered within the largest radius
	// (UncoveredRadiusKm), most populous first (ties in input order), as
	// planner orders them.
	Uncovered     []UncoveredVillage `json:"network_uncovered"`
	Inputs        []InputSummary     `json:"inputs"`
	RejectedCount int                `json:"rejected_count"`
	// Rejected and Warnings concatenate those of the read reports, in the
	// order the reports were given.
	Rejected []table.Rejection `json:"rejected"`
	Warnings []table.Rejection `json:"warnings"`
	// Metric, set only when the metric is not the straight line (so that
	// straight-line summaries stay as they were), says how distances were
	// measured and how cover differs from the straight line; it is the
	// last key, "metric". Set it with AddMetric.
	Metric *MetricCoverage `json:"metric,omitempty"`
}

// UncoveredRadiusKm is the radius that Uncovered refers to: the largest of
// RadiiKm, as planner.CoverageResult.Uncovered uses; 0 without radii.
func (s CoverageSummary) UncoveredRadiusKm() float64 {
	if len(s.RadiiKm) == 0 {
		return 0
	}
	return slices.Max(s.RadiiKm)
}

// SummaryTally counts villages and people, and how many of them are
// covered within each radius.
type SummaryTally struct {
	Villages   int   `json:"villages"`
	Population int64 `json:"population"`
	// Covered is parallel to CoverageSummary.RadiiKm.
	Covered []RadiusCoverage `json:"-"`
}

// RadiusCoverage is the coverage within one radius.
type RadiusCoverage struct {
	RadiusKm   float64
	Villages   int
	Population int64
	// Share is Population over the tally's population, in [0, 1]; 0 when
	// the tally has no people.
	Share float64
}

// CountySummary is the tally of one county.
type CountySummary struct {
	County string `json:"county"`
	SummaryTally
}

// UncoveredVillage is a village outside every radius and how far it is
// from the nearest emergency facility.
type UncoveredVillage struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	County     string `json:"county"`
	Township   string `json:"township"`
	Population int    `json:"population"`
	// NearestFacilityID and NearestFacilityKm (geodesic kilometres) are ""
	// and +Inf when no facility of an emergency type exists at all; both
	// are then null in JSON.
	NearestFacilityID string  `json:"nearest_facility_id"`
	NearestFacilityKm float64 `json:"nearest_facility_km"`
}

// HasNearest reports whether any emergency facility exists for the village.
func (u UncoveredVillage) HasNearest() bool { return !math.IsInf(u.NearestFacilityKm, 1) }

// InputSummary accounts for one input file; Rejected and Warnings are counts.
type InputSummary struct {
	File     string `json:"file"`
	Rows     int    `json:"rows"`
	Accepted int    `json:"accepted"`
	Rejected int    `json:"rejected"`
	Warnings int    `json:"warnings"`
}

// NewCoverageSummary summarises res, the result of planner.Coverage for
// exactly these villages and facilities, together with the read reports of
// the inputs (nil reports are skipped), and adds a note when there are
// villages but no facility of the emergency types at all. A res that does
// not belong to villages and facilities (another village count, a nearest
// facility out of range) is a *table.WriteInputError wrapping
// table.ErrWriteInput, as the writers (WriteCoverageGeoJSON ...) report
// the same mismatch.
func NewCoverageSummary(villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult, reports ...*table.ReadReport) (CoverageSummary, error) {
	if res == nil || len(res.Villages) != len(villages) {
		return CoverageSummary{}, &table.WriteInputError{Reason: "summary: the coverage result does not belong to the villages"}
	}
	s := CoverageSummary{
		RadiiKm:      slices.Clone(res.RadiiKm),
		RadiiMinutes: minuteRadii(res),
		Notes:        coverageNotes(villages, facilities, res),
		Total:        summaryTally(tallyRadii(res), res.Total),
		Counties:     make([]CountySummary, 0, len(res.Counties)),
		Uncovered:    make([]UncoveredVillage, 0, len(res.Uncovered)),
		Inputs:       []InputSummary{},
		Rejected:     []table.Rejection{},
		Warnings:     []table.Rejection{},
	}
	for _, c := range res.Counties {
		s.Counties = append(s.Counties, CountySummary{c.County, summaryTally(tallyRadii(res), c.Tally)})
	}
	for _, i := range res.Uncovered {
		v, vc := &villages[i], &res.Villages[i]
		u := UncoveredVillage{ID: v.ID, Name: v.Name, County: v.County, Township: v.Township,
			Population: v.Population, NearestFacilityKm: math.Inf(1)}
		if vc.Nearest >= 0 {
			if vc.Nearest >= len(facilities) {
				return CoverageSummary{}, &table.WriteInputError{Record: table.VillageRecord(i, v),
					Reason: fmt.Sprintf("summary: nearest facility %d is out of range (%d facilities)", vc.Nearest, len(facilities))}
			}
			u.NearestFacilityID = facilities[vc.Nearest].ID
			u.NearestFacilityKm = vc.DistanceM / 1000
		}
		s.Uncovered = append(s.Uncovered, u)
	}
	for _, r := range reports {
		if r == nil {
			continue
		}
		s.Inputs = append(s.Inputs, InputSummary{File: r.File, Rows: r.Rows, Accepted: r.Accepted,
			Rejected: r.RejectedTotal(), Warnings: len(r.Warnings)})
		s.Rejected = append(s.Rejected, r.Rejected...)
		s.Warnings = append(append(s.Warnings, r.Warnings...), r.Derived...) // derived: one note per filled-in row
		// A bounded report (ReadReport.Bound) lists only some rejected
		// rows; the count is of them all.
		s.RejectedCount += r.RejectedTotal()
	}
	return s, nil
}

// coverageNotes finds what CoverageSummary.Notes reports. A result
// without any nearest facility means no facility of the emergency types
// exists at all (planner.Coverage searches without a distance limit). The
// result does not record the types used, so the note names the default
// types only when the input has none of them either.
func coverageNotes(villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult) []string {
	notes := []string{}
	if len(villages) == 0 || slices.ContainsFunc(res.Villages, func(v planner.VillageCoverage) bool { return v.Nearest >= 0 }) {
		return notes
	}
	emergency := planner.DefaultEmergencyTypes()
	if slices.ContainsFunc(facilities, func(f planner.Facility) bool { return slices.Contains(emergency, f.Type) }) {
		return append(notes, "no facility of the types counted as emergency cover in the input: no village has emergency network cover")
	}
	types := make([]string, len(emergency))
	for i, t := range emergency {
		types[i] = string(t)
	}
	return append(notes, fmt.Sprintf("no facility of the emergency types (%s) in the input: no village has emergency network cover", strings.Join(types, ", ")))
}

func summaryTally(radiiKm []float64, t planner.Tally) SummaryTally {
	st := SummaryTally{Villages: t.Villages, Population: t.Population, Covered: make([]RadiusCoverage, len(radiiKm))}
	for k, r := range radiiKm {
		st.Covered[k] = RadiusCoverage{RadiusKm: r, Villages: t.CoveredVillages[k], Population: t.CoveredPopulation[k], Share: t.Share(k)}
	}
	return st
}

// minuteRadii are res's travel-time radii when its cover is by minutes.
func minuteRadii(res *planner.CoverageResult) []float64 {
	if table.ByMinutes(res) {
		return slices.Clone(res.RadiiMinutes)
	}
	return nil
}

// tallyRadii are the radii the tallies of res are per: km radii, or the
// minute radii when its cover is by minutes (RadiusCoverage.RadiusKm then
// holds minutes).
func tallyRadii(res *planner.CoverageResult) []float64 {
	if table.ByMinutes(res) {
		return res.RadiiMinutes
	}
	return res.RadiiKm
}
