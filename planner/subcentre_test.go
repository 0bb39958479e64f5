package planner

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner/note"
	"github.com/paulmach/orb"
)

// scBase is a point in Shanxi around which the hand-made cases are drawn.
var scBase = orb.Point{112.5, 37.8}

// scAt is the point km kilometres from p along azimuth azDeg. Every
// hand-made distance that matters is at least 1 km away from a radius or
// threshold, so the cases do not depend on the last digits of geo.
func scAt(p orb.Point, azDeg, km float64) orb.Point { return geo.Direct(p, azDeg, km*1000) }

type scWorld struct {
	vs []Village
	fs []Facility
}

func (w *scWorld) village(id, county string, pop int, p orb.Point) {
	w.vs = append(w.vs, Village{ID: id, County: county, Population: pop, Location: p})
}

func (w *scWorld) facility(id string, t FacilityType, county string, p orb.Point, beds, staff int) {
	w.fs = append(w.fs, Facility{ID: id, Type: t, County: county, Location: p, Beds: beds, Staff: staff})
}

// cluster puts two villages sharing pop people 2 km either side of p.
func (w *scWorld) cluster(id, county string, pop int, p orb.Point) {
	w.village(id+"a", county, pop/2, scAt(p, 0, 2))
	w.village(id+"b", county, pop-pop/2, scAt(p, 180, 2))
}

// scFourClusters is county A: a county hospital at scBase covering 20,000
// people, and four township health centres 40 km north, east, south and west
// with 9,000, 7,000, 5,000 and 3,000 uncovered people around them. At a
// 10 km radius the clusters do not overlap.
func scFourClusters() *scWorld {
	w := &scWorld{}
	w.facility("H", CountyHospital, "A", scBase, 300, 500)
	w.village("near", "A", 20000, scAt(scBase, 45, 3))
	for i, c := range []struct {
		id  string
		pop int
	}{{"N", 9000}, {"E", 7000}, {"S", 5000}, {"W", 3000}} {
		p := scAt(scBase, float64(90*i), 40)
		w.facility(c.id, TownshipHealthCentre, "A", p, 30, 40)
		w.cluster("v"+c.id, "A", c.pop, p)
	}
	return w
}

