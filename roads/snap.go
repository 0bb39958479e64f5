package roads

import (
	"context"
	"fmt"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// siteSnap is how one site joins the network in a query.
type siteSnap struct {
	hit     segHit  // seg -1 when unreachable
	passedM float64 // distance to a nearer fragment passed over, or 0
	reason  string  // why the site is unreachable, or ""
}

func (s *siteSnap) ok() bool { return s.hit.seg >= 0 }

// snapAll snaps every point within maxM metres, in parallel. allowed, when
// not nil, restricts site i to the pieces (components) it accepts.
func (net *Network) snapAll(ctx context.Context, pts []geo.Site, maxM float64, allowed func(i int, comp int32) bool, memo *SnapMemo) ([]siteSnap, error) {
	out := make([]siteSnap, len(pts))
	bufs := make([]snapScratch, workerCount())
	where := make([]orb.Point, len(pts))
	for i := range pts {
		where[i] = pts[i].Point
	}
	order := geo.SpatialOrder(where) // neighbours in turn: the index stays in cache
	err := parallelFor(ctx, len(pts), 256, func(w, k int) {
		i := order[k]
		var ok func(int32) bool
		if allowed != nil {
			ok = func(c int32) bool { return allowed(i, c) }
		}
		out[i] = net.snapOne(pts[i].Point, maxM, ok, &bufs[w], memo)
	})
	return out, err
}

func (net *Network) snapOne(p orb.Point, maxM float64, allowed func(int32) bool, buf *snapScratch, memo *SnapMemo) siteSnap {
	if !geo.ValidPoint(p) || p[0] < -180 || p[0] > 180 {
		return siteSnap{hit: noHit, reason: fmt.Sprintf("invalid coordinate (%v, %v)", p[0], p[1])}
	}
	best, other := net.snapNearest(p, maxM, allowed, buf, memo)
	s := siteSnap{hit: best}
	if other.seg >= 0 {
		s.passedM = other.distM
	}
	if best.seg < 0 {
		s.reason = fmt.Sprintf("no road within %g km", maxM/1000)
		if allowed != nil && other.seg >= 0 {
			s.reason = fmt.Sprintf("no connected road within %g km (a road piece %.0f m away joins nothing)", maxM/1000, other.distM)
		}
	}
	return s
}

// pieceSet marks the components holding the snap of at least one site.
func (net *Network) pieceSet(snaps []siteSnap) []bool {
	set := make([]bool, len(net.compNodes))
	for i := range snaps {
		if snaps[i].ok() {
			set[net.segComp(snaps[i].hit.seg)] = true
		}
	}
	return set
}

func (net *Network) segComp(s int32) int32 { return net.comp[net.seg.a[s]] }

// snapQuery snaps origins and targets by the rule of Nearest and Within:
// targets onto the largest piece or pieces holding an origin's nearest
// segment (any piece when there is none in reach), then origins onto
// pieces holding a target.
func (m Metric) snapQuery(ctx context.Context, origins, targets []geo.Site) (os, ts []siteSnap, err error) {
	net, maxM := m.Net, m.maxSnapM()
	if os, err = net.snapAll(ctx, origins, maxM, nil, m.Memo); err != nil {
		return nil, nil, err
	}
	oPieces := net.pieceSet(os)
	if main := net.largestComponent(); main >= 0 {
		oPieces[main] = true
	}
	if ts, err = net.snapAll(ctx, targets, maxM, func(_ int, c int32) bool { return oPieces[c] }, m.Memo); err != nil {
		return nil, nil, err
	}
	var redo []int
	for j := range ts {
		if !ts[j].ok() {
			redo = append(redo, j)
		}
	}
	if err = m.resnap(ctx, targets, ts, redo, nil); err != nil {
		return nil, nil, err
	}
	tPieces := net.pieceSet(ts)
	redo = redo[:0]
	for i := range os {
		if os[i].ok() && !tPieces[net.segComp(os[i].hit.seg)] {
			redo = append(redo, i)
		}
	}
	err = m.resnap(ctx, origins, os, redo, func(c int32) bool { return tPieces[c] })
	return os, ts, err
}

// resnap snaps sites[idx] again into snaps under allowed.
func (m Metric) resnap(ctx context.Context, sites []geo.Site, snaps []siteSnap, idx []int, allowed func(int32) bool) error {
	if len(idx) == 0 {
		return nil
	}
	sub := make([]geo.Site, len(idx))
	for k, i := range idx {
		sub[k] = sites[i]
	}
	var ok func(int, int32) bool
	if allowed != nil {
		ok = func(_ int, c int32) bool { return allowed(c) }
	}
	res, err := m.Net.snapAll(ctx, sub, m.maxSnapM(), ok, m.Memo)
	for k, i := range idx {
		snaps[i] = res[k]
	}
	return err
}

// snapSites snaps sites by the rule of Matrix, Access and Path: a site
// alone on its piece moves to the nearest segment of the largest piece or
// of a piece holding another site's nearest segment; with none in reach it
// keeps its snap.
func (m Metric) snapSites(ctx context.Context, sites []geo.Site) ([]siteSnap, error) {
	net := m.Net
	ss, err := net.snapAll(ctx, sites, m.maxSnapM(), nil, m.Memo)
	if err != nil {
		return nil, err
	}
	var comps []int32 // the pieces of the snaps, one entry per snap, sorted
	for i := range ss {
		if ss[i].ok() {
			comps = append(comps, net.segComp(ss[i].hit.seg))
		}
	}
	slices.Sort(comps)
	count := func(c int32) int {
		lo, _ := slices.BinarySearch(comps, c)
		hi, _ := slices.BinarySearch(comps, c+1)
		return hi - lo
	}
	var redo []int
	for i := range ss {
		if ss[i].ok() && count(net.segComp(ss[i].hit.seg)) == 1 && len(sites) > 1 {
			redo = append(redo, i)
		}
	}
	sub := make([]geo.Site, len(redo))
	for k, i := range redo {
		sub[k] = sites[i]
	}
	main := net.largestComponent()
	res, err := net.snapAll(ctx, sub, m.maxSnapM(), func(k int, c int32) bool {
		return (count(c) > 0 || c == main) && c != net.segComp(ss[redo[k]].hit.seg)
	}, m.Memo)
	for k, i := range redo {
		if res[k].ok() {
			ss[i] = res[k]
		}
	}
	return ss, err
}

// access converts snaps to geo.Access values.
func access(snaps []siteSnap) []geo.Access {
	out := make([]geo.Access, len(snaps))
	for i, s := range snaps {
		out[i] = geo.Access{PassedOverM: s.passedM, Unreachable: s.reason}
		if s.ok() {
			out[i].SnapM = s.hit.distM
		}
	}
	return out
}

// Access reports how each site joins the network under the rule of Matrix
// (a piece holding another site); see AccessTo for the rule of Nearest.
func (m Metric) Access(ctx context.Context, sites []geo.Site) ([]geo.Access, error) {
	if m.Net == nil {
		return nil, ErrNoNetwork
	}
	ss, err := m.snapSites(ctx, sites)
	if err != nil {
		return nil, err
	}
	return access(ss), nil
}

// AccessTo reports how origins and targets join the network in Nearest and
// Within with the same arguments.
func (m Metric) AccessTo(ctx context.Context, origins, targets []geo.Site) (o, t []geo.Access, err error) {
	if m.Net == nil {
		return nil, nil, ErrNoNetwork
	}
	os, ts, err := m.snapQuery(ctx, origins, targets)
	if err != nil {
		return nil, nil, err
	}
	return access(os), access(ts), nil
}

// largestComponent is the component with the most nodes (the lowest label
// on ties), -1 for an empty network; computed with the components.
func (net *Network) largestComponent() int32 { return net.largest }

// largestOf is the index of the greatest of sizes (the first on ties), -1
// for none.
func largestOf(sizes []int32) int32 {
	best := int32(-1)
	for c, n := range sizes {
		if best < 0 || n > sizes[best] {
			best = int32(c)
		}
	}
	return best
}
