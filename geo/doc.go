// Package geo provides WGS84 ellipsoidal geodesics, an exact spatial index and
// conversions from Chinese web-map coordinate systems.
//
// Points are orb.Point values holding longitude then latitude in degrees on
// WGS84 (CGCS2000 differs from WGS84 by far less than a millimetre at the
// scales catchment works at and is treated as identical). Distances are in
// metres and are geodesic distances on the WGS84 ellipsoid
// (a = 6378137 m, f = 1/298.257223563).
//
// # Geodesics
//
// DistanceM, Inverse and Direct implement C. F. F. Karney, "Algorithms for
// geodesics", J. Geod. 87:43–55 (2013), with the series to sixth order, the
// method behind GeographicLib and PROJ (pyproj.Geod). Against pyproj the
// distances agree to a few nanometres for lines of any length, including
// poles, the antimeridian, the equator, meridians, coincident and nearly
// antipodal points (testdata/gen_vectors.py regenerates the reference
// vectors). Iterations are bounded; finite, in-range input never yields
// NaN. For distance-only calls on lines under ~1,000 km the final Newton pass
// is replaced by a first-variation correction whose error is below 1e-10 m.
//
// # Lower bounds and the index
//
// LowerBoundM and BoundLowerBoundM are cheap bounds that never exceed the
// geodesic distance (proof in bound.go). Index uses them to prune an R-tree
// of longitude/latitude boxes and decides with exact distances, so Nearest
// and Within return exactly what a brute-force scan with DistanceM would,
// ties going to the lowest index. Queries do not allocate and may run
// concurrently.
package geo