func scPlan(t *testing.T, w *scWorld, opt SubcentreOptions) []CountySubcentres {
	t.Helper()
	res, err := PlanSubcentres(context.Background(), w.vs, w.fs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func scOnly(t *testing.T, res []CountySubcentres, county string) *CountySubcentres {
	t.Helper()
	for i := range res {
		if res[i].County == county {
			return &res[i]
		}
	}
	t.Fatalf("county %q not in the result", county)
	return nil
}

func TestPlanSubcentresK(t *testing.T) {
	for _, tc := range []struct {
		k          int
		ids        []string
		gains      []int64
		optimumByK []int64
	}{
		{1, []string{"N"}, []int64{9000}, []int64{29000}},
		{2, []string{"N", "E"}, []int64{9000, 7000}, []int64{29000, 36000}},
		{3, []string{"N", "E", "S"}, []int64{9000, 7000, 5000}, []int64{29000, 36000, 41000}},
	} {
		t.Run(string(rune('0'+tc.k)), func(t *testing.T) {
			world := scFourClusters()
			c := scOnly(t, scPlan(t, world, SubcentreOptions{RadiusKm: 10, K: tc.k}), "A")
			if got := c.ChosenIDs(); !slices.Equal(got, tc.ids) {
				t.Fatalf("chosen %v, want %v", got, tc.ids)
			}
			if c.K != tc.k || c.RequestedK != tc.k || c.Candidates != 4 || c.TooClose != 0 {
				t.Errorf("K %d requested %d candidates %d too close %d", c.K, c.RequestedK, c.Candidates, c.TooClose)
			}
			if c.Population != 44000 || c.CountyCareToday != 20000 || c.CountyCareAfter != tc.optimumByK[tc.k-1] {
				t.Errorf("population %d before %d after %d", c.Population, c.CountyCareToday, c.CountyCareAfter)
			}
			if !slices.Equal(c.OptimumByK, tc.optimumByK) {
				t.Errorf("OptimumByK %v, want %v", c.OptimumByK, tc.optimumByK)
			}
			if c.OptimalSets != 1 || len(c.Alternatives) != 0 || c.TieBreak != "" {
				t.Errorf("optimal sets %d, alternatives %v, tie-break %q", c.OptimalSets, c.Alternatives, c.TieBreak)
			}
			if c.GreedyCountyCareAfter != c.CountyCareAfter || c.GreedyGap() != 0 {
				t.Errorf("greedy %d, gap %d", c.GreedyCountyCareAfter, c.GreedyGap())
			}
			if !c.SeatFromHospital || c.SeatFacility != 0 || c.Seat != scBase {
				t.Errorf("seat %v from hospital %v facility %d", c.Seat, c.SeatFromHospital, c.SeatFacility)
			}
			if want := float64(c.CountyCareAfter) / 44000; c.CountyCareAfterShare() != want || c.CountyCareTodayShare() != 20000.0/44000 {
				t.Errorf("shares %v %v", c.CountyCareTodayShare(), c.CountyCareAfterShare())
			}
			for i, s := range c.Sites {
				if s.Rank != i+1 || s.GainPopulation != tc.gains[i] || s.StandalonePopulation != tc.gains[i] || s.GainVillages != 2 || len(s.NewlyCovered) != 2 {
					t.Errorf("site %d: %+v", i, s)
				}
				for _, vi := range s.NewlyCovered {
					if !strings.HasPrefix(world.vs[vi].ID, "v"+s.Facility.ID) {
						t.Errorf("site %s newly covers village %d", s.Facility.ID, vi)
					}
				}
				if math.Abs(s.CountyHospitalDistanceM-40000) > 1e-3 || math.Abs(s.SeatDistanceM-40000) > 1e-3 {
					t.Errorf("site %s distances %v %v", s.Facility.ID, s.CountyHospitalDistanceM, s.SeatDistanceM)
				}
			}
			want := "R2: township health centre 40.0 km from the nearest county hospital (>= 20.0 km), 40.0 km from the county seat; brings county-level care to 9,000 people in 2 villages without it today; 30 beds, 40 staff"
			if c.Sites[0].Rule != want {
				t.Errorf("rule\n got %s\nwant %s", c.Sites[0].Rule, want)
			}
			if tc.k > 1 && !strings.HasSuffix(c.Sites[1].Rule, "brings county-level care to 7,000 people in 2 villages without it today or from the sites ranked above; 30 beds, 40 staff") {
				t.Errorf("rule of rank 2: %s", c.Sites[1].Rule)
			}
		})
	}
}

func TestPlanSubcentresAutoK(t *testing.T) {
	// Optimum gains: 9,000, then +7,000, then +5,000.
	for _, tc := range []struct {
		name    string
		minGain int
		k       int
		optK    int // len(OptimumByK)
		note    string
	}{
		{"default 5000 keeps all three", 0, 3, 3, "K = 3 chosen automatically: each site up to the limit of 3 adds at least 5,000 people"},
		{"gain equal to threshold is kept", 5000, 3, 3, "each site up to the limit of 3"},
		{"third site below 6000", 6000, 2, 3, "K = 2 chosen automatically: a 3rd site would add only 5,000 people (< 6,000)"},
		{"second site below 8000", 8000, 1, 2, "K = 1 chosen automatically: a 2nd site would add only 7,000 people (< 8,000)"},
		{"one site even when below", 100000, 1, 2, "a 2nd site would add only 7,000 people (< 100,000)"},
		{"MaxK 2", 0, 2, 2, "K = 2 chosen automatically: each site up to the limit of 2 adds at least 5,000 people"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := SubcentreOptions{RadiusKm: 10, MinGainPop: tc.minGain}
			if strings.HasPrefix(tc.name, "MaxK") {
				opt.MaxK = 2
			}
			c := scOnly(t, scPlan(t, scFourClusters(), opt), "A")
			if c.K != tc.k || len(c.Sites) != tc.k || c.RequestedK != 0 || len(c.OptimumByK) != tc.optK {
				t.Fatalf("K %d sites %d requested %d OptimumByK %v", c.K, len(c.Sites), c.RequestedK, c.OptimumByK)
			}
			if !strings.Contains(c.Note, tc.note) {
				t.Errorf("note %q lacks %q", c.Note, tc.note)
			}
		})
	}
	t.Run("capped by candidates", func(t *testing.T) {
		w := scFourClusters()
		w.fs = w.fs[:3] // hospital, N, E
		c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 10}), "A")
		if c.K != 2 || c.Candidates != 2 || c.Note != "K = 2 chosen automatically: only 2 candidates, so at most 2 sites" {
			t.Errorf("K %d candidates %d note %q", c.K, c.Candidates, c.Note)
		}
		c = scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 10, MinGainPop: 8000}), "A")
		if c.K != 1 || c.Note != "K = 1 chosen automatically: a 2nd site would add only 7,000 people (< 8,000)" {
			t.Errorf("stopping below the cap: K %d note %q", c.K, c.Note)
		}
	})
}

