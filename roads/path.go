package roads

import (
	"context"
	"errors"
	"fmt"
	"math"

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
	m.Net.dijkstra(ctx, sc, &m.Net.rev, m.byTime(), m.targetSeeds(t, 0, nil), math.Inf(1), nil, 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cost, _, label := m.viaGraph(sc, o)
	line := orb.LineString{from.Point, o.foot}
	if c, _, ok := m.viaSegment(o, t); ok && (label < 0 || c <= cost) {
		return dedupe(append(line, t.foot, to.Point)), nil
	}
	if label < 0 {
		return nil, fmt.Errorf("%w: no road from %q to %q", ErrUnreachable, from.ID, to.ID)
	}
	v := m.bestExit(sc, o)
	for ; v >= 0; v = sc.node[v].pred {
		line = append(line, m.Net.Node(int(v)))
	}
	return dedupe(append(line, t.foot, to.Point)), nil
}

// bestExit is the exit node of o that viaGraph chose.
func (m Metric) bestExit(sc *scratch, o segHit) int32 {
	best, bestC := int32(-1), math.Inf(1)
	am, as := m.accessLeg(o)
	for _, l := range m.Net.exits(o) {
		if c, _, _, ok := sc.reached(l.node); l.valid && ok {
			lc, _ := m.pick(am+l.m, as+l.s)
			if best < 0 || c+lc < bestC {
				best, bestC = l.node, c+lc
			}
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
