package roads

import (
	"context"
	"math"
	"slices"
)

// nodeState is a search's record of one node, packed so that a visit
// touches one cache line.
type nodeState struct {
	cost  float64 // least cost found, in the search's unit
	other float64 // the other quantity (metres or seconds) on that path
	label int32   // source the cost came from
	pred  int32   // index in the searched csr of the edge towards the source, -1 at a source
	stamp uint32  // == gen when the fields above are valid
	done  uint32  // == gen once settled
	want  uint32  // == gen when the caller wants the node settled
}

// scratch is the state of one search, reused across searches (pooled per
// Network) so that concurrent queries allocate nothing per node. A node's
// entries are valid only when its stamp equals gen, so resetting is O(1).
type scratch struct {
	node []nodeState
	gen  uint32
	heap minHeap
	seen []int32 // nodes settled, in order
}

func (sc *scratch) reset(n int) {
	if len(sc.node) < n {
		*sc = scratch{node: make([]nodeState, n)}
	}
	sc.gen++
	if sc.gen == 0 { // wrapped: clear the stamps once every 2³² searches
		clear(sc.node)
		sc.gen = 1
	}
	sc.heap = sc.heap[:0]
	sc.seen = sc.seen[:0]
}

// reached returns node v's cost, other quantity and label, ok false when
// the search did not settle v.
func (sc *scratch) reached(v int32) (cost, other float64, label int32, ok bool) {
	st := &sc.node[v]
	if st.done != sc.gen {
		return math.Inf(1), math.Inf(1), -1, false
	}
	return st.cost, st.other, st.label, true
}

func (net *Network) getScratch() *scratch {
	sc, _ := net.pool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	sc.reset(net.NumGraphNodes())
	return sc
}

func (net *Network) putScratch(sc *scratch) { net.pool.Put(sc) }

// seed is a search source: a node entered at a cost (and other quantity)
// with a label.
type seed struct {
	node        int32
	cost, other float64
	label       int32
}

// weights selects the edge arrays of g for a search by time or distance.
func weights(g *csr, byTime bool) (cost, other []float64) {
	if byTime {
		return g.secs, g.lenM
	}
	return g.lenM, g.secs
}

// dijkstra runs a multi-source Dijkstra over g from seeds, settling nodes
// in order of (cost, label) up to cost limit (inclusive). need, when not
// empty, lists the nodes the caller wants (repeats allowed); the search
// stops once all of them are settled, so a query about a few nodes costs
// the ball around them, not the whole network. It returns early, leaving
// the search incomplete, when ctx is cancelled.
func (net *Network) dijkstra(ctx context.Context, sc *scratch, g *csr, byTime bool, seeds []seed, limit float64, need []int32) {
	wc, wo := weights(g, byTime)
	nNeed := 0
	if len(need) > 0 {
		// A wanted node of another weakly connected component is never
		// reached: waiting for it would search the seeds' whole component.
		var comps []int32
		for _, s := range seeds {
			if c := net.comp[net.gpoint[s.node]]; !slices.Contains(comps, c) {
				comps = append(comps, c)
			}
		}
		for _, v := range need {
			if sc.node[v].want != sc.gen && slices.Contains(comps, net.comp[net.gpoint[v]]) {
				sc.node[v].want = sc.gen
				nNeed++
			}
		}
		if nNeed == 0 {
			return // nothing wanted can be reached
		}
	}
	for _, s := range seeds {
		sc.relax(s.node, s.cost, s.other, s.label, -1)
	}
	for len(sc.heap) > 0 {
		it := sc.heap.pop()
		v := it.node
		st := &sc.node[v]
		if st.done == sc.gen || it.cost != st.cost || it.label != st.label {
			continue
		}
		if it.cost > limit {
			break
		}
		st.done = sc.gen
		sc.seen = append(sc.seen, v)
		if len(sc.seen)&(1<<16-1) == 0 && ctx.Err() != nil {
			return // the caller reports ctx.Err()
		}
		if nNeed > 0 && st.want == sc.gen {
			if nNeed--; nNeed == 0 {
				return
			}
		}
		for k := g.off[v]; k < g.off[v+1]; k++ {
			sc.relax(g.to[k], it.cost+wc[k], st.other+wo[k], it.label, k)
		}
	}
}

// relax lowers node v to (cost, label) if that is better than what it has.
func (sc *scratch) relax(v int32, cost, other float64, label, pred int32) {
	st := &sc.node[v]
	if st.stamp == sc.gen {
		if st.done == sc.gen {
			return
		}
		if !(item{cost, label, v}).less(item{st.cost, st.label, v}) {
			return
		}
	}
	// Field by field: st.want, the caller's mark, must survive.
	st.cost, st.other, st.label, st.pred, st.stamp = cost, other, label, pred, sc.gen
	sc.heap.push(item{cost, label, v})
}