func TestPlanSubcentresFewerCandidatesThanK(t *testing.T) {
	w := scFourClusters()
	w.fs = w.fs[:2] // hospital, N
	c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 10, K: 3}), "A")
	if c.K != 1 || c.RequestedK != 3 || !slices.Equal(c.ChosenIDs(), []string{"N"}) || c.CountyCareAfter != 29000 {
		t.Errorf("K %d requested %d chosen %v after %d", c.K, c.RequestedK, c.ChosenIDs(), c.CountyCareAfter)
	}
	if !strings.Contains(c.Note, "only 1 candidate, so at most 1 site") {
		t.Errorf("note %q", c.Note)
	}
}

func TestPlanSubcentresExistingCover(t *testing.T) {
	// County A's hospital at scBase, county B's 30 km east. A's village 27 km
	// east is 3 km from B's hospital: covered today. A's village 40 km west
	// is not, and A's township health centre there can cover it.
	build := func() *scWorld {
		w := &scWorld{}
		w.facility("HA", CountyHospital, "A", scBase, 100, 100)
		w.facility("HB", CountyHospital, "B", scAt(scBase, 90, 30), 100, 100)
		w.facility("TW", TownshipHealthCentre, "A", scAt(scBase, 270, 40), 10, 10)
		w.village("a1", "A", 1000, scAt(scBase, 0, 5))
		w.village("a2", "A", 2000, scAt(scBase, 90, 27))
		w.village("a3", "A", 4000, scAt(scBase, 270, 41))
		w.village("b1", "B", 8000, scAt(scBase, 90, 31))
		return w
	}
	t.Run("neighbouring county's hospital counts", func(t *testing.T) {
		res := scPlan(t, build(), SubcentreOptions{RadiusKm: 10, K: 1})
		if len(res) != 2 || res[0].County != "A" || res[1].County != "B" {
			t.Fatalf("counties %v", res)
		}
		a := &res[0]
		if a.Population != 7000 || a.CountyCareToday != 3000 || a.CountyCareAfter != 7000 || !slices.Equal(a.ChosenIDs(), []string{"TW"}) {
			t.Errorf("A: population %d before %d after %d chosen %v", a.Population, a.CountyCareToday, a.CountyCareAfter, a.ChosenIDs())
		}
		if vs := a.Sites[0].NewlyCovered; !slices.Equal(vs, []int{2}) {
			t.Errorf("newly covered %v, want [2]", vs)
		}
		b := &res[1]
		if b.Population != 8000 || b.CountyCareToday != 8000 || len(b.Sites) != 0 || b.Note != "no sites: the county has no township health centre" {
			t.Errorf("B: %+v", b)
		}
	})
	t.Run("existing types include township health centres", func(t *testing.T) {
		res := scPlan(t, build(), SubcentreOptions{RadiusKm: 10, K: 1, ExistingTypes: []FacilityType{CountyHospital, TownshipHealthCentre}})
		a := &res[0]
		if a.CountyCareToday != 7000 || len(a.Sites) != 0 || a.Note != "no sites: all 7,000 people are already within 10.0 km of an existing facility" {
			t.Errorf("A: before %d sites %d note %q", a.CountyCareToday, len(a.Sites), a.Note)
		}
	})
	t.Run("no candidate reaches the uncovered", func(t *testing.T) {
		w := build()
		w.fs[2].Location = scAt(scBase, 180, 40)
		a := &scPlan(t, w, SubcentreOptions{RadiusKm: 10, K: 1})[0]
		if len(a.Sites) != 0 || a.CountyCareAfter != 3000 || a.Note != "no sites: none of the 1 candidates is within 10.0 km of the 4,000 people without county-level care today" {
			t.Errorf("A: sites %d after %d note %q", len(a.Sites), a.CountyCareAfter, a.Note)
		}
	})
}

