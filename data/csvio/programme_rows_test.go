package csvio

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/programme"
)

// TestProgrammeRowsUnknownIsEmpty: a figure that is not known (no next
// site, no doctor gap, an indicator not assessed) is an empty cell, never 0.
func TestProgrammeRowsUnknownIsEmpty(t *testing.T) {
	last := int64(70)
	b := BudgetRows(&programme.BudgetResult{Counties: []programme.CountyBudget{{County: "A", Sites: 1, SiteIDs: []string{"s1"}, LastSiteGain: &last, Reason: "r"}}})
	if want := []string{"A", "0", "0", "0", "1", "s1", "0", "0", "0", "70", "", "r"}; !slices.Equal(b[1], want) {
		t.Errorf("budget row %q, want %q", b[1], want)
	}
	p := PhaseRows(&programme.PhaseResult{Assignments: []programme.PhaseAssignment{{Rank: 1, Clinic: programme.PhaseClinic{ID: "k", DoctorGap: planner.CapacityUnknown, DistanceToTHCM: -1}, Missing: []string{"doctor_gap", "distance_to_thc"}}}})
	if r := p[1]; r[1] != "" || r[8] != "" || r[9] != "" || r[11] != "doctor_gap distance_to_thc" {
		t.Errorf("phase row %q", r)
	}
	v := 1.5
	s := ScorecardRows(&programme.ScorecardResult{Counties: []programme.CountyScore{{County: "A", Rank: 1, Total: &v, Indicators: []programme.Indicator{
		{Key: programme.IndVillageDoctors, Value: &v, Status: programme.StatusMet}, {Key: programme.IndTHCStaff, Status: programme.StatusNotAssessed}}}}})
	if r := s[1]; r[6] != "1.500000" || r[7] != "met" || r[8] != "" || r[9] != "not assessed" {
		t.Errorf("scorecard row %q", r)
	}
	var out bytes.Buffer
	if err := WriteRows(&out, s); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&out)
	r.FieldsPerRecord = -1 // the fixture has two of the seven indicators
	back, err := r.ReadAll()
	if err != nil || len(back) != 2 || !slices.Equal(back[0], s[0]) {
		t.Errorf("WriteRows round trip: %v, %q", err, back)
	}
}
