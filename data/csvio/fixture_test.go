package csvio

import (
	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/data/summary"
)

// planSummary is the summary of the plan fixture.
func planSummary(f fixture.Plan) summary.PlanSummary {
	s, err := summary.NewPlanSummary(f.Villages, f.Facilities, f.Res, f.Policy, f.Opt, f.Sweep, fixture.Reports()...)
	if err != nil {
		panic(err) // the fixture is consistent
	}
	return s
}
