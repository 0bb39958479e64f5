package roads

import (
	"math"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// Planar bounds. A snap first ranks candidate segments by their distance
// in a local equirectangular plane around the site, then measures the few
// that can win exactly (segmentDistance). The planar distance d to a
// segment's chord bounds the geodesic distance D to the segment:
//
//	(d − β)(1 − ε) − a  <=  D  <=  (d + β)(1 + 2ε) + a
//
// β bounds how far the geodesic segment departs from its chord in the
// plane (the pad of segBox: four times the first-order bulge L² tan φ / 8R,
// plus L²/2R and a millimetre, times 1.05 for the plane's scale), ε the
// relative error of the plane's lengths within the reach d + β (below),
// and a = planarAbsM the rounding of both computations.
//
// ε: the plane has the site's east and north scales N₀ cos φ₀ and M₀ per
// radian; at latitude φ the ellipsoid's are N cos φ and M. Within δ radians
// of latitude of the site, cos φ₀ / cos φ is within a factor e^(tan φmax·δ)
// of 1, N₀/N within 0.0034 δ and M₀/M within 0.0101 δ (e² sin φ cos φ and
// 3e²/2 bound their logarithmic derivatives), so every length in the plane
// is within a factor 1 ± ε of its length on the ellipsoid, ε = (tan φmax
// + 0.012)·δ·1.1 (the 1.1 for e^x − 1 <= 1.1x and the rounding of δ). The
// geodesic from the site to the segment's nearest point, if it is no
// longer than 1.1 × reach (else D exceeds the lower bound anyway), stays
// within δ = 1.1 reach / Mmin of the site's latitude, so its image is at
// most (1 + ε) D long and d <= (1 + ε) D + β; the straight planar path to
// the image of the segment (at most d + β long) stays there too, and is at
// most (1 + ε) (d + β) long on the ellipsoid. The bounds hold where tan φmax
// is taken at the site's latitude plus 0.3° (the reach of 20 km, planarMaxM,
// plus a 10 km segment, planarMaxSegM, is less than 0.3° of latitude),
// below 70° of latitude and away from the antimeridian (|lon| <= 179°, and
// no segment more than 1° of longitude wide: within 30 km of the site no
// longitude then wraps). Elsewhere the lower bound is 0 and there is no
// upper bound. At 37° and 400 m the slack is about 3 cm plus β (a few
// millimetres for 100 m segments).
const (
	planarMaxM    = 20000   // farthest reach (metres) given planar bounds
	planarMaxSegM = 10000   // longest segment given planar bounds
	planarAbsM    = 1e-3    // rounding slack of the bounds, metres
	minMeridianM  = 6335439 // least meridian radius of curvature (at the equator), metres
)

// localPlane is an equirectangular plane around a point with the WGS84
// radii of curvature there, for cheap distances nearby and the bounds
// above.
type localPlane struct {
	lon0, lat0 float64
	mx, my     float64 // metres per degree east and north
	epsPerM    float64 // ε per metre of reach
	bulgePerM2 float64 // β per square metre of segment length, less the millimetre
	ok         bool    // bounds apply at this site
}

func newLocalPlane(p orb.Point) localPlane {
	phi := p[1] * math.Pi / 180
	f := 1 / geo.InverseFlattening
	e2 := f * (2 - f)
	w := math.Sqrt(1 - e2*math.Sin(phi)*math.Sin(phi))
	n := geo.SemiMajorAxisM / w
	m := geo.SemiMajorAxisM * (1 - e2) / (w * w * w)
	tanMax := math.Tan(math.Min(math.Abs(p[1])+0.3, 89.9) * math.Pi / 180)
	return localPlane{
		lon0: p[0], lat0: p[1], mx: n * math.Cos(phi) * math.Pi / 180, my: m * math.Pi / 180,
		epsPerM:    (tanMax + 0.012) * 1.1 * 1.1 / minMeridianM,
		bulgePerM2: (1 + tanMax) / (2 * meanRadiusM) * 1.05,
		ok:         math.Abs(p[1]) <= 70 && math.Abs(p[0]) <= 179,
	}
}

// segBounds returns lower and upper bounds in metres on the geodesic
// distance from the plane's origin to the segment a–b of length lenM whose
// chord is dM away in the plane (approxDistM): 0 and +Inf where the planar
// bounds do not apply.
func (lp *localPlane) segBounds(a, b orb.Point, lenM, dM float64) (lb, ub float64) {
	if !lp.ok || lenM > planarMaxSegM || math.Abs(a[0]-b[0]) > 1 {
		return 0, math.Inf(1)
	}
	bulge := lp.bulgePerM2*lenM*lenM + 1e-3
	reach := dM + bulge
	if reach > planarMaxM {
		return 0, math.Inf(1)
	}
	eps := lp.epsPerM * reach
	return max(0, (dM-bulge)*(1-eps)-planarAbsM), (dM+bulge)*(1+2*eps) + planarAbsM
}

// boxBound is a lower bound in metres on the geodesic distance from the
// plane's origin to every segment in box k of bs (whose geodesics lie in
// their padded boxes): the planar distance to the box, less ε of it.
func (lp *localPlane) boxBound(bs *boxes, k int32) float64 {
	d := lp.boxDistM(bs, k)
	if !lp.ok || d > planarMaxM {
		return 0
	}
	return max(0, d*(1-lp.epsPerM*d)-planarAbsM)
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
