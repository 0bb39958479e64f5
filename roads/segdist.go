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

// localPlane is an equirectangular plane around a point with the WGS84
// radii of curvature there, for cheap approximate distances nearby.
type localPlane struct {
	lon0, lat0 float64
	mx, my     float64 // metres per degree east and north
}

func newLocalPlane(p orb.Point) localPlane {
	phi := p[1] * math.Pi / 180
	f := 1 / geo.InverseFlattening
	e2 := f * (2 - f)
	w := math.Sqrt(1 - e2*math.Sin(phi)*math.Sin(phi))
	n := geo.SemiMajorAxisM / w
	m := geo.SemiMajorAxisM * (1 - e2) / (w * w * w)
	return localPlane{lon0: p[0], lat0: p[1], mx: n * math.Cos(phi) * math.Pi / 180, my: m * math.Pi / 180}
}

// approxDistM is the planar distance in metres from the plane's origin to
// the segment a–b.
func (lp *localPlane) approxDistM(a, b orb.Point) float64 {
	ax, ay := (a[0]-lp.lon0)*lp.mx, (a[1]-lp.lat0)*lp.my
	bx, by := (b[0]-lp.lon0)*lp.mx, (b[1]-lp.lat0)*lp.my
	ux, uy := bx-ax, by-ay
	uu := ux*ux + uy*uy
	t := 0.0
	if uu > 0 {
		t = min(max(-(ax*ux+ay*uy)/uu, 0), 1)
	}
	dx, dy := ax+t*ux, ay+t*uy
	return math.Sqrt(dx*dx + dy*dy) // metres: no overflow to guard against
}

// boxDistM is the planar distance in metres from the plane's origin to
// box k of bs (lon/lat degrees): no point of the box, so no segment inside
// it, is nearer in the plane.
func (lp *localPlane) boxDistM(bs *boxes, k int32) float64 {
	dx := max(bs.minX[k]-lp.lon0, lp.lon0-bs.maxX[k], 0) * lp.mx
	dy := max(bs.minY[k]-lp.lat0, lp.lat0-bs.maxY[k], 0) * lp.my
	return math.Sqrt(dx*dx + dy*dy)
}
