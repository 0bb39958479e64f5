package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Cheap, provably safe lower bounds on the WGS84 geodesic distance. The index
// prunes with them and the planner may use them to prune exact searches.
//
// Theorem. For points P1, P2 with geodetic coordinates (phi, lambda), let
// sigma be the central angle between the unit vectors
// u = (cos phi cos lambda, cos phi sin lambda, sin phi) on the unit sphere
// (the same latitude and longitude, treated as spherical). Then the geodesic
// distance s12 on WGS84 satisfies
//
//	s12 >= rhoMin * sigma >= rhoMin * |u1 - u2|,   rhoMin = a (1 - e^2).
//
// Proof. The ellipsoid's metric is ds^2 = rho^2 dphi^2 + N^2 cos^2 phi
// dlambda^2 with meridional radius rho = a(1-e^2)/(1-e^2 sin^2 phi)^(3/2) >=
// a(1-e^2) and prime-vertical radius N = a/(1-e^2 sin^2 phi)^(1/2) >= a >
// a(1-e^2). Hence ds >= rhoMin * sqrt(dphi^2 + cos^2 phi dlambda^2), which is
// rhoMin times the unit sphere's line element in the same coordinates. The
// geodesic from P1 to P2, read in those coordinates, is a curve on the unit
// sphere from u1 to u2, so its length is at least sigma (great circles are
// shortest), and sigma >= 2 sin(sigma/2) = |u1 - u2|. The map is continuous
// at the poles, so they need no special case. Equality is approached by short
// meridional lines on the equator, so the bound is tight; elsewhere it is
// 0.3–1 % low, which costs pruning power, not correctness.
//
// For a latitude/longitude box B = [phiA, phiB] x [lamA, lamB] the haversine
// identity hav(sigma) = hav(dphi) + cos phi1 cos phi2 hav(dlambda) gives, for
// every point of B,
//
//	hav(sigma) >= hav(gapPhi) + cos(phi1) * min(cos phiA, cos phiB) * hav(gapLam)
//
// where gapPhi is the distance from phi1 to [phiA, phiB] (0 inside), gapLam the
// shortest longitude distance around the circle from lambda1 to [lamA, lamB]
// (0 inside, at most 180 degrees, so wrap-around at ±180 is included), hav is
// increasing on [0, pi], and cos on [-90, 90] is smallest at the endpoint of
// largest |phi|. The sines and cosines are replaced by polynomial lower
// bounds (alternating Taylor series truncated after a negative term, valid on
// [0, pi/2]), so a box bound costs a few multiplications and no trigonometry.
//
// Floating-point: every step above has relative round-off below 1e-14; the
// results are reduced by a relative 1e-9 and an absolute 1e-7 m so that the
// rounded bound never exceeds the distance DistanceM computes.

// MinRadiusOfCurvatureM is a(1 - e^2), the smallest radius of curvature of
// the WGS84 ellipsoid (meridional, at the equator), in metres. Geodesic
// distance is at least this radius times the central angle between the
// points taken as if on a sphere.
const MinRadiusOfCurvatureM = SemiMajorAxisM * (1 - 1/InverseFlattening) * (1 - 1/InverseFlattening)

const (
	lbRelSlack  = 1e-9 // relative reduction of every bound in metres
	lbAbsSlackM = 1e-7 // absolute reduction, metres
	keyRelSlack = 1e-13
)

// LowerBoundM returns a lower bound on DistanceM(a, b) in metres that costs a
// fraction of the exact computation: MinRadiusOfCurvatureM times the central
// angle between a and b treated as points on a sphere, reduced slightly to
// absorb round-off. It is within about 1 % of the true distance. Invalid
// input gives NaN.
func LowerBoundM(a, b orb.Point) float64 {
	if !validPoint(a) || !validPoint(b) {
		return math.NaN()
	}
	ua, ub := unitVector(a), unitVector(b)
	return keyToLowerBoundM(chordKey(&ua, &ub))
}

// BoundLowerBoundM returns a lower bound in metres on the geodesic distance
// from p to every point of the longitude/latitude box b, 0 if p is inside.
// The box must satisfy b.Min[0] <= b.Max[0] with longitudes in [-180, 180]
// (split boxes that cross the antimeridian); distances are measured around
// the globe, so a query at longitude 179.9 is close to a box at -180.
// Invalid input gives NaN.
func BoundLowerBoundM(p orb.Point, b orb.Bound) float64 {
	if !validPoint(p) || !validPoint(b.Min) || !validPoint(b.Max) ||
		b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] || b.Min[0] < -180 || b.Max[0] > 180 {
		return math.NaN()
	}
	q := newBoundQuery(p)
	return keyToLowerBoundM(q.boxKey(b.Min[0], b.Min[1], b.Max[0], b.Max[1]))
}

// unitVector returns the unit vector of p's latitude and longitude on a
// sphere.
func unitVector(p orb.Point) [3]float64 {
	slat, clat := sincosd(p[1])
	slon, clon := sincosd(p[0])
	return [3]float64{clat * clon, clat * slon, slat}
}

