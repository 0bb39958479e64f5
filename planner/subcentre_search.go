package planner

import (
	"context"
	"math/bits"
	"slices"
)

// The sub-centre choice is a weighted maximum-coverage problem: pick k of n
// candidate sets of villages maximising the population of their union. With
// k <= 3 an exact answer is affordable by branch and bound; this file holds
// the search, independent of villages and facilities.

// scWord is one non-zero 64-bit word of a sparse bitset.
type scWord struct {
	i    int32
	bits uint64
}

// scProblem is one county's instance. Candidates are numbered 0..n-1 in
// search order: stand-alone gain non-increasing, which is what makes the
// prefix-sum bound below monotone.
type scProblem struct {
	n, words int
	sets     [][]scWord // the elements each candidate covers
	w        []int64    // element weights (people), all >= 0
	gain     []int64    // stand-alone gain, non-increasing
	prefix   []int64    // prefix[j] = gain[0] + ... + gain[j-1]
	// setCmp orders candidate sets (ascending positions, same length) by
	// the tie-break: negative when a is preferred.
	setCmp func(a, b []int) int
}

// newSCProblem builds the problem from per-candidate element lists, which
// must already be in search order (gain non-increasing).
func newSCProblem(members [][]int32, w []int64, setCmp func(a, b []int) int) *scProblem {
	p := &scProblem{n: len(members), words: (len(w) + 63) / 64, w: w, setCmp: setCmp}
	p.sets = make([][]scWord, p.n)
	p.gain = make([]int64, p.n)
	p.prefix = make([]int64, p.n+1)
	for j, m := range members {
		var set []scWord
		for _, e := range m {
			wi, b := e>>6, uint64(1)<<(e&63)
			if k := len(set) - 1; k >= 0 && set[k].i == wi {
				set[k].bits |= b
			} else {
				set = append(set, scWord{wi, b}) // members are sorted, so words arrive in order
			}
			p.gain[j] += w[e]
		}
		p.sets[j] = set
		p.prefix[j+1] = p.prefix[j] + p.gain[j]
		if j > 0 && p.gain[j] > p.gain[j-1] {
			panic("planner: sub-centre candidates not in search order")
		}
	}
	return p
}

// marginal is the weight candidate j adds to the dense set cur.
func (p *scProblem) marginal(cur []uint64, j int) int64 {
	var s int64
	for _, wd := range p.sets[j] {
		for x := wd.bits &^ cur[wd.i]; x != 0; x &= x - 1 {
			s += p.w[int(wd.i)<<6|bits.TrailingZeros64(x)]
		}
	}
	return s
}

func (p *scProblem) or(dst, src []uint64, j int) {
	copy(dst, src)
	for _, wd := range p.sets[j] {
		dst[wd.i] |= wd.bits
	}
}

// greedy picks up to k candidates from pool, each time the one with the
// largest marginal gain, ties to siteCmp. It returns the picks in order with
// their marginal gains.
func (p *scProblem) greedy(pool []int, k int, siteCmp func(a, b int) int) (order []int, gains []int64) {
	cur := make([]uint64, p.words)
	left := slices.Clone(pool)
	for len(order) < k && len(left) > 0 {
		bi, bg := -1, int64(-1)
		for i, j := range left {
			g := p.marginal(cur, j)
			if g > bg || g == bg && siteCmp(j, left[bi]) < 0 {
				bi, bg = i, g
			}
		}
		j := left[bi]
		order, gains = append(order, j), append(gains, bg)
		p.or(cur, cur, j)
		left = slices.Delete(left, bi, bi+1)
	}
	return order, gains
}

// scSolution is the outcome of one search.
type scSolution struct {
	value int64   // the optimum weight
	count int     // how many k-sets reach it
	top   [][]int // the best of them by setCmp (ascending positions), at most keep
}

// scSearch is the state of one depth-first branch and bound.
type scSearch struct {
	p      *scProblem
	ctx    context.Context
	k      int
	keep   int
	best   int64
	count  int
	top    [][]int
	chosen []int
	union  [][]uint64 // union[d]: elements covered by chosen[:d]
	marg   [][]int64  // scratch per depth: marginal gains given union[d]
	bound  [][]int64  // scratch per depth: best sum of the remaining picks
	best1  []int64    // scratch for the suffix top-r
	err    error
}

