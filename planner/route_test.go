package planner

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// routeTInstance returns a depot and n villages scattered up to radiusKm
// around it.
func routeTInstance(rng *rand.Rand, n int, radiusKm float64) (orb.Point, []Village) {
	depot := orb.Point{110 + rng.Float64(), 30 + rng.Float64()}
	vs := make([]Village, n)
	for i := range vs {
		p := clinicTAt(depot, 360*rng.Float64(), radiusKm*math.Sqrt(rng.Float64()))
		vs[i] = Village{ID: fmt.Sprint(i), Population: 100, Location: p}
	}
	return depot, vs
}

// routeTMatrix is the straight-line route matrix over pts.
func routeTMatrix(t testing.TB, pts []orb.Point) routeMatrix {
	t.Helper()
	sites := make([]geo.Site, len(pts))
	for i, p := range pts {
		sites[i].Point = p
	}
	d, err := geo.Straight{}.Matrix(context.Background(), sites)
	if err != nil {
		t.Fatal(err)
	}
	return newRouteMatrix(len(pts), d)
}

// routeTPlan plans a straight-line route, failing the test on an error or
// an unreachable stop (the straight line reaches everything).
func routeTPlan(t testing.TB, depot orb.Point, stops []int, vs []Village, maxRouteM float64) (float64, []RouteDay) {
	t.Helper()
	km, days, unreachable, err := planItinerantRoute(context.Background(), geo.Straight{}, geo.Site{Point: depot}, stops, vs, maxRouteM)
	if err != nil || unreachable != nil {
		t.Fatalf("planItinerantRoute: unreachable %v, err %v", unreachable, err)
	}
	return km, days
}

func routeTAll(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// routeTBruteM is the optimal closed tour length over the matrix by
// trying every order of the stops.
func routeTBruteM(m routeMatrix) float64 {
	stops := routeTAll(m.n)[1:]
	best := math.Inf(1)
	var perm func(k int)
	perm = func(k int) {
		if k == len(stops) {
			best = min(best, routeLengthM(m, append([]int{0}, stops...)))
			return
		}
		for i := k; i < len(stops); i++ {
			stops[k], stops[i] = stops[i], stops[k]
			perm(k + 1)
			stops[k], stops[i] = stops[i], stops[k]
		}
	}
	perm(0)
	return best
}

func TestRouteImproveAgainstNearestNeighbourAndOptimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	worst, sum, small := 1.0, 0.0, 0
	for trial := range 400 {
		n := 1 + rng.IntN(30)
		depot, vs := routeTInstance(rng, n, 5+20*rng.Float64())
		pts := []orb.Point{depot}
		for _, v := range vs {
			pts = append(pts, v.Location)
		}
		m := routeTMatrix(t, pts)
		tour := routeNearestNeighbour(m)
		nnM := routeLengthM(m, tour)
		two := slices.Clone(tour)
		for routeTwoOpt(m, two) {
		}
		if twoM := routeLengthM(m, two); twoM > nnM+1e-6 {
			t.Fatalf("trial %d: 2-opt tour %v m longer than nearest neighbour %v m", trial, twoM, nnM)
		}
		routeImprove(m, tour)
		got := routeLengthM(m, tour)
		if tour[0] != 0 || !slices.Equal(slices.Sorted(slices.Values(tour)), routeTAll(n+1)) {
			t.Fatalf("trial %d: tour %v is not a permutation starting at the depot", trial, tour)
		}
		if got > nnM+1e-6 {
			t.Fatalf("trial %d: improved tour %v m longer than nearest neighbour %v m", trial, got, nnM)
		}
		if n <= 8 {
			opt := routeTBruteM(m)
			ratio := got / opt
			if ratio > 1.10 {
				t.Fatalf("trial %d (%d stops): %v m is %.4f × the optimum %v m", trial, n, got, ratio, opt)
			}
			worst = max(worst, ratio)
			sum += ratio
			small++
		}
	}
	t.Logf("%d instances with ≤ 8 stops: worst ratio to optimum %.6f, mean %.6f", small, worst, sum/float64(small))
}

