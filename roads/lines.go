package roads

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// Lines returns the network for drawing: one line string per chain of
// segments between graph junctions (a node where other than two segments
// meet, or where speed or direction changes), so a winding village road is
// one line, not hundreds. A closed loop of degree-2 nodes is one line that
// ends where it starts. When toleranceM > 0 each line is simplified with
// Douglas–Peucker (github.com/paulmach/orb/simplify) at toleranceM metres,
// converted to degrees at 111,320 m per degree (exact in latitude, an
// under-simplification in longitude away from the equator); its ends are
// always kept. The result covers every segment exactly once.
func (net *Network) Lines(toleranceM float64) orb.MultiLineString {
	inc := net.incidence()
	used := make([]bool, net.seg.len())
	var out orb.MultiLineString
	walk := func(v int32, s int32) {
		ls := orb.LineString{net.Node(int(v))}
		for {
			used[s] = true
			v = net.seg.other(s, v)
			ls = append(ls, net.Node(int(v)))
			next, ok := net.chainNext(inc, v, s)
			if !ok || used[next] {
				break
			}
			s = next
		}
		out = append(out, ls)
	}
	for v := int32(0); v < int32(net.NumNodes()); v++ {
		if net.isJunction(inc, v) {
			for _, s := range inc.segs(v) {
				if !used[s] {
					walk(v, s)
				}
			}
		}
	}
	for s := int32(0); s < int32(net.seg.len()); s++ { // pure loops
		if !used[s] {
			walk(net.seg.a[s], s)
		}
	}
	if toleranceM > 0 {
		dp := simplify.DouglasPeucker(toleranceM / 111320)
		for i := range out {
			out[i] = dp.LineString(out[i])
		}
	}
	return out
}

// incidence is the undirected segment list of every node (CSR).
type incidence struct {
	off []int32
	seg []int32
}

func (in *incidence) segs(v int32) []int32 { return in.seg[in.off[v]:in.off[v+1]] }

func (net *Network) incidence() incidence {
	n := net.NumNodes()
	in := incidence{off: make([]int32, n+1), seg: make([]int32, 2*net.seg.len())}
	for i := range net.seg.a {
		in.off[net.seg.a[i]+1]++
		in.off[net.seg.b[i]+1]++
	}
	for v := range n {
		in.off[v+1] += in.off[v]
	}
	next := make([]int32, n)
	copy(next, in.off[:n])
	for i := range net.seg.a {
		for _, v := range [2]int32{net.seg.a[i], net.seg.b[i]} {
			in.seg[next[v]] = int32(i)
			next[v]++
		}
	}
	return in
}

// other returns the end of segment s that is not v.
func (s *segments) other(i, v int32) int32 {
	if s.a[i] == v {
		return s.b[i]
	}
	return s.a[i]
}

// isJunction reports whether a chain must end at v: v does not have
// exactly two segments, or they differ in speed or direction, or they are
// the same segment's two ends (a self-loop cannot occur; checked anyway).
func (net *Network) isJunction(in incidence, v int32) bool {
	ss := in.segs(v)
	if len(ss) != 2 {
		return true
	}
	s0, s1 := ss[0], ss[1]
	return s0 == s1 || net.seg.speedKmh[s0] != net.seg.speedKmh[s1] || net.seg.dir[s0] != net.seg.dir[s1]
}

// chainNext returns the segment after s at v when v is inside a chain.
func (net *Network) chainNext(in incidence, v, s int32) (int32, bool) {
	if net.isJunction(in, v) {
		return 0, false
	}
	ss := in.segs(v)
	if ss[0] == s {
		return ss[1], true
	}
	return ss[0], true
}
