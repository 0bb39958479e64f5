package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestSinCosLowerBounds checks the polynomial bounds up to the few ulps of
// round-off that keyRelSlack absorbs (the keys themselves are checked against
// true distances in the tests below).
func TestSinCosLowerBounds(t *testing.T) {
	const ulps = 1 + 4*epsilon
	for i := 0; i <= 100000; i++ {
		x := math.Pi / 2 * float64(i) / 100000
		if s := sinLB(x); s > math.Sin(x)*ulps || s < math.Sin(x)-2e-4 {
			t.Fatalf("sinLB(%v) = %v, sin = %v", x, s, math.Sin(x))
		}
		lat := 90 * float64(i) / 100000
		if c := cosLB(lat); c > math.Cos(lat*degree)*ulps || c < 0 {
			t.Fatalf("cosLB(%v) = %v, cos = %v", lat, c, math.Cos(lat*degree))
		}
		if h, e := havLB(2*lat), math.Pow(math.Sin(lat*degree), 2); h > e*ulps*ulps {
			t.Fatalf("havLB(%v) = %v > %v", 2*lat, h, e)
		}
	}
	if c := cosLB(90); c != 0 {
		t.Errorf("cosLB(90) = %v, want 0", c)
	}
}

func TestLowerBoundM(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	tests := []struct {
		name string
		pair func() (orb.Point, orb.Point)
	}{
		{"global", func() (orb.Point, orb.Point) { return uniformPoint(rng), uniformPoint(rng) }},
		{"short", func() (orb.Point, orb.Point) {
			p := uniformPoint(rng)
			return p, Direct(p, rng.Float64()*360, rng.Float64()*20000)
		}},
		{"equatorial meridian (tightest)", func() (orb.Point, orb.Point) {
			lon := rng.Float64()*360 - 180
			return orb.Point{lon, -rng.Float64() * 0.01}, orb.Point{lon, rng.Float64() * 0.01}
		}},
		{"polar", func() (orb.Point, orb.Point) {
			return orb.Point{rng.Float64()*360 - 180, 89 + rng.Float64()}, orb.Point{rng.Float64()*360 - 180, 89 + rng.Float64()}
		}},
		{"antimeridian", func() (orb.Point, orb.Point) {
			return orb.Point{180 - rng.Float64()*0.1, 10}, orb.Point{-180 + rng.Float64()*0.1, 10}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			minRatio := math.Inf(1)
			for range 20000 {
				a, b := tc.pair()
				d, lb := DistanceM(a, b), LowerBoundM(a, b)
				if !(lb <= d) || lb < 0 {
					t.Fatalf("LowerBoundM(%v, %v) = %.9f > DistanceM %.9f", a, b, lb, d)
				}
				if d > 1 {
					minRatio = math.Min(minRatio, lb/d)
				}
				q := newBoundQuery(a)
				if plb := keyToLowerBoundM(q.pointKey(rem360(b[0]), b[1])); !(plb <= d) {
					t.Fatalf("point bound %.9f > DistanceM %.9f for %v, %v", plb, d, a, b)
				}
			}
			if minRatio < 0.98 {
				t.Errorf("bound as low as %.4f of the distance", minRatio)
			}
			t.Logf("min LowerBoundM/DistanceM = %.6f", minRatio)
		})
	}
	if d := LowerBoundM(orb.Point{3, 4}, orb.Point{3, 4}); d != 0 {
		t.Errorf("coincident: %v", d)
	}
	if d := LowerBoundM(orb.Point{3, 91}, orb.Point{3, 4}); !math.IsNaN(d) {
		t.Errorf("invalid: %v", d)
	}
}

func TestBoundLowerBoundM(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	randBox := func() orb.Bound {
		var lon, lat, w, h float64
		switch rng.IntN(4) {
		case 0: // near the antimeridian, either side
			w = rng.Float64() * 2
			lon = 180 - w
			if rng.IntN(2) == 0 {
				lon = -180
			}
		case 1: // touching a pole
			w = rng.Float64() * 360
			lon = -180 + rng.Float64()*(360-w)
		default:
			w = rng.Float64() * 20
			lon = -180 + rng.Float64()*(360-w)
		}
		h = rng.Float64() * 10
		lat = -90 + rng.Float64()*(180-h)
		if rng.IntN(4) == 1 {
			lat = 90 - h
		}
		return orb.Bound{Min: orb.Point{lon, lat}, Max: orb.Point{lon + w, lat + h}}
	}
	for range 3000 {
		b := randBox()
		p := uniformPoint(rng)
		if rng.IntN(3) == 0 { // queries close to the box
			p = orb.Point{b.Min[0] + (rng.Float64()*1.2-0.1)*(b.Max[0]-b.Min[0]), math.Max(-90, math.Min(90, b.Min[1]+(rng.Float64()*1.2-0.1)*(b.Max[1]-b.Min[1])))}
		}
		lb := BoundLowerBoundM(p, b)
		if p[0] >= b.Min[0] && p[0] <= b.Max[0] && p[1] >= b.Min[1] && p[1] <= b.Max[1] && lb != 0 {
			t.Fatalf("p %v inside %v but bound %v", p, b, lb)
		}
		for range 50 {
			x := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
			switch rng.IntN(4) { // edges and corners are where the minimum is
			case 0:
				x[0] = b.Min[0]
			case 1:
				x[1] = b.Max[1]
			}
			if d := DistanceM(p, x); !(lb <= d) {
				t.Fatalf("BoundLowerBoundM(%v, %v) = %.6f but %v in the box is %.6f away", p, b, lb, x, d)
			}
		}
	}
	bad := []orb.Bound{
		{Min: orb.Point{10, 0}, Max: orb.Point{5, 1}},
		{Min: orb.Point{170, 0}, Max: orb.Point{190, 1}},
		{Min: orb.Point{0, math.NaN()}, Max: orb.Point{1, 1}},
	}
	for _, b := range bad {
		if d := BoundLowerBoundM(orb.Point{0, 0}, b); !math.IsNaN(d) {
			t.Errorf("BoundLowerBoundM(%v) = %v, want NaN", b, d)
		}
	}
}
