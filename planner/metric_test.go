package planner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/catchment/catchment/geo"
)

func TestLimit(t *testing.T) {
	secs := &fakeMetric{unit: geo.Seconds}
	for _, tc := range []struct {
		name        string
		m           geo.Metric
		km, minutes float64
		want        float64
		option      string // "" when no error is expected
	}{
		{"nil is straight", nil, 15, 0, 15000, ""},
		{"straight ignores minutes", geo.Straight{}, 12.5, 30, 12500, ""},
		{"seconds", secs, 0, 30, 1800, ""},
		{"seconds ignores km", secs, 15, 45, 2700, ""},
		{"straight without km", geo.Straight{}, 0, 30, 0, "radius-km"},
		{"seconds without minutes", secs, 15, 0, 0, "minutes"},
		{"minutes NaN", secs, 0, math.NaN(), 0, "minutes"},
		{"minutes too many", secs, 0, MaxRadiusMinutes + 1, 0, "minutes"},
		{"km too many", nil, 2001, 0, 0, "radius-km"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Limit(tc.m, tc.km, tc.minutes)
			var oe *OptionError
			switch {
			case tc.option == "" && (err != nil || got != tc.want):
				t.Fatalf("Limit = %v, %v; want %v", got, err, tc.want)
			case tc.option != "" && (!errors.As(err, &oe) || oe.Option != tc.option || !errors.Is(err, ErrInvalidOptions)):
				t.Fatalf("Limit = %v, %v; want an OptionError on %s", got, err, tc.option)
			}
		})
	}
}

// metricTIsolated isolates every 37th village: it joins nothing.
func metricTIsolated(vs []Village) map[string]string {
	iso := map[string]string{}
	for i := 0; i < len(vs); i += 37 {
		iso[vs[i].ID] = "no road within 5 km"
	}
	return iso
}

// TestCoverageOnMetric checks Coverage on a non-Euclidean, asymmetric
// metric with missing routes and isolated villages against brute force,
// in metres and in seconds.
func TestCoverageOnMetric(t *testing.T) {
	for _, tc := range []struct {
		name    string
		unit    geo.CostUnit
		km, min []float64
	}{
		{"metres", geo.Metres, []float64{10, 15, 20}, nil},
		{"seconds", geo.Seconds, []float64{10, 20}, []float64{15, 30}},
		{"seconds without km", geo.Seconds, nil, []float64{20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs, fs := randomProvince(t, 21, 1500, 60)
			m := &fakeMetric{unit: tc.unit, noRouteEvery: 5, isolated: metricTIsolated(vs)}
			res, err := Coverage(context.Background(), vs, fs, CoverageOptions{RadiiKm: tc.km, RadiiMinutes: tc.min, Metric: m})
			if err != nil {
				t.Fatal(err)
			}
			lim := make([]float64, max(len(tc.km), len(tc.min)))
			for k := range lim {
				if tc.unit == geo.Seconds {
					lim[k] = tc.min[k] * 60
				} else {
					lim[k] = tc.km[k] * 1000
				}
			}
			if res.Metric != "od" || res.Unit != tc.unit || !slices.Equal(res.Limits, lim) {
				t.Fatalf("result metric %q unit %v limits %v, want od %v %v", res.Metric, res.Unit, res.Limits, tc.unit, lim)
			}
			lost, gained := make([]int, len(lim)), make([]int, len(lim))
			differ := 0
			for i, v := range vs {
				best, sBest, sBestD := -1, -1, math.Inf(1)
				for j, f := range fs {
					if f.Type == VillageClinic {
						continue
					}
					if c := m.cost(vSite(v), fSite(f)); !math.IsInf(c, 1) && (best < 0 || c < m.cost(vSite(v), fSite(fs[best]))) {
						best = j
					}
					if d := geo.DistanceM(v.Location, f.Location); d < sBestD {
						sBest, sBestD = j, d
					}
				}
				got := res.Villages[i]
				if got.Nearest != best || got.StraightNearest != sBest || got.StraightDistanceM != sBestD {
					t.Fatalf("village %d: nearest %d, straight %d at %v; brute force %d, straight %d at %v", i, got.Nearest, got.StraightNearest, got.StraightDistanceM, best, sBest, sBestD)
				}
				if best != sBest {
					differ++
				}
				cost, distM := math.Inf(1), math.Inf(1)
				if best >= 0 {
					cost, distM = m.cost(vSite(v), fSite(fs[best])), m.metres(vSite(v), fSite(fs[best]))
				}
				if got.Cost != cost || got.DistanceM != distM || got.Seconds != distM/fakeSpeedMPS {
					t.Fatalf("village %d: cost %v, %v m, %v s; want %v, %v m, %v s", i, got.Cost, got.DistanceM, got.Seconds, cost, distM, distM/fakeSpeedMPS)
				}
				iso := m.isolated[v.ID]
				switch {
				case iso != "" && (got.Unreachable != iso || res.Access[i].Unreachable != iso):
					t.Fatalf("isolated village %d: unreachable %q, want %q", i, got.Unreachable, iso)
				case iso == "" && (best < 0) != (got.Unreachable != ""):
					t.Fatalf("village %d: nearest %d but unreachable %q", i, best, got.Unreachable)
				case res.Access[i].SnapM != 10:
					t.Fatalf("village %d: access %+v not taken from the metric", i, res.Access[i])
				}
				for k, l := range lim {
					if want := cost <= l; got.Covered[k] != want {
						t.Fatalf("village %d radius %d: covered %v, want %v", i, k, got.Covered[k], want)
					}
					if len(tc.km) == 0 {
						continue
					}
					straight := sBestD <= tc.km[k]*1000
					if straight && !got.Covered[k] {
						lost[k]++
					}
					if got.Covered[k] && !straight {
						gained[k]++
					}
				}
			}
			if len(tc.km) == 0 {
				if res.CoverLost != nil || res.CoverGained != nil {
					t.Fatalf("no km radii, yet a comparison %v %v", res.CoverLost, res.CoverGained)
				}
			} else if !slices.Equal(res.CoverLost, lost) || !slices.Equal(res.CoverGained, gained) {
				t.Fatalf("cover lost %v gained %v, want %v %v", res.CoverLost, res.CoverGained, lost, gained)
			}
			if differ < 50 || len(tc.km) > 0 && lost[0] == 0 {
				t.Fatalf("the metric barely differs from the straight line: %d nearest facilities differ, lost %v", differ, lost)
			}
			t.Logf("%d of %d villages have another nearest facility than in a straight line; cover lost %v, gained %v", differ, len(vs), lost, gained)
		})
	}
}