func TestPlanSubcentresFarFilter(t *testing.T) {
	// THC "near" 15 km east of the hospital, "far" 30 km west, each with
	// uncovered people around it (more near the near one).
	w := &scWorld{}
	w.facility("H", CountyHospital, "A", scBase, 100, 100)
	w.facility("near", TownshipHealthCentre, "A", scAt(scBase, 90, 15), 10, 10)
	w.facility("far", TownshipHealthCentre, "A", scAt(scBase, 270, 30), 10, 10)
	w.village("vn", "A", 6000, scAt(scBase, 90, 17))
	w.village("vf", "A", 4000, scAt(scBase, 270, 32))
	for _, tc := range []struct {
		name       string
		minFar     *float64
		candidates int
		tooClose   int
		chosen     []string
		note       string
	}{
		{"default 20 km", nil, 1, 1, []string{"far"}, ""},
		{"10 km", new(10.0), 2, 0, []string{"near"}, ""},
		{"0 km is no filter", new(0.0), 2, 0, []string{"near"}, ""},
		{"40 km leaves none", new(40.0), 0, 2, nil, "no sites: all 2 township health centres are less than 40.0 km from a county hospital"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 10, K: 1, MinFarKm: tc.minFar}), "A")
			if c.Candidates != tc.candidates || c.TooClose != tc.tooClose || !slices.Equal(c.ChosenIDs(), tc.chosen) || c.Note != tc.note {
				t.Errorf("candidates %d too close %d chosen %v note %q", c.Candidates, c.TooClose, c.ChosenIDs(), c.Note)
			}
		})
	}
}

