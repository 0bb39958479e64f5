package maps

import (
	"math"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
)

// Projection places WGS84 longitude/latitude on a canvas: equirectangular
// about a central point, longitude scaled by the cosine of the central
// latitude so that a county's shapes are not stretched east–west (at 40°N
// an unscaled map widens everything by 31%). Canvas coordinates are points
// (1/72 inch) from the bottom-left corner, as in gonum/plot's vg.
type Projection struct {
	// Center is the longitude/latitude drawn at Origin.
	Center orb.Point
	Origin vg.Point
	// PtPerDegLat is the drawing scale: points per degree of latitude.
	PtPerDegLat float64
	cosLat      float64
}

// FitProjection returns the projection that shows bound as large as
// possible inside rect, centred, with the same scale on both axes after
// the cosine correction.
func FitProjection(bound orb.Bound, rect vg.Rectangle) Projection {
	center := bound.Center()
	cos := math.Cos(center[1] * math.Pi / 180)
	w := (bound.Max[0] - bound.Min[0]) * cos
	h := bound.Max[1] - bound.Min[1]
	size := rect.Size()
	scale := math.Inf(1)
	if w > 0 {
		scale = float64(size.X) / w
	}
	if h > 0 {
		scale = math.Min(scale, float64(size.Y)/h)
	}
	if math.IsInf(scale, 1) {
		// A single point: show about 2 km around it.
		scale = float64(min(size.X, size.Y)) / 0.02
	}
	return Projection{
		Center:      center,
		Origin:      vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: (rect.Min.Y + rect.Max.Y) / 2},
		PtPerDegLat: scale,
		cosLat:      cos,
	}
}

// Point is where ll lands on the canvas.
func (p Projection) Point(ll orb.Point) vg.Point {
	return vg.Point{
		X: p.Origin.X + vg.Length((ll[0]-p.Center[0])*p.cosLat*p.PtPerDegLat),
		Y: p.Origin.Y + vg.Length((ll[1]-p.Center[1])*p.PtPerDegLat),
	}
}

// LonLat is the inverse of Point.
func (p Projection) LonLat(pt vg.Point) orb.Point {
	return orb.Point{
		p.Center[0] + float64(pt.X-p.Origin.X)/(p.cosLat*p.PtPerDegLat),
		p.Center[1] + float64(pt.Y-p.Origin.Y)/p.PtPerDegLat,
	}
}

// MetresPerPoint is the east–west ground distance one point of the canvas
// spans at the centre, measured geodesically on WGS84; the scale bar uses
// it.
func (p Projection) MetresPerPoint() float64 {
	const halfPt = 50.0
	a := p.LonLat(vg.Point{X: p.Origin.X - halfPt, Y: p.Origin.Y})
	b := p.LonLat(vg.Point{X: p.Origin.X + halfPt, Y: p.Origin.Y})
	return geo.DistanceM(a, b) / (2 * halfPt)
}
