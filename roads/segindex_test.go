package roads

import (
	"math"
	"math/rand/v2"
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

// TestNearestSegmentLongSegments compares the indexed snap with a scan of
// every segment where the geodesic of a long segment departs from its
// chord in the local plane by metres (L² tan φ / 8R: 1.5 m for 10 km at
// 37°, 5 m at 69°): sites within a few metres of the middle of an
// east–west segment, short segments crossing near them. The planar bounds
// once ignored that departure and snapped some of these sites to a short
// segment up to 1.6 m farther than the long one.
func TestNearestSegmentLongSegments(t *testing.T) {
	for _, tc := range []struct{ latDeg, lenM float64 }{{37, 3000}, {37, 10000}, {60, 10000}, {69, 8000}, {-45, 10000}} {
		rng := rand.New(rand.NewPCG(uint64(tc.latDeg+90), uint64(tc.lenM)))
		a := orb.Point{110, tc.latDeg}
		b := geo.Direct(a, 90, tc.lenM)
		_, azi, _ := geo.Inverse(a, b)
		mid := geo.Direct(a, azi, tc.lenM/2) // on the geodesic
		ways := []Way{{ID: "long", Points: []orb.Point{a, b}, Highway: "primary"}}
		var sites []orb.Point
		for k := range 40 {
			along := geo.Direct(mid, 90, 30+float64(k)*50)
			s1 := geo.Direct(along, 0, 1+rng.Float64()*4)
			ways = append(ways, Way{ID: "short", Points: []orb.Point{s1, geo.Direct(s1, 0, 50)}, Highway: "track"})
			sites = append(sites, geo.Direct(geo.Direct(along, 270, rng.Float64()*2), 0, rng.Float64()*6-3))
		}
		net := mustBuild(t, ways)
		var buf snapScratch
		for k, p := range sites {
			got, _ := net.nearestSegment(p, 5000, nil, &buf)
			want, _ := bruteSnap(net, p, 5000, nil)
			if got.seg != want.seg || math.Abs(got.distM-want.distM) > 1e-9 {
				t.Errorf("lat %g°, %g m: site %d: got seg %d at %.4f m, brute force seg %d at %.4f m",
					tc.latDeg, tc.lenM, k, got.seg, got.distM, want.seg, want.distM)
			}
		}
	}
}
