package planner

import (
	"context"
	"fmt"
)

// PlanOptions configures Plan: one radius, the sub-centre choice and the
// clinic plan. Subcentres.RadiusKm is overwritten by RadiusKm.
type PlanOptions struct {
	RadiusKm   float64
	Subcentres SubcentreOptions
	Clinics    ClinicOptions
}

// VillagePlan is the emergency cover of one village before and after the
// proposed sub-centres.
type VillagePlan struct {
	// CoveredBefore: within RadiusKm of an existing facility
	// (SubcentreOptions.ExistingTypes); CoveredAfter also counts the chosen
	// sub-centres.
	CoveredBefore, CoveredAfter bool
	// Subcentre is the facility (or candidate) index of the chosen site that
	// newly covers the village, -1 when none does.
	Subcentre int
}

// PlanTotals sums the county results.
type PlanTotals struct {
	Villages                    int
	Population                  int64
	CoveredBefore, CoveredAfter int64
	Subcentres                  int
}

// PlanResult is the outcome of Plan.
type PlanResult struct {
	RadiusKm float64
	Counties []CountySubcentres
	Clinics  *ClinicPlan
	// Villages is parallel to the villages given to Plan.
	Villages []VillagePlan
	Total    PlanTotals
	// Candidates is where SiteChoice.Index points: the facilities given to
	// Plan, or Subcentres.Candidates when those were given.
	Candidates []Facility
}

// Plan runs the whole planning job for one radius: county sub-centres
// (PlanSubcentres) and the clinic plan for small villages (PlanClinics),
// and marks every village covered before and after.
func Plan(ctx context.Context, villages []Village, facilities []Facility, opt PlanOptions) (*PlanResult, error) {
	opt.Subcentres.RadiusKm = opt.RadiusKm
	counties, err := PlanSubcentres(ctx, villages, facilities, opt.Subcentres)
	if err != nil {
		return nil, err
	}
	clinics, err := PlanClinics(ctx, villages, facilities, opt.Clinics)
	if err != nil {
		return nil, err
	}
	res := &PlanResult{RadiusKm: opt.RadiusKm, Counties: counties, Clinics: clinics,
		Villages: make([]VillagePlan, len(villages)), Candidates: facilities}
	if opt.Subcentres.Candidates != nil {
		res.Candidates = opt.Subcentres.Candidates
	}

	// Cover before: the same existing types PlanSubcentres counted.
	existing := opt.Subcentres.existingTypes()
	ix, _, err := EmergencyIndex(facilities, existing)
	if err != nil {
		return nil, err
	}
	radiusM := opt.RadiusKm * 1000
	newly := make(map[int]int) // village -> site index
	for _, c := range counties {
		for _, s := range c.Sites {
			for _, v := range s.NewlyCovered {
				newly[v] = s.Index
			}
		}
	}
	for i := range villages {
		vp := VillagePlan{Subcentre: -1}
		if _, d, ok := ix.Nearest(villages[i].Location); ok && d <= radiusM {
			vp.CoveredBefore = true
		}
		if s, ok := newly[i]; ok {
			if vp.CoveredBefore {
				return nil, fmt.Errorf("planner: village %q is covered today and also newly covered by a sub-centre", villages[i].ID)
			}
			vp.Subcentre = s
		}
		vp.CoveredAfter = vp.CoveredBefore || vp.Subcentre >= 0
		res.Villages[i] = vp
	}
	res.Total = totals(counties)
	return res, nil
}

// SweepRow is one radius and sub-centre count of a sweep, totalled over
// all counties.
type SweepRow struct {
	RadiusKm float64
	// K is the requested sites per county (0: automatic).
	K int
	PlanTotals
}

// Sweep plans sub-centres for every combination of radii and K values and
// totals each, for one comparison table. base gives the other options.
func Sweep(ctx context.Context, villages []Village, facilities []Facility, radiiKm []float64, ks []int, base SubcentreOptions) ([]SweepRow, error) {
	return sweep(ctx, villages, facilities, radiiKm, ks, base, nil)
}

// sweep is Sweep reusing done, a plan already made for one combination
// (its RadiusKm and base K), instead of planning it again.
func sweep(ctx context.Context, villages []Village, facilities []Facility, radiiKm []float64, ks []int, base SubcentreOptions, done *PlanResult) ([]SweepRow, error) {
	var rows []SweepRow
	for _, r := range radiiKm {
		for _, k := range ks {
			if done != nil && r == done.RadiusKm && k == base.K {
				rows = append(rows, SweepRow{RadiusKm: r, K: k, PlanTotals: done.Total})
				continue
			}
			opt := base
			opt.RadiusKm, opt.K = r, k
			counties, err := PlanSubcentres(ctx, villages, facilities, opt)
			if err != nil {
				return nil, err
			}
			rows = append(rows, SweepRow{RadiusKm: r, K: k, PlanTotals: totals(counties)})
		}
	}
	return rows, nil
}

// totals sums the county results.
func totals(counties []CountySubcentres) PlanTotals {
	var t PlanTotals
	for _, c := range counties {
		t.Villages += c.Villages
		t.Population += c.Population
		t.CoveredBefore += c.CoveredBefore
		t.CoveredAfter += c.CoveredAfter
		t.Subcentres += len(c.Sites)
	}
	return t
}
