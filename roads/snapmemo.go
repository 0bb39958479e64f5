package roads

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
)

// SnapMemo remembers where sites join a network, so that the many queries
// of one run (coverage, then sub-centre cover sets, the clinic plan's
// neighbours and routes, each snapping the same villages again) find each
// site's nearest segment once. Give the Metrics of one run the same memo
// (Metric.Memo); results are exactly those without it. It is safe for
// concurrent use and grows with the distinct sites snapped (about 100
// bytes each), so it belongs to a run, not to a long-lived network. It
// serves the first network and snapping distance it is used with; queries
// with others snap without it.
type SnapMemo struct {
	owner  atomic.Pointer[memoOwner]
	shards [memoShards]memoShard
}

const memoShards = 64

// memoOwner is the network and snapping distance a memo serves: the first
// it is used with. Queries on another network or with another distance
// snap without it.
type memoOwner struct {
	net  *Network
	maxM float64
}

type memoShard struct {
	mu sync.RWMutex
	m  map[uint64]memoEntry // by pointHash of the site
}

// memoEntry is a site's point (as the bits of its coordinates, 0 and -0
// folded: a hash collision is told apart by them) and its snap.
type memoEntry struct {
	lon, lat uint64
	hit      segHit
}

// zeroBits is the bits of x with -0 read as 0.
func zeroBits(x float64) uint64 {
	if x == 0 {
		return 0
	}
	return math.Float64bits(x)
}

// NewSnapMemo returns an empty memo.
func NewSnapMemo() *SnapMemo {
	sm := &SnapMemo{}
	for i := range sm.shards {
		sm.shards[i].m = map[uint64]memoEntry{}
	}
	return sm
}

// serves reports whether the memo is for net and maxM, making it so when
// it is unused.
func (sm *SnapMemo) serves(net *Network, maxM float64) bool {
	o := sm.owner.Load()
	if o == nil {
		sm.owner.CompareAndSwap(nil, &memoOwner{net: net, maxM: maxM})
		o = sm.owner.Load()
	}
	return o.net == net && o.maxM == maxM
}

// nearest returns the unrestricted nearest segment of p on net within
// maxM, from the memo or computed (and remembered).
func (sm *SnapMemo) nearest(net *Network, p orb.Point, maxM float64, buf *snapScratch) segHit {
	if !sm.serves(net, maxM) {
		h, _ := net.nearestSegment(p, maxM, nil, buf)
		return h
	}
	k := pointHash(p[0], p[1])
	x, y := zeroBits(p[0]), zeroBits(p[1])
	sh := &sm.shards[k>>58%memoShards]
	sh.mu.RLock()
	e, ok := sh.m[k]
	sh.mu.RUnlock()
	if ok && e.lon == x && e.lat == y {
		return e.hit
	}
	h, _ := net.nearestSegment(p, maxM, nil, buf)
	sh.mu.Lock()
	sh.m[k] = memoEntry{lon: x, lat: y, hit: h} // a colliding site takes the slot over
	sh.mu.Unlock()
	return h
}

// len is the number of sites remembered.
func (sm *SnapMemo) len() int {
	n := 0
	for i := range sm.shards {
		sh := &sm.shards[i]
		sh.mu.RLock()
		n += len(sh.m)
		sh.mu.RUnlock()
	}
	return n
}

// snapNearest is nearestSegment through the memo when there is one. A
// restricted query (allowed not nil) is answered from the unrestricted
// nearest segment when allowed accepts its piece: that segment is then the
// nearest allowed one too, and no refused segment is nearer. Otherwise it
// is computed in full.
func (net *Network) snapNearest(p orb.Point, maxM float64, allowed func(int32) bool, buf *snapScratch, memo *SnapMemo) (best, other segHit) {
	if memo == nil {
		return net.nearestSegment(p, maxM, allowed, buf)
	}
	h := memo.nearest(net, p, maxM, buf)
	if allowed == nil || h.seg >= 0 && allowed(net.segComp(h.seg)) {
		return h, noHit
	}
	return net.nearestSegment(p, maxM, allowed, buf)
}
