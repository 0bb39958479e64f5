package planner

import (
	"context"
	"fmt"

	"github.com/catchment/catchment/geo"
)

// PlanOptions configures Plan: one radius, the sub-centre choice and the
// clinic plan. Subcentres.RadiusKm and Subcentres.RadiusMinutes are
// overwritten by RadiusKm and RadiusMinutes.
type PlanOptions struct {
	RadiusKm float64
	// RadiusMinutes is the radius as a travel time, for a Metric counting
	// seconds; see Limit.
	RadiusMinutes float64
	// Metric measures every step; nil means geo.Straight. Plan gives it to
	// Subcentres.Metric, and to Clinics.Metric when that is nil (the clinic
	// plan needs a metric counting metres: with a travel-time Metric, set
	// Clinics.Metric to the same network measured in metres).
	Metric     geo.Metric
	Subcentres SubcentreOptions
	Clinics    ClinicOptions
	// MinSubcentres and MaxSubcentres are the policy's bounds on the sites
	// per county, each citing its rule (Policy.MinSubcentres,
	// MaxSubcentres); a county the plan leaves outside them gets a
	// Warning in PlanResult.Warnings. A zero Value checks nothing.
	MinSubcentres, MaxSubcentres Figure[int]
}

// VillagePlan is the cover of one village by the two measures (see Terms):
// emergency network cover, and county-level care cover before and after
// the proposed sub-centres.
type VillagePlan struct {
	// NetworkCovered (MeasureNetwork): a county hospital or township health
	// centre (DefaultEmergencyTypes) lies within the radius.
	NetworkCovered bool
	// CountyCareToday (MeasureCountyCare): within the radius of an existing
	// facility (SubcentreOptions.ExistingTypes, county hospitals by
	// default); CountyCareAfter also counts the chosen sub-centres.
	CountyCareToday, CountyCareAfter bool
	// Subcentre is the facility (or candidate) index of the chosen site that
	// newly covers the village, -1 when none does.
	Subcentre int
}

// PlanTotals sums the county results: people, and people with each cover
// measure (as in CountySubcentres).
type PlanTotals struct {
	Villages                         int
	Population                       int64
	CountyCareToday, CountyCareAfter int64
	NetworkCovered                   int64
	Subcentres                       int
}

// PlanResult is the outcome of Plan.
type PlanResult struct {
	RadiusKm float64
	// RadiusMinutes is the travel-time radius (0 unless the metric counts
	// seconds); Metric is the metric's Name.
	RadiusMinutes float64
	Metric        string
	Counties      []CountySubcentres
	Clinics       *ClinicPlan
	// Villages is parallel to the villages given to Plan.
	Villages []VillagePlan
	Total    PlanTotals
	// Candidates is where SiteChoice.Index points: the facilities given to
	// Plan, or Subcentres.Candidates when those were given.
	Candidates []Facility
	// Warnings are the policy bounds the plan does not meet
	// (PlanOptions.MinSubcentres, MaxSubcentres), by county name; empty
	// when it meets them all.
	Warnings []Warning
}

