package maps

import (
	"math"

	"github.com/catchment/catchment/planner"
	"gonum.org/v1/plot/vg"
)

// labelObstacles are the fine features a label should not hide: village
// dots (the box of each marker) and lines (each segment of an itinerant
// route and of a joint clinic's host-to-member link). They are bucketed in
// a uniform grid over the frame, so that what a candidate label box hides
// is found without scanning every village of a province map. Positions
// are page points.
type labelObstacles struct {
	min    vg.Point
	cell   vg.Length
	nx, ny int
	cells  [][]int32 // obstacle indices per cell, row-major
	items  []obstacle
	seen   []uint32 // stamp per item: counted once per query
	stamp  uint32
}

// obstacle is a symbol's box (seg false) or a line segment a–b; hiding it
// costs weight.
type obstacle struct {
	box    vg.Rectangle // the segment's bounding box for a segment
	seg    bool
	a, b   vg.Point
	weight int
}

// Obstacle weights: hiding a township health centre's triangle costs a
// label position as much as hiding this many village dots or line
// segments.
const (
	fineWeight     = 1
	thcLabelWeight = 3
)

// obstacleCellPt is the grid's cell size in points: about a short label's
// height, so a label box spans a few cells.
const obstacleCellPt = 16

func newLabelObstacles(frame vg.Rectangle) *labelObstacles {
	size := frame.Size()
	o := &labelObstacles{min: frame.Min, cell: obstacleCellPt}
	o.nx = max(1, int(math.Ceil(float64(size.X/o.cell))))
	o.ny = max(1, int(math.Ceil(float64(size.Y/o.cell))))
	o.cells = make([][]int32, o.nx*o.ny)
	return o
}

// cellRange is the cells r overlaps, clamped to the grid; ok is false when
// r lies wholly outside it.
func (o *labelObstacles) cellRange(r vg.Rectangle) (x0, y0, x1, y1 int, ok bool) {
	idx := func(v, min vg.Length) int { return int(math.Floor(float64((v - min) / o.cell))) }
	x0, x1 = idx(r.Min.X, o.min.X), idx(r.Max.X, o.min.X)
	y0, y1 = idx(r.Min.Y, o.min.Y), idx(r.Max.Y, o.min.Y)
	if x1 < 0 || y1 < 0 || x0 >= o.nx || y0 >= o.ny {
		return 0, 0, 0, 0, false
	}
	return max(x0, 0), max(y0, 0), min(x1, o.nx-1), min(y1, o.ny-1), true
}

func (o *labelObstacles) add(it obstacle) {
	x0, y0, x1, y1, ok := o.cellRange(it.box)
	if !ok {
		return
	}
	k := int32(len(o.items))
	o.items = append(o.items, it)
	o.seen = append(o.seen, 0)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			o.cells[y*o.nx+x] = append(o.cells[y*o.nx+x], k)
		}
	}
}

// addBox adds a marker's box.
func (o *labelObstacles) addBox(box vg.Rectangle, weight int) {
	o.add(obstacle{box: box, weight: weight})
}

// addLine adds every segment of a polyline.
func (o *labelObstacles) addLine(pts []vg.Point) {
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		box := vg.Rectangle{Min: vg.Point{X: min(a.X, b.X), Y: min(a.Y, b.Y)}, Max: vg.Point{X: max(a.X, b.X), Y: max(a.Y, b.Y)}}
		o.add(obstacle{box: box, seg: true, a: a, b: b, weight: fineWeight})
	}
}

// cost is the weight of the obstacles r hides: boxes it overlaps and
// segments that pass through it, each once.
func (o *labelObstacles) cost(r vg.Rectangle) int {
	x0, y0, x1, y1, ok := o.cellRange(r)
	if !ok {
		return 0
	}
	o.stamp++
	if o.stamp == 0 { // wrapped: clear the stamps
		clear(o.seen)
		o.stamp = 1
	}
	n := 0
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, k := range o.cells[y*o.nx+x] {
				if o.seen[k] == o.stamp {
					continue
				}
				o.seen[k] = o.stamp
				it := &o.items[k]
				if it.seg && segmentHits(it.a, it.b, r) || !it.seg && overlaps(r, it.box) {
					n += it.weight
				}
			}
		}
	}
	return n
}

// segmentHits reports whether the segment a–b passes through r (touching
// its edge counts), by Liang–Barsky clipping.
func segmentHits(a, b vg.Point, r vg.Rectangle) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	for _, e := range [4][2]float64{
		{-dx, float64(a.X - r.Min.X)}, {dx, float64(r.Max.X - a.X)},
		{-dy, float64(a.Y - r.Min.Y)}, {dy, float64(r.Max.Y - a.Y)},
	} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = min(t1, t)
		}
	}
	return t0 <= t1
}

// labelObstacles collects, as they are drawn, the map's township health
// centres, village dots, itinerant routes and joint-clinic links.
func (m *Map) labelObstacles() *labelObstacles {
	o := newLabelObstacles(m.layout.frame)
	for _, f := range m.scene.Facilities {
		if f.Type == planner.TownshipHealthCentre {
			o.addBox(symbolBox(m.proj.Point(f.Location), thcRadiusPt*m.layout.facilityScale*0.8), thcLabelWeight)
		}
	}
	for _, v := range m.scene.Villages {
		o.addBox(symbolBox(m.proj.Point(v.Location), VillageRadius(v.Population)*m.layout.markerScale), fineWeight)
	}
	for _, r := range m.scene.Routes {
		o.addLine(m.project(r.Path))
	}
	for _, j := range m.scene.Joint {
		host := m.proj.Point(j.Host)
		for _, p := range j.Members {
			o.addLine([]vg.Point{host, m.proj.Point(p)})
		}
	}
	return o
}
