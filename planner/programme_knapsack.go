package planner

// budgetGroup is one county of the group knapsack: it takes k sites,
// lo <= k <= len(gain)-1, for a gain of gain[k] (non-decreasing in k).
type budgetGroup struct {
	lo   int
	gain []int64
}

// budgetValue is what the allocation maximises, compared lexicographically:
// people newly covered, then fewer sites.
type budgetValue struct {
	gain  int64
	sites int
	ok    bool // false: no feasible allocation
}

func (a budgetValue) better(b budgetValue) bool {
	switch {
	case a.ok != b.ok:
		return a.ok
	case a.gain != b.gain:
		return a.gain > b.gain
	}
	return a.sites < b.sites
}

// allocate solves the group knapsack exactly: k[g] sites for every group,
// within its bounds, at most total in all, maximising the summed gain, then
// minimising the sites; among allocations equal on both it returns the
// lexicographically largest k (more sites to earlier groups). The caller
// must have checked that the minimums fit in total. Cost O(len(groups) ×
// total × max sites) time and O(len(groups) × total) memory.
func allocate(groups []budgetGroup, total int) []int {
	n := len(groups)
	// best[g][b]: the best value of groups g.. with at most b sites.
	best := make([][]budgetValue, n+1)
	best[n] = make([]budgetValue, total+1)
	for b := range best[n] {
		best[n][b] = budgetValue{ok: true}
	}
	for g := n - 1; g >= 0; g-- {
		best[g] = make([]budgetValue, total+1)
		gr := groups[g]
		for b := 0; b <= total; b++ {
			for k := gr.lo; k < len(gr.gain) && k <= b; k++ {
				rest := best[g+1][b-k]
				if !rest.ok {
					continue
				}
				v := budgetValue{gain: rest.gain + gr.gain[k], sites: rest.sites + k, ok: true}
				if v.better(best[g][b]) {
					best[g][b] = v
				}
			}
		}
	}
	if !best[0][total].ok {
		panic("planner: budget allocation with minimums above the total")
	}
	ks := make([]int, n)
	b, want := total, best[0][total]
	for g := 0; g < n; g++ {
		gr := groups[g]
		for k := min(len(gr.gain)-1, b); k >= gr.lo; k-- {
			rest := best[g+1][b-k]
			if rest.ok && rest.gain+gr.gain[k] == want.gain && rest.sites+k == want.sites {
				ks[g], b, want = k, b-k, rest
				break
			}
		}
	}
	return ks
}