// TestCoverageStraightComparisonIsZero: for the straight metric the
// straight-line figures are the metric's and nothing changes status.
func TestCoverageStraightComparisonIsZero(t *testing.T) {
	vs, fs := randomProvince(t, 22, 500, 30)
	res, err := Coverage(context.Background(), vs, fs, CoverageOptions{RadiiKm: []float64{10, 20}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Metric != "straight" || !slices.Equal(res.CoverLost, []int{0, 0}) || !slices.Equal(res.CoverGained, []int{0, 0}) {
		t.Fatalf("straight comparison: %q lost %v gained %v", res.Metric, res.CoverLost, res.CoverGained)
	}
	for i, vc := range res.Villages {
		if vc.StraightNearest != vc.Nearest || vc.StraightDistanceM != vc.DistanceM || vc.Cost != vc.DistanceM ||
			!math.IsNaN(vc.Seconds) || vc.Unreachable != "" || res.Access != nil {
			t.Fatalf("village %d: %+v", i, vc)
		}
	}
}

func TestCoverageMetricOptions(t *testing.T) {
	secs := &fakeMetric{unit: geo.Seconds}
	for _, tc := range []struct {
		name string
		opt  CoverageOptions
	}{
		{"minutes on straight", CoverageOptions{RadiiKm: []float64{15}, RadiiMinutes: []float64{30}}},
		{"no minutes on seconds", CoverageOptions{RadiiKm: []float64{15}, Metric: secs}},
		{"km and minutes differ in number", CoverageOptions{RadiiKm: []float64{15, 20}, RadiiMinutes: []float64{30}, Metric: secs}},
		{"minutes twice", CoverageOptions{RadiiMinutes: []float64{30, 30}, Metric: secs}},
		{"minutes zero", CoverageOptions{RadiiMinutes: []float64{0}, Metric: secs}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Coverage(context.Background(), nil, nil, tc.opt); !errors.Is(err, ErrInvalidOptions) {
				t.Fatalf("err = %v, want an OptionError", err)
			}
		})
	}
}

// TestPlanSubcentresOnMetric: the sub-centre optimum is exact on a
// non-Euclidean, asymmetric metric (brute force with the metric's costs),
// in metres and in seconds.
func TestPlanSubcentresOnMetric(t *testing.T) {
	differ, counties := 0, 0
	for _, tc := range []struct {
		seed uint64
		unit geo.CostUnit
		opt  SubcentreOptions
	}{
		{31, geo.Metres, SubcentreOptions{RadiusKm: 15, K: 1}},
		{32, geo.Metres, SubcentreOptions{RadiusKm: 20, K: 2, MaxAlternatives: 5}},
		{33, geo.Metres, SubcentreOptions{RadiusKm: 25, K: 3, MinFarKm: new(0.0)}},
		{34, geo.Metres, SubcentreOptions{RadiusKm: 20, MinGainPop: 1000}},
		{35, geo.Seconds, SubcentreOptions{RadiusMinutes: 25, K: 2}},
		{36, geo.Seconds, SubcentreOptions{RadiusKm: 15, RadiusMinutes: 30, MinGainPop: 1500}},
	} {
		t.Run(fmt.Sprint("seed", tc.seed), func(t *testing.T) {
			vs, fs := scRandomProvince(t, tc.seed, 30, 14)
			m := &fakeMetric{unit: tc.unit, noRouteEvery: 7}
			opt := tc.opt
			opt.Metric = m
			res, err := PlanSubcentres(context.Background(), vs, fs, opt)
			if err != nil {
				t.Fatal(err)
			}
			radius, _ := Limit(m, opt.RadiusKm, opt.RadiusMinutes)
			b := &scBrute{vs: vs, fs: fs, opt: opt, radM: radius,
				cost: func(v Village, f Facility) float64 { return m.cost(vSite(v), fSite(f)) }}
			for i := range res {
				b.check(t, &res[i])
			}
			if tc.unit == geo.Metres {
				sopt := tc.opt
				straight, err := PlanSubcentres(context.Background(), vs, fs, sopt)
				if err != nil {
					t.Fatal(err)
				}
				for i := range res {
					if res[i].CountyCareToday != straight[i].CountyCareToday || !slices.Equal(res[i].ChosenIDs(), straight[i].ChosenIDs()) {
						differ++
					}
				}
			}
			counties += len(res)
		})
	}
	if differ == 0 {
		t.Errorf("on %d counties the metric never changed a plan", counties)
	}
}

// TestPlanClinicsOnMetric: the joint-clinic minimum cover is exact on a
// non-Euclidean, asymmetric metric, and the nearest township health
// centre is the metric's.
func TestPlanClinicsOnMetric(t *testing.T) {
	vs, fs := clinicTTownships(43, 200)
	m := &fakeMetric{unit: geo.Metres, noRouteEvery: 11}
	opt := DefaultClinicOptions()
	opt.MergeKm = 4
	opt.Metric = m
	plan := clinicTPlan(t, vs, fs, opt)
	for i, v := range vs {
		best, bestC := -1, math.Inf(1)
		for j, f := range fs {
			if c := m.cost(vSite(v), fSite(f)); f.Type == TownshipHealthCentre && c < bestC {
				best, bestC = j, c
			}
		}
		if got := plan.Villages[i]; got.NearestTHCIndex != best || got.NearestTHCDistanceM != bestC {
			t.Fatalf("village %d: nearest centre %d at %v, want %d at %v", i, got.NearestTHCIndex, got.NearestTHCDistanceM, best, bestC)
		}
	}
	n := clinicTCheckJoint(t, vs, fs, opt, plan, m.cost)
	if n.withJoint < 50 || n.singles == 0 {
		t.Errorf("too few shapes exercised: %+v", n)
	}
	straight := opt
	straight.Metric = nil
	if sp := clinicTPlan(t, vs, fs, straight); slices.Equal(clinicTServices(sp), clinicTServices(plan)) {
		t.Error("the metric changed no village's service")
	}
	opt.Metric = &fakeMetric{unit: geo.Seconds}
	if _, err := PlanClinics(context.Background(), vs, fs, opt); !errors.Is(err, ErrInvalidOptions) {
		t.Fatalf("a travel-time metric for the clinic plan: err %v, want an OptionError", err)
	}
}

// TestItinerantRouteOnMetric plans routes on an asymmetric metric with
// missing links and isolated villages: every reachable stop is visited
// once, day lengths are the metric's directed sums, the day limit holds,
// unreachable stops are reported, and a Pather's legs make the geometry.
func TestItinerantRouteOnMetric(t *testing.T) {
	rng := rand.New(rand.NewPCG(44, 1))
	ctx := context.Background()
	unreachableSeen, asymmetric := 0, 0
	for trial := range 150 {
		n := 1 + rng.IntN(20)
		depotPt, vs := routeTInstance(rng, n, 5+30*rng.Float64())
		depot := geo.Site{ID: "depot", Point: depotPt}
		iso := map[string]string{}
		for i := range vs {
			vs[i].ID = fmt.Sprintf("t%d-v%d", trial, i)
			if rng.IntN(12) == 0 {
				iso[vs[i].ID] = "no road"
			}
		}
		m := &fakeMetric{unit: geo.Metres, noRouteEvery: 9, isolated: iso}
		maxRouteM := 1000 * (15 + 60*rng.Float64())
		stops := routeTAll(n)
		tourKm, days, unreachable, err := planItinerantRoute(ctx, fakePather{m}, depot, stops, vs, maxRouteM)
		if err != nil {
			t.Fatal(err)
		}
		var wantUnreachable []int
		for _, i := range stops {
			if math.IsInf(m.cost(depot, vSite(vs[i])), 1) || math.IsInf(m.cost(vSite(vs[i]), depot), 1) {
				wantUnreachable = append(wantUnreachable, i)
			}
		}
		if !slices.Equal(unreachable, wantUnreachable) {
			t.Fatalf("trial %d: unreachable %v, want %v", trial, unreachable, wantUnreachable)
		}
		unreachableSeen += len(unreachable)
		seen := slices.Clone(unreachable)
		for _, day := range days {
			seen = append(seen, day.Stops...)
			places := append([]geo.Site{depot}, villageSites(vs, day.Stops)...)
			places = append(places, depot)
			var sum, back float64
			for k := 0; k+1 < len(places); k++ {
				sum += m.cost(places[k], places[k+1])
				back += m.cost(places[k+1], places[k])
			}
			if sum != back {
				asymmetric++
			}
			if math.Abs(day.LengthKm*1000-sum) > 1e-6 || math.IsInf(sum, 0) {
				t.Fatalf("trial %d day %d: LengthKm %v, the metric's directed sum %v m", trial, day.Day, day.LengthKm, sum)
			}
			lone := len(day.Stops) == 1 && sum > maxRouteM
			if slices.Contains(day.Flags, FlagRoundTripExceedsMaxRoute) != lone || !lone && sum > maxRouteM {
				t.Fatalf("trial %d day %d: %v m against %v m, flags %v", trial, day.Day, sum, maxRouteM, day.Flags)
			}
			if len(day.Geometry) != 2*(len(places)-1)+1 || day.Geometry[0] != depot.Point || day.Geometry[len(day.Geometry)-1] != depot.Point {
				t.Fatalf("trial %d day %d: geometry of %d points for %d legs", trial, day.Day, len(day.Geometry), len(places)-1)
			}
			for k, p := range places {
				if day.Geometry[2*k] != p.Point {
					t.Fatalf("trial %d day %d: geometry misses place %d", trial, day.Day, k)
				}
			}
			if len(day.Line()) != len(day.Geometry) {
				t.Fatalf("trial %d: Line is not the geometry", trial)
			}
		}
		if !slices.Equal(slices.Sorted(slices.Values(seen)), stops) {
			t.Fatalf("trial %d: days and unreachable hold %v, want each of %d stops once", trial, seen, n)
		}
		if math.IsNaN(tourKm) || tourKm < 0 || math.IsInf(tourKm, 0) {
			t.Fatalf("trial %d: tour %v km", trial, tourKm)
		}
	}
	if unreachableSeen == 0 || asymmetric == 0 {
		t.Fatalf("not exercised: %d unreachable stops, %d asymmetric days", unreachableSeen, asymmetric)
	}
}

// TestPlanOnMetric: Plan hands its metric to every step, measures today's
// cover once with it, and runs on travel time with a clinic metric in
// metres.
func TestPlanOnMetric(t *testing.T) {
	vs, fs := scRandomProvince(t, 51, 12, 10)
	m := &fakeMetric{unit: geo.Metres, noRouteEvery: 7}
	res, err := Plan(context.Background(), vs, fs, PlanOptions{RadiusKm: 15, Metric: fakePather{m}, Clinics: DefaultClinicOptions()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Metric != "od" {
		t.Fatalf("metric %q", res.Metric)
	}
	for i, v := range vs {
		want := false
		for _, f := range fs {
			want = want || f.Type == CountyHospital && m.cost(vSite(v), fSite(f)) <= 15000
		}
		if res.Villages[i].CountyCareToday != want {
			t.Fatalf("village %d covered before %v, want %v", i, res.Villages[i].CountyCareToday, want)
		}
		if c := res.Clinics.Villages[i]; c.NearestTHCIndex >= 0 && c.NearestTHCDistanceM != m.cost(vSite(v), fSite(fs[c.NearestTHCIndex])) {
			t.Fatalf("village %d: the clinic plan did not use the metric", i)
		}
	}
	routed := false
	for _, tp := range res.Clinics.Townships {
		for _, d := range tp.Route {
			routed = routed || d.Geometry != nil
		}
	}
	if !routed {
		t.Fatal("no route day has the Pather's geometry")
	}

	secs := &fakeMetric{unit: geo.Seconds, noRouteEvery: 7}
	if _, err := Plan(context.Background(), vs, fs, PlanOptions{RadiusMinutes: 20, Metric: secs, Clinics: DefaultClinicOptions()}); !errors.Is(err, ErrInvalidOptions) {
		t.Fatalf("travel time with no clinic metric in metres: err %v", err)
	}
	clin := DefaultClinicOptions()
	clin.Metric = m
	tres, err := Plan(context.Background(), vs, fs, PlanOptions{RadiusMinutes: 20, Metric: secs, Clinics: clin})
	if err != nil {
		t.Fatal(err)
	}
	if tres.RadiusMinutes != 20 || tres.Metric != "od" {
		t.Fatalf("radius %v minutes, metric %q", tres.RadiusMinutes, tres.Metric)
	}
	for i, v := range vs {
		want := false
		for _, f := range fs {
			want = want || f.Type == CountyHospital && secs.cost(vSite(v), fSite(f)) <= 20*60
		}
		if tres.Villages[i].CountyCareToday != want {
			t.Fatalf("village %d covered before %v within 20 minutes, want %v", i, tres.Villages[i].CountyCareToday, want)
		}
	}
}

// TestScenarioMinutes: a travel-time scenario sweeps minutes, and a sweep
// row reused from the plan equals one computed afresh.
func TestScenarioMinutes(t *testing.T) {
	vs, fs := scRandomProvince(t, 52, 10, 10)
	secs := &fakeMetric{unit: geo.Seconds, noRouteEvery: 7}
	metres := &fakeMetric{unit: geo.Metres, noRouteEvery: 7}
	if _, err := (Scenario{Metric: secs}).Resolve(); !errors.Is(err, ErrInvalidOptions) {
		t.Fatalf("no minutes: err %v", err)
	}
	if _, err := (Scenario{RadiiMinutes: []float64{20}}).Resolve(); !errors.Is(err, ErrInvalidOptions) {
		t.Fatalf("minutes on the straight line: err %v", err)
	}
	r, err := Scenario{Metric: secs, ClinicMetric: metres, RadiiMinutes: []float64{20, 40}, Subcentres: []int{1, 2}}.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if !r.Sweep() || r.Plan.RadiusMinutes != 20 || r.Plan.Clinics.Metric != metres || r.Plan.Subcentres.Metric != secs {
		t.Fatalf("resolved %+v", r)
	}
	res, rows, err := RunScenario(context.Background(), vs, fs, r)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := Sweep(context.Background(), vs, fs, r.RadiiMinutes, r.Subcentres, r.Plan.Subcentres)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || !slices.Equal(rows, fresh) || rows[0].RadiusMinutes != 20 || rows[0].RadiusKm != 0 || rows[0].PlanTotals != res.Total {
		t.Fatalf("rows %+v, fresh %+v, plan %+v", rows, fresh, res.Total)
	}
}

// TestCoverageProgressFromSilentMetric: a metric that reports no progress
// still gets the final report, once, and an empty run none.
func TestCoverageProgressFromSilentMetric(t *testing.T) {
	vs, fs := randomProvince(t, 23, 300, 20)
	var calls [][2]int
	opt := CoverageOptions{RadiiKm: []float64{15}, Metric: &fakeMetric{unit: geo.Metres}, Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total}) // the fake metric runs on this goroutine
	}}
	if _, err := Coverage(context.Background(), vs, fs, opt); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0] != [2]int{len(vs), len(vs)} {
		t.Fatalf("progress calls %v, want one final report", calls)
	}
	calls = nil
	if _, err := Coverage(context.Background(), nil, fs, opt); err != nil || len(calls) != 0 {
		t.Fatalf("empty run: progress calls %v, err %v", calls, err)
	}
}
