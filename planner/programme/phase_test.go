package programme

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

func randomPhaseClinics(seed uint64, n int) []PhaseClinic {
	r := rand.New(rand.NewPCG(seed, 17))
	cs := make([]PhaseClinic, n)
	for i := range cs {
		cs[i] = PhaseClinic{ID: fmt.Sprintf("K%03d", r.IntN(10*n)*0+i), County: fmt.Sprintf("C%d", r.IntN(3)), Index: i,
			ServedPopulation: 200 * r.IntN(4), DoctorGap: r.IntN(3) - r.IntN(2), DistanceToTHCM: float64(1000 * r.IntN(4)),
			NetworkUncovered: r.IntN(3) == 0}
		if r.IntN(6) == 0 {
			cs[i].DistanceToTHCM = -1
		}
	}
	return cs
}

// phaseBefore is the documented order: score, then population, gap, id.
func phaseBefore(a, b PhaseAssignment) bool {
	switch {
	case a.Score != b.Score:
		return a.Score > b.Score
	case a.Clinic.ServedPopulation != b.Clinic.ServedPopulation:
		return a.Clinic.ServedPopulation > b.Clinic.ServedPopulation
	case max(a.Clinic.DoctorGap, 0) != max(b.Clinic.DoctorGap, 0):
		return a.Clinic.DoctorGap > b.Clinic.DoctorGap
	}
	return a.Clinic.ID < b.Clinic.ID
}

func TestPhaseUpgradesProperties(t *testing.T) {
	for seed := range uint64(50) {
		n := int(seed * 3 % 40)
		cs := randomPhaseClinics(seed, n)
		perYear := []int{1 + int(seed%5), 2 + int(seed%3), 3}
		res, err := PhaseUpgrades(cs, PhaseOptions{PerYear: perYear, StartYear: 2024})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Assignments) != n {
			t.Fatalf("seed %d: %d assignments for %d clinics", seed, len(res.Assignments), n)
		}
		seen := map[string]bool{}
		count := map[int]int{}
		for i, a := range res.Assignments {
			if seen[a.Clinic.ID] {
				t.Fatalf("seed %d: clinic %s twice", seed, a.Clinic.ID)
			}
			seen[a.Clinic.ID] = true
			if a.Rank != i+1 {
				t.Fatalf("seed %d: rank %d at position %d", seed, a.Rank, i)
			}
			if i > 0 && !phaseBefore(res.Assignments[i-1], a) {
				t.Fatalf("seed %d: %+v ranked before %+v", seed, res.Assignments[i-1], a)
			}
			if i > 0 && a.Year != 0 && a.Year < res.Assignments[i-1].Year {
				t.Fatalf("seed %d: year goes back from %d to %d", seed, res.Assignments[i-1].Year, a.Year)
			}
			count[a.Year]++
		}
		left := n
		for y, cap := range perYear {
			want := min(cap, left)
			left -= want
			if count[2024+y] != want || res.Scheduled[y] != want {
				t.Fatalf("seed %d: year %d has %d (scheduled %d), want %d", seed, 2024+y, count[2024+y], res.Scheduled[y], want)
			}
		}
		if count[0] != left || res.Unscheduled != left {
			t.Fatalf("seed %d: %d unscheduled (%d counted), want %d", seed, res.Unscheduled, count[0], left)
		}
		total := 0
		for _, s := range res.Summary {
			total += s.Clinics
		}
		if total != n-left {
			t.Fatalf("seed %d: summary counts %d clinics, want %d", seed, total, n-left)
		}
	}
}

// TestPhaseScoreHand checks the score on a hand-computed case and every
// level of the tie-break.
func TestPhaseScoreHand(t *testing.T) {
	cs := []PhaseClinic{
		{ID: "a", ServedPopulation: 1000, DoctorGap: 2, DistanceToTHCM: 4000, NetworkUncovered: true},                  // 1+2+1+2 = 6
		{ID: "b", ServedPopulation: 500, DoctorGap: 1, DistanceToTHCM: 2000},                                           // .5+1+.5 = 2
		{ID: "c", ServedPopulation: 0, DoctorGap: planner.CapacityUnknown, DistanceToTHCM: -1, NetworkUncovered: true}, // 2, missing both
		{ID: "e", ServedPopulation: 500, DoctorGap: 0, DistanceToTHCM: 4000},                                           // .5+0+1 = 1.5
		{ID: "d", ServedPopulation: 500, DoctorGap: 0, DistanceToTHCM: 4000},                                           // 1.5, id before e
	}
	res, err := PhaseUpgrades(cs, PhaseOptions{PerYear: []int{2, 2}, StartYear: 2024})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id    string
		score float64
		year  int
	}{{"a", 6, 2024}, {"b", 2, 2024}, {"c", 2, 2025}, {"d", 1.5, 2025}, {"e", 1.5, 0}}
	for i, w := range want {
		a := res.Assignments[i]
		if a.Clinic.ID != w.id || a.Score != w.score || a.Year != w.year {
			t.Errorf("rank %d: %s score %v year %d, want %s %v %d", i+1, a.Clinic.ID, a.Score, a.Year, w.id, w.score, w.year)
		}
	}
	if got := res.Assignments[2].Missing; len(got) != 2 {
		t.Errorf("c: missing %v, want doctor_gap and distance_to_thc", got)
	}
	if res.Unscheduled != 1 {
		t.Errorf("unscheduled %d, want 1", res.Unscheduled)
	}
}

