package roads

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// sampledDistance is the minimum distance from p to a dense sampling of the
// geodesic a→b (refined twice around the best sample): an independent,
// slow reference for segmentDistance.
func sampledDistance(p, a, b orb.Point, lenM float64) (distM, alongM float64) {
	_, azi, _ := geo.Inverse(a, b)
	lo, hi := 0.0, lenM
	best, bestS := math.Inf(1), 0.0
	for range 3 {
		const n = 2000
		for k := 0; k <= n; k++ {
			s := lo + (hi-lo)*float64(k)/n
			if d := geo.DistanceM(p, geo.Direct(a, azi, s)); d < best {
				best, bestS = d, s
			}
		}
		step := (hi - lo) / n
		lo, hi = math.Max(0, bestS-2*step), math.Min(lenM, bestS+2*step)
	}
	return best, bestS
}

func TestSegmentDistanceAgainstSampling(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	for k := range 300 {
		lat := -60 + 120*rng.Float64()
		a := orb.Point{-180 + 360*rng.Float64(), lat}
		b := geo.Direct(a, 360*rng.Float64(), 5+5000*rng.Float64())
		if math.Abs(b[0]-a[0]) > 180 {
			continue
		}
		mid := geo.Direct(a, 360*rng.Float64(), 8000*rng.Float64())
		p := geo.Direct(mid, 360*rng.Float64(), 3000*rng.Float64())
		L := geo.DistanceM(a, b)
		got, along, foot := segmentDistance(p, a, b, L)
		want, wantAlong := sampledDistance(p, a, b, L)
		if math.Abs(got-want) > 0.01 || got > want+1e-6 {
			t.Fatalf("case %d: p=%v a=%v b=%v: got %.6f m, sampled %.6f m", k, p, a, b, got, want)
		}
		if d := geo.DistanceM(p, foot); math.Abs(d-got) > 1e-6 {
			t.Fatalf("case %d: foot is %.6f m away, reported %.6f", k, d, got)
		}
		if math.Abs(along-wantAlong) > 1 && math.Abs(got-want) > 1e-4 {
			t.Fatalf("case %d: along %.3f m, sampled %.3f", k, along, wantAlong)
		}
	}
}

func TestSegmentDistanceEdgeCases(t *testing.T) {
	a, b := orb.Point{100, 30}, orb.Point{100.01, 30}
	L := geo.DistanceM(a, b)
	tests := []struct {
		name      string
		p         orb.Point
		wantAlong float64
		wantDist  float64
	}{
		{"on the start", a, 0, 0},
		{"on the end", b, L, 0},
		{"beyond the start", orb.Point{99.99, 30}, 0, geo.DistanceM(orb.Point{99.99, 30}, a)},
		{"beyond the end", orb.Point{100.02, 30}, L, geo.DistanceM(orb.Point{100.02, 30}, b)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, along, _ := segmentDistance(tc.p, a, b, L)
			if math.Abs(d-tc.wantDist) > 1e-6 || math.Abs(along-tc.wantAlong) > 1e-4 {
				t.Errorf("got dist %.6f along %.6f, want %.6f, %.6f", d, along, tc.wantDist, tc.wantAlong)
			}
		})
	}
	if d, along, _ := segmentDistance(orb.Point{1, 1}, a, a, 0); along != 0 || d != geo.DistanceM(orb.Point{1, 1}, a) {
		t.Errorf("zero-length segment: %v %v", d, along)
	}
}
