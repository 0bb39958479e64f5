package roads

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestPointTableLikeMap checks the builder's point table against a map
// keyed by orb.Point: repeated points, 0 and -0, and growth past the
// reserved size.
func TestPointTableLikeMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var lon, lat []float64
	var tab pointTable
	tab.reserve(10, lon, lat)
	want := map[orb.Point]int32{}
	negZero := math.Copysign(0, -1)
	for range 20000 {
		p := orb.Point{float64(rng.IntN(150)) / 7, float64(rng.IntN(150)) / 7}
		switch rng.IntN(10) {
		case 0:
			p[0] = negZero
		case 1:
			p[1] = negZero
		}
		v, slot := tab.find(p[0], p[1], lon, lat)
		w, ok := want[p]
		if ok != (v >= 0) || ok && v != w {
			t.Fatalf("point %v: table %d, map %d %v", p, v, w, ok)
		}
		if !ok {
			n := int32(len(lon))
			lon, lat = append(lon, p[0]), append(lat, p[1])
			tab.insert(n, slot, lon, lat)
			want[p] = n
		}
	}
	if tab.count != len(want) {
		t.Fatalf("table holds %d points, map %d", tab.count, len(want))
	}
}
