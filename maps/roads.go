package maps

import (
	"fmt"
	"math"

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
func (s *Scene) metricPhrase() string {
	switch s.Metric {
	case "", "straight":
		return ""
	case "road":
		return "by road"
	case "od":
		return "by the distance matrix"
	}
	return "by " + s.Metric
}

// radiusPhrase is the radius with its metric for the subtitle: "15 km
// emergency radius (WGS84 geodesic)", "15 km by road", "30 min by road";
// "" when the scene has no radius.
func (s *Scene) radiusPhrase() string {
	by := s.metricPhrase()
	switch {
	case s.RadiusMinutes > 0:
		return fmt.Sprintf("within %s min %s", trimFloat(s.RadiusMinutes), by)
	case s.RadiusKm > 0 && by == "":
		return fmt.Sprintf("%s km emergency radius (WGS84 geodesic)", trimFloat(s.RadiusKm))
	case s.RadiusKm > 0:
		return fmt.Sprintf("within %s km %s", trimFloat(s.RadiusKm), by)
	}
	return ""
}

// villagesHeading is the legend heading of the village classes, naming
// the metric when it is not the straight line: "Villages (within 15 km
// by road)".
func (s *Scene) villagesHeading() string {
	if s.metricPhrase() == "" && s.RadiusMinutes == 0 {
		return "Villages"
	}
	return "Villages (" + s.radiusPhrase() + ")"
}
