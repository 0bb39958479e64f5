package roads

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// gonumGraph is the uncontracted network as a gonum weighted digraph over
// points, one edge per segment and permitted direction (the least weight
// of parallel edges): the independent reference for the contracted graph
// and its searches.
func gonumGraph(net *Network, byTime bool) *simple.WeightedDirectedGraph {
	g := simple.NewWeightedDirectedGraph(0, math.Inf(1))
	for v := range net.NumNodes() {
		g.AddNode(simple.Node(v))
	}
	set := func(u, v int32, w float64) {
		if e := g.WeightedEdge(int64(u), int64(v)); e != nil && e.Weight() <= w {
			return
		}
		g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(u), T: simple.Node(v), W: w})
	}
	s := &net.seg
	for i := range int32(s.len()) {
		w := s.lenM[i]
		if byTime {
			w *= s.secondsPerM(i)
		}
		if s.forward(i) {
			set(s.a[i], s.b[i], w)
		}
		if s.backward(i) {
			set(s.b[i], s.a[i], w)
		}
	}
	return g
}

// TestDijkstraAgainstGonum checks forward and backward searches, by
// distance and by time, against gonum's Dijkstra on seeded random graphs.
func TestDijkstraAgainstGonum(t *testing.T) {
	for _, rs := range []uint64{1, 2, 3} {
		net := mustBuild(t, randomWays(rs, 14, 0.8, 0.2))
		for _, byTime := range []bool{false, true} {
			all := path.DijkstraAllPaths(gonumGraph(net, byTime))
			sc := net.getScratch()
			for src := 0; src < net.NumGraphNodes(); src += 7 {
				for _, reverse := range []bool{false, true} {
					g := &net.fwd
					if reverse {
						g = &net.rev
					}
					sc.reset(net.NumGraphNodes())
					net.dijkstra(context.Background(), sc, g, byTime, []seed{{node: int32(src)}}, math.Inf(1), nil)
					ps := int64(net.gpoint[src])
					for v := range net.NumGraphNodes() {
						pv := int64(net.gpoint[v])
						want := all.Weight(ps, pv)
						if reverse {
							want = all.Weight(pv, ps)
						}
						got, _, _, _ := sc.reached(int32(v))
						if !closeRel(got, want, 1e-6) {
							t.Fatalf("seed %d time %v reverse %v: %d–%d: got %v, gonum %v", rs, byTime, reverse, src, v, got, want)
						}
					}
				}
			}
			net.putScratch(sc)
		}
	}
}

// TestDijkstraOtherQuantity checks that the metres carried along a search
// by time are the length of the path found (bounded by the shortest and
// consistent with the speeds).
func TestDijkstraOtherQuantity(t *testing.T) {
	net := mustBuild(t, randomWays(4, 12, 0.9, 0.1))
	sc := net.getScratch()
	defer net.putScratch(sc)
	net.dijkstra(context.Background(), sc, &net.fwd, false, []seed{{node: 0}}, math.Inf(1), nil)
	distM := make([]float64, net.NumGraphNodes())
	for v := range distM {
		distM[v], _, _, _ = sc.reached(int32(v))
	}
	sc.reset(net.NumGraphNodes())
	net.dijkstra(context.Background(), sc, &net.fwd, true, []seed{{node: 0}}, math.Inf(1), nil)
	for v := range net.NumGraphNodes() {
		secs, m, _, ok := sc.reached(int32(v))
		if !ok {
			continue
		}
		if m < distM[v]*(1-1e-12) || secs < m*3.6/100 {
			t.Fatalf("node %d: %v m on the fastest path, shortest %v m, %v s", v, m, distM[v], secs)
		}
	}
}

// TestDijkstraStopsAtNeed checks that a search told which nodes it needs
// settles them and stops there: it settles no node costlier than the
// costliest needed one (a relaxation once cleared the marks, so every such
// search ran over its whole component).
func TestDijkstraStopsAtNeed(t *testing.T) {
	net := mustBuild(t, randomWays(5, 30, 0.9, 0.1))
	full := net.getScratch()
	defer net.putScratch(full)
	src := []seed{{node: 0}}
	net.dijkstra(context.Background(), full, &net.rev, false, src, math.Inf(1), nil)
	all := len(full.seen)
	tests := []struct {
		name string
		need []int32
	}{
		{"near node", []int32{full.seen[10]}},
		{"two nodes, repeated", []int32{full.seen[40], full.seen[5], full.seen[40]}},
		{"the source", []int32{0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := net.getScratch()
			defer net.putScratch(sc)
			net.dijkstra(context.Background(), sc, &net.rev, false, src, math.Inf(1), tc.need)
			worst := 0.0
			for _, v := range tc.need {
				c, _, _, ok := sc.reached(v)
				want, _, _, _ := full.reached(v)
				if !ok || c != want {
					t.Fatalf("needed node %d: got %v (settled %v), full search %v", v, c, ok, want)
				}
				worst = math.Max(worst, c)
			}
			for _, v := range sc.seen {
				if c, _, _, _ := sc.reached(v); c > worst {
					t.Fatalf("settled node %d at %v, beyond the costliest needed node (%v)", v, c, worst)
				}
			}
			if len(sc.seen) >= all {
				t.Fatalf("settled %d of %d nodes: the search did not stop", len(sc.seen), all)
			}
		})
	}
}
