package roads

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
)

// onChain maps a chain to the sites snapped onto it.
type onChain map[int32][]int32

func (net *Network) byChain(snaps []siteSnap) onChain {
	m := onChain{}
	for i := range snaps {
		if snaps[i].ok() {
			c := net.place.chain[snaps[i].hit.seg]
			m[c] = append(m[c], int32(i))
		}
	}
	return m
}

// Nearest returns, for each origin, the target of least cost within limit
// (inclusive, in the metric's unit), with the trip's metres and seconds;
// ties go to the lowest target index. It runs one multi-source search
// backwards from all targets.
func (m Metric) Nearest(ctx context.Context, origins, targets []geo.Site, limit float64) ([]geo.Reach, error) {
	if m.Net == nil {
		return nil, ErrNoNetwork
	}
	os, ts, err := m.snapQuery(ctx, origins, targets)
	if err != nil {
		return nil, err
	}
	var seeds []seed
	for j := range ts {
		if ts[j].ok() {
			seeds = m.targetSeeds(ts[j].hit, int32(j), seeds)
		}
	}
	sc := m.Net.getScratch()
	defer m.Net.putScratch(sc)
	m.Net.dijkstra(ctx, sc, &m.Net.rev, m.byTime(), seeds, limit, nil)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tOn := m.Net.byChain(ts)
	out := make([]geo.Reach, len(origins))
	for i := range os {
		out[i] = m.reach(-1, 0, 0)
		if !os[i].ok() {
			continue
		}
		c, o, l := m.viaGraph(sc, os[i].hit)
		for _, j := range tOn[m.Net.place.chain[os[i].hit.seg]] {
			if sc2, so, ok := m.viaSegment(os[i].hit, ts[j].hit); ok && better3(sc2, j, c, l) {
				c, o, l = sc2, so, j
			}
		}
		if l >= 0 && c <= limit {
			out[i] = m.reach(int(l), c, o)
		}
	}
	return out, ctx.Err()
}

// Within returns, for each target, every origin whose cost to it is within
// limit (inclusive), ordered by origin index. It runs one bounded search
// backwards from each target, targets in parallel.
func (m Metric) Within(ctx context.Context, origins, targets []geo.Site, limit float64) ([][]geo.Reach, error) {
	if m.Net == nil {
		return nil, ErrNoNetwork
	}
	os, ts, err := m.snapQuery(ctx, origins, targets)
	if err != nil {
		return nil, err
	}
	at := m.originsAtExits(os)
	oOn := m.Net.byChain(os)
	out := make([][]geo.Reach, len(targets))
	stamps := make([][]int32, workerCount())
	err = parallelFor(ctx, len(targets), 1, func(w, j int) {
		if !ts[j].ok() {
			return
		}
		if stamps[w] == nil {
			stamps[w] = make([]int32, len(origins))
		}
		out[j] = m.withinOne(ctx, os, ts[j].hit, int32(j), limit, at, oOn, stamps[w])
	})
	return out, err
}

// exitPair is an origin that may leave the road it snapped to by graph
// node node.
type exitPair struct{ node, site int32 }

// originsAtExits lists every origin's exits, sorted by node (then
// origin): a search's settled nodes find their origins by binary search,
// or the origins' exits are checked directly when they are fewer than the
// nodes settled. Its size follows the origins, not the network.
func (m Metric) originsAtExits(os []siteSnap) []exitPair {
	var at []exitPair
	for i := range os {
		if os[i].ok() {
			for _, l := range m.Net.exits(os[i].hit) {
				if l.valid {
					at = append(at, exitPair{l.node, int32(i)})
				}
			}
		}
	}
	slices.SortFunc(at, func(x, y exitPair) int {
		return cmp.Or(cmp.Compare(x.node, y.node), cmp.Compare(x.site, y.site))
	})
	return at
}

// withinOne searches from target t (index j) up to limit and collects the
// origins reached. stamp is per-worker scratch over origins.
func (m Metric) withinOne(ctx context.Context, os []siteSnap, t segHit, j int32, limit float64, at []exitPair, oOn onChain, stamp []int32) []geo.Reach {
	sc := m.Net.getScratch()
	defer m.Net.putScratch(sc)
	m.Net.dijkstra(ctx, sc, &m.Net.rev, m.byTime(), m.targetSeeds(t, j, nil), limit, nil)
	var out []geo.Reach
	consider := func(i int32) {
		if stamp[i] == j+1 {
			return
		}
		stamp[i] = j + 1
		c, o, l := m.viaGraph(sc, os[i].hit)
		if sc2, so, ok := m.viaSegment(os[i].hit, t); ok && (l < 0 || sc2 <= c) {
			c, o, l = sc2, so, j
		}
		if l >= 0 && c <= limit {
			out = append(out, m.reach(int(i), c, o))
		}
	}
	if len(at) <= len(sc.seen) {
		for _, e := range at {
			if sc.node[e.node].done == sc.gen {
				consider(e.site)
			}
		}
	} else {
		for _, v := range sc.seen {
			k, _ := slices.BinarySearchFunc(at, v, func(e exitPair, v int32) int { return cmp.Compare(e.node, v) })
			for ; k < len(at) && at[k].node == v; k++ {
				consider(at[k].site)
			}
		}
	}
	for _, i := range oOn[m.Net.place.chain[t.seg]] {
		consider(i)
	}
	slices.SortFunc(out, func(a, b geo.Reach) int { return a.Index - b.Index })
	return out
}

// Matrix returns the costs among sites, row-major with the row as origin;
// unreachable pairs are +Inf, the diagonal 0. It runs one search per site
// (backwards from it as the target), sites in parallel, each stopping once
// every site's exits are settled.
func (m Metric) Matrix(ctx context.Context, sites []geo.Site) ([]float64, error) {
	if m.Net == nil {
		return nil, ErrNoNetwork
	}
	ss, err := m.snapSites(ctx, sites)
	if err != nil {
		return nil, err
	}
	n := len(sites)
	var need []int32 // every site's exit nodes: a column is done once they are settled
	for i := range ss {
		if ss[i].ok() {
			for _, l := range m.Net.exits(ss[i].hit) {
				if l.valid {
					need = append(need, l.node)
				}
			}
		}
	}
	out := make([]float64, n*n)
	err = parallelFor(ctx, n, 1, func(_, j int) {
		m.matrixColumn(ctx, ss, j, need, out)
	})
	return out, err
}

// matrixColumn fills column j of the n×n matrix out.
func (m Metric) matrixColumn(ctx context.Context, ss []siteSnap, j int, need []int32, out []float64) {
	n := len(ss)
	for i := range n {
		out[i*n+j] = math.Inf(1)
	}
	out[j*n+j] = 0
	if !ss[j].ok() {
		return
	}
	sc := m.Net.getScratch()
	defer m.Net.putScratch(sc)
	m.Net.dijkstra(ctx, sc, &m.Net.rev, m.byTime(), m.targetSeeds(ss[j].hit, 0, nil), math.Inf(1), need)
	for i := range n {
		if i == j || !ss[i].ok() {
			continue
		}
		c, _, l := m.viaGraph(sc, ss[i].hit)
		if l < 0 {
			c = math.Inf(1)
		}
		if sc2, _, ok := m.viaSegment(ss[i].hit, ss[j].hit); ok && sc2 < c {
			c = sc2
		}
		out[i*n+j] = c
	}
}
