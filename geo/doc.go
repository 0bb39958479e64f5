// Package geo provides WGS84 ellipsoidal geodesics, an exact spatial index and
// conversions from Chinese web-map coordinate systems.
//
// Points are orb.Point values holding longitude then latitude in degrees on
// WGS84 (CGCS2000 differs from WGS84 by far less than a millimetre at the
// scales catchment works at and is treated as identical). Distances are in
// metres and are geodesic distances on the WGS84 ellipsoid
// (a = 6378137 m, f = 1/298.257223563).
package geo