// Plan runs the whole planning job for one radius: county sub-centres
// (PlanSubcentres) and the clinic plan for small villages (PlanClinics),
// and gives every village both cover measures (emergency network cover,
// county-level care today and after), all measured by opt.Metric at the
// plan's radius. Today's cover is measured once, by the sub-centre step.
func Plan(ctx context.Context, villages []Village, facilities []Facility, opt PlanOptions) (*PlanResult, error) {
	opt.Subcentres.RadiusKm, opt.Subcentres.RadiusMinutes, opt.Subcentres.Metric = opt.RadiusKm, opt.RadiusMinutes, opt.Metric
	if opt.Clinics.Metric == nil {
		opt.Clinics.Metric = opt.Metric
	}
	counties, today, err := planSubcentres(ctx, villages, facilities, opt.Subcentres)
	if err != nil {
		return nil, err
	}
	clinics, err := PlanClinics(ctx, villages, facilities, opt.Clinics)
	if err != nil {
		return nil, err
	}
	// The facilities of the existing types were only checked for their
	// coordinates by the sub-centre step; Plan also rejects negative
	// capacities among them, as it always has.
	if _, err := emergencyFacilities(facilities, opt.Subcentres.existingTypes()); err != nil {
		return nil, err
	}
	res := &PlanResult{RadiusKm: opt.RadiusKm, Counties: counties, Clinics: clinics,
		Villages: make([]VillagePlan, len(villages)), Candidates: facilities, Metric: metricOr(opt.Metric).Name()}
	if metricOr(opt.Metric).Unit() == geo.Seconds {
		res.RadiusMinutes = opt.RadiusMinutes
	}
	if opt.Subcentres.Candidates != nil {
		res.Candidates = opt.Subcentres.Candidates
	}
	newly := make(map[int]int) // village -> site index
	for _, c := range counties {
		for _, s := range c.Sites {
			for _, v := range s.NewlyCovered {
				newly[v] = s.Index
			}
		}
	}
	for i := range villages {
		vp := VillagePlan{Subcentre: -1, CountyCareToday: today.countyCare[i], NetworkCovered: today.network[i]}
		if s, ok := newly[i]; ok {
			if vp.CountyCareToday {
				return nil, fmt.Errorf("planner: village %q has county-level care today and also from a proposed sub-centre", villages[i].ID)
			}
			vp.Subcentre = s
		}
		vp.CountyCareAfter = vp.CountyCareToday || vp.Subcentre >= 0
		res.Villages[i] = vp
	}
	res.Total = Totals(counties)
	if res.Warnings, err = PolicyWarnings(ctx, villages, facilities, opt, counties, false); err != nil {
		return nil, err
	}
	return res, nil
}

// SweepRow is one radius and sub-centre count of a sweep, totalled over
// all counties.
type SweepRow struct {
	// RadiusKm is the radius; with a metric counting seconds it is 0 and
	// RadiusMinutes is the radius.
	RadiusKm      float64
	RadiusMinutes float64
	// K is the requested sites per county (0: automatic).
	K int
	PlanTotals
}

// Sweep plans sub-centres for every combination of radii and K values and
// totals each, for one comparison table. base gives the other options. The
// radii are in base.Metric's radius unit: kilometres, or minutes for a
// metric counting seconds (see Limit).
func Sweep(ctx context.Context, villages []Village, facilities []Facility, radii []float64, ks []int, base SubcentreOptions) ([]SweepRow, error) {
	return sweep(ctx, villages, facilities, radii, ks, base, nil)
}

// sweep is Sweep reusing done, a plan already made for one combination
// (its radius and base K), instead of planning it again.
func sweep(ctx context.Context, villages []Village, facilities []Facility, radii []float64, ks []int, base SubcentreOptions, done *PlanResult) ([]SweepRow, error) {
	minutes := metricOr(base.Metric).Unit() == geo.Seconds
	var rows []SweepRow
	for _, r := range radii {
		for _, k := range ks {
			row, opt := SweepRow{RadiusKm: r, K: k}, base
			opt.RadiusKm, opt.K = r, k
			planned := done != nil && done.RadiusKm == r
			if minutes {
				row.RadiusKm, row.RadiusMinutes = 0, r
				opt.RadiusKm, opt.RadiusMinutes = base.RadiusKm, r
				planned = done != nil && done.RadiusMinutes == r
			}
			if planned && k == base.K {
				row.PlanTotals = done.Total
				rows = append(rows, row)
				continue
			}
			counties, err := PlanSubcentres(ctx, villages, facilities, opt)
			if err != nil {
				return nil, err
			}
			row.PlanTotals = Totals(counties)
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// Totals sums the county results into a plan's totals.
func Totals(counties []CountySubcentres) PlanTotals {
	var t PlanTotals
	for _, c := range counties {
		t.Villages += c.Villages
		t.Population += c.Population
		t.CountyCareToday += c.CountyCareToday
		t.CountyCareAfter += c.CountyCareAfter
		t.NetworkCovered += c.NetworkCovered
		t.Subcentres += len(c.Sites)
	}
	return t
}

// CountyCareTodayShare is the share of the population with county-level
// care cover today, in [0, 1] (0 without people).
func (t PlanTotals) CountyCareTodayShare() float64 { return scShare(t.CountyCareToday, t.Population) }

// CountyCareAfterShare is the share with county-level care cover once the
// proposed sub-centres are built, in [0, 1].
func (t PlanTotals) CountyCareAfterShare() float64 { return scShare(t.CountyCareAfter, t.Population) }

// NetworkCoveredShare is the share with emergency network cover, in [0, 1].
func (t PlanTotals) NetworkCoveredShare() float64 { return scShare(t.NetworkCovered, t.Population) }
