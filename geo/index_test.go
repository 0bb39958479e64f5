package geo

import (
	"cmp"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

// Point generators for the brute-force comparisons. All use seeded PCG
// sources so failures reproduce.

func uniformPoint(rng *rand.Rand) orb.Point {
	return orb.Point{rng.Float64()*360 - 180, math.Asin(2*rng.Float64()-1) / degree}
}

func uniformPoints(rng *rand.Rand, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = uniformPoint(rng)
	}
	return pts
}

// chinaPoints mimics facilities in rural China: clusters (townships) spread
// over lon 73–135, lat 18–53, with points a few kilometres from their centre.
func chinaPoints(rng *rand.Rand, n int) []orb.Point {
	centres := make([]orb.Point, n/20+1)
	for i := range centres {
		centres[i] = orb.Point{73 + rng.Float64()*62, 18 + rng.Float64()*35}
	}
	pts := make([]orb.Point, n)
	for i := range pts {
		c := centres[rng.IntN(len(centres))]
		pts[i] = Direct(c, rng.Float64()*360, math.Abs(rng.NormFloat64())*4000)
	}
	return pts
}

func antimeridianPoints(rng *rand.Rand, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		lon := 180 - rng.Float64()*1.5
		if rng.IntN(2) == 0 {
			lon = -lon
		}
		switch rng.IntN(50) {
		case 0:
			lon = 180 * float64(1-2*rng.IntN(2)) // exactly ±180
		case 1:
			lon -= math.Copysign(360, lon) // same place, unreduced longitude
		}
		pts[i] = orb.Point{lon, rng.Float64()*120 - 60}
	}
	return pts
}

func polarPoints(rng *rand.Rand, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		lat := 85 + rng.Float64()*5
		if rng.IntN(20) == 0 {
			lat = 90
		}
		if rng.IntN(2) == 0 {
			lat = -lat
		}
		pts[i] = orb.Point{rng.Float64()*360 - 180, lat}
	}
	return pts
}

// duplicatePoints draws from a small pool so that many points coincide and
// many distances tie exactly.
func duplicatePoints(rng *rand.Rand, n int) []orb.Point {
	pool := []orb.Point{{0, 0}, {0.1, 0}, {-0.1, 0}, {0, 0.1}, {0, -0.1}, {116.4, 39.9}, {116.5, 39.9}, {180, 10}, {-180, 10}}
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = pool[rng.IntN(len(pool))]
	}
	return pts
}

// bruteNearest is the reference: minimum DistanceM, lowest index on ties.
func bruteNearest(pts []orb.Point, p orb.Point) (int, float64) {
	best, bestD := -1, math.Inf(1)
	for i, q := range pts {
		if d := DistanceM(p, q); d < bestD {
			best, bestD = i, d
		}
	}
	return best, bestD
}

type hit struct {
	i int
	d float64
}

func bruteWithin(pts []orb.Point, p orb.Point, r float64) []hit {
	var out []hit
	for i, q := range pts {
		if d := DistanceM(p, q); d <= r {
			out = append(out, hit{i, d})
		}
	}
	return out
}

func collectWithin(ix *Index, p orb.Point, r float64) []hit {
	var out []hit
	ix.Within(p, r, func(i int, d float64) bool {
		out = append(out, hit{i, d})
		return true
	})
	slices.SortFunc(out, func(a, b hit) int { return a.i - b.i })
	return out
}

type dataset struct {
	name    string
	points  func(*rand.Rand, int) []orb.Point
	queries func(*rand.Rand, int) []orb.Point
}

var datasets = []dataset{
	{"uniform", uniformPoints, uniformPoints},
	{"china", chinaPoints, chinaPoints},
	{"china-queries-global", chinaPoints, uniformPoints},
	{"antimeridian", antimeridianPoints, antimeridianPoints},
	{"polar", polarPoints, polarPoints},
	{"polar-queries-global", polarPoints, uniformPoints},
	{"duplicates", duplicatePoints, duplicatePoints},
	{"duplicates-queries-global", duplicatePoints, uniformPoints},
}

