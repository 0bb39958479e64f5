package boundary_test

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkLocate: uniform random points over Shanxi's 119 county shapes
// (about 60 % fall inside a county); ns/op is per point.
func BenchmarkLocate(b *testing.B) {
	bd, _ := shanxiRaw(b)
	r := rand.New(rand.NewPCG(1, 1))
	pts := make([]orb.Point, 1<<14)
	for i := range pts {
		pts[i] = orb.Point{110.2 + r.Float64()*4.4, 34.5 + r.Float64()*6.3}
	}
	i := 0
	for b.Loop() {
		bd.Locate(pts[i&(len(pts)-1)])
		i++
	}
}
