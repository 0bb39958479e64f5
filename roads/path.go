package roads

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// ErrUnreachable is wrapped by Path when no road trip joins the two sites.
var ErrUnreachable = errors.New("roads: unreachable")

// Path returns the line a trip from one site to the other follows: the
// site, its point on the road, the road's nodes in order, the other site's
// point on the road and the other site. Sites join the network as in
// Matrix. The error wraps ErrUnreachable when there is no trip. A site to
// itself is the two-point line at the site (its Matrix cost is 0).
func (m Metric) Path(ctx context.Context, from, to geo.Site) (orb.LineString, error) {
	if m.Net == nil {
		return nil, ErrNoNetwork
	}
	if from.Point == to.Point {
		return orb.LineString{from.Point, to.Point}, nil
	}
	ss, err := m.snapSites(ctx, []geo.Site{from, to})
	if err != nil {
		return nil, err
	}
	for k, s := range ss {
		if !s.ok() {
			return nil, fmt.Errorf("%w: site %d (%q): %s", ErrUnreachable, k, []geo.Site{from, to}[k].ID, s.reason)
		}
	}
	o, t := ss[0].hit, ss[1].hit
	sc := m.Net.getScratch()
	defer m.Net.putScratch(sc)
	var need []int32 // o's exits: the search stops once they are settled
	for _, l := range m.Net.exits(o) {
		if l.valid {
			need = append(need, l.node)
		}
	}
	m.Net.dijkstra(ctx, sc, &m.Net.rev, m.byTime(), m.targetSeeds(t, 0, nil), math.Inf(1), need)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cost, _, label := m.viaGraph(sc, o)
	line := orb.LineString{from.Point, o.foot}
	net := m.Net
	oPos, tPos := net.chainPos(o.seg, o.alongM), net.chainPos(t.seg, t.alongM)
	if c, _, ok := m.viaSegment(o, t); ok && (label < 0 || c <= cost) {
		line = append(line, net.between(net.place.chain[o.seg], oPos, tPos)...)
		return dedupe(append(line, t.foot, to.Point)), nil
	}
	if label < 0 {
		return nil, fmt.Errorf("%w: no road from %q to %q", ErrUnreachable, from.ID, to.ID)
	}
	ex := m.bestExit(sc, o)
	line = append(line, net.between(net.place.chain[o.seg], oPos, ex.posM)...)
	v := ex.node
	line = append(line, net.Node(int(net.gpoint[v])))
	for k := sc.node[v].pred; k >= 0; k = sc.node[v].pred {
		e := net.rev.edge[k]
		c := e >> 1
		pts := net.chainPoints(c)
		if e&1 == 1 {
			slices.Reverse(pts)
			v = net.ch.a[c]
		} else {
			v = net.ch.b[c]
		}
		line = append(line, pts[1:]...)
	}
	en := m.entryAt(t, v)
	line = append(line, net.between(net.place.chain[t.seg], en.posM, tPos)...)
	return dedupe(append(line, t.foot, to.Point)), nil
}

// bestExit is the exit of o that viaGraph chose.
func (m Metric) bestExit(sc *scratch, o segHit) leg {
	best, bestC, found := leg{}, math.Inf(1), false
	am, as := m.accessLeg(o)
	for _, l := range m.Net.exits(o) {
		if c, _, _, ok := sc.reached(l.node); l.valid && ok {
			lc, _ := m.pick(am+l.m, as+l.s)
			if !found || c+lc < bestC {
				best, bestC, found = l, c+lc, true
			}
		}
	}
	return best
}

// entryAt is the cheapest entry of t from graph node v (the seed a search
// path ends at).
func (m Metric) entryAt(t segHit, v int32) leg {
	best, bestC, found := leg{}, math.Inf(1), false
	for _, l := range m.Net.entries(t) {
		if c, _ := m.pick(l.m, l.s); l.valid && l.node == v && (!found || c < bestC) {
			best, bestC, found = l, c, true
		}
	}
	return best
}

// dedupe drops consecutive repeated points.
func dedupe(ls orb.LineString) orb.LineString {
	out := ls[:0]
	for i, p := range ls {
		if i == 0 || p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	return out
}