func TestPlanSubcentresGreedyGap(t *testing.T) {
	// Four villages on a line 50 km north of the hospital at 0, 8, 16 and
	// 24 km east with 2,000, 3,000, 3,000 and 2,000 people; sites at 4, 12
	// and 20 km cover {0, 8}, {8, 16} and {16, 24} km. Greedy takes the
	// middle one (6,000) and then 2,000 more; the optimum is the outer pair.
	w := &scWorld{}
	w.facility("H", CountyHospital, "A", scBase, 100, 100)
	line := scAt(scBase, 0, 50)
	for i, pop := range []int{2000, 3000, 3000, 2000} {
		w.village(string(rune('a'+i)), "A", pop, scAt(line, 90, float64(8*i)))
	}
	for i, id := range []string{"B", "A", "C"} {
		w.facility(id, TownshipHealthCentre, "A", scAt(line, 90, float64(4+8*i)), 10, 10)
	}
	c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 6, K: 2}), "A")
	if got := c.ChosenIDs(); !slices.Equal(got, []string{"B", "C"}) && !slices.Equal(got, []string{"C", "B"}) {
		t.Fatalf("chosen %v, want B and C", got)
	}
	if c.CountyCareAfter != 10000 || c.GreedyCountyCareAfter != 8000 || c.GreedyGap() != 2000 || c.GreedyIDs[0] != "A" {
		t.Errorf("after %d greedy %d (%v) gap %d", c.CountyCareAfter, c.GreedyCountyCareAfter, c.GreedyIDs, c.GreedyGap())
	}
	if s := c.Sites; s[0].GainPopulation != 5000 || s[1].GainPopulation != 5000 || s[0].StandalonePopulation != 5000 {
		t.Errorf("sites %+v", s)
	}
}

func TestPlanSubcentresTieBreak(t *testing.T) {
	// Two candidates T1 and T2 both reach the only uncovered cluster, 40 km
	// north of the seat; each case makes them equal up to one criterion.
	type site struct {
		id          string
		km          float64 // north of the seat
		beds, staff int
	}
	for _, tc := range []struct {
		name   string
		t1, t2 site
		want   string
		why    string
		code   note.Code
	}{
		{"staff", site{"T1", 40, 90, 10}, site{"T2", 40, 10, 20}, "T2", "total staff 20 vs 10", note.TieStaff},
		{"unknown staff counts as zero", site{"T1", 40, 5, CapacityUnknown}, site{"T2", 40, 6, 0}, "T2", "total beds 6 vs 5", note.TieBeds},
		{"beds", site{"T1", 40, 30, 20}, site{"T2", 40, 20, 20}, "T1", "total beds 30 vs 20", note.TieBeds},
		{"distance from the seat", site{"T1", 38, 20, 20}, site{"T2", 43, 20, 20}, "T2", "total distance from the county seat 43.0 km vs 38.0 km", note.TieSeatKm},
		{"ids", site{"T2", 40, 20, 20}, site{"T1", 40, 20, 20}, "T1", "ids (equal staff, beds and distance from the seat)", note.TieIDs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &scWorld{}
			w.facility("H", CountyHospital, "A", scBase, 100, 100)
			for _, s := range []site{tc.t1, tc.t2} {
				w.facility(s.id, TownshipHealthCentre, "A", scAt(scBase, 0, s.km), s.beds, s.staff)
			}
			w.village("v", "A", 5000, scAt(scBase, 0, 40.5))
			c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 10, K: 1}), "A")
			other := tc.t1.id
			if other == tc.want {
				other = tc.t2.id
			}
			if got := c.ChosenIDs(); !slices.Equal(got, []string{tc.want}) {
				t.Fatalf("chosen %v, want %s", got, tc.want)
			}
			if c.OptimalSets != 2 || !slices.EqualFunc(c.Alternatives, [][]string{{other}}, slices.Equal) {
				t.Errorf("optimal sets %d alternatives %v", c.OptimalSets, c.Alternatives)
			}
			if want := "2 site sets bring county-level care to the same 5,000 people; chosen by " + tc.why; c.TieBreak != want {
				t.Errorf("tie-break %q, want %q", c.TieBreak, want)
			}
			if n := c.TieBreakNotes; len(n) != 1 || n[0].Code != tc.code || n[0].Args["sets"] != int64(2) || n[0].Args["people"] != int64(5000) {
				t.Errorf("tie-break notes %+v, want one %s of 2 sets and 5,000 people", n, tc.code)
			}
		})
	}
	t.Run("alternatives capped and disabled", func(t *testing.T) {
		w := &scWorld{}
		w.facility("H", CountyHospital, "A", scBase, 100, 100)
		for _, id := range []string{"E", "D", "C", "B", "A"} {
			w.facility(id, TownshipHealthCentre, "A", scAt(scBase, 0, 40), 10, 10)
		}
		w.village("v", "A", 5000, scAt(scBase, 0, 41))
		c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 10, K: 2}), "A")
		want := [][]string{{"A", "C"}, {"A", "D"}, {"A", "E"}}
		if !slices.Equal(c.ChosenIDs(), []string{"A", "B"}) || c.OptimalSets != 10 || !slices.EqualFunc(c.Alternatives, want, slices.Equal) {
			t.Errorf("chosen %v optimal sets %d alternatives %v", c.ChosenIDs(), c.OptimalSets, c.Alternatives)
		}
		if s := c.Sites[1]; s.GainPopulation != 0 || !strings.Contains(s.Rule, "brings county-level care to no one who lacks it today or from the sites ranked above") {
			t.Errorf("second site %+v", s)
		}
		c = scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 10, K: 2, MaxAlternatives: -1}), "A")
		if c.OptimalSets != 10 || len(c.Alternatives) != 0 || !slices.Equal(c.ChosenIDs(), []string{"A", "B"}) {
			t.Errorf("without alternatives: optimal sets %d alternatives %v", c.OptimalSets, c.Alternatives)
		}
	})
}

