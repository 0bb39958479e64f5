package planner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/programme"
)

// TestBudgetWarnsMaximumExceeded: a city-wide budget that gives a county
// more sites than its policy allows (Ordos R3: at most 2) is a warning
// naming the budget's own county maximum as the remedy.
func TestBudgetWarnsMaximumExceeded(t *testing.T) {
	vs, fs := planner.WarnFourClusters()
	rs, err := planner.Scenario{Policy: "ordos", RadiiKm: []float64{10}, MinFarKm: new(20.0)}.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := programme.PlanWithBudget(context.Background(), vs, fs, rs.Plan,
		programme.BudgetOptions{Total: 3, Bounds: programme.CountyBounds{Min: 1, Max: 3}})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range res.Warnings {
		if w.Code == planner.WarnMaxSubcentresExceeded && w.County == "A" && w.Rule == "R3" {
			found = true
			if !strings.Contains(w.Reason, "3 sub-centres proposed") || !strings.Contains(w.Suggestion, "lower --county-max to 2") {
				t.Errorf("warning %+v", w)
			}
		}
	}
	if !found {
		t.Errorf("no max_subcentres_exceeded warning for A under R3: %+v", res.Warnings)
	}
}
