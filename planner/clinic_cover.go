package planner

import (
	"container/heap"
	"context"
	"math/bits"
	"slices"
)

// Exact minimum set cover for joint-clinic hosts.
//
// Elements are the joint-clinic-eligible, non-single villages of one
// connected component of a township; hosts are the villages within MergeKm
// of an element (elements themselves included), numbered in ascending (ID,
// village index) order so that a host's number is its rank in the
// lexicographic tie-break. The objective is lexicographic:
//
//  1. fewest hosts;
//  2. largest total host population;
//  3. lexicographically smallest sorted host list. For sets of equal size
//     that list is smaller exactly when the lowest-ranked host in the
//     symmetric difference belongs to it, so comparing host bitsets from
//     rank 0 upward decides it, and "chosen ∪ the r lowest-ranked usable
//     hosts" bounds it from above.
//
// The search branches on the uncovered element with the fewest usable hosts
// and excludes each tried host from its later siblings, so every cover is
// visited at most once. It prunes on count + a lower bound (the larger of a
// greedy packing of elements with pairwise disjoint host sets, and
// ceil(|uncovered| / largest usable cover)) and, when the count bound is
// tight, on an upper bound of (population, lex). Hosts dominated by another
// host (cover ⊆, and better population or equal population with lower rank)
// are dropped first: swapping one for its dominator never makes a cover
// worse, so no optimum contains them.

// clinicCoverInstance is one set-cover problem: covers[h] lists the elements
// (0..m-1) host h covers, pop[h] its population. Hosts are in rank order.
type clinicCoverInstance struct {
	m      int
	covers [][]int
	pop    []int64
}

// clinicCoverResult is a cover: hosts ascending by rank.
type clinicCoverResult struct {
	hosts []int
	pop   int64
	exact bool
}

type clinicCoverSolver struct {
	ctx      context.Context
	m, k     int
	ew, hw   int      // words per element bitset, per host bitset
	cover    []uint64 // k × ew
	hostsOf  []uint64 // m × hw
	hostList [][]int  // per element: hosts by population desc, rank asc
	pop      []int64
	byPop    []int // hosts by population desc, rank asc
	elemLB   []int // elements by number of hosts asc (packing order)

	excluded, chosen []uint64 // hw
	count            int
	popSum           int64
	unc              []uint64 // per depth: uncovered elements, (m+1) × ew
	saved            []uint64 // per depth: excluded before branching, (m+1) × hw
	used, ubLex      []uint64 // hw scratch

	bestChosen []uint64
	bestCount  int
	bestPop    int64

	nodes, nodeCost, work, budget int
	aborted                       bool
	err                           error
}

// clinicCoverMaxExact is the largest component (in eligible villages) the
// exact search is attempted on; larger ones only occur when township names
// are missing or wrong, and get the greedy cover, marked not exact.
const clinicCoverMaxExact = 2048

// solveClinicCover returns the optimum cover, or the best found with
// exact=false when the *budget of search work (in bitset words touched)
// runs out; it takes the work done from *budget. The only error is
// ctx.Err().
func solveClinicCover(ctx context.Context, in clinicCoverInstance, budget *int) (clinicCoverResult, error) {
	if in.m == 0 {
		return clinicCoverResult{exact: true}, nil
	}
	if in.m > clinicCoverMaxExact {
		res := clinicGreedyCover(in)
		return res, ctx.Err()
	}
	keep := clinicUndominatedHosts(in)
	red := clinicCoverInstance{m: in.m, covers: make([][]int, len(keep)), pop: make([]int64, len(keep))}
	for h, orig := range keep {
		red.covers[h], red.pop[h] = in.covers[orig], in.pop[orig]
	}
	s := newClinicCoverSolver(ctx, red, *budget)
	s.orderHosts()
	s.start(clinicGreedyCover(red))
	s.search(0)
	*budget = max(0, *budget-s.work)
	if s.err != nil {
		return clinicCoverResult{}, s.err
	}
	res := clinicCoverResult{pop: s.bestPop, exact: !s.aborted}
	for h := 0; h < s.k; h++ {
		if s.bestChosen[h/64]&(1<<(h%64)) != 0 {
			res.hosts = append(res.hosts, keep[h])
		}
	}
	return res, nil
}

