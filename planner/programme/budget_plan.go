package programme

import (
	"context"
	"fmt"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
)

// PlanWithBudget is Plan with the sub-centres of a city-wide budget
// (AllocateSubcentres) instead of a K per county: each county gets the
// exact optimum for its allocated number of sites, with the budget's
// reason first in its Notes (note.BudgetCounty) and Note; the clinic plan is Plan's. opt.Subcentres gives the
// radius rule and candidates (its K is ignored); budget.Subcentres is
// replaced by opt's, with RadiusKm = opt.RadiusKm.
func PlanWithBudget(ctx context.Context, villages []planner.Village, facilities []planner.Facility, opt planner.PlanOptions, budget BudgetOptions) (*planner.PlanResult, *BudgetResult, error) {
	opt.Subcentres.RadiusKm = opt.RadiusKm
	budget.Subcentres = opt.Subcentres
	b, err := AllocateSubcentres(ctx, villages, facilities, budget)
	if err != nil {
		return nil, nil, err
	}
	base := opt
	base.Subcentres.K, base.Subcentres.MaxK = 1, 1
	base.MinSubcentres, base.MaxSubcentres = planner.Figure[int]{}, planner.Figure[int]{} // checked below, on the budget's sites
	res, err := planner.Plan(ctx, villages, facilities, base)
	if err != nil {
		return nil, nil, err
	}
	if len(res.Counties) != len(b.Counties) {
		return nil, nil, fmt.Errorf("planner: budget has %d counties, plan %d", len(b.Counties), len(res.Counties))
	}
	for i := range res.Counties {
		c, bc := &res.Counties[i], &b.Counties[i]
		if c.County != bc.County {
			return nil, nil, fmt.Errorf("planner: budget county %q where the plan has %q", bc.County, c.County)
		}
		if bc.Sites > 0 {
			*c = bc.Plan
		} else {
			*c = planner.CountySubcentres{County: c.County, Villages: c.Villages, Population: c.Population,
				CountyCareToday: c.CountyCareToday, CountyCareAfter: c.CountyCareToday, GreedyCountyCareAfter: c.CountyCareToday, NetworkCovered: c.NetworkCovered,
				Candidates: c.Candidates, TooClose: c.TooClose, Seat: c.Seat, SeatFromHospital: c.SeatFromHospital, SeatFacility: c.SeatFacility}
		}
		c.Notes = append([]note.Note{note.New(note.BudgetCounty).With(bc.ReasonNotes...)}, c.Notes...)
		c.Note = note.Text(c.Notes)
	}
	for i := range res.Villages {
		vp := &res.Villages[i]
		vp.Subcentre, vp.CountyCareAfter = -1, vp.CountyCareToday
	}
	for _, c := range res.Counties {
		for _, s := range c.Sites {
			for _, v := range s.NewlyCovered {
				res.Villages[v].Subcentre, res.Villages[v].CountyCareAfter = s.Index, true
			}
		}
	}
	res.Total = planner.Totals(res.Counties)
	if res.Warnings, err = planner.PolicyWarnings(ctx, villages, facilities, opt, res.Counties, true); err != nil {
		return nil, nil, err
	}
	return res, b, nil
}