func TestNearestMatchesBruteForce(t *testing.T) {
	for di, ds := range datasets {
		for _, n := range []int{1, 7, 300, 2000} {
			t.Run(ds.name+"/"+itoa(n), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(di), uint64(n)))
				pts := ds.points(rng, n)
				ix := NewIndex(pts)
				if ix.Len() != n {
					t.Fatalf("Len = %d, want %d", ix.Len(), n)
				}
				for _, q := range ds.queries(rng, 200) {
					wi, wd := bruteNearest(pts, q)
					gi, gd, ok := ix.Nearest(q)
					if !ok || gi != wi || gd != wd {
						t.Fatalf("Nearest(%v) = %d, %.9f, %v; brute force %d, %.9f", q, gi, gd, ok, wi, wd)
					}
				}
			})
		}
	}
}

// TestNearestBestFirst exercises the fallback strategy on its own (Nearest
// mostly takes the box search, which has its own brute-force test above).
func TestNearestBestFirst(t *testing.T) {
	for di, ds := range datasets {
		t.Run(ds.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(di), 77))
			pts := ds.points(rng, 1000)
			ix := NewIndex(pts)
			for _, p := range ds.queries(rng, 200) {
				wi, wd := bruteNearest(pts, p)
				q := newBoundQuery(p)
				gi, gd := ix.nearestBestFirst(p, &q)
				if gi != wi || gd != wd {
					t.Fatalf("nearestBestFirst(%v) = %d, %.9f; brute force %d, %.9f", p, gi, gd, wi, wd)
				}
			}
		})
	}
}

func TestSpatialOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	pts := append(uniformPoints(rng, 500), orb.Point{math.NaN(), 1}, orb.Point{0, 95})
	order := SpatialOrder(pts)
	seen := make([]bool, len(pts))
	for _, i := range order {
		if seen[i] {
			t.Fatalf("index %d twice", i)
		}
		seen[i] = true
	}
	if len(order) != len(pts) || !slices.Contains(seen, true) || slices.Contains(seen, false) {
		t.Fatalf("not a permutation")
	}
	// Consecutive points in Hilbert order are close on average: far closer
	// than in input (random) order.
	sum := func(idx []int) float64 {
		s := 0.0
		for k := 1; k < len(idx); k++ {
			a, b := pts[idx[k-1]], pts[idx[k]]
			if ValidPoint(a) && ValidPoint(b) {
				s += DistanceM(a, b)
			}
		}
		return s
	}
	identity := make([]int, len(pts))
	for i := range identity {
		identity[i] = i
	}
	if h, r := sum(order), sum(identity); h > r/5 {
		t.Errorf("Hilbert order path %.0f km, input order %.0f km", h/1000, r/1000)
	}
}

func TestWithinMatchesBruteForce(t *testing.T) {
	radii := []float64{0, 4000, 20000, 5e5, 5e6, 1.9e7, math.Inf(1)}
	for di, ds := range datasets {
		t.Run(ds.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(di), 99))
			pts := ds.points(rng, 1000)
			ix := NewIndex(pts)
			queries := ds.queries(rng, 30)
			// Also query exactly at indexed points (radius 0 must find them).
			queries = append(queries, pts[0], pts[len(pts)/2])
			for _, q := range queries {
				for _, r := range radii {
					want := bruteWithin(pts, q, r)
					got := collectWithin(ix, q, r)
					if !slices.Equal(got, want) {
						t.Fatalf("Within(%v, %v): %d hits, brute force %d", q, r, len(got), len(want))
					}
				}
			}
		})
	}
}

func TestWithinBoundaryInclusive(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	pts := append(chinaPoints(rng, 500), antimeridianPoints(rng, 200)...)
	pts = append(pts, polarPoints(rng, 200)...)
	ix := NewIndex(pts)
	for range 300 {
		q := pts[rng.IntN(len(pts))]
		q = Direct(q, rng.Float64()*360, rng.Float64()*30000)
		j := rng.IntN(len(pts))
		d := DistanceM(q, pts[j])
		found := false
		ix.Within(q, d, func(i int, dist float64) bool {
			if i == j {
				found = true
				if dist != d {
					t.Errorf("reported distance %v, want %v", dist, d)
				}
			}
			return true
		})
		if !found {
			t.Fatalf("point %d at exactly %.9f m from %v not reported by Within(radius = that distance)", j, d, q)
		}
		if d > 0 {
			ix.Within(q, math.Nextafter(d, 0), func(i int, _ float64) bool {
				if i == j {
					t.Fatalf("point %d reported for a radius one ulp below its distance", j)
				}
				return true
			})
		}
	}
}

