package roads

import (
	"math"
	"testing"

	"github.com/catchment/catchment/geo"

	"github.com/paulmach/orb"
)

// TestNearestSegmentBruteForce compares the indexed snap with a scan of
// every segment, with and without a piece restriction.
func TestNearestSegmentBruteForce(t *testing.T) {
	net := mustBuild(t, randomWays(30, 20, 0.6, 0.2))
	sites := randomSites(31, 300, 24)        // some beyond the network's edge
	for v := 0; v < net.NumNodes(); v += 7 { // on a node: ties at 0 m between its segments
		sites = append(sites, geo.Site{Point: net.Node(v)})
	}
	var buf snapScratch
	for k, s := range sites {
		for _, allowed := range []func(int32) bool{nil, func(c int32) bool { return c%2 == 1 }} {
			got, other := net.nearestSegment(s.Point, 5000, allowed, &buf)
			want, wantOther := bruteSnap(net, s.Point, 5000, allowed)
			if got.seg != want.seg || math.Abs(got.distM-want.distM) > 1e-9 {
				t.Fatalf("site %d: got seg %d at %.6f m, brute force seg %d at %.6f m", k, got.seg, got.distM, want.seg, want.distM)
			}
			if other.seg != wantOther.seg {
				t.Fatalf("site %d: passed over %d, brute force %d", k, other.seg, wantOther.seg)
			}
		}
	}
}

func bruteSnap(net *Network, p orb.Point, maxM float64, allowed func(int32) bool) (best, other segHit) {
	best, other = noHit, noHit
	for s := range int32(net.NumSegments()) {
		h := net.hit(p, s)
		if allowed == nil || allowed(net.segComp(s)) {
			if better(h, best) {
				best = h
			}
		} else if better(h, other) {
			other = h
		}
	}
	if best.distM > maxM {
		best = noHit
	}
	if other.distM >= best.distM {
		other = noHit
	}
	return best, other
}
