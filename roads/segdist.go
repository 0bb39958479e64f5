package roads

import (
	"math"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// meanRadiusM is the WGS84 mean radius, used only to steer the iteration
// of segmentDistance (its fixed point does not depend on it).
const meanRadiusM = 6371008.8

// segmentDistance returns the WGS84 geodesic distance in metres from p to
// the nearest point of the geodesic segment from a to b (of length lenM),
// that point's distance alongM from a, and the point itself.
//
// The nearest interior point X is where the geodesic from X to p meets the
// segment at a right angle. Starting from a local planar projection, the
// iteration moves X along the segment by the along-track component of
// X→p (spherical formula, atan(tan(d/R) cos Δ)·R) until the step is below
// 10 µm, clamping at the ends; each step costs one geo.DirectAzimuth and
// one geo.Inverse. Tests check it against dense sampling of the segment.
func segmentDistance(p, a, b orb.Point, lenM float64) (distM, alongM float64, foot orb.Point) {
	switch {
	case lenM == 0:
		return geo.DistanceM(p, a), 0, a
	case p == a: // on an end: exactly there (the iteration would agree to a nanometre)
		return 0, 0, a
	case p == b:
		return 0, lenM, b
	}
	_, azi, _ := geo.Inverse(a, b)
	s := planarAlong(p, a, b) * lenM
	var d float64
	for range 12 {
		x, azx := geo.DirectAzimuth(a, azi, s)
		var azxp float64
		d, azxp, _ = geo.Inverse(x, p)
		foot = x
		if d == 0 {
			return 0, s, x
		}
		cosD := math.Cos((azxp - azx) * math.Pi / 180)
		step := math.Atan(math.Tan(math.Min(d/meanRadiusM, 1.5))*cosD) * meanRadiusM
		next := math.Min(math.Max(s+step, 0), lenM)
		if math.Abs(next-s) < 1e-5 {
			break
		}
		s = next
	}
	return d, s, foot
}

// planarAlong is the fraction along a→b of p's projection onto the segment
// in a local equirectangular plane, clamped to [0, 1].
func planarAlong(p, a, b orb.Point) float64 {
	c := math.Cos(a[1] * math.Pi / 180)
	ux, uy := (b[0]-a[0])*c, b[1]-a[1]
	vx, vy := (p[0]-a[0])*c, p[1]-a[1]
	uu := ux*ux + uy*uy
	if uu == 0 {
		return 0
	}
	return math.Min(math.Max((ux*vx+uy*vy)/uu, 0), 1)
}
