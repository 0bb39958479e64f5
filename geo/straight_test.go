package geo

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

// straightTSites draws n sites around centre (spread in degrees), with a
// share of exact duplicates so that ties occur; longitudes are left
// unreduced around the antimeridian.
func straightTSites(r *rand.Rand, n int, centre orb.Point, spread float64) []Site {
	s := make([]Site, n)
	for i := range s {
		if i > 0 && r.IntN(6) == 0 {
			s[i] = s[r.IntN(i)] // a coincident site: ties
			continue
		}
		s[i].Point = orb.Point{centre[0] + spread*(2*r.Float64()-1), math.Max(-90, math.Min(90, centre[1]+spread*(2*r.Float64()-1)))}
	}
	return s
}

// straightTBruteNearest is the reference: a scan in index order keeping
// the first strictly smaller distance.
func straightTBruteNearest(o Site, targets []Site, limit float64) Reach {
	best := unreached
	for j, t := range targets {
		if d := DistanceM(o.Point, t.Point); d <= limit && d < best.Cost {
			best = Reach{Index: j, Cost: d, DistanceM: d, Seconds: math.NaN()}
		}
	}
	return best
}

func straightTSameReach(a, b Reach) bool {
	same := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	return a.Index == b.Index && same(a.Cost, b.Cost) && same(a.DistanceM, b.DistanceM) && same(a.Seconds, b.Seconds)
}

func TestStraightMatchesBruteForce(t *testing.T) {
	cases := []struct {
		name   string
		centre orb.Point
		spread float64
	}{
		{"county", orb.Point{112, 37}, 0.4},
		{"province", orb.Point{100, 30}, 4},
		{"antimeridian", orb.Point{180, -17}, 1},
		{"antimeridian unreduced", orb.Point{-180, 65}, 2},
		{"pole", orb.Point{0, 89.5}, 1},
	}
	ctx := context.Background()
	for ci, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(ci), 7))
			// Sizes for each path: the index on the origins with the worker
			// pool, the index on the targets, and pair by pair.
			for _, size := range [][2]int{{400, 60}, {20, 30}, {6, 8}} {
				origins := straightTSites(r, size[0], tc.centre, tc.spread)
				targets := straightTSites(r, size[1], tc.centre, tc.spread)
				// A target coincident with an origin.
				targets = append(targets, origins[3])
				for _, limit := range []float64{0, 5_000, 30_000, math.Inf(1)} {
					got, err := Straight{}.Nearest(ctx, origins, targets, limit)
					if err != nil {
						t.Fatal(err)
					}
					for i, o := range origins {
						if want := straightTBruteNearest(o, targets, limit); !straightTSameReach(got[i], want) {
							t.Fatalf("limit %v: Nearest of origin %d = %+v, want %+v", limit, i, got[i], want)
						}
					}
					within, err := Straight{}.Within(ctx, origins, targets, limit)
					if err != nil {
						t.Fatal(err)
					}
					for j, tg := range targets {
						var want []Reach
						for i, o := range origins {
							if d := DistanceM(o.Point, tg.Point); d <= limit {
								want = append(want, Reach{Index: i, Cost: d, DistanceM: d, Seconds: math.NaN()})
							}
						}
						if len(within[j]) != len(want) {
							t.Fatalf("limit %v: Within of target %d has %d origins, want %d", limit, j, len(within[j]), len(want))
						}
						for k := range want {
							if !straightTSameReach(within[j][k], want[k]) {
								t.Fatalf("limit %v: Within of target %d, item %d = %+v, want %+v", limit, j, k, within[j][k], want[k])
							}
						}
					}
				}
			}
		})
	}
}

