package programme

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkAllocate times the group knapsack alone: counties × total × 4.
func BenchmarkAllocate(b *testing.B) {
	for _, n := range []int{100, 1000, 3000} {
		r := rand.New(rand.NewPCG(uint64(n), 1))
		groups := make([]budgetGroup, n)
		for i := range groups {
			g := []int64{0}
			for k := 1; k <= 3; k++ {
				g = append(g, g[k-1]+int64(r.IntN(10000)))
			}
			groups[i] = budgetGroup{gain: g}
		}
		total := n
		b.Run(fmt.Sprintf("counties=%d/total=%d", n, total), func(b *testing.B) {
			for b.Loop() {
				allocate(groups, total)
			}
		})
	}
}

// BenchmarkAllocateSubcentres times the whole budget on a small province
// (three PlanSubcentres runs and the knapsack).
func BenchmarkAllocateSubcentres(b *testing.B) {
	in := randomBudgetInstance(b, 3, 9)
	in.opt.Total, in.opt.Bounds, in.opt.PerCounty = 9, CountyBounds{0, 3}, nil
	for b.Loop() {
		if _, err := AllocateSubcentres(context.Background(), in.villages, in.facilities, in.opt); err != nil {
			b.Fatal(err)
		}
	}
}