// newClinicCoverSolver builds the bitsets of the (reduced) instance: each
// host's elements, each element's hosts and its host list.
func newClinicCoverSolver(ctx context.Context, red clinicCoverInstance, budget int) *clinicCoverSolver {
	s := &clinicCoverSolver{ctx: ctx, m: red.m, k: len(red.covers), budget: budget}
	s.ew, s.hw = (s.m+63)/64, (s.k+63)/64
	s.nodeCost = 2*s.m*s.hw + 2*s.k*s.ew
	s.cover = make([]uint64, s.k*s.ew)
	s.hostsOf = make([]uint64, s.m*s.hw)
	s.pop = red.pop
	s.hostList = make([][]int, s.m)
	for h, c := range red.covers {
		for _, e := range c {
			s.cover[h*s.ew+e/64] |= 1 << (e % 64)
			s.hostsOf[e*s.hw+h/64] |= 1 << (h % 64)
			s.hostList[e] = append(s.hostList[e], h)
		}
	}
	return s
}

// orderHosts sorts each element's hosts and byPop by population served,
// largest first (ties by index), and elemLB by number of hosts, fewest
// first.
func (s *clinicCoverSolver) orderHosts() {
	popOrder := func(a, b int) int {
		if s.pop[a] != s.pop[b] {
			if s.pop[a] > s.pop[b] {
				return -1
			}
			return 1
		}
		return a - b
	}
	for e := range s.hostList {
		if len(s.hostList[e]) == 0 {
			panic("planner: set-cover element without a host") // callers build covers from hosts within reach
		}
		slices.SortFunc(s.hostList[e], popOrder)
	}
	s.byPop = make([]int, s.k)
	for h := range s.byPop {
		s.byPop[h] = h
	}
	slices.SortFunc(s.byPop, popOrder)
	s.elemLB = make([]int, s.m)
	for e := range s.elemLB {
		s.elemLB[e] = e
	}
	slices.SortStableFunc(s.elemLB, func(a, b int) int { return len(s.hostList[a]) - len(s.hostList[b]) })
}

// start allocates the search state, with every element uncovered and seed
// (a greedy cover of the same instance) as the best cover so far.
func (s *clinicCoverSolver) start(seed clinicCoverResult) {
	s.excluded = make([]uint64, s.hw)
	s.chosen = make([]uint64, s.hw)
	s.used = make([]uint64, s.hw)
	s.ubLex = make([]uint64, s.hw)
	s.unc = make([]uint64, (s.m+1)*s.ew)
	s.saved = make([]uint64, (s.m+1)*s.hw)
	s.bestChosen = make([]uint64, s.hw)
	for _, h := range seed.hosts {
		s.bestChosen[h/64] |= 1 << (h % 64)
	}
	s.bestCount, s.bestPop = len(seed.hosts), seed.pop
	for e := 0; e < s.m; e++ {
		s.unc[e/64] |= 1 << (e % 64)
	}
}

// clinicGreedyCover is the classic greedy cover: repeatedly the host
// covering most uncovered elements (ties: population, then rank), with
// lazily updated gains so that it stays near-linear on huge components.
func clinicGreedyCover(in clinicCoverInstance) clinicCoverResult {
	k := len(in.covers)
	hostsOf := make([][]int, in.m)
	gain := make([]int, k)
	for h, c := range in.covers {
		gain[h] = len(c)
		for _, e := range c {
			hostsOf[e] = append(hostsOf[e], h)
		}
	}
	q := &clinicGainHeap{gain: gain, pop: in.pop}
	for h := range k {
		if gain[h] > 0 {
			q.items = append(q.items, clinicGainItem{h, gain[h]})
		}
	}
	heap.Init(q)
	covered := make([]bool, in.m)
	var res clinicCoverResult
	for q.Len() > 0 {
		it := heap.Pop(q).(clinicGainItem)
		if it.gain != gain[it.host] { // stale: requeue with the true gain
			if gain[it.host] > 0 {
				heap.Push(q, clinicGainItem{it.host, gain[it.host]})
			}
			continue
		}
		res.hosts = append(res.hosts, it.host)
		res.pop += in.pop[it.host]
		for _, e := range in.covers[it.host] {
			if covered[e] {
				continue
			}
			covered[e] = true
			for _, h := range hostsOf[e] {
				gain[h]--
			}
		}
	}
	slices.Sort(res.hosts)
	return res
}