// TestStraightInclusiveLimit puts targets at exactly the limit: they count.
func TestStraightInclusiveLimit(t *testing.T) {
	ctx := context.Background()
	o := Site{Point: orb.Point{179.99, 10}} // the circle crosses the antimeridian
	var targets []Site
	for _, az := range []float64{0, 90, 180, 270} {
		targets = append(targets, Site{Point: Direct(o.Point, az, 12_345)})
	}
	ds := make([]float64, len(targets))
	limit := 0.0
	for j, tg := range targets {
		ds[j] = DistanceM(o.Point, tg.Point)
		limit = math.Max(limit, ds[j])
	}
	got, err := Straight{}.Nearest(ctx, []Site{o}, targets[1:2], ds[1])
	if err != nil || got[0].Index != 0 || got[0].Cost != ds[1] {
		t.Fatalf("Nearest at exactly the limit = %+v, %v; want target 0 at %v", got, err, ds[1])
	}
	got, _ = Straight{}.Nearest(ctx, []Site{o}, targets[1:2], math.Nextafter(ds[1], 0))
	if got[0].Index != -1 || !math.IsInf(got[0].Cost, 1) || !math.IsInf(got[0].Seconds, 1) {
		t.Fatalf("Nearest just inside the limit = %+v, want none", got[0])
	}
	within, err := Straight{}.Within(ctx, targets, []Site{o}, limit)
	if err != nil || len(within[0]) != 4 {
		t.Fatalf("Within at the limit found %v, %v; want all 4 (distances %v)", within, err, ds)
	}
	for k, r := range within[0] {
		if r.Index != k || r.Cost != ds[k] || !math.IsNaN(r.Seconds) {
			t.Fatalf("Within item %d = %+v, want origin %d at %v m, Seconds NaN", k, r, k, ds[k])
		}
	}
}

func TestStraightTiesToLowestIndex(t *testing.T) {
	p := orb.Point{116.4, 39.9}
	q := Direct(p, 45, 2000)
	targets := []Site{{Point: Direct(p, 0, 5000)}, {Point: q}, {Point: q}, {Point: orb.Point{q[0] + 360, q[1]}}}
	got, err := Straight{}.Nearest(context.Background(), []Site{{Point: p}}, targets, math.Inf(1))
	if err != nil || got[0].Index != 1 {
		t.Fatalf("Nearest = %+v, %v; want the first of the tied targets (1)", got, err)
	}
}

func TestStraightMatrix(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	sites := straightTSites(r, 30, orb.Point{179.5, 20}, 1)
	m, err := Straight{}.Matrix(context.Background(), sites)
	if err != nil {
		t.Fatal(err)
	}
	n := len(sites)
	for i := range sites {
		for j := range sites {
			if want := DistanceM(sites[i].Point, sites[j].Point); m[i*n+j] != want {
				t.Fatalf("Matrix[%d][%d] = %v, want %v", i, j, m[i*n+j], want)
			}
		}
	}
	if (Straight{}).Name() != "straight" || (Straight{}).Unit() != Metres {
		t.Fatal("Straight is not named straight in metres")
	}
}

func TestStraightEmptyAndCancelled(t *testing.T) {
	ctx := context.Background()
	o := []Site{{Point: orb.Point{1, 1}}}
	got, err := Straight{}.Nearest(ctx, o, nil, math.Inf(1))
	if err != nil || len(got) != 1 || got[0].Index != -1 {
		t.Fatalf("Nearest with no targets = %+v, %v", got, err)
	}
	if w, err := (Straight{}).Within(ctx, nil, o, 1e9); err != nil || len(w) != 1 || len(w[0]) != 0 {
		t.Fatalf("Within with no origins = %v, %v", w, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := (Straight{}).Nearest(cctx, o, o, 1); err != context.Canceled {
		t.Fatalf("cancelled Nearest: err %v", err)
	}
	if _, err := (Straight{}).Within(cctx, o, o, 1); err != context.Canceled {
		t.Fatalf("cancelled Within: err %v", err)
	}
	if _, err := (Straight{}).Matrix(cctx, o); err != context.Canceled {
		t.Fatalf("cancelled Matrix: err %v", err)
	}
}

func TestStraightProgress(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	origins := straightTSites(r, 3*straightChunk+17, orb.Point{110, 30}, 2)
	var (
		mu          sync.Mutex
		calls, last int
	)
	ctx := WithProgress(context.Background(), func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if total != len(origins) {
			t.Errorf("progress total %d, want %d", total, len(origins))
		}
		last = max(last, done)
	})
	if _, err := (Straight{}).Nearest(ctx, origins, origins[:5], math.Inf(1)); err != nil {
		t.Fatal(err)
	}
	if calls != 4 || last != len(origins) {
		t.Fatalf("progress called %d times up to %d; want 4 calls up to %d", calls, last, len(origins))
	}
	if ProgressFunc(context.Background()) != nil || WithProgress(context.Background(), nil) != context.Background() {
		t.Fatal("a context without progress reports one")
	}
}
