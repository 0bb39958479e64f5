package roads

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// ErrTooLarge is returned when a network would exceed the int32 indices the
// graph arrays use (about 2.1 billion nodes or directed edges).
var ErrTooLarge = errors.New("roads: network too large")

// BuildOptions configures the graph builder.
type BuildOptions struct {
	// SpeedsKmh overrides DefaultSpeedsKmh per class (km/h); a class given
	// here becomes routable even if it is in NonRoutable, and a speed <= 0
	// makes a class non-routable.
	SpeedsKmh map[string]float64
}

// DroppedWay is a way the builder could not use, with the reason.
type DroppedWay struct {
	// Index is the way's position in the order the ways were added.
	Index int
	// ID is the way's source identifier (may be empty).
	ID string
	// Reason says what was wrong, e.g. "point 3: invalid coordinate".
	Reason string
}

// BuildReport tells what the builder did with its input.
type BuildReport struct {
	// Ways is the number of ways given; Routable how many were kept.
	Ways, Routable int
	// NonRoutable counts ways skipped for their class (footway, path, …),
	// by class.
	NonRoutable map[string]int
	// Dropped lists every way of a routable class that was invalid.
	Dropped []DroppedWay
	// RepeatedPoints counts consecutive repeated points that were skipped
	// (they make no segment).
	RepeatedPoints int
	// NodeConflicts counts node ids met again with other coordinates; the
	// first coordinates are kept.
	NodeConflicts int
	// Nodes, Segments and Components describe the result; LargestComponent
	// is the node count of the largest weakly connected component.
	Nodes, Segments, Components, LargestComponent int
}

// Builder builds a Network from ways added one at a time, so a reader can
// stream a large file without holding its ways. The zero value is not
// usable; call NewBuilder.
type Builder struct {
	opt    BuildOptions
	rep    BuildReport
	byID   map[int64]int32
	byXY   pointTable
	lon    []float64
	lat    []float64
	seg    segments
	nodeIx []int32 // scratch: the node of each point of the current way
}

// NewBuilder returns a Builder with the given options.
func NewBuilder(opt BuildOptions) *Builder {
	b := &Builder{
		opt:  opt,
		rep:  BuildReport{NonRoutable: map[string]int{}},
		byID: map[int64]int32{},
	}
	b.byXY.reserve(0, nil, nil)
	return b
}

// reserve makes room for about points way points (and as many segments).
func (b *Builder) reserve(points int) {
	b.lon = slices.Grow(b.lon, points)
	b.lat = slices.Grow(b.lat, points)
	b.byXY.reserve(points, b.lon, b.lat)
	s := &b.seg
	s.a, s.b = slices.Grow(s.a, points), slices.Grow(s.b, points)
	s.lenM, s.speedKmh, s.dir = slices.Grow(s.lenM, points), slices.Grow(s.speedKmh, points), slices.Grow(s.dir, points)
}

// Build builds a Network from ways. The error is non-nil only when the
// network is too large for its indices; invalid ways are reported, not
// fatal.
func Build(ways []Way, opt BuildOptions) (*Network, *BuildReport, error) {
	b := NewBuilder(opt)
	points := 0
	for i := range ways {
		points += len(ways[i].Points)
	}
	b.reserve(points)
	for i := range ways {
		b.Add(ways[i])
	}
	return b.Finish()
}

// Add adds one way. Ways of a non-routable class are counted (a SpeedKmh
// on such a way does not make it routable; BuildOptions.SpeedsKmh can);
// invalid ways
// (fewer than two points, a coordinate that is not a finite WGS84 lon/lat, a
// segment longer than half the globe in longitude, a NodeIDs slice of the
// wrong length, a speed that is not a positive finite number) are reported
// in the BuildReport and skipped.
func (b *Builder) Add(w Way) {
	idx := b.rep.Ways
	b.rep.Ways++
	speed, ok := b.opt.classSpeedKmh(w.Highway)
	if !ok {
		b.rep.NonRoutable[w.Highway]++
		return
	}
	if w.SpeedKmh != 0 {
		speed = w.SpeedKmh
	}
	if reason := checkWay(&w, speed); reason != "" {
		b.rep.Dropped = append(b.rep.Dropped, DroppedWay{Index: idx, ID: w.ID, Reason: reason})
		return
	}
	b.addNodes(&w)
	before := b.seg.len()
	for k := 1; k < len(w.Points); k++ {
		a, c := b.nodeIx[k-1], b.nodeIx[k]
		if a == c {
			b.rep.RepeatedPoints++
			continue
		}
		b.seg.add(a, c, 0, float32(speed), w.Oneway) // length set in Finish
	}
	if b.seg.len() == before {
		// checkWay rules this out; report rather than trust it.
		b.rep.Dropped = append(b.rep.Dropped, DroppedWay{Index: idx, ID: w.ID, Reason: "no segment"})
		return
	}
	b.rep.Routable++
}

