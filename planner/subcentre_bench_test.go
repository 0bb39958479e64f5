package planner

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// scBenchCounty appends one county: a county hospital at centre, nv
// villages within 45 km, and township health centres: far of them 21–50 km
// from the hospital (candidates) and near of them within 19 km.
func scBenchCounty(r *rand.Rand, name string, centre orb.Point, nv, far, near int, vs []Village, fs []Facility) ([]Village, []Facility) {
	ring := func(fromKm, toKm float64) orb.Point {
		a, b := fromKm*fromKm, toKm*toKm
		return geo.Direct(centre, 360*r.Float64(), 1000*math.Sqrt(a+(b-a)*r.Float64()))
	}
	fs = append(fs, Facility{ID: name + "-H", Type: CountyHospital, County: name, Location: centre, Beds: 300, Staff: 400})
	for i := 0; i < nv; i++ {
		vs = append(vs, Village{ID: fmt.Sprintf("%s-V%d", name, i), County: name, Population: 200 + r.IntN(3000), Location: ring(0, 45)})
	}
	for i := 0; i < far+near; i++ {
		loc := ring(21, 50)
		if i >= far {
			loc = ring(0, 19)
		}
		fs = append(fs, Facility{ID: fmt.Sprintf("%s-T%03d", name, i), Type: TownshipHealthCentre, County: name, Location: loc,
			Beds: 10 * r.IntN(8), Staff: 10 + r.IntN(60)})
	}
	return vs, fs
}

func BenchmarkPlanSubcentres(b *testing.B) {
	for _, bc := range []struct {
		name                    string
		counties, nv, far, near int
		k                       int
	}{
		{"county/candidates=40/K=3", 1, 1000, 40, 10, 3},
		{"county/candidates=40/K=auto", 1, 1000, 40, 10, 0},
		{"county/candidates=200/K=3", 1, 3000, 200, 20, 3},
		{"province/counties=1000/K=auto", 1000, 275, 5, 7, 0},
		{"county/candidates=200/all-tied/K=3", 1, 0, 200, 0, 3},
	} {
		b.Run(bc.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(42, 42))
			var vs []Village
			var fs []Facility
			for c := 0; c < bc.counties; c++ {
				centre := orb.Point{100 + 0.9*float64(c%40), 25 + 0.9*float64(c/40)}
				vs, fs = scBenchCounty(r, fmt.Sprintf("C%04d", c), centre, bc.nv, bc.far, bc.near, vs, fs)
			}
			if bc.nv == 0 {
				// The worst case for ties: one remote village that every
				// candidate reaches, so all C(200, 3) sets are optimal.
				vs = append(vs, Village{ID: "remote", County: "C0000", Population: 100, Location: geo.Direct(fs[0].Location, 0, 80000)})
				for i := range fs[1:] {
					fs[1+i].Location = geo.Direct(vs[0].Location, 360*r.Float64(), 5000*r.Float64())
				}
			}
			opt := SubcentreOptions{RadiusKm: 15, K: bc.k}
			res, err := PlanSubcentres(context.Background(), vs, fs, opt)
			if err != nil {
				b.Fatal(err)
			}
			cands, sites := 0, 0
			for _, c := range res {
				cands += c.Candidates
				sites += len(c.Sites)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := PlanSubcentres(context.Background(), vs, fs, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(cands)/float64(len(res)), "candidates/county")
			b.ReportMetric(float64(sites)/float64(len(res)), "sites/county")
		})
	}
}

// BenchmarkSCProblemSolve measures the branch and bound alone, on planar
// counties (villages and candidates uniform in a 90 km square, 15 km reach)
// so that geodesic queries do not dominate.
func BenchmarkSCProblemSolve(b *testing.B) {
	for _, bc := range []struct{ villages, candidates, k int }{
		{1000, 40, 3}, {3000, 200, 3}, {3000, 200, 2},
	} {
		b.Run(fmt.Sprintf("villages=%d/candidates=%d/K=%d", bc.villages, bc.candidates, bc.k), func(b *testing.B) {
			r := rand.New(rand.NewPCG(5, 5))
			type xy struct{ x, y float64 }
			vs := make([]xy, bc.villages)
			w := make([]int64, bc.villages)
			for i := range vs {
				vs[i], w[i] = xy{90 * r.Float64(), 90 * r.Float64()}, int64(200+r.IntN(3000))
			}
			members := make([][]int32, bc.candidates)
			gain := make([]int64, bc.candidates)
			for j := range members {
				c := xy{90 * r.Float64(), 90 * r.Float64()}
				for i, v := range vs {
					if math.Hypot(v.x-c.x, v.y-c.y) <= 15 {
						members[j] = append(members[j], int32(i))
						gain[j] += w[i]
					}
				}
			}
			order := make([]int, bc.candidates)
			for j := range order {
				order[j] = j
			}
			slices.SortFunc(order, func(a, c int) int { return cmp.Compare(gain[c], gain[a]) })
			sorted := make([][]int32, len(order))
			for i, j := range order {
				sorted[i] = members[j]
			}
			p := newSCProblem(sorted, w, slices.Compare[[]int])
			_, gains := p.greedy(order, bc.k, cmp.Compare[int])
			var lower int64
			for _, g := range gains {
				lower += g
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.solve(context.Background(), bc.k, 4, lower); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
		})
	}
}
