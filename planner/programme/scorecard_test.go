package programme

import (
	"errors"
	"math"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

func cardFixture() ([]planner.Village, []planner.Facility) {
	p := orb.Point{110, 35}
	vs := []planner.Village{
		{ID: "a1", County: "A", Population: 2000, Location: p},
		{ID: "a2", County: "A", Population: 1000, Location: p},
		{ID: "b1", County: "B", Population: 1000, Location: p},
		{ID: "c1", County: "C", Population: 500, Location: p},
	}
	attrs := func(kv ...string) []planner.Attr {
		var out []planner.Attr
		for i := 0; i < len(kv); i += 2 {
			out = append(out, planner.Attr{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	fs := []planner.Facility{
		{ID: "A-T", County: "A", Type: planner.TownshipHealthCentre, Location: p, Staff: 3, Beds: 10,
			Extra: attrs("health_workers", "8", "GPS", "1", "fever_clinic", "yes", "ambulance", "no")},
		{ID: "A-K1", County: "A", Type: planner.VillageClinic, Location: p, Staff: 2, Beds: -1, Extra: attrs("licensed_doctors", "1", "health_workers", "1", "gps", "0")},
		{ID: "A-K2", County: "A", Type: planner.VillageClinic, Location: p, Staff: 1, Beds: -1, Extra: attrs("licensed_doctors", "1", "health_workers", "1", "gps", "0")},
		{ID: "B-T", County: "B", Type: planner.TownshipHealthCentre, Location: p, Staff: 2, Beds: 10, Extra: attrs("ambulance", "有", "fever_clinic", "maybe")},
		{ID: "B-K", County: "B", Type: planner.VillageClinic, Location: p, Staff: planner.CapacityUnknown, Beds: -1},
		{ID: "H", County: "C", Type: planner.CountyHospital, Location: p, Staff: 100, Beds: 100},
	}
	return vs, fs
}

func cardIndicator(t *testing.T, c CountyScore, key string) Indicator {
	t.Helper()
	for _, x := range c.Indicators {
		if x.Key == key {
			return x
		}
	}
	t.Fatalf("%s: no indicator %s", c.County, key)
	return Indicator{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestScorecardHand checks every indicator against hand-computed values,
// "not assessed" for each missing input, the totals, ranks and cards.
func TestScorecardHand(t *testing.T) {
	vs, fs := cardFixture()
	res, err := Scorecard(vs, fs, ScorecardOptions{
		Counties: []CountyFacts{{County: "B", Residents: 2000, GPs: 1, HealthWorkers: -1}},
		Previous: map[string]bool{"A": true},
	})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]CountyScore{}
	for _, c := range res.Counties {
		by[c.County] = c
	}
	type want struct {
		county, key string
		value       float64 // NaN: not assessed
		status      string
	}
	na := math.NaN()
	for _, w := range []want{
		{"A", IndVillageDoctors, 1, StatusMet},          // 3 doctors / 3,000 served × 1,000
		{"A", IndTHCStaff, 1, StatusNotMet},             // 3 / 3,000 × 1,000 = 1.0‰ < 1.2‰
		{"A", IndPrimaryCare, 10.0 / 3, StatusNotMet},   // (8+1+1) / 3,000 × 1,000
		{"A", IndGPs, 10.0 / 3, StatusNotMet},           // 1 / 3,000 × 10,000
		{"A", IndLicensedShare, 2.0 / 3, StatusMet},     // 2 of 3 ≥ 50 %
		{"A", IndFeverClinic, 1, StatusMet},             // 1 of 1
		{"A", IndAmbulance, 0, StatusNotMet},            // 0 of 1
		{"B", IndVillageDoctors, na, StatusNotAssessed}, // clinic staff unknown
		{"B", IndTHCStaff, 1, StatusNotMet},             // 2 / 2,000 (county table) × 1,000
		{"B", IndPrimaryCare, na, StatusNotAssessed},    // no health_workers anywhere
		{"B", IndGPs, 5, StatusMet},                     // table: 1 / 2,000 × 10,000
		{"B", IndLicensedShare, na, StatusNotAssessed},  // no licensed_doctors
		{"B", IndFeverClinic, na, StatusNotAssessed},    // "maybe" is unreadable
		{"B", IndAmbulance, 1, StatusMet},               // 有
		{"C", IndTHCStaff, na, StatusNotAssessed},       // no township centre
		{"C", IndFeverClinic, na, StatusNotAssessed},
	} {
		x := cardIndicator(t, by[w.county], w.key)
		if x.Status != w.status {
			t.Errorf("%s %s: status %q (%s), want %q", w.county, w.key, x.Status, x.Basis, w.status)
		}
		switch {
		case math.IsNaN(w.value) && (x.Value != nil || x.Score != nil):
			t.Errorf("%s %s: value %v, want not assessed (nil)", w.county, w.key, *x.Value)
		case !math.IsNaN(w.value) && (x.Value == nil || !near(*x.Value, w.value)):
			t.Errorf("%s %s: value %v, want %v (%s)", w.county, w.key, x.Value, w.value, x.Basis)
		}
		if x.Basis == "" {
			t.Errorf("%s %s: no basis", w.county, w.key)
		}
	}
	// Totals: A = (1 + 1/1.2 + (10/3)/3.5 + (10/3)/4 + 1 + 1 + 0) / 7; B = (1/1.2 + 1 + 1) / 3.
	wantA := (1 + 1/1.2 + (10.0/3)/3.5 + (10.0/3)/4 + 1 + 1 + 0) / 7
	wantB := (1/1.2 + 1 + 1) / 3
	if a := by["A"]; a.Total == nil || !near(*a.Total, wantA) || a.Rank != 2 || !near(a.AssessedWeight, 1) {
		t.Errorf("A: total %v rank %d weight %v, want %v rank 2 weight 1", a.Total, a.Rank, a.AssessedWeight, wantA)
	}
	if b := by["B"]; b.Total == nil || !near(*b.Total, wantB) || b.Rank != 1 || !near(b.AssessedWeight, 3.0/7) {
		t.Errorf("B: total %v rank %d weight %v, want %v rank 1 weight 3/7", b.Total, b.Rank, b.AssessedWeight, wantB)
	}
	if c := by["C"]; c.Total != nil || c.Rank != 0 || c.YellowCard {
		t.Errorf("C (nothing assessed): total %v rank %d card %v, want unranked", c.Total, c.Rank, c.YellowCard)
	}
	if len(res.YellowCards) != 2 || res.YellowCards[0] != "A" || res.YellowCards[1] != "B" {
		t.Errorf("yellow cards %v, want [A B] (lowest first)", res.YellowCards)
	}
	if len(res.TwoInARow) != 1 || res.TwoInARow[0] != "A" || !by["A"].TwoInARow || by["B"].TwoInARow {
		t.Errorf("two in a row %v, want [A]", res.TwoInARow)
	}
	if len(res.Notes) != 1 {
		t.Errorf("notes %v, want one about B-T's fever_clinic", res.Notes)
	}
	// R14: A has 3 doctors today, 2 licensed: 2×800+600 .. 2×1000+600.
	if s := by["A"].Subsidy; s.Doctors != 3 || s.Licensed != 2 || s.MinYuanPerMonth != 2200 || s.MaxYuanPerMonth != 2600 {
		t.Errorf("A subsidy %+v, want 3 doctors, 2 licensed, 2,200–2,600 yuan", s)
	}
	// B: licences unknown, staff unknown: 0 doctors known.
	if s := by["B"].Subsidy; s.Licensed != -1 || s.MinYuanPerMonth != 0 {
		t.Errorf("B subsidy %+v, want licences unknown", s)
	}
}

func TestScorecardWeightsAndCards(t *testing.T) {
	vs, fs := cardFixture()
	// Only the ambulance counts: A 0, B 1 → B first, one card to A.
	res, err := Scorecard(vs, fs, ScorecardOptions{Weights: map[string]float64{IndAmbulance: 1}, YellowCards: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Counties[0].County != "B" || res.Counties[1].County != "A" || len(res.YellowCards) != 1 || res.YellowCards[0] != "A" {
		t.Errorf("order %s %s, cards %v; want B, A and a card for A", res.Counties[0].County, res.Counties[1].County, res.YellowCards)
	}
	if res.HasPrevious || len(res.TwoInARow) != 0 {
		t.Errorf("no previous table, yet two in a row %v", res.TwoInARow)
	}
	for _, w := range []map[string]float64{{"nope": 1}, {IndGPs: -1}} {
		if _, err := Scorecard(vs, fs, ScorecardOptions{Weights: w}); !errors.Is(err, planner.ErrInvalidOptions) {
			t.Errorf("weights %v: err = %v", w, err)
		}
	}
	// With a clinic plan needing 5 doctors in A: cost of max(5, 3).
	plan := &planner.ClinicPlan{Townships: []planner.TownshipPlan{{County: "A", DoctorsNeeded: 5}}}
	res, _ = Scorecard(vs, fs, ScorecardOptions{Clinics: plan})
	for _, c := range res.Counties {
		if c.County == "A" && (c.Subsidy.Doctors != 5 || c.Subsidy.MinYuanPerMonth != 2*800+3*600) {
			t.Errorf("A with plan: %+v, want 5 doctors, 3,400 yuan at least", c.Subsidy)
		}
	}
	// Shanxi's licensed share target is 45 %.
	if LicensedShareTarget("shanxi").Min != 0.45 || LicensedShareTarget("dadukou").Min != 0.5 {
		t.Error("licensed share targets")
	}
}
