package maps

import (
	"math"

	"github.com/catchment/catchment/data/i18n"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
)

// roadWidthPt is the stroke width of the faint road network, in points.
const roadWidthPt = 0.5

// RoadToleranceM is the simplification tolerance, in metres, that suits
// a road network drawn on a map of the given extent (metres across) and
// width in points: about a quarter of a point on the page, never below
// 1 m. Pass it to roads.Network.Lines to build Scene.Roads.
func RoadToleranceM(extentM float64, widthPt float64) float64 {
	if !(extentM > 0) || !(widthPt > 0) {
		return 1
	}
	return math.Max(1, extentM/widthPt*0.25)
}

// drawRoads strokes the scene's road lines faintly, clipped to the frame,
// under everything but the boundaries.
func (m *Map) drawRoads(c vg.Canvas) {
	if len(m.scene.Roads) == 0 {
		return
	}
	dc := m.frameCanvas(c)
	for _, ls := range m.scene.Roads {
		if len(ls) < 2 {
			continue
		}
		for _, line := range dc.ClipLinesXY(m.project(ls)) {
			stroke(c, polyPath(line, false), palette.Road, roadWidthPt)
		}
	}
}

// metricPhrase says how the statuses were measured: "by road", "by the
// distance matrix", or "" for the straight line.
func (s *Scene) metricPhrase(l i18n.Lang) string {
	switch s.Metric {
	case "", "straight":
		return ""
	case "road":
		return l.S(mw.byRoad)
	case "od":
		return l.S(mw.byMatrix)
	}
	return l.F(mw.by, s.Metric)
}

// radiusPhrase is the radius with its metric for the subtitle: "15 km
// emergency radius (WGS84 geodesic)", "15 km by road", "30 min by road";
// "" when the scene has no radius.
func (s *Scene) radiusPhrase(l i18n.Lang) string {
	by := s.metricPhrase(l)
	switch {
	case s.RadiusMinutes > 0:
		return l.F(mw.radiusMinutes, trimFloat(s.RadiusMinutes), by)
	case s.RadiusKm > 0 && by == "":
		return l.F(mw.radiusStraight, trimFloat(s.RadiusKm))
	case s.RadiusKm > 0:
		return l.F(mw.radiusWithin, trimFloat(s.RadiusKm), by)
	}
	return ""
}

// villagesHeading is the legend heading of the village classes, naming
// the metric when it is not the straight line: "Villages (within 15 km
// by road)".
func (s *Scene) villagesHeading(l i18n.Lang) string {
	if s.metricPhrase(l) == "" && s.RadiusMinutes == 0 {
		return l.S(mw.villages)
	}
	return l.F(mw.villagesBy, s.radiusPhrase(l))
}

// SetRoads sets Scene.Roads to net's lines simplified for a map of page
// width widthPt (0: DefaultSize) showing the scene's data: RoadToleranceM
// of the data's east-west extent, so no simplification is visible. Only
// lines with a point within the data's extent (grown by a tenth) are kept.
// Call it after the villages, facilities and sites are set.
func (s *Scene) SetRoads(net *roads.Network, widthPt vg.Length) {
	if net == nil || s.empty() {
		s.Roads = nil
		return
	}
	if widthPt <= 0 {
		widthPt = DefaultSize
	}
	b := s.dataBound()
	mid := (b.Min[1] + b.Max[1]) / 2
	extentM := math.Max(geo.DistanceM(orb.Point{b.Min[0], mid}, orb.Point{b.Max[0], mid}),
		geo.DistanceM(orb.Point{b.Min[0], b.Min[1]}, orb.Point{b.Min[0], b.Max[1]}))
	grow := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])*0.1 + 1e-6
	keep := orb.Bound{Min: orb.Point{b.Min[0] - grow, b.Min[1] - grow}, Max: orb.Point{b.Max[0] + grow, b.Max[1] + grow}}
	s.Roads = s.Roads[:0]
	for _, l := range net.Lines(RoadToleranceM(extentM, float64(widthPt))) {
		if l.Bound().Intersects(keep) {
			s.Roads = append(s.Roads, l)
		}
	}
}

// distanceNote says in the footer how cover was measured.
func (s *Scene) distanceNote(l i18n.Lang) string {
	switch s.Metric {
	case "road":
		return l.S(mw.distRoad)
	case "od":
		return l.S(mw.distOD)
	}
	return l.S(mw.distStraight)
}