func TestPlanSubcentresSeat(t *testing.T) {
	w := &scWorld{}
	w.facility("small", CountyHospital, "A", scAt(scBase, 0, 1), 50, 100)
	w.facility("big", CountyHospital, "A", scBase, 200, 10)
	w.facility("unknown", CountyHospital, "A", scAt(scBase, 0, 2), CapacityUnknown, 10)
	w.village("a", "A", 100, scBase)
	w.village("b1", "B", 1000, orb.Point{110, 35})
	w.village("b2", "B", 3000, orb.Point{111, 36})
	w.village("c1", "C", 0, orb.Point{110, 35})
	w.village("c2", "C", 0, orb.Point{111, 37})
	res := scPlan(t, w, SubcentreOptions{RadiusKm: 10})
	if a := scOnly(t, res, "A"); !a.SeatFromHospital || a.SeatFacility != 1 || a.Seat != scBase {
		t.Errorf("A seat %v from hospital %v facility %d", a.Seat, a.SeatFromHospital, a.SeatFacility)
	}
	for _, tc := range []struct {
		county string
		want   orb.Point
	}{{"B", orb.Point{110.75, 35.75}}, {"C", orb.Point{110.5, 36}}} {
		c := scOnly(t, res, tc.county)
		if c.SeatFromHospital || c.SeatFacility != -1 || math.Abs(c.Seat[0]-tc.want[0]) > 1e-12 || math.Abs(c.Seat[1]-tc.want[1]) > 1e-12 {
			t.Errorf("%s seat %v from hospital %v facility %d, want %v", tc.county, c.Seat, c.SeatFromHospital, c.SeatFacility, tc.want)
		}
		if !strings.Contains(c.Note, "no county hospital, so its seat is taken as the population-weighted centre of its villages") {
			t.Errorf("%s note %q", tc.county, c.Note)
		}
	}
}

