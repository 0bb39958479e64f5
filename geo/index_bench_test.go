package geo

import (
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/paulmach/orb"
)

// ruralChina builds n facilities over China's extent (lon 73–135, lat 18–53)
// laid out like a rural health network: township centres about every 25 km
// (at 6e5 facilities) with the remaining facilities, village clinics, within
// a few kilometres of one. It also returns query points shaped like villages:
// 2–5 km from a random township centre.
func ruralChina(n, nq int, seed uint64) (facilities, villages []orb.Point) {
	rng := rand.New(rand.NewPCG(seed, 1))
	towns := make([]orb.Point, max(1, n/15))
	for i := range towns {
		towns[i] = orb.Point{73 + rng.Float64()*62, 18 + rng.Float64()*35}
	}
	facilities = make([]orb.Point, n)
	for i := range facilities {
		t := towns[i%len(towns)]
		if i < len(towns) {
			facilities[i] = t
			continue
		}
		facilities[i] = Direct(t, rng.Float64()*360, 500+rng.Float64()*6000)
	}
	villages = make([]orb.Point, nq)
	for i := range villages {
		t := towns[rng.IntN(len(towns))]
		villages[i] = Direct(t, rng.Float64()*360, 2000+rng.Float64()*3000)
	}
	return facilities, villages
}

var benchSizes = []struct {
	name string
	n    int
}{
	{"1e3", 1_000},
	{"1e5", 100_000},
	{"6e5", 600_000},
}

func BenchmarkNewIndex(b *testing.B) {
	for _, bs := range benchSizes {
		pts, _ := ruralChina(bs.n, 0, 1)
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NewIndex(pts)
			}
		})
	}
}

func BenchmarkNearest(b *testing.B) {
	for _, bs := range benchSizes {
		pts, qs := ruralChina(bs.n, 1<<16, 2)
		ix := NewIndex(pts)
		// The same villages in SpatialOrder, as a caller processing a whole
		// village file would run them.
		sorted := make([]orb.Point, len(qs))
		for k, i := range SpatialOrder(qs) {
			sorted[k] = qs[i]
		}
		for _, order := range []struct {
			name string
			qs   []orb.Point
		}{{"random", qs}, {"spatial", sorted}} {
			b.Run(bs.name+"/"+order.name, func(b *testing.B) {
				b.ReportAllocs()
				sum := 0.0
				for i := 0; b.Loop(); i++ {
					_, d, _ := ix.Nearest(order.qs[i&(1<<16-1)])
					sum += d
				}
				if math.IsNaN(sum) {
					b.Fatal("NaN distance")
				}
			})
			// Throughput on all CPUs, what the coverage computation sees:
			// ns/op here is wall time per query with GOMAXPROCS workers.
			b.Run(bs.name+"/"+order.name+"/parallel", func(b *testing.B) {
				b.ReportAllocs()
				var next atomic.Int64
				b.RunParallel(func(pb *testing.PB) {
					// Each worker takes consecutive runs of 256 queries.
					for {
						start := int(next.Add(256)) - 256
						for i := start; i < start+256; i++ {
							if !pb.Next() {
								return
							}
							ix.Nearest(order.qs[i&(1<<16-1)])
						}
					}
				})
			})
		}
	}
}

func BenchmarkWithin(b *testing.B) {
	for _, bs := range benchSizes {
		pts, qs := ruralChina(bs.n, 1<<16, 3)
		ix := NewIndex(pts)
		for _, r := range []struct {
			name string
			m    float64
		}{{"10km", 10_000}, {"20km", 20_000}} {
			b.Run(bs.name+"/"+r.name, func(b *testing.B) {
				b.ReportAllocs()
				hits := 0
				for i := 0; b.Loop(); i++ {
					ix.Within(qs[i&(1<<16-1)], r.m, func(int, float64) bool { hits++; return true })
				}
				b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
			})
		}
	}
}