type clinicGainItem struct{ host, gain int }

// clinicGainHeap pops the largest gain, then population, then lowest rank.
type clinicGainHeap struct {
	items []clinicGainItem
	gain  []int
	pop   []int64
}

func (q *clinicGainHeap) Len() int { return len(q.items) }
func (q *clinicGainHeap) Less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	if a.gain != b.gain {
		return a.gain > b.gain
	}
	if q.pop[a.host] != q.pop[b.host] {
		return q.pop[a.host] > q.pop[b.host]
	}
	return a.host < b.host
}
func (q *clinicGainHeap) Swap(i, j int) { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *clinicGainHeap) Push(x any)    { q.items = append(q.items, x.(clinicGainItem)) }
func (q *clinicGainHeap) Pop() any {
	it := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	return it
}

// clinicUndominatedHosts returns, in rank order, the hosts no other host
// dominates (see the file comment).
func clinicUndominatedHosts(in clinicCoverInstance) []int {
	k := len(in.covers)
	ew := (in.m + 63) / 64
	sets := make([]uint64, k*ew)
	for h, c := range in.covers {
		for _, e := range c {
			sets[h*ew+e/64] |= 1 << (e % 64)
		}
	}
	subset := func(a, b int) bool { // cover(a) ⊆ cover(b)
		for w := 0; w < ew; w++ {
			if sets[a*ew+w]&^sets[b*ew+w] != 0 {
				return false
			}
		}
		return true
	}
	// A dominator covers a's first element, so only those hosts are tried.
	hostsOf := make([][]int, in.m)
	for h, c := range in.covers {
		for _, e := range c {
			hostsOf[e] = append(hostsOf[e], h)
		}
	}
	keep := make([]int, 0, k)
	for a := 0; a < k; a++ {
		if len(in.covers[a]) == 0 {
			continue
		}
		dominated := false
		for _, b := range hostsOf[in.covers[a][0]] {
			if b == a || !(in.pop[b] > in.pop[a] || in.pop[b] == in.pop[a] && b < a) {
				continue
			}
			if dominated = subset(a, b); dominated {
				break
			}
		}
		if !dominated {
			keep = append(keep, a)
		}
	}
	return keep
}

func (s *clinicCoverSolver) search(depth int) {
	s.nodes++
	s.work += s.nodeCost
	if s.work > s.budget {
		s.aborted = true
		return
	}
	if s.nodes&1023 == 0 {
		if err := s.ctx.Err(); err != nil {
			s.err, s.aborted = err, true
			return
		}
	}
	u := s.unc[depth*s.ew : (depth+1)*s.ew]
	if !clinicAny(u) {
		if s.count < s.bestCount || s.count == s.bestCount &&
			(s.popSum > s.bestPop || s.popSum == s.bestPop && clinicLexBetter(s.chosen, s.bestChosen)) {
			copy(s.bestChosen, s.chosen)
			s.bestCount, s.bestPop = s.count, s.popSum
		}
		return
	}
	lb, branch := s.bound(u)
	if branch < 0 || s.count+lb > s.bestCount {
		return
	}
	if s.count+lb == s.bestCount && !s.mayImprove(u, s.bestCount-s.count) {
		return
	}
	saved := s.saved[depth*s.hw : (depth+1)*s.hw]
	copy(saved, s.excluded)
	next := s.unc[(depth+1)*s.ew : (depth+2)*s.ew]
	for _, h := range s.hostList[branch] {
		if s.excluded[h/64]&(1<<(h%64)) != 0 {
			continue
		}
		for w := range next {
			next[w] = u[w] &^ s.cover[h*s.ew+w]
		}
		s.chosen[h/64] |= 1 << (h % 64)
		s.count++
		s.popSum += s.pop[h]
		s.search(depth + 1)
		s.chosen[h/64] &^= 1 << (h % 64)
		s.count--
		s.popSum -= s.pop[h]
		if s.aborted {
			break
		}
		s.excluded[h/64] |= 1 << (h % 64)
	}
	copy(s.excluded, saved)
}