// checkWay returns why w cannot be used, or "".
func checkWay(w *Way, speedKmh float64) string {
	switch {
	case len(w.Points) < 2:
		return fmt.Sprintf("%d point(s): a way needs at least 2", len(w.Points))
	case w.NodeIDs != nil && len(w.NodeIDs) != len(w.Points):
		return fmt.Sprintf("%d node ids for %d points", len(w.NodeIDs), len(w.Points))
	case !(speedKmh > 0) || math.IsInf(speedKmh, 0):
		return fmt.Sprintf("speed %v km/h is not a positive number", speedKmh)
	case w.Oneway < Backward || w.Oneway > Forward:
		return fmt.Sprintf("oneway %d is not -1, 0 or 1", w.Oneway)
	}
	if allSame(w) {
		return "all points coincide: no segment"
	}
	for k, p := range w.Points {
		if !geo.ValidPoint(p) || math.Abs(p[0]) > 180 {
			return fmt.Sprintf("point %d: invalid coordinate (%v, %v)", k, p[0], p[1])
		}
		if k > 0 && math.Abs(p[0]-w.Points[k-1][0]) > 180 {
			return fmt.Sprintf("segment %d crosses the antimeridian", k)
		}
	}
	return ""
}

// allSame reports whether every point of w is the same node.
func allSame(w *Way) bool {
	for k := 1; k < len(w.Points); k++ {
		if w.NodeIDs != nil && w.NodeIDs[k] != w.NodeIDs[0] || w.NodeIDs == nil && w.Points[k] != w.Points[0] {
			return false
		}
	}
	return true
}

// addNodes fills b.nodeIx with the node of each point of w, creating nodes
// as needed. Ways with NodeIDs join by id, others by exact coordinates.
func (b *Builder) addNodes(w *Way) {
	b.nodeIx = b.nodeIx[:0]
	for k, p := range w.Points {
		var n int32
		if w.NodeIDs != nil {
			v, ok := b.byID[w.NodeIDs[k]]
			if !ok {
				v = b.newNode(p)
				b.byID[w.NodeIDs[k]] = v
			} else if b.lon[v] != p[0] || b.lat[v] != p[1] {
				b.rep.NodeConflicts++
			}
			n = v
		} else {
			v, slot := b.byXY.find(p[0], p[1], b.lon, b.lat)
			if v < 0 {
				v = b.appendNode(p)
				b.byXY.insert(v, slot, b.lon, b.lat) // one probe: none again in newNode
			}
			n = v
		}
		b.nodeIx = append(b.nodeIx, n)
	}
}

// newNode adds a node at p; a way without node ids may join it by
// coordinates unless another node is already at p.
func (b *Builder) newNode(p orb.Point) int32 {
	v, slot := b.byXY.find(p[0], p[1], b.lon, b.lat)
	n := b.appendNode(p)
	if v < 0 {
		b.byXY.insert(n, slot, b.lon, b.lat)
	}
	return n
}

func (b *Builder) appendNode(p orb.Point) int32 {
	n := int32(len(b.lon))
	b.lon = append(b.lon, p[0])
	b.lat = append(b.lat, p[1])
	return n
}

// Finish builds the network from the ways added so far and returns it with
// the report. The Builder must not be used afterwards.
func (b *Builder) Finish() (*Network, *BuildReport, error) {
	if len(b.lon) >= math.MaxInt32 || 2*b.seg.len() >= math.MaxInt32 {
		return nil, &b.rep, fmt.Errorf("%w: %d nodes, %d segments", ErrTooLarge, len(b.lon), b.seg.len())
	}
	b.byID, b.byXY = nil, pointTable{}
	b.renumber()
	s := &b.seg
	parallelFor(context.Background(), s.len(), 4096, func(_, i int) {
		pa := orb.Point{b.lon[s.a[i]], b.lat[s.a[i]]}
		pb := orb.Point{b.lon[s.b[i]], b.lat[s.b[i]]}
		s.lenM[i] = geo.DistanceM(pa, pb)
	})
	net := newNetwork(b.lon, b.lat, b.seg)
	b.rep.Nodes = net.NumNodes()
	b.rep.Segments = net.NumSegments()
	b.rep.Components = len(net.compNodes)
	for _, c := range net.compNodes {
		b.rep.LargestComponent = max(b.rep.LargestComponent, int(c))
	}
	return net, &b.rep, nil
}

// renumber puts the nodes in Hilbert-curve order of their coordinates, so
// that nodes near each other on the ground are near each other in memory
// and searches touch fewer cache lines.
func (b *Builder) renumber() {
	pts := make([]orb.Point, len(b.lon))
	for v := range pts {
		pts[v] = orb.Point{b.lon[v], b.lat[v]}
	}
	order := geo.SpatialOrder(pts)
	newID := make([]int32, len(order))
	for k, old := range order {
		newID[old] = int32(k)
		b.lon[k], b.lat[k] = pts[old][0], pts[old][1]
	}
	for i := range b.seg.a {
		b.seg.a[i], b.seg.b[i] = newID[b.seg.a[i]], newID[b.seg.b[i]]
	}
}