func TestPlanItinerantRouteDays(t *testing.T) {
	rng := rand.New(rand.NewPCG(77, 1))
	for trial := range 300 {
		n := 1 + rng.IntN(25)
		depot, vs := routeTInstance(rng, n, 5+40*rng.Float64())
		maxRouteKm := 10 + 80*rng.Float64()
		stops := routeTAll(n)
		rng.Shuffle(n, func(i, j int) { stops[i], stops[j] = stops[j], stops[i] })
		tourKm, days := routeTPlan(t, depot, stops, vs, maxRouteKm*1000)

		var seen []int
		for d, day := range days {
			if day.Day != d+1 || len(day.Stops) == 0 {
				t.Fatalf("trial %d: day %d numbered %d with %d stops", trial, d, day.Day, len(day.Stops))
			}
			seen = append(seen, day.Stops...)
			// Path is depot, stops..., depot and LengthKm its geodesic length.
			if len(day.Path) != len(day.Stops)+2 || day.Path[0] != depot || day.Path[len(day.Path)-1] != depot {
				t.Fatalf("trial %d day %d: path %v", trial, day.Day, day.Path)
			}
			var lenM float64
			for k := 1; k < len(day.Path); k++ {
				if k <= len(day.Stops) && day.Path[k] != vs[day.Stops[k-1]].Location {
					t.Fatalf("trial %d day %d: path point %d is not stop %d", trial, day.Day, k, day.Stops[k-1])
				}
				lenM += geo.DistanceM(day.Path[k-1], day.Path[k])
			}
			if math.Abs(lenM/1000-day.LengthKm) > 1e-6 {
				t.Fatalf("trial %d day %d: LengthKm %v, path measures %v km", trial, day.Day, day.LengthKm, lenM/1000)
			}
			flagged := slices.Contains(day.Flags, FlagRoundTripExceedsMaxRoute)
			roundTrip := len(day.Stops) == 1 && 2*geo.DistanceM(depot, vs[day.Stops[0]].Location) > maxRouteKm*1000
			if flagged != roundTrip {
				t.Fatalf("trial %d day %d: flagged %v, lone over-long round trip %v", trial, day.Day, flagged, roundTrip)
			}
			if !flagged && day.LengthKm > maxRouteKm+1e-9 {
				t.Fatalf("trial %d day %d: %v km exceeds the %v km limit", trial, day.Day, day.LengthKm, maxRouteKm)
			}
		}
		if !slices.Equal(slices.Sorted(slices.Values(seen)), routeTAll(n)) {
			t.Fatalf("trial %d: days visit %v, want each of %d villages once", trial, seen, n)
		}
		if len(days) == 1 && days[0].LengthKm > tourKm+1e-9 {
			t.Fatalf("trial %d: single day %v km longer than the tour %v km", trial, days[0].LengthKm, tourKm)
		}
		if tourKm <= maxRouteKm && len(days) != 1 {
			t.Fatalf("trial %d: tour of %v km fits in %v km but was split into %d days", trial, tourKm, maxRouteKm, len(days))
		}
		if tourKm > maxRouteKm && n > 1 && len(days) < 2 {
			t.Fatalf("trial %d: tour of %v km exceeds %v km but was not split", trial, tourKm, maxRouteKm)
		}
	}
}

func TestPlanItinerantRouteEdgeCases(t *testing.T) {
	depot := clinicTBase
	t.Run("no stops", func(t *testing.T) {
		if km, days := routeTPlan(t, depot, nil, nil, 60000); km != 0 || days != nil {
			t.Fatalf("%v %v", km, days)
		}
	})
	t.Run("one stop", func(t *testing.T) {
		vs := []Village{{ID: "a", Location: clinicTAt(depot, 10, 12)}}
		km, days := routeTPlan(t, depot, []int{0}, vs, 60000)
		want := 2 * geo.DistanceM(depot, vs[0].Location) / 1000
		if len(days) != 1 || math.Abs(km-want) > 1e-9 || days[0].LengthKm != km || len(days[0].Flags) != 0 {
			t.Fatalf("%v %+v", km, days)
		}
	})
	t.Run("far village gets its own flagged day", func(t *testing.T) {
		vs := []Village{
			{ID: "near1", Location: clinicTAt(depot, 0, 5)},
			{ID: "far", Location: clinicTAt(depot, 90, 40)}, // 80 km round trip
			{ID: "near2", Location: clinicTAt(depot, 30, 6)},
		}
		_, days := routeTPlan(t, depot, []int{0, 1, 2}, vs, 60000)
		if len(days) != 2 {
			t.Fatalf("days %+v", days)
		}
		for _, d := range days {
			far := slices.Equal(d.Stops, []int{1})
			if far != slices.Equal(d.Flags, []string{FlagRoundTripExceedsMaxRoute}) || !far && d.LengthKm > 60 {
				t.Errorf("day %+v", d)
			}
		}
	})
	t.Run("co-located stops", func(t *testing.T) {
		vs := []Village{{Location: depot}, {Location: depot}, {Location: clinicTAt(depot, 0, 1)}, {Location: clinicTAt(depot, 0, 1)}}
		km, days := routeTPlan(t, depot, []int{0, 1, 2, 3}, vs, 60000)
		if len(days) != 1 || len(days[0].Stops) != 4 || math.Abs(km-2*geo.DistanceM(depot, vs[2].Location)/1000) > 1e-9 {
			t.Fatalf("%v %+v", km, days)
		}
	})
}

func TestPlanClinicsRoutesCoverItinerantVillages(t *testing.T) {
	vs, fs := clinicTProvince(3, 4)
	opt := DefaultClinicOptions()
	opt.MaxRouteKm = 25 // force multi-day routes
	plan := clinicTPlan(t, vs, fs, opt)
	days, multi := 0, 0
	for ti, tp := range plan.Townships {
		var want, got []int
		for i, s := range plan.Villages {
			if s.TownshipIndex == ti && s.Service == ServiceItinerant {
				want = append(want, i)
			}
		}
		var km float64
		for _, d := range tp.Route {
			got = append(got, d.Stops...)
			km += d.LengthKm
			if d.Path[0] != fs[tp.THC].Location {
				t.Fatalf("%s: day starts at %v, not the THC", tp.Township, d.Path[0])
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || math.Abs(km-tp.RouteKm) > 1e-9 {
			t.Fatalf("%s: route visits %v, itinerant villages %v", tp.Township, got, want)
		}
		days += len(tp.Route)
		if len(tp.Route) > 1 {
			multi++
		}
	}
	t.Logf("%d townships, %d route days, %d townships with several days", len(plan.Townships), days, multi)
	if multi == 0 {
		t.Error("no multi-day route exercised")
	}
}