func TestPhaseUpgradesErrors(t *testing.T) {
	for _, opt := range []PhaseOptions{
		{StartYear: 2024},
		{PerYear: []int{3, 0}, StartYear: 2024},
		{PerYear: []int{3}, StartYear: 24},
		{PerYear: []int{3}, StartYear: 2024, Weights: PhaseWeights{DoctorGap: -1}},
	} {
		if _, err := PhaseUpgrades(nil, opt); !errors.Is(err, planner.ErrInvalidOptions) {
			t.Errorf("%+v: err = %v, want an option error", opt, err)
		}
	}
	dup := []PhaseClinic{{ID: "x"}, {ID: "x"}}
	if _, err := PhaseUpgrades(dup, PhaseOptions{PerYear: []int{1}, StartYear: 2024}); !errors.Is(err, planner.ErrInvalidOptions) {
		t.Errorf("duplicate ids: err = %v", err)
	}
}

func TestPhaseClinicsFromFacilities(t *testing.T) {
	fs := []planner.Facility{
		{ID: "H", Type: planner.CountyHospital, Location: orb.Point{110, 35}, Staff: 100, Beds: 100},
		{ID: "T", Type: planner.TownshipHealthCentre, Location: orb.Point{110.5, 35}, Staff: 10, Beds: 10},
		{ID: "near", Type: planner.VillageClinic, Location: orb.Point{110.01, 35}, Staff: 1, Beds: planner.CapacityUnknown},
		{ID: "far", Type: planner.VillageClinic, Location: orb.Point{111.5, 35}, Staff: planner.CapacityUnknown, Beds: planner.CapacityUnknown},
	}
	vs := []planner.Village{
		{ID: "v1", Population: 1500, Location: orb.Point{110.02, 35}},
		{ID: "v2", Population: 300, Location: orb.Point{111.49, 35}},
	}
	cs, err := PhaseClinicsFromFacilities(vs, fs, PhaseInputOptions{RadiusKm: 15})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("%d clinics, want 2", len(cs))
	}
	near, far := cs[0], cs[1]
	if near.ServedPopulation != 1500 || near.DoctorGap != 1 || near.NetworkUncovered {
		t.Errorf("near: %+v, want 1500 served, gap 1 (2 needed, 1 staff), covered", near)
	}
	if far.ServedPopulation != 300 || far.DoctorGap != planner.CapacityUnknown || !far.NetworkUncovered || far.DistanceToTHCM < 90_000 {
		t.Errorf("far: %+v, want 300 served, gap unknown, uncovered, ~91 km from T", far)
	}
}

func TestPhaseClinicsFromPlan(t *testing.T) {
	vs := []planner.Village{
		{ID: "host", County: "A", Population: 300, Location: orb.Point{110, 35}},
		{ID: "member", County: "A", Population: 200, Location: orb.Point{110.01, 35}},
		{ID: "own", County: "A", Population: 1500, Location: orb.Point{110.5, 35}},
	}
	res := &planner.PlanResult{
		// The host has emergency network cover (a township health centre)
		// but no county-level care: NetworkUncovered follows the network.
		Villages: []planner.VillagePlan{{NetworkCovered: true}, {NetworkCovered: true, CountyCareToday: true}, {}},
		Clinics: &planner.ClinicPlan{
			Villages: []planner.VillageService{
				{Service: planner.ServiceJointHost, HostsJointClinic: true, NearestTHCIndex: 0, NearestTHCDistanceM: 1000},
				{Service: planner.ServiceJointMember, NearestTHCIndex: 0, NearestTHCDistanceM: 1500},
				{Service: planner.ServiceOwnClinic, NearestTHCIndex: -1},
			},
			Townships: []planner.TownshipPlan{{County: "A", Joint: []planner.JointClinic{{Host: 0, Members: []int{1}, PopulationServed: 500, DoctorsNeeded: 1}}}},
		},
	}
	cs := PhaseClinicsFromPlan(vs, res)
	if len(cs) != 2 {
		t.Fatalf("%d clinics, want the joint clinic and the own clinic", len(cs))
	}
	if j := cs[0]; j.ID != "host" || j.ServedPopulation != 500 || j.DoctorGap != 1 || j.NetworkUncovered || j.DistanceToTHCM != 1000 {
		t.Errorf("joint clinic %+v", j)
	}
	if o := cs[1]; o.ID != "own" || o.ServedPopulation != 1500 || o.DoctorGap != 2 || !o.NetworkUncovered || o.DistanceToTHCM != -1 {
		t.Errorf("own clinic %+v", o)
	}
}
