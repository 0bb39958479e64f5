package planner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// randomProvince scatters villages and facilities over a box of about
// 200 km, with three counties and all facility types.
func randomProvince(t testing.TB, seed uint64, nv, nf int) ([]Village, []Facility) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	pt := func() orb.Point { return orb.Point{111 + 2*r.Float64(), 36 + 2*r.Float64()} }
	vs := make([]Village, nv)
	for i := range vs {
		vs[i] = Village{ID: fmt.Sprintf("V%d", i), County: fmt.Sprintf("C%d", r.IntN(3)), Population: 50 + r.IntN(3000), Location: pt()}
	}
	fs := make([]Facility, nf)
	for i := range fs {
		fs[i] = Facility{ID: fmt.Sprintf("F%d", i), Type: FacilityTypes()[r.IntN(3)], Location: pt(), Beds: CapacityUnknown, Staff: CapacityUnknown}
	}
	return vs, fs
}

func TestCoverageMatchesBruteForce(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			vs, fs := randomProvince(t, seed, 3000, 120)
			radii := []float64{10, 15, 20}
			res, err := Coverage(context.Background(), vs, fs, CoverageOptions{RadiiKm: radii})
			if err != nil {
				t.Fatal(err)
			}
			for i, v := range vs {
				best, bestD := -1, math.Inf(1)
				for j, f := range fs {
					if f.Type == VillageClinic {
						continue
					}
					if d := geo.DistanceM(v.Location, f.Location); d < bestD {
						best, bestD = j, d
					}
				}
				got := res.Villages[i]
				if got.Nearest != best || got.DistanceM != bestD {
					t.Fatalf("village %d: nearest %d at %v m, brute force %d at %v m", i, got.Nearest, got.DistanceM, best, bestD)
				}
				for k, r := range radii {
					if want := bestD <= r*1000; got.Covered[k] != want {
						t.Fatalf("village %d radius %v: covered %v, want %v", i, r, got.Covered[k], want)
					}
				}
			}
		})
	}
}

func TestCoverageInclusiveRadius(t *testing.T) {
	f := Facility{ID: "H", Type: CountyHospital, Location: orb.Point{112, 37}}
	v := Village{ID: "V", County: "C", Population: 100, Location: geo.Direct(f.Location, 90, 15000)}
	d := geo.DistanceM(f.Location, v.Location)
	// Find the radius in km whose metre value is exactly d, and the one just below.
	r := d / 1000
	for r*1000 < d {
		r = math.Nextafter(r, math.Inf(1))
	}
	for r*1000 > d {
		r = math.Nextafter(r, 0)
	}
	if r*1000 != d {
		t.Skipf("no float64 radius in km maps exactly to %v m", d)
	}
	below := math.Nextafter(r, 0)
	for _, tc := range []struct {
		radiusKm float64
		want     bool
	}{{r, true}, {below, false}} {
		res, err := Coverage(context.Background(), []Village{v}, []Facility{f}, CoverageOptions{RadiiKm: []float64{tc.radiusKm}})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Villages[0].Covered[0]; got != tc.want {
			t.Errorf("radius %v km (distance %v m): covered %v, want %v", tc.radiusKm, d, got, tc.want)
		}
	}
}

func TestCoverageTallies(t *testing.T) {
	vs, fs := randomProvince(t, 9, 500, 30)
	radii := []float64{20, 10}
	res, err := Coverage(context.Background(), vs, fs, CoverageOptions{RadiiKm: radii, Types: []FacilityType{CountyHospital}})
	if err != nil {
		t.Fatal(err)
	}
	var total Tally
	total = newTally(2)
	byCounty := map[string]Tally{}
	for i, v := range vs {
		if n := res.Villages[i].Nearest; n >= 0 && fs[n].Type != CountyHospital {
			t.Fatalf("village %d nearest %d is a %s, only county hospitals were asked for", i, n, fs[n].Type)
		}
		total.add(&vs[i], res.Villages[i].Covered)
		ct, ok := byCounty[v.County]
		if !ok {
			ct = newTally(2)
		}
		ct.add(&vs[i], res.Villages[i].Covered)
		byCounty[v.County] = ct
	}
	if !slices.Equal(total.CoveredPopulation, res.Total.CoveredPopulation) || total.Population != res.Total.Population {
		t.Errorf("total %+v, recount %+v", res.Total, total)
	}
	if len(res.Counties) != len(byCounty) {
		t.Fatalf("%d counties, want %d", len(res.Counties), len(byCounty))
	}
	for i, ct := range res.Counties {
		if i > 0 && res.Counties[i-1].County >= ct.County {
			t.Errorf("counties not ordered: %q before %q", res.Counties[i-1].County, ct.County)
		}
		want := byCounty[ct.County]
		if !slices.Equal(want.CoveredVillages, ct.CoveredVillages) || want.Villages != ct.Villages {
			t.Errorf("county %s: %+v, want %+v", ct.County, ct.Tally, want)
		}
	}
	// Uncovered means not covered within the largest radius (20 km, index 0),
	// most populous first.
	for i, vi := range res.Uncovered {
		if res.Villages[vi].Covered[0] {
			t.Errorf("village %d listed uncovered but covered within 20 km", vi)
		}
		if i > 0 && vs[res.Uncovered[i-1]].Population < vs[vi].Population {
			t.Errorf("uncovered not ordered by population at %d", i)
		}
	}
	if want := res.Total.Villages - res.Total.CoveredVillages[0]; len(res.Uncovered) != want {
		t.Errorf("%d uncovered, want %d", len(res.Uncovered), want)
	}
}