func TestPlanSubcentresExplicitCandidates(t *testing.T) {
	w := scFourClusters()
	cands := []Facility{
		{ID: "X", County: "A", Location: scAt(scBase, 180, 40), Beds: CapacityUnknown, Staff: CapacityUnknown},
		{ID: "Y", County: "A", Location: scAt(scBase, 0, 5), Beds: 1, Staff: 1}, // near the hospital: still a candidate
	}
	c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: 10, K: 3, Candidates: cands}), "A")
	if c.Candidates != 2 || c.TooClose != 0 || !slices.Equal(c.ChosenIDs(), []string{"X", "Y"}) || c.CountyCareAfter != 25000 {
		t.Fatalf("candidates %d too close %d chosen %v after %d", c.Candidates, c.TooClose, c.ChosenIDs(), c.CountyCareAfter)
	}
	if c.Sites[0].Index != 0 || c.Sites[1].Index != 1 {
		t.Errorf("indices %d %d", c.Sites[0].Index, c.Sites[1].Index)
	}
	want := "R2: candidate site from the given list, 40.0 km from the nearest county hospital, 40.0 km from the county seat; brings county-level care to 5,000 people in 2 villages without it today; unknown beds, unknown staff"
	if c.Sites[0].Rule != want {
		t.Errorf("rule\n got %s\nwant %s", c.Sites[0].Rule, want)
	}
	w.village("z", "Z", 10, scBase)
	res := scPlan(t, w, SubcentreOptions{RadiusKm: 10, K: 1, Candidates: cands})
	if z := scOnly(t, res, "Z"); z.Candidates != 0 || len(z.Sites) != 0 || z.Note != "no sites: the candidate list has no site in this county; the county has no county hospital, so its seat is taken as the population-weighted centre of its villages" {
		t.Errorf("Z: %+v", z)
	}
}

func TestPlanSubcentresInvalid(t *testing.T) {
	good := scFourClusters()
	c := func(f Facility) []Facility {
		if f.Beds == 0 {
			f.Beds = CapacityUnknown
		}
		return []Facility{f}
	}
	for _, tc := range []struct {
		name   string
		opt    SubcentreOptions
		option string
	}{
		{"zero radius", SubcentreOptions{}, "radius-km"},
		{"NaN radius", SubcentreOptions{RadiusKm: math.NaN()}, "radius-km"},
		{"K 4", SubcentreOptions{RadiusKm: 10, K: 4}, "subcentres"},
		{"K -1", SubcentreOptions{RadiusKm: 10, K: -1}, "subcentres"},
		{"MaxK 4", SubcentreOptions{RadiusKm: 10, MaxK: 4}, "max-subcentres"},
		{"MaxK -1", SubcentreOptions{RadiusKm: 10, MaxK: -1}, "max-subcentres"},
		{"K above MaxK", SubcentreOptions{RadiusKm: 10, K: 3, MaxK: 2}, "subcentres"},
		{"negative far", SubcentreOptions{RadiusKm: 10, MinFarKm: new(-1.0)}, "min-far-km"},
		{"NaN far", SubcentreOptions{RadiusKm: 10, MinFarKm: new(math.NaN())}, "min-far-km"},
		{"negative gain", SubcentreOptions{RadiusKm: 10, MinGainPop: -1}, "min-gain-pop"},
		{"bad type", SubcentreOptions{RadiusKm: 10, ExistingTypes: []FacilityType{"clinic"}}, "existing-types"},
		{"candidate without id", SubcentreOptions{RadiusKm: 10, Candidates: c(Facility{County: "A"})}, "candidates"},
		{"candidate without county", SubcentreOptions{RadiusKm: 10, Candidates: c(Facility{ID: "x"})}, "candidates"},
		{"candidate off the map", SubcentreOptions{RadiusKm: 10, Candidates: c(Facility{ID: "x", County: "A", Location: orb.Point{200, 0}})}, "candidates"},
		{"candidate NaN", SubcentreOptions{RadiusKm: 10, Candidates: c(Facility{ID: "x", County: "A", Location: orb.Point{math.NaN(), 0}})}, "candidates"},
		{"candidate beds", SubcentreOptions{RadiusKm: 10, Candidates: c(Facility{ID: "x", County: "A", Beds: -2})}, "candidates"},
		{"duplicate candidates", SubcentreOptions{RadiusKm: 10, Candidates: append(c(Facility{ID: "x", County: "A"}), c(Facility{ID: "x", County: "A"})...)}, "candidates"},
		{"candidate county without villages", SubcentreOptions{RadiusKm: 10, Candidates: c(Facility{ID: "x", County: "nowhere"})}, "candidates"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := PlanSubcentres(context.Background(), good.vs, good.fs, tc.opt)
			var oe *OptionError
			if !errors.Is(err, ErrInvalidOptions) || !errors.As(err, &oe) || oe.Option != tc.option || res != nil {
				t.Fatalf("got %v (%v), want an OptionError for %s", err, res, tc.option)
			}
		})
	}
	for _, tc := range []struct {
		name string
		edit func(w *scWorld)
		kind string
	}{
		{"negative population", func(w *scWorld) { w.vs[2].Population = -5 }, "village"},
		{"village NaN", func(w *scWorld) { w.vs[1].Location[1] = math.NaN() }, "village"},
		{"village latitude", func(w *scWorld) { w.vs[1].Location[1] = 91 }, "village"},
		{"hospital off the map", func(w *scWorld) { w.fs[0].Location[0] = math.Inf(1) }, "facility"},
		{"township centre beds", func(w *scWorld) { w.fs[1].Beds = -3 }, "facility"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := scFourClusters()
			tc.edit(w)
			res, err := PlanSubcentres(context.Background(), w.vs, w.fs, SubcentreOptions{RadiusKm: 10})
			var ie *InputError
			if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Kind != tc.kind || res != nil {
				t.Fatalf("got %v, want a %s InputError", err, tc.kind)
			}
		})
	}
}

