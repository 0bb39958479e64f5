// Package roadlines reads road lines from a GeoJSON FeatureCollection of
// LineString and MultiLineString features, the form in which Chinese road
// data usually arrives from a GIS department, into the []roads.Way the road
// graph builder takes. Lines join where they share a coordinate exactly
// (roads.Way.NodeIDs is nil).
//
// Properties read, each under the first of its names present (names
// compared without regard to case):
//   - the road class: highway, class, fclass, road_class, 道路等级, 等级,
//     公路等级, 技术等级. OSM values (DefaultClasses of package data/osm)
//     pass through; the rest map as Class documents (国道→trunk, 省道→primary,
//     县道→secondary, 乡道→tertiary, 村道→unclassified, 高速→motorway, …). A
//     line without a class, or with one not in the table, is highway=road
//     (OSM's "unknown class", which takes the graph's default speed), with a
//     note. OSM classes that are not roads for cars (footway, path,
//     cycleway, steps, construction, …) reject the feature.
//   - the speed: speed_kmh, speed, maxspeed, 限速, 设计速度, 速度, in km/h as
//     a number or text ("60", "60 km/h"); an unusable value is ignored with a
//     note (the class speed applies).
//   - the direction: oneway, 单行, 单向: true/1/yes/是/FT → forward,
//     -1/reverse/TF → backward, false/0/no/否/B/N → both ways (FT/TF/B/N
//     are Esri's network conventions); anything else is both ways with a
//     note.
//
// A feature is rejected, with its index in "features", the line of its
// opening brace and the reason, when it is not valid GeoJSON, has no
// geometry or another geometry type, has a coordinate that is not finite
// or outside [-180, 180] × [-90, 90] (a projected coordinate system: export
// as EPSG:4326), or has fewer than two distinct points. Repeated consecutive
// points are removed with a note. Coordinates in GCJ-02 or BD-09
// (Options.CRS) are converted to WGS84.
//
// The input is read whole; memory is the file plus the ways. Features of
// the usual shape (type, id, properties and a LineString or
// MultiLineString geometry of [lon, lat] positions) are parsed in place by
// a strict JSON scanner, several times faster than a generic decoder; any
// other feature is decoded by github.com/paulmach/orb/geojson, and a
// document the scanner does not accept whole is read again by
// encoding/json, which words the error. Both paths give the same result
// (a fuzz test compares them).
package roadlines
