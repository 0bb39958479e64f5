package roads

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPackedTreeSearch checks every search against testing each leaf box.
func TestPackedTreeSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for _, n := range []int{0, 1, packFanout, packFanout + 1, 5000} {
		var leaves boxes
		for range n {
			x, y := rng.Float64()*10, rng.Float64()*10
			leaves.add([2]float64{x, y}, [2]float64{x + rng.Float64()*0.3, y + rng.Float64()*0.3})
		}
		tree := newPackedTree(leaves)
		if tree.len() != n {
			t.Fatalf("%d leaves, tree has %d", n, tree.len())
		}
		for range 200 {
			x, y, r := rng.Float64()*10, rng.Float64()*10, rng.Float64()
			lo, hi := [2]float64{x - r, y - r}, [2]float64{x + r, y + r}
			var want []int32
			var stack []treeRef
			got := tree.appendLeaves(lo, hi, nil, &stack)
			for k := range n {
				if !(leaves.minX[k] > hi[0] || leaves.maxX[k] < lo[0] || leaves.minY[k] > hi[1] || leaves.maxY[k] < lo[1]) {
					want = append(want, int32(k))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d box %v–%v: got %v, want %v", n, lo, hi, got, want)
			}
		}
	}
}