func TestPlanSubcentresEmptyAndCancelled(t *testing.T) {
	res, err := PlanSubcentres(context.Background(), nil, nil, SubcentreOptions{RadiusKm: 10})
	if err != nil || len(res) != 0 {
		t.Errorf("empty input: %v, %v", res, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := scFourClusters()
	if res, err := PlanSubcentres(ctx, w.vs, w.fs, SubcentreOptions{RadiusKm: 10}); !errors.Is(err, context.Canceled) || res != nil {
		t.Errorf("cancelled: %v, %v", res, err)
	}
}

// scExactRadiusKm finds a point about km kilometres from p whose distance
// d to p survives the round trip d/1000*1000, and returns it with d/1000: a
// radius at which the point lies exactly on the circle.
func scExactRadiusKm(t *testing.T, p orb.Point, km float64) (orb.Point, float64) {
	t.Helper()
	for i := range 1000 {
		q := scAt(p, 7+float64(i)*0.37, km)
		if d := geo.DistanceM(p, q); d/1000*1000 == d {
			return q, d / 1000
		}
	}
	t.Fatal("no point with an exact radius found")
	return orb.Point{}, 0
}

func TestPlanSubcentresRadiusInclusive(t *testing.T) {
	t.Run("existing cover", func(t *testing.T) {
		w := &scWorld{}
		w.facility("H", CountyHospital, "A", scBase, 10, 10)
		q, r := scExactRadiusKm(t, scBase, 12)
		w.village("edge", "A", 700, q)
		c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: r}), "A")
		if c.CountyCareToday != 700 || len(c.Sites) != 0 {
			t.Errorf("a village exactly on the radius: covered before %d, sites %d", c.CountyCareToday, len(c.Sites))
		}
	})
	t.Run("candidate reach", func(t *testing.T) {
		w := &scWorld{}
		w.facility("H", CountyHospital, "A", scBase, 10, 10)
		site := scAt(scBase, 0, 60)
		w.facility("T", TownshipHealthCentre, "A", site, 10, 10)
		q, r := scExactRadiusKm(t, site, 12)
		w.village("edge", "A", 700, q)
		c := scOnly(t, scPlan(t, w, SubcentreOptions{RadiusKm: r}), "A")
		if c.CountyCareToday != 0 || c.CountyCareAfter != 700 || !slices.Equal(c.ChosenIDs(), []string{"T"}) {
			t.Errorf("a village exactly on the radius of the site: before %d after %d chosen %v", c.CountyCareToday, c.CountyCareAfter, c.ChosenIDs())
		}
	})
}
