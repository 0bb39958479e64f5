package roads

import "github.com/paulmach/orb"

// chains are the edges of the contracted graph: maximal runs of segments
// through points where exactly two segments meet with the same speed and a
// consistent direction. Graph nodes are the other points (junctions, dead
// ends, changes of speed or oneway) plus one point of each closed loop that
// has no junction. A chain runs from graph node a to graph node b along
// segs[off[c]:off[c+1]] in order.
type chains struct {
	a, b []int32   // end graph nodes
	lenM []float64 // geodesic length, metres
	spm  []float64 // seconds per metre (one speed along a chain)
	dir  []Oneway  // permitted direction relative to a→b
	off  []int32
	segs []int32
}

func (c *chains) len() int { return len(c.a) }

func (c *chains) forward(i int32) bool  { return c.dir[i] != Backward }
func (c *chains) backward(i int32) bool { return c.dir[i] != Forward }

// placement is where each segment lies on its chain: the chain, the chain
// position in metres of the segment's end nearer the chain's start, and
// whether the segment runs b→a along the chain.
type placement struct {
	chain []int32
	posM  []float64
	flip  []bool
}

// travelsInto reports whether segment s may be travelled towards its end v,
// travelsOut away from it.
func (s *segments) travelsInto(i, v int32) bool {
	return s.b[i] == v && s.forward(i) || s.a[i] == v && s.backward(i)
}

func (s *segments) travelsOut(i, v int32) bool {
	return s.a[i] == v && s.forward(i) || s.b[i] == v && s.backward(i)
}

// passThrough reports whether a chain may continue through point v: two
// distinct segments of the same speed, each entered where the other is
// left.
func (net *Network) passThrough(in *incidence, v int32) bool {
	ss := in.segs(v)
	if len(ss) != 2 || ss[0] == ss[1] {
		return false
	}
	s0, s1, sg := ss[0], ss[1], &net.seg
	return sg.speedKmh[s0] == sg.speedKmh[s1] &&
		sg.travelsInto(s0, v) == sg.travelsOut(s1, v) &&
		sg.travelsOut(s0, v) == sg.travelsInto(s1, v)
}

// contract builds the graph nodes, chains and placements.
func (net *Network) contract() {
	in := net.incidence()
	n := int32(net.NumNodes())
	net.gnode = make([]int32, n)
	for v := range n {
		net.gnode[v] = -1
		if !net.passThrough(&in, v) && in.off[v+1] > in.off[v] {
			net.addGraphNode(v)
		}
	}
	ns := net.seg.len()
	net.place = placement{chain: make([]int32, ns), posM: make([]float64, ns), flip: make([]bool, ns)}
	for i := range net.place.chain {
		net.place.chain[i] = -1
	}
	// Room for the chains up front: at most one per segment, about one per
	// graph node.
	net.ch = chains{off: make([]int32, 1, len(net.gpoint)+1), segs: make([]int32, 0, ns)}
	net.ch.a, net.ch.b = make([]int32, 0, len(net.gpoint)), make([]int32, 0, len(net.gpoint))
	net.ch.lenM, net.ch.spm = make([]float64, 0, len(net.gpoint)), make([]float64, 0, len(net.gpoint))
	net.ch.dir = make([]Oneway, 0, len(net.gpoint))
	for v := range n {
		if net.gnode[v] >= 0 {
			for _, s := range in.segs(v) {
				if net.place.chain[s] < 0 {
					net.walkChain(&in, v, s)
				}
			}
		}
	}
	for s := range int32(ns) { // closed loops without a junction
		if net.place.chain[s] < 0 {
			v := net.seg.a[s]
			net.addGraphNode(v)
			net.walkChain(&in, v, s)
		}
	}
}

func (net *Network) addGraphNode(v int32) {
	net.gnode[v] = int32(len(net.gpoint))
	net.gpoint = append(net.gpoint, v)
}

// walkChain follows the chain leaving point v (a graph node) by segment s.
func (net *Network) walkChain(in *incidence, v, s int32) {
	c := int32(net.ch.len())
	sg, pl := &net.seg, &net.place
	dir := sg.dir[s]
	if sg.b[s] == v { // the chain runs against the segment
		dir = -dir
	}
	start, posM := v, 0.0
	for {
		pl.chain[s], pl.posM[s], pl.flip[s] = c, posM, sg.b[s] == v
		net.ch.segs = append(net.ch.segs, s)
		posM += sg.lenM[s]
		v = sg.other(s, v)
		if net.gnode[v] >= 0 {
			break
		}
		ss := in.segs(v)
		if s = ss[0]; s == net.ch.segs[len(net.ch.segs)-1] {
			s = ss[1]
		}
	}
	ch := &net.ch
	ch.a = append(ch.a, net.gnode[start])
	ch.b = append(ch.b, net.gnode[v])
	ch.lenM = append(ch.lenM, posM)
	ch.spm = append(ch.spm, sg.secondsPerM(net.ch.segs[ch.off[c]]))
	ch.dir = append(ch.dir, dir)
	ch.off = append(ch.off, int32(len(ch.segs)))
}

// chainPos is the chain position in metres of the point alongM metres from
// the first node of segment s.
func (net *Network) chainPos(s int32, alongM float64) float64 {
	if net.place.flip[s] {
		return net.place.posM[s] + net.seg.lenM[s] - alongM
	}
	return net.place.posM[s] + alongM
}

// between returns the points of chain c strictly between chain positions
// p0 and p1 metres, in order from p0 to p1.
func (net *Network) between(c int32, p0, p1 float64) []orb.Point {
	var out []orb.Point
	segs := net.ch.segs[net.ch.off[c]:net.ch.off[c+1]]
	for k := range segs[:len(segs)-1] { // the far end of each segment but the last
		s := segs[k]
		pos := net.place.posM[s] + net.seg.lenM[s]
		if pos > min(p0, p1) && pos < max(p0, p1) {
			out = append(out, net.Node(int(net.farEnd(s))))
		}
	}
	if p0 > p1 {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out
}

// farEnd is the end of segment s farther from its chain's start.
func (net *Network) farEnd(s int32) int32 {
	if net.place.flip[s] {
		return net.seg.a[s]
	}
	return net.seg.b[s]
}

// chainPoints returns the points of chain c from end a to end b.
func (net *Network) chainPoints(c int32) orb.LineString {
	segs := net.ch.segs[net.ch.off[c]:net.ch.off[c+1]]
	ls := make(orb.LineString, 0, len(segs)+1)
	ls = append(ls, net.Node(int(net.gpoint[net.ch.a[c]])))
	for _, s := range segs {
		ls = append(ls, net.Node(int(net.farEnd(s))))
	}
	return ls
}
