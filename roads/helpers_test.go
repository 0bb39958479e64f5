package roads

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

var testClasses = []string{"primary", "secondary", "tertiary", "unclassified", "residential", "track"}

// randomWays makes a seeded random road network on a jittered side×side
// grid of points 500 m apart near (110°E, 30°N): each grid neighbour pair is
// a road with probability pEdge, of a random class, oneway with probability
// pOneway. Ways carry node ids.
func randomWays(seed uint64, side int, pEdge, pOneway float64) []Way {
	rng := rand.New(rand.NewPCG(seed, 7))
	origin := orb.Point{110, 30}
	pts := make([]orb.Point, side*side)
	for i := range pts {
		x, y := float64(i%side)*500+rng.Float64()*200, float64(i/side)*500+rng.Float64()*200
		pts[i] = geo.Direct(geo.Direct(origin, 90, x), 0, y)
	}
	var ways []Way
	add := func(i, j int) {
		if rng.Float64() >= pEdge {
			return
		}
		w := Way{ID: "w", Points: []orb.Point{pts[i], pts[j]}, NodeIDs: []int64{int64(i), int64(j)},
			Highway: testClasses[rng.IntN(len(testClasses))]}
		if rng.Float64() < pOneway {
			w.Oneway = Forward
			if rng.IntN(2) == 0 {
				w.Oneway = Backward
			}
		}
		ways = append(ways, w)
	}
	for i := range pts {
		if i%side+1 < side {
			add(i, i+1)
		}
		if i+side < len(pts) {
			add(i, i+side)
		}
	}
	return ways
}

// randomSites returns n sites scattered over the randomWays area.
func randomSites(seed uint64, n int, side int) []geo.Site {
	rng := rand.New(rand.NewPCG(seed, 11))
	origin := orb.Point{110, 30}
	out := make([]geo.Site, n)
	span := float64(side) * 500
	for i := range out {
		out[i].Point = geo.Direct(geo.Direct(origin, 90, rng.Float64()*span), 0, rng.Float64()*span)
	}
	return out
}

func mustBuild(t testing.TB, ways []Way) *Network {
	t.Helper()
	net, _, err := Build(ways, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func closeRel(a, b, rel float64) bool {
	if math.IsInf(a, 1) || math.IsInf(b, 1) {
		return a == b
	}
	return math.Abs(a-b) <= rel*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// oneClass gives every way the class "unclassified", so that most points
// where two ways meet are inside a chain: the network contracts heavily.
func oneClass(ways []Way) []Way {
	for i := range ways {
		ways[i].Highway = "unclassified"
	}
	return ways
}

// contracted builds ways and checks that the graph has fewer nodes than
// points.
func contracted(t testing.TB, ways []Way) *Network {
	t.Helper()
	net := mustBuild(t, ways)
	if net.NumGraphNodes()*5 > net.NumNodes()*4 {
		t.Fatalf("%d graph nodes for %d points: too little contraction for the test", net.NumGraphNodes(), net.NumNodes())
	}
	return net
}

// subdivide puts two bent intermediate points into every two-point way
// (new node ids above any given), so that every way is a chain of three
// segments whose inner points the graph contracts away.
func subdivide(ways []Way) []Way {
	next := int64(1 << 40)
	for i, w := range ways {
		if len(w.Points) != 2 {
			continue
		}
		a, b := w.Points[0], w.Points[1]
		at := func(f, bend float64) orb.Point {
			return orb.Point{a[0] + f*(b[0]-a[0]) - bend*(b[1]-a[1]), a[1] + f*(b[1]-a[1]) + bend*(b[0]-a[0])}
		}
		ways[i].Points = []orb.Point{a, at(0.3, 0.1), at(0.7, -0.05), b}
		if w.NodeIDs != nil {
			ways[i].NodeIDs = []int64{w.NodeIDs[0], next, next + 1, w.NodeIDs[1]}
			next += 2
		}
	}
	return ways
}
