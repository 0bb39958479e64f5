package planner

import (
	"fmt"
	"regexp"
	"testing"
)

// TestRulesResolveEveryCitation checks the table holds R1–R18 in order with
// every field filled, and that every rule a policy preset cites resolves.
func TestRulesResolveEveryCitation(t *testing.T) {
	rules := Rules()
	if len(rules) != 18 {
		t.Fatalf("%d rules, want 18", len(rules))
	}
	for i, r := range rules {
		if want := fmt.Sprintf("R%d", i+1); r.ID != want {
			t.Errorf("rule %d has id %s, want %s", i, r.ID, want)
		}
		if r.Text == "" || r.TextZh == "" || r.Figure == "" || r.Source == "" || r.SourceZh == "" {
			t.Errorf("%s has an empty field: %+v", r.ID, r)
		}
	}
	cite := regexp.MustCompile(`\bR\d+\b`)
	for _, p := range Policies() {
		for _, src := range []string{p.RadiusKm.Source, p.MinSubcentres.Source, p.MaxSubcentres.Source, p.MinFarKm.Source,
			p.ItinerantBelow.Source, p.MergeBelow.Source, p.OwnClinicFrom.Source, p.MergeKm.Source, p.NearTHCKm.Source,
			p.DoctorsPer1000.Source, p.THCStaffMinPer1000.Source, p.THCStaffMaxPer1000.Source} {
			for _, id := range cite.FindAllString(src, -1) {
				if _, ok := LookupRule(id); !ok {
					t.Errorf("policy %s cites %s, which the rule table lacks", p.Name, id)
				}
			}
		}
	}
	if _, ok := LookupRule("R19"); ok {
		t.Error("R19 resolved")
	}
}