func TestIndexTies(t *testing.T) {
	// (±0.1, 0) and (0, ±0.1) around the origin: the pairs mirrored across
	// the meridian are bit-for-bit equidistant from any point on it.
	pts := []orb.Point{{0.1, 0}, {5, 5}, {-0.1, 0}, {0.1, 0}, {0, 0.1}, {0, 0.1}}
	ix := NewIndex(pts)
	tests := []struct {
		name string
		q    orb.Point
		want int
	}{
		{"mirror pair, later index is west", orb.Point{0, -0.01}, 0},
		{"duplicates, lowest index", orb.Point{0.1, 0}, 0},
		{"duplicates north", orb.Point{0, 0.2}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wi, wd := bruteNearest(pts, tc.q)
			gi, gd, ok := ix.Nearest(tc.q)
			if !ok || gi != tc.want || gi != wi || gd != wd {
				t.Fatalf("Nearest = %d, %v, %v; want %d (brute force %d, %v)", gi, gd, ok, tc.want, wi, wd)
			}
		})
	}
	if d0, d2 := DistanceM(orb.Point{0, -0.01}, pts[0]), DistanceM(orb.Point{0, -0.01}, pts[2]); d0 != d2 {
		t.Fatalf("test premise: mirror distances differ: %v vs %v", d0, d2)
	}
}

func TestIndexEdgeCases(t *testing.T) {
	t.Run("empty", func(t *testing.T) {
		for _, ix := range []*Index{NewIndex(nil), {}} {
			if ix.Len() != 0 {
				t.Fatalf("Len = %d", ix.Len())
			}
			if i, _, ok := ix.Nearest(orb.Point{1, 2}); ok || i != -1 {
				t.Fatalf("Nearest on empty index = %d, %v", i, ok)
			}
			ix.Within(orb.Point{1, 2}, math.Inf(1), func(int, float64) bool {
				t.Fatal("Within on empty index called fn")
				return true
			})
		}
	})
	ix := NewIndex([]orb.Point{{10, 10}, {190, 20}, {-10, -90}})
	t.Run("invalid query", func(t *testing.T) {
		for _, q := range []orb.Point{{0, 91}, {math.NaN(), 0}, {0, math.Inf(-1)}} {
			if _, _, ok := ix.Nearest(q); ok {
				t.Errorf("Nearest(%v) ok", q)
			}
			ix.Within(q, 1e7, func(int, float64) bool {
				t.Errorf("Within(%v) called fn", q)
				return true
			})
		}
	})
	t.Run("invalid radius", func(t *testing.T) {
		for _, r := range []float64{-1, math.NaN(), math.Inf(-1)} {
			ix.Within(orb.Point{10, 10}, r, func(int, float64) bool {
				t.Errorf("Within radius %v called fn", r)
				return true
			})
		}
	})
	t.Run("unreduced longitude", func(t *testing.T) {
		i, d, ok := ix.Nearest(orb.Point{-170, 20})
		if !ok || i != 1 || d != 0 {
			t.Fatalf("Nearest = %d, %v, %v; want 1, 0", i, d, ok)
		}
	})
	t.Run("early stop", func(t *testing.T) {
		calls := 0
		ix.Within(orb.Point{0, 0}, math.Inf(1), func(int, float64) bool {
			calls++
			return false
		})
		if calls != 1 {
			t.Fatalf("fn called %d times after returning false", calls)
		}
	})
	t.Run("input copied", func(t *testing.T) {
		pts := []orb.Point{{1, 1}, {2, 2}}
		ix := NewIndex(pts)
		pts[0] = orb.Point{50, 50}
		if i, d, _ := ix.Nearest(orb.Point{1, 1}); i != 0 || d != 0 {
			t.Fatalf("index changed with its input slice: %d, %v", i, d)
		}
	})
	t.Run("invalid point is an error", func(t *testing.T) {
		for _, bad := range []orb.Point{{0, 91}, {math.NaN(), 0}, {math.Inf(1), 10}, {10, -90.5}} {
			ix, err := BuildIndex([]orb.Point{{0, 0}, bad})
			var pe *PointError
			if ix != nil || !errors.Is(err, ErrInvalidPoint) || !errors.As(err, &pe) || pe.Index != 1 {
				t.Errorf("BuildIndex with %v: %v, %v; want a *PointError at 1", bad, ix, err)
			}
		}
		if ix, err := BuildIndex([]orb.Point{{0, 0}, {540, 90}}); err != nil || ix.Len() != 2 {
			t.Errorf("BuildIndex on valid points: %v", err)
		}
	})
	t.Run("NewIndex panics on an invalid point", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Fatal("NewIndex accepted latitude 91")
			}
		}()
		NewIndex([]orb.Point{{0, 0}, {0, 91}})
	})
}

