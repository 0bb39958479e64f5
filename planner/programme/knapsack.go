package programme

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
// total × max sites) time; memory two rows of values and one byte per group
// and budget for the choices (total is first cut to the most sites the
// groups can take).
func allocate(groups []budgetGroup, total int) []int {
	n, most := len(groups), 0
	for _, g := range groups {
		if len(g.gain) > 256 {
			panic("planner: budget group with more than 255 sites")
		}
		most += len(g.gain) - 1
	}
	total = min(total, most)
	// next[b]: the best value of groups g+1.. with at most b sites; cur the
	// same for g..; choice[g][b] the k that reaches cur[b], the largest of
	// equal ones (so reading the choices forward gives the lexicographically
	// largest allocation).
	next, cur := make([]budgetValue, total+1), make([]budgetValue, total+1)
	for b := range next {
		next[b] = budgetValue{ok: true}
	}
	choice := make([][]uint8, n)
	for g := n - 1; g >= 0; g-- {
		gr := groups[g]
		choice[g] = make([]uint8, total+1)
		for b := 0; b <= total; b++ {
			cur[b] = budgetValue{}
			for k := min(len(gr.gain)-1, b); k >= gr.lo; k-- {
				rest := next[b-k]
				if !rest.ok {
					continue
				}
				v := budgetValue{gain: rest.gain + gr.gain[k], sites: rest.sites + k, ok: true}
				if v.better(cur[b]) { // strict: a smaller k must be better to win
					cur[b], choice[g][b] = v, uint8(k)
				}
			}
		}
		next, cur = cur, next
	}
	if !next[total].ok {
		panic("planner: budget allocation with minimums above the total")
	}
	ks := make([]int, n)
	for g, b := 0, total; g < n; g++ {
		ks[g] = int(choice[g][b])
		b -= ks[g]
	}
	return ks
}
