package roads

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHeapOrder checks interleaved pushes and pops against a scan for the
// least item, and a full drain against a sort, in (cost, label) order.
func TestHeapOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var h minHeap
	var all []item
	for round := range 2000 {
		if rng.IntN(3) > 0 || len(h) == 0 {
			it := item{cost: float64(rng.IntN(50)), label: int32(rng.IntN(5)), node: int32(round)}
			h.push(it)
			all = append(all, it)
		} else {
			// interleaved pops must each return the least item present
			least := h[0]
			for _, x := range h {
				if x.less(least) {
					least = x
				}
			}
			if got := h.pop(); got.less(least) || least.less(got) {
				t.Fatalf("pop %+v, least present %+v", got, least)
			}
		}
	}
	cmp := func(a, b item) int {
		if a.less(b) {
			return -1
		}
		if b.less(a) {
			return 1
		}
		return 0
	}
	var h2 minHeap
	for _, it := range all {
		h2.push(it)
	}
	var drained []item
	for len(h2) > 0 {
		drained = append(drained, h2.pop())
	}
	want := slices.Clone(all)
	slices.SortStableFunc(want, cmp)
	for i := range want {
		if cmp(drained[i], want[i]) != 0 {
			t.Fatalf("pop %d: %+v, want %+v", i, drained[i], want[i])
		}
	}
}
