package roads

import (
	"sync"

	"github.com/paulmach/orb"
)

// segments holds the road segments, one per pair of consecutive way
// points, as parallel arrays. A segment joins nodes a and b; its length is
// the WGS84 geodesic in metres.
type segments struct {
	a, b     []int32
	lenM     []float64
	speedKmh []float32
	dir      []Oneway
}

func (s *segments) len() int { return len(s.a) }

func (s *segments) add(a, b int32, lenM float64, speedKmh float32, dir Oneway) {
	s.a = append(s.a, a)
	s.b = append(s.b, b)
	s.lenM = append(s.lenM, lenM)
	s.speedKmh = append(s.speedKmh, speedKmh)
	s.dir = append(s.dir, dir)
}

// forward reports whether segment i may be travelled from a to b, backward
// from b to a.
func (s *segments) forward(i int32) bool  { return s.dir[i] != Backward }
func (s *segments) backward(i int32) bool { return s.dir[i] != Forward }

// secondsPerM is the travel time in seconds of one metre of segment i.
func (s *segments) secondsPerM(i int32) float64 { return 3.6 / float64(s.speedKmh[i]) }

// csr is one direction of the contracted graph in compressed sparse row
// form: the edges of graph node v are off[v]..off[v+1] of to (the other
// graph node), lenM (metres), secs (seconds) and edge (chain<<1, plus 1
// when the edge runs the chain from b to a).
type csr struct {
	off  []int32
	to   []int32
	lenM []float64
	secs []float64
	edge []int32
}

// Network is a routable road graph. Every way point is a point; every pair
// of consecutive points is a segment (the unit of snapping). Searches run
// on the contracted graph: its nodes are the junctions, dead ends and
// changes of speed or direction, its edges the chains of segments between
// them, each giving one directed edge per permitted direction. Points are
// numbered along a Hilbert curve for memory locality. The arrays are
// contiguous. A Network is immutable once built and safe for concurrent
// use.
type Network struct {
	lon, lat  []float64 // point coordinates, degrees
	seg       segments
	gnode     []int32 // graph node of each point, -1 inside a chain
	gpoint    []int32 // point of each graph node
	ch        chains
	place     placement
	fwd, rev  csr     // out-edges, and in-edges for searches run backwards
	comp      []int32 // weakly connected component of each point
	compNodes []int32 // point count of each component
	largest   int32   // the component with the most points, -1 when none
	index     segIndex
	pool      sync.Pool // *scratch
}

// newNetwork derives the contracted graph, components and segment index.
func newNetwork(lon, lat []float64, seg segments) *Network {
	net := &Network{lon: lon, lat: lat, seg: seg}
	var wg sync.WaitGroup
	wg.Go(func() { net.index = newSegIndex(net) })
	wg.Go(func() {
		net.comp, net.compNodes = components(len(lon), &net.seg)
		net.largest = largestOf(net.compNodes)
	})
	net.contract()
	wg.Go(func() { net.fwd = buildCSR(len(net.gpoint), &net.ch, false) })
	net.rev = buildCSR(len(net.gpoint), &net.ch, true)
	wg.Wait()
	return net
}

// buildCSR builds the out-edges (reverse false) or the in-edges (reverse
// true) of every graph node from the chains.
func buildCSR(n int, ch *chains, reverse bool) csr {
	g := csr{off: make([]int32, n+1)}
	each := func(fn func(from, to int32, e int32)) {
		for i := int32(0); i < int32(ch.len()); i++ {
			a, b := ch.a[i], ch.b[i]
			if ch.forward(i) {
				if reverse {
					fn(b, a, i<<1)
				} else {
					fn(a, b, i<<1)
				}
			}
			if ch.backward(i) {
				if reverse {
					fn(a, b, i<<1|1)
				} else {
					fn(b, a, i<<1|1)
				}
			}
		}
	}
	each(func(from, _, _ int32) { g.off[from+1]++ })
	for v := 0; v < n; v++ {
		g.off[v+1] += g.off[v]
	}
	m := g.off[n]
	g.to = make([]int32, m)
	g.lenM = make([]float64, m)
	g.secs = make([]float64, m)
	g.edge = make([]int32, m)
	next := make([]int32, n)
	copy(next, g.off[:n])
	each(func(from, to, e int32) {
		k := next[from]
		next[from]++
		c := e >> 1
		g.to[k] = to
		g.lenM[k] = ch.lenM[c]
		g.secs[k] = ch.lenM[c] * ch.spm[c]
		g.edge[k] = e
	})
	return g
}

// components labels the weakly connected components with union–find and
// returns each node's label (0..k-1, in order of each component's first
// node) and the node count of each component.
func components(n int, s *segments) (label, size []int32) {
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i := range s.a {
		ra, rb := find(s.a[i]), find(s.b[i])
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb) // a root is its set's least node
		}
	}
	label = make([]int32, n)
	for v := int32(0); v < int32(n); v++ {
		if r := find(v); r == v {
			label[v] = int32(len(size))
			size = append(size, 0)
		} else {
			label[v] = label[r] // r < v, labelled already
		}
		size[label[v]]++
	}
	return label, size
}

// NumNodes is the number of points (way points after joining).
func (net *Network) NumNodes() int { return len(net.lon) }

// NumGraphNodes is the number of nodes of the contracted graph searches
// run on (junctions, dead ends, changes of speed or direction).
func (net *Network) NumGraphNodes() int { return len(net.gpoint) }

// NumSegments is the number of road segments (undirected pieces between
// consecutive points).
func (net *Network) NumSegments() int { return net.seg.len() }

// NumEdges is the number of directed edges of the contracted graph (a
// two-way chain of segments gives two).
func (net *Network) NumEdges() int { return len(net.fwd.to) }

// Node returns the coordinates of node v (lon/lat degrees).
func (net *Network) Node(v int) orb.Point { return orb.Point{net.lon[v], net.lat[v]} }

// Components is the number of weakly connected components.
func (net *Network) Components() int { return len(net.compNodes) }

// Component returns the weakly connected component of node v (0 to
// Components()-1) and that component's node count.
func (net *Network) Component(v int) (c, nodes int) {
	c = int(net.comp[v])
	return c, int(net.compNodes[c])
}

// Segment describes segment i: its end nodes, geodesic length in metres,
// speed in km/h and permitted direction.
func (net *Network) Segment(i int) (a, b int, lenM, speedKmh float64, dir Oneway) {
	s := &net.seg
	return int(s.a[i]), int(s.b[i]), s.lenM[i], float64(s.speedKmh[i]), s.dir[i]
}
