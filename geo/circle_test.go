package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// checkRingOnCircle asserts the properties every Circle ring has: closed,
// counter-clockwise, consecutive longitudes less than 180 apart, and every
// circle vertex (not the pole corners) at radiusM from center.
func checkRingOnCircle(t *testing.T, ring orb.Ring, center orb.Point, radiusM float64, segments int) {
	t.Helper()
	if !ring.Closed() {
		t.Fatalf("ring not closed: %v ... %v", ring[0], ring[len(ring)-1])
	}
	if o := ring.Orientation(); o != orb.CCW {
		t.Fatalf("orientation %v, want counter-clockwise", o)
	}
	for i := 1; i < len(ring); i++ {
		if d := math.Abs(ring[i][0] - ring[i-1][0]); d >= 180 && math.Abs(ring[i][1]) != 90 && math.Abs(ring[i-1][1]) != 90 {
			t.Fatalf("longitude jumps by %v between vertices %d and %d", d, i-1, i)
		}
	}
	for i, p := range ring[:segments] {
		if d := DistanceM(center, p); math.Abs(d-radiusM) > 1e-6 {
			t.Fatalf("vertex %d %v is %.9f m from the centre, want %v", i, p, d, radiusM)
		}
	}
}

func TestCircle(t *testing.T) {
	tests := []struct {
		name      string
		center    orb.Point
		radiusM   float64
		segments  int
		wantLen   int
		wantPole  float64 // latitude of the pole corners, 0 if none
		wantEastM bool    // some longitudes above 180 (continuous across the antimeridian)
	}{
		{"china 15 km", orb.Point{116.4, 39.9}, 15000, 64, 65, 0, false},
		{"triangle", orb.Point{0, 0}, 20000, 3, 4, 0, false},
		{"antimeridian", orb.Point{179.95, -17}, 20000, 32, 33, 0, true},
		{"negative radius", orb.Point{100, 30}, -10000, 16, 17, 0, false},
		{"north cap", orb.Point{30, 88}, 500000, 36, 40, 90, false},
		{"south cap", orb.Point{-60, -85}, 1e6, 36, 40, -90, false},
		{"centred on pole", orb.Point{0, 90}, 1000, 8, 12, 90, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ring := Circle(tc.center, tc.radiusM, tc.segments)
			if len(ring) != tc.wantLen {
				t.Fatalf("%d points, want %d", len(ring), tc.wantLen)
			}
			checkRingOnCircle(t, ring, tc.center, math.Abs(tc.radiusM), tc.segments)
			if ring[0][1] < tc.center[1] && tc.wantPole == 0 {
				t.Errorf("first vertex %v is not due north of %v", ring[0], tc.center)
			}
			east := false
			for _, p := range ring {
				east = east || p[0] > 180
			}
			if tc.wantPole != 0 {
				if ring[len(ring)-2][1] != tc.wantPole || ring[len(ring)-3][1] != tc.wantPole {
					t.Errorf("pole corners %v, %v, want latitude %v", ring[len(ring)-3], ring[len(ring)-2], tc.wantPole)
				}
				if w := math.Abs(ring[len(ring)-3][0] - ring[len(ring)-2][0]); w != 360 {
					t.Errorf("cap spans %v degrees of longitude, want 360", w)
				}
				if ring[0][0] < -180 || ring[0][0] >= 180+360 {
					t.Errorf("cap window starts at %v", ring[0][0])
				}
			} else if east != tc.wantEastM {
				t.Errorf("longitudes above 180: %v, want %v (%v)", east, tc.wantEastM, ring)
			}
		})
	}
}

func TestCircleRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for range 300 {
		c := orb.Point{rng.Float64()*360 - 180, rng.Float64()*160 - 80}
		r := rng.Float64() * 2e6
		n := 3 + rng.IntN(100)
		ring := Circle(c, r, n)
		if len(ring) != n+1 && len(ring) != n+4 {
			t.Fatalf("Circle(%v, %v, %d): %d points", c, r, n, len(ring))
		}
		checkRingOnCircle(t, ring, c, r, n)
	}
}

func TestCircleDegenerate(t *testing.T) {
	t.Run("zero radius", func(t *testing.T) {
		c := orb.Point{116.4, 39.9}
		for _, p := range Circle(c, 0, 8) {
			if DistanceM(c, p) > 1e-9 {
				t.Fatalf("vertex %v is not the centre", p)
			}
		}
	})
	t.Run("NaN radius", func(t *testing.T) {
		ring := Circle(orb.Point{1, 2}, math.NaN(), 4)
		if len(ring) != 5 || !math.IsNaN(ring[1][0]) {
			t.Fatalf("ring %v, want NaN vertices", ring)
		}
	})
	t.Run("too few segments panics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Fatal("no panic for 2 segments")
			}
		}()
		Circle(orb.Point{0, 0}, 1000, 2)
	})
}
