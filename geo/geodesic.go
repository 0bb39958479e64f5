package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// DistanceM returns the WGS84 ellipsoidal geodesic distance in metres between
// a and b, given as longitude/latitude in degrees.
//
// The result agrees with GeographicLib (and PROJ/pyproj, which use the same
// algorithm) to round-off, about 1e-9 m for lines up to 2,000 km and well
// under a micrometre for any line. Longitudes may be given in any range;
// latitudes outside [-90, 90] or non-finite coordinates give NaN.
func DistanceM(a, b orb.Point) float64 {
	s12, _, _, _, _ := inverse(a[1], a[0], b[1], b[0], true)
	return s12
}

// Inverse solves the inverse geodesic problem on WGS84: the distance in metres
// from a to b and the forward azimuths (degrees clockwise from north, in
// [-180, 180]) at a and at b. The azimuth at b is the direction of travel
// when arriving there, not the back azimuth.
//
// For coincident points the distance is 0 and the azimuths follow the
// GeographicLib convention (a meridian heading). For antipodal points, where
// the shortest path is not unique, one of the shortest paths is returned.
// Latitudes outside [-90, 90] or non-finite coordinates give NaN.
func Inverse(a, b orb.Point) (distM, azi1Deg, azi2Deg float64) {
	s12, salp1, calp1, salp2, calp2 := inverse(a[1], a[0], b[1], b[0], false)
	return s12, atan2d(salp1, calp1), atan2d(salp2, calp2)
}

// Direct solves the direct geodesic problem on WGS84: the point reached from p
// after distM metres along the geodesic with initial azimuth aziDeg (degrees
// clockwise from north). Negative distances travel backwards. The returned
// longitude is reduced to [-180, 180]. Invalid latitudes or non-finite input
// give NaN coordinates.
func Direct(p orb.Point, aziDeg, distM float64) orb.Point {
	lat2, lon2, _ := direct(p[1], p[0], aziDeg, distM, false)
	return orb.Point{lon2, lat2}
}

// DirectAzimuth is Direct that also returns the forward azimuth (degrees) of
// the geodesic at the end point.
func DirectAzimuth(p orb.Point, aziDeg, distM float64) (q orb.Point, azi2Deg float64) {
	lat2, lon2, azi2 := direct(p[1], p[0], aziDeg, distM, false)
	return orb.Point{lon2, lat2}, azi2
}

// validPoint reports whether p has finite coordinates and a latitude in
// [-90, 90], i.e. whether the geodesic routines give a finite answer for it.
func validPoint(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsInf(p[0], 0) && math.Abs(p[1]) <= 90
}