func TestValidPoint(t *testing.T) {
	tests := []struct {
		p    orb.Point
		want bool
	}{
		{orb.Point{0, 0}, true},
		{orb.Point{180, 90}, true},
		{orb.Point{-540, -90}, true},
		{orb.Point{0, 90.0000001}, false},
		{orb.Point{math.NaN(), 0}, false},
		{orb.Point{0, math.NaN()}, false},
		{orb.Point{math.Inf(1), 0}, false},
	}
	for _, tc := range tests {
		if got := ValidPoint(tc.p); got != tc.want {
			t.Errorf("ValidPoint(%v) = %v", tc.p, got)
		}
	}
}

func TestIndexConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	pts := chinaPoints(rng, 5000)
	ix := NewIndex(pts)
	queries := chinaPoints(rng, 2000)
	want := make([]int, len(queries))
	for i, q := range queries {
		want[i], _, _ = ix.Nearest(q)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range queries {
				i := (k + g*251) % len(queries)
				got, _, _ := ix.Nearest(queries[i])
				n := 0
				ix.Within(queries[i], 5000, func(int, float64) bool { n++; return true })
				if got != want[i] {
					errs <- "concurrent Nearest disagrees"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestSearchBoxesContainCircle(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	centres := []orb.Point{{0, 0}, {179.99, 30}, {-179.99, -30}, {180, 0}, {-180, 0}, {10, 89.9}, {10, -89.99}, {0, 90}, {100, 60}}
	for range 100 {
		centres = append(centres, uniformPoint(rng))
	}
	for _, c := range centres {
		for _, r := range []float64{1, 1000, 20000, 300000, 3e6, 1.5e7} {
			q := newBoundQuery(c)
			boxes, n := searchBoxes(q.lon, q.lat, radiusAngle(r))
			for k := range 180 {
				// Points on (and just inside) the geodesic circle.
				p := Direct(c, 2*(float64(k)+rng.Float64()), r*(1-rng.Float64()*1e-3))
				in := false
				for _, b := range boxes[:n] {
					if p[0] >= b[0][0] && p[0] <= b[1][0] && p[1] >= b[0][1] && p[1] <= b[1][1] {
						in = true
					}
				}
				if !in {
					t.Fatalf("centre %v radius %v: %v outside search boxes %v", c, r, p, boxes[:n])
				}
			}
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestRadixOrder checks the radix sort behind SpatialOrder against a
// comparison sort by (key, index), with many ties and keys that differ
// only in their high or low 16 bits.
func TestRadixOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, radixMin, 20000} {
		keys := make([]uint32, n)
		for i := range keys {
			switch rng.IntN(3) {
			case 0:
				keys[i] = uint32(rng.IntN(5)) << 16
			case 1:
				keys[i] = uint32(rng.IntN(5))
			default:
				keys[i] = rng.Uint32()
			}
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
		if got := radixOrder(keys); !slices.Equal(got, want) {
			t.Fatalf("n=%d: radix order differs from the comparison sort", n)
		}
	}
}