// chordKey returns |u - v|^2 / 4 = hav(sigma) for unit vectors u, v: the
// same key scale as pointKey and boxKey.
func chordKey(u, v *[3]float64) float64 {
	dx, dy, dz := u[0]-v[0], u[1]-v[1], u[2]-v[2]
	return (dx*dx + dy*dy + dz*dz) / 4
}

// keyToLowerBoundM converts a lower bound on hav(sigma) to a lower bound on
// the geodesic distance in metres, with the round-off slack applied.
func keyToLowerBoundM(k float64) float64 {
	if !(k > 0) {
		return 0
	}
	sigma := 2 * math.Asin(math.Sqrt(math.Min(k, 1)))
	return math.Max(0, MinRadiusOfCurvatureM*sigma*(1-lbRelSlack)-lbAbsSlackM)
}

// radiusAngle returns the largest central angle (radians) a point can have
// from the query if its computed DistanceM is at most radiusM: the theorem's
// bound solved for sigma, with the same slack as keyToLowerBoundM.
func radiusAngle(radiusM float64) float64 {
	return (radiusM + lbAbsSlackM) / (MinRadiusOfCurvatureM * (1 - lbRelSlack))
}

// keyLimit returns a key k such that every point whose central angle from
// the query is at most sigma has a key (pointKey or chordKey) <= k, allowing
// for round-off (about 1e-15 absolute in the chord). Points with a larger
// key are farther than sigma.
func keyLimit(sigma float64) float64 {
	if !(sigma < math.Pi) {
		return math.Inf(1)
	}
	h := math.Sin(sigma/2)*(1+1e-12) + 1e-14
	return h * h
}

// sinLB is a lower bound on sin t for t in [0, pi/2]: the Taylor series
// truncated after the t^7 term; the remainder cos(xi) t^9/9! is >= 0. The
// error is at most 1.6e-4 at pi/2 and t^9/362880 in general. For tiny t the
// truncation error vanishes and rounding can put the result an ulp or two
// above sin t; keyRelSlack covers that.
func sinLB(t float64) float64 {
	t2 := t * t
	return t * (1 - t2/6*(1-t2/20*(1-t2/42)))
}

// havLB is a lower bound on hav(x) = sin^2(x/2) for x in [0, 180] degrees.
func havLB(xDeg float64) float64 {
	s := sinLB(xDeg * (degree / 2))
	return s * s
}

// cosLB is a lower bound on cos(lat) for lat in [-90, 90] degrees, via
// cos(lat) = sin(pi/2 - |lat|); the argument is reduced by an ulp-scale
// amount to cover its own round-off near the poles.
func cosLB(latDeg float64) float64 {
	t := math.Pi/2 - math.Abs(latDeg)*degree - 1e-15
	if t <= 0 {
		return 0
	}
	return sinLB(t)
}

// boundQuery holds the per-query values the box and point bounds need.
type boundQuery struct {
	lon, lat float64 // lon reduced to [-180, 180]
	cosLatLB float64
}

func newBoundQuery(p orb.Point) boundQuery {
	return boundQuery{lon: rem360(p[0]), lat: p[1], cosLatLB: cosLB(p[1])}
}

// pointKey is a lower bound on hav(sigma) from the query to the point
// (lon, lat), lon in [-180, 180]: boxKey for a box of one point, needing no
// trigonometry and no unit vector, so candidates are ranked from the stored
// coordinates alone.
func (q *boundQuery) pointKey(lon, lat float64) float64 {
	dLat := math.Abs(lat - q.lat)
	dLon := math.Abs(lon - q.lon)
	if dLon > 180 {
		dLon = 360 - dLon
	}
	h := havLB(dLat) + q.cosLatLB*cosLB(lat)*havLB(dLon)
	return h * (1 - keyRelSlack)
}

// boxKey is a lower bound on hav(sigma) from the query to any point of the
// box (see the theorem above). Longitudes of the box lie in [-180, 180].
func (q *boundQuery) boxKey(minLon, minLat, maxLon, maxLat float64) float64 {
	var gapLat float64
	if q.lat < minLat {
		gapLat = minLat - q.lat
	} else if q.lat > maxLat {
		gapLat = q.lat - maxLat
	}
	h := 0.0
	if gapLat > 0 {
		h = havLB(gapLat)
	}
	if q.lon < minLon || q.lon > maxLon {
		east := minLon - q.lon // eastward distance to the box's west edge
		if east < 0 {
			east += 360
		}
		west := q.lon - maxLon // westward distance to its east edge
		if west < 0 {
			west += 360
		}
		gapLon := math.Min(math.Min(east, west), 180)
		c := cosLB(math.Max(math.Abs(minLat), math.Abs(maxLat)))
		h += q.cosLatLB * c * havLB(gapLon)
	}
	return h * (1 - keyRelSlack)
}
