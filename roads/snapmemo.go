package roads

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// SnapMemo remembers where sites join a network, so that the many queries
// of one run (coverage, then sub-centre cover sets, the clinic plan's
// neighbours and routes, each snapping the same villages again) find each
// site's nearest segment once. Give the Metrics of one run the same memo
// (Metric.Memo); results are exactly those without it. It is safe for
// concurrent use and grows with the distinct sites snapped (about 100
// bytes each), so it belongs to a run, not to a long-lived network.
type SnapMemo struct {
	shards [memoShards]memoShard
}

const memoShards = 64

type memoShard struct {
	mu sync.RWMutex
	m  map[memoKey]segHit
}

// memoKey is a site's point on a network under a snapping distance, as
// the bits of the coordinates (0 and -0 folded), which hash faster than
// floats.
type memoKey struct {
	net            *Network
	lon, lat, maxM uint64
}

func newMemoKey(net *Network, p orb.Point, maxM float64) memoKey {
	return memoKey{net: net, lon: zeroBits(p[0]), lat: zeroBits(p[1]), maxM: zeroBits(maxM)}
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
		sm.shards[i].m = map[memoKey]segHit{}
	}
	return sm
}

func (sm *SnapMemo) shard(k memoKey) *memoShard {
	return &sm.shards[(k.lon*0x9E3779B97F4A7C15^k.lat)>>58%memoShards]
}

// nearest returns the unrestricted nearest segment of p on net within
// maxM, from the memo or computed (and remembered).
func (sm *SnapMemo) nearest(net *Network, p orb.Point, maxM float64, buf *snapScratch) segHit {
	k := newMemoKey(net, p, maxM)
	sh := sm.shard(k)
	sh.mu.RLock()
	h, ok := sh.m[k]
	sh.mu.RUnlock()
	if ok {
		return h
	}
	h, _ = net.nearestSegment(p, maxM, nil, buf)
	sh.mu.Lock()
	sh.m[k] = h
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
