package data

import (
	"fmt"
	"math"
	"slices"

	"github.com/catchment/catchment/planner"
)

// CoverageSummary is the headline of a coverage run: the tallies per radius
// for all villages and per county, every village left uncovered, and what
// the readers accepted and rejected. Build it with NewCoverageSummary; its
// JSON form (MarshalJSON, WriteSummaryJSON) is
//
//	{"radius_km": [15],
//	 "total": {"villages", "population", "covered_villages", "covered_population", "covered_share"},
//	 "counties": [{"county", "villages", ...same as total}],
//	 "uncovered": [{"id", "name", "county", "township", "population", "nearest_facility_id", "nearest_facility_km"}],
//	 "inputs": [{"file", "rows", "accepted", "rejected", "warnings"}],
//	 "rejected_count": N,
//	 "rejected": [{"file", "line", "id", "reason"}],
//	 "warnings": [{"file", "line", "id", "reason"}]}
//
// With several radii the three covered fields are given per radius, named
// with RadiusLabel: covered_villages_10km, covered_population_10km,
// covered_share_10km, covered_villages_15km ... Keys always come in this
// order. The json tags below document the key names; the encoding is
// custom because of the per-radius keys.
type CoverageSummary struct {
	RadiiKm  []float64       `json:"radius_km"`
	Total    SummaryTally    `json:"total"`
	Counties []CountySummary `json:"counties"` // by county name
	// Uncovered lists every village not covered within the largest radius,
	// most populous first (ties in input order), as planner orders them.
	Uncovered     []UncoveredVillage `json:"uncovered"`
	Inputs        []InputSummary     `json:"inputs"`
	RejectedCount int                `json:"rejected_count"`
	// Rejected and Warnings concatenate those of the read reports, in the
	// order the reports were given.
	Rejected []Rejection `json:"rejected"`
	Warnings []Rejection `json:"warnings"`
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
// the inputs (nil reports are skipped). It panics if res does not belong to
// villages and facilities, which is a programming error; the writers
// (WriteCoverageGeoJSON ...) check the same and return ErrWriteInput.
func NewCoverageSummary(villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult, reports ...*ReadReport) CoverageSummary {
	if res == nil || len(res.Villages) != len(villages) {
		panic("data: NewCoverageSummary: coverage result does not belong to the villages")
	}
	s := CoverageSummary{
		RadiiKm:   slices.Clone(res.RadiiKm),
		Total:     summaryTally(res.RadiiKm, res.Total),
		Counties:  make([]CountySummary, 0, len(res.Counties)),
		Uncovered: make([]UncoveredVillage, 0, len(res.Uncovered)),
		Inputs:    []InputSummary{},
		Rejected:  []Rejection{},
		Warnings:  []Rejection{},
	}
	for _, c := range res.Counties {
		s.Counties = append(s.Counties, CountySummary{c.County, summaryTally(res.RadiiKm, c.Tally)})
	}
	for _, i := range res.Uncovered {
		v, vc := &villages[i], &res.Villages[i]
		u := UncoveredVillage{ID: v.ID, Name: v.Name, County: v.County, Township: v.Township,
			Population: v.Population, NearestFacilityKm: math.Inf(1)}
		if vc.Nearest >= 0 {
			if vc.Nearest >= len(facilities) {
				panic(fmt.Sprintf("data: NewCoverageSummary: nearest facility %d of village %q out of range", vc.Nearest, v.ID))
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
			Rejected: len(r.Rejected), Warnings: len(r.Warnings)})
		s.Rejected = append(s.Rejected, r.Rejected...)
		s.Warnings = append(s.Warnings, r.Warnings...)
	}
	s.RejectedCount = len(s.Rejected)
	return s
}

func summaryTally(radiiKm []float64, t planner.Tally) SummaryTally {
	st := SummaryTally{Villages: t.Villages, Population: t.Population, Covered: make([]RadiusCoverage, len(radiiKm))}
	for k, r := range radiiKm {
		st.Covered[k] = RadiusCoverage{RadiusKm: r, Villages: t.CoveredVillages[k], Population: t.CoveredPopulation[k], Share: t.Share(k)}
	}
	return st
}
