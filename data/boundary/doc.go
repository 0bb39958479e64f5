// Package boundary locates points in county (or township) boundary
// polygons: Boundaries, built from regions with a division code and/or a
// name, answers Locate(p) with the region containing p. Regions come from
// GeoJSON (FromGeoJSON) or a GeoPackage layer read by package gpkg
// (FromLayer), or from code (New).
//
// # Containment rule
//
// A region's shape is an orb.MultiPolygon. A point is inside one of its
// polygons when a ray from the point towards +x crosses the polygon's
// edges, over all its rings together, an odd number of times (the
// even-odd rule, crossing-number form with the half-open convention: an
// edge counts when exactly one end lies strictly above the point and the
// crossing lies strictly to the east). A point is inside the region when
// it is inside any of its polygons. For a valid polygon this is the usual
// interior (holes are outside). For an invalid, self-intersecting polygon
// (24 of the 119 Shanxi county shapes) it is still well defined, never
// panics, and treats a doubly wound area as outside, as PNPOLY and
// matplotlib's Path.contains_point do (a nonzero winding rule would count
// it in). GEOS's make_valid (shapely) agrees for rings that cross
// themselves, such as a bow-tie or the centre of a pentagram, but keeps the
// area of a ring traced twice over the same edges; on the Shanxi shapes the
// two agree on every sampled point (see TestAgainstShapely). Rings need not be closed; rings of fewer
// than three points, and NaN coordinates, contribute no crossings.
//
// # Borders and overlaps
//
// With the half-open convention a point exactly on an edge shared by two
// regions (the same vertices in both) is inside exactly one of them, the
// one on the east side of a non-horizontal edge and the one on the south
// side of a horizontal edge. When regions overlap (quantised coordinates
// of neighbouring shapes often do by a few metres) Locate returns the
// containing region with the smallest code, then name, then input order:
// deterministic and independent of which file lists them first.
//
// # Cost
//
// Region bounds are indexed in a tidwall/rtree; Locate tests only the
// regions whose bounding box holds the point, each in time linear in its
// vertex count.
package boundary