// bound returns a lower bound on the hosts still needed to cover u and the
// uncovered element with the fewest usable hosts to branch on (-1 when some
// element has none left, i.e. this branch is infeasible).
func (s *clinicCoverSolver) bound(u []uint64) (lb, branch int) {
	clear(s.used)
	branch, fewest := -1, s.k+1
	for _, e := range s.elemLB {
		if u[e/64]&(1<<(e%64)) == 0 {
			continue
		}
		hs := s.hostsOf[e*s.hw : (e+1)*s.hw]
		n, disjoint := 0, true
		for w := range hs {
			avail := hs[w] &^ s.excluded[w]
			n += bits.OnesCount64(avail)
			if avail&s.used[w] != 0 {
				disjoint = false
			}
		}
		if n == 0 {
			return 0, -1
		}
		if n < fewest {
			branch, fewest = e, n
		}
		if disjoint {
			lb++
			for w := range hs {
				s.used[w] |= hs[w] &^ s.excluded[w]
			}
		}
	}
	left := clinicCount(u)
	best := 0
	for h := 0; h < s.k; h++ {
		if s.excluded[h/64]&(1<<(h%64)) == 0 {
			best = max(best, clinicAndCount(s.cover[h*s.ew:(h+1)*s.ew], u))
		}
	}
	return max(lb, (left+best-1)/best), branch
}

// mayImprove reports whether adding exactly r more usable hosts could beat
// the incumbent on (population, lex) — only called when the count bound is
// tight, so fewer hosts are impossible.
func (s *clinicCoverSolver) mayImprove(u []uint64, r int) bool {
	usable := func(h int) bool {
		return s.excluded[h/64]&(1<<(h%64)) == 0 && clinicAndCount(s.cover[h*s.ew:(h+1)*s.ew], u) > 0
	}
	ubPop := s.popSum
	for i, n := 0, 0; i < s.k && n < r; i++ {
		if h := s.byPop[i]; usable(h) {
			ubPop += s.pop[h]
			n++
		}
	}
	if ubPop != s.bestPop {
		return ubPop > s.bestPop
	}
	copy(s.ubLex, s.chosen)
	for h, n := 0, 0; h < s.k && n < r; h++ {
		if usable(h) {
			s.ubLex[h/64] |= 1 << (h % 64)
			n++
		}
	}
	return clinicLexBetter(s.ubLex, s.bestChosen)
}

// clinicLexBetter reports whether host set a beats b in the rank tie-break:
// the lowest-ranked host in exactly one of them is in a.
func clinicLexBetter(a, b []uint64) bool {
	for w := range a {
		if x := a[w] ^ b[w]; x != 0 {
			return a[w]&(x&-x) != 0
		}
	}
	return false
}

func clinicAny(a []uint64) bool {
	for _, x := range a {
		if x != 0 {
			return true
		}
	}
	return false
}

func clinicCount(a []uint64) int {
	n := 0
	for _, x := range a {
		n += bits.OnesCount64(x)
	}
	return n
}

func clinicAndCount(a, b []uint64) int {
	n := 0
	for w := range a {
		n += bits.OnesCount64(a[w] & b[w])
	}
	return n
}