func TestCoverageNoFacilities(t *testing.T) {
	vs, _ := randomProvince(t, 4, 10, 0)
	res, err := Coverage(context.Background(), vs, nil, CoverageOptions{RadiiKm: []float64{15}})
	if err != nil {
		t.Fatal(err)
	}
	for i, vc := range res.Villages {
		if vc.Nearest != -1 || !math.IsInf(vc.DistanceM, 1) || vc.Covered[0] {
			t.Errorf("village %d: %+v, want no facility", i, vc)
		}
	}
	if len(res.Uncovered) != len(vs) {
		t.Errorf("%d uncovered, want all %d", len(res.Uncovered), len(vs))
	}
}

func TestCoverageInvalidOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  CoverageOptions
	}{
		{"no radius", CoverageOptions{}},
		{"zero", CoverageOptions{RadiiKm: []float64{0}}},
		{"negative", CoverageOptions{RadiiKm: []float64{15, -1}}},
		{"NaN", CoverageOptions{RadiiKm: []float64{math.NaN()}}},
		{"Inf", CoverageOptions{RadiiKm: []float64{math.Inf(1)}}},
		{"duplicate", CoverageOptions{RadiiKm: []float64{15, 20, 15}}},
		{"type", CoverageOptions{RadiiKm: []float64{15}, Types: []FacilityType{"hospital"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Coverage(context.Background(), nil, nil, tc.opt)
			var oe *OptionError
			if !errors.Is(err, ErrInvalidOptions) || !errors.As(err, &oe) {
				t.Fatalf("err = %v, want an OptionError", err)
			}
		})
	}
}

func TestCoverageCancelled(t *testing.T) {
	vs, fs := randomProvince(t, 5, 20000, 50)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Coverage(ctx, vs, fs, CoverageOptions{RadiiKm: []float64{15}}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestCoverageProgress(t *testing.T) {
	vs, fs := randomProvince(t, 6, 10000, 50)
	var (
		mu   sync.Mutex
		last int
	)
	_, err := Coverage(context.Background(), vs, fs, CoverageOptions{RadiiKm: []float64{15}, Progress: func(done, total int) {
		if total != len(vs) || done > total {
			t.Errorf("progress %d/%d", done, total)
		}
		mu.Lock()
		last = max(last, done)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	if last != len(vs) {
		t.Errorf("progress ended at %d of %d", last, len(vs))
	}
}

func TestCoverageInvalidInput(t *testing.T) {
	good := Village{ID: "V", Population: 10, Location: orb.Point{112, 37}}
	hosp := Facility{ID: "H", Type: CountyHospital, Location: orb.Point{112, 37.1}, Beds: CapacityUnknown, Staff: CapacityUnknown}
	for _, tc := range []struct {
		name       string
		villages   []Village
		facilities []Facility
		kind       string
		index      int
	}{
		{"village NaN", []Village{good, {ID: "X", Location: orb.Point{math.NaN(), 37}}}, []Facility{hosp}, "village", 1},
		{"village longitude", []Village{{ID: "X", Location: orb.Point{200, 37}}}, []Facility{hosp}, "village", 0},
		{"negative population", []Village{{ID: "X", Population: -1, Location: orb.Point{112, 37}}}, []Facility{hosp}, "village", 0},
		{"hospital latitude", []Village{good}, []Facility{hosp, {ID: "Y", Type: CountyHospital, Location: orb.Point{112, 95}}}, "facility", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Coverage(context.Background(), tc.villages, tc.facilities, CoverageOptions{RadiiKm: []float64{15}})
			var ie *InputError
			if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Kind != tc.kind || ie.Index != tc.index {
				t.Fatalf("err = %v, want an InputError for %s %d", err, tc.kind, tc.index)
			}
		})
	}
	// A village clinic is not an emergency facility by default, so its
	// coordinates are not used and not checked.
	if _, err := Coverage(context.Background(), []Village{good}, []Facility{hosp, {ID: "C", Type: VillageClinic, Location: orb.Point{math.NaN(), 0}}},
		CoverageOptions{RadiiKm: []float64{15}}); err != nil {
		t.Errorf("unused facility checked: %v", err)
	}
}
