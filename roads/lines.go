package roads

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// Lines returns the network for drawing: one line string per edge of the
// contracted graph, a chain of segments between junctions, dead ends and
// changes of speed or direction (so a winding village road is one line,
// not hundreds), in chain order. A closed loop without a junction is one
// line that ends where it starts. When toleranceM > 0 each line is
// simplified with Douglas–Peucker (github.com/paulmach/orb/simplify) at
// toleranceM metres, converted to degrees at 111,320 m per degree (exact
// in latitude, an under-simplification in longitude away from the
// equator); its ends are always kept. Unsimplified, the lines cover every
// segment exactly once.
func (net *Network) Lines(toleranceM float64) orb.MultiLineString {
	out := make(orb.MultiLineString, net.ch.len())
	for c := range out {
		out[c] = net.chainPoints(int32(c))
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