// solve finds the exact optimum over all k-subsets and every set reaching
// it, keeping the keep best by setCmp. lower must be a value some k-set
// reaches (greedy's); pruning is strict (bound < best), so no optimal set is
// lost and count is exact. k must be in 1..n.
//
// Bounds, each an upper bound of what completing the current set can reach:
// the current value plus the stand-alone gains of the next candidates in
// search order (monotone in the branch, so it ends the loop), and the current
// value plus the marginal gain of the branch candidate plus the largest
// marginal gains of the candidates after it (valid because coverage is
// submodular: a site never adds more than it adds to a smaller set).
func (p *scProblem) solve(ctx context.Context, k, keep int, lower int64) (scSolution, error) {
	if k < 1 || k > p.n {
		panic("planner: sub-centre search with k outside 1..n")
	}
	s := &scSearch{p: p, ctx: ctx, k: k, keep: max(keep, 1), best: lower, chosen: make([]int, 0, k)}
	for d := 0; d <= k; d++ {
		s.union = append(s.union, make([]uint64, p.words))
		s.marg = append(s.marg, make([]int64, p.n))
		s.bound = append(s.bound, make([]int64, p.n))
	}
	s.best1 = make([]int64, k)
	s.rec(0, 0, 0)
	if s.err != nil {
		return scSolution{}, s.err
	}
	return scSolution{value: s.best, count: s.count, top: s.top}, nil
}

func (s *scSearch) rec(start, depth int, curVal int64) {
	p := s.p
	cur := s.union[depth]
	rem := s.k - depth
	if rem == 1 {
		for j := start; j < p.n; j++ {
			if curVal+p.gain[j] < s.best {
				break
			}
			s.leaf(curVal+p.marginal(cur, j), j)
		}
		return
	}
	// An inner node costs O(n) marginal gains, so checking ctx on each is cheap.
	if err := s.ctx.Err(); err != nil {
		s.err = err
		return
	}
	m := s.marg[depth]
	if depth == 0 {
		copy(m, p.gain)
	} else {
		for j := start; j < p.n; j++ {
			m[j] = p.marginal(cur, j)
		}
	}
	// bound[j] = sum of the rem-1 largest m[t] over t > j.
	r := rem - 1
	top := s.best1[:0]
	bnd := s.bound[depth]
	for j := p.n - 1; j >= start; j-- {
		var sum int64
		for _, v := range top {
			sum += v
		}
		bnd[j] = sum
		// insert m[j] into top (descending, at most r long)
		v := m[j]
		i, _ := slices.BinarySearchFunc(top, v, func(a, b int64) int {
			if a > b {
				return -1
			}
			if a < b {
				return 1
			}
			return 0
		})
		if i < r {
			if len(top) < r {
				top = append(top, 0)
			}
			copy(top[i+1:], top[i:len(top)-1])
			top[i] = v
		}
	}
	next := s.union[depth+1]
	for j := start; j <= p.n-rem; j++ {
		if curVal+p.prefix[j+rem]-p.prefix[j] < s.best {
			break
		}
		if curVal+m[j]+bnd[j] < s.best {
			continue
		}
		p.or(next, cur, j)
		s.chosen = append(s.chosen, j)
		s.rec(j+1, depth+1, curVal+m[j])
		s.chosen = s.chosen[:depth]
		if s.err != nil {
			return
		}
	}
}

// leaf records the complete set chosen + j of value v.
func (s *scSearch) leaf(v int64, j int) {
	if v < s.best {
		return
	}
	if v > s.best {
		s.best, s.count, s.top = v, 0, s.top[:0]
	}
	s.count++
	set := append(s.chosen, j) // capacity k: never reallocates, compared before copying
	if len(s.top) == s.keep && s.p.setCmp(set, s.top[len(s.top)-1]) >= 0 {
		return // the common case when many sets tie
	}
	i, _ := slices.BinarySearchFunc(s.top, set, func(a, b []int) int {
		if c := s.p.setCmp(a, b); c != 0 {
			return c
		}
		return 1 // equal keys: keep the earlier one first
	})
	if i >= s.keep {
		return
	}
	if len(s.top) < s.keep {
		s.top = append(s.top, nil)
	}
	copy(s.top[i+1:], s.top[i:len(s.top)-1])
	s.top[i] = slices.Clone(set)
}
