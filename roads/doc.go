// Package roads is catchment's road network: a routable graph built from
// road lines (OpenStreetMap ways or a GIS department's LineStrings), stored
// as contiguous arrays, with snapping of villages and facilities onto the
// nearest routable segment and shortest-path searches by distance or travel
// time. Every way point is a point of the network and every pair of
// consecutive points a segment (the unit of snapping); searches run on the
// contracted graph whose nodes are junctions, dead ends and changes of
// speed or direction and whose edges are the chains of segments between
// them, typically several times fewer nodes than points. Metric (a Network and a cost: distance or time) implements
// geo.Metric, so the planner measures along roads through the same
// abstraction as along straight lines.
//
// Coordinates are WGS84 longitude/latitude in degrees; edge lengths are
// WGS84 geodesic metres (package geo); speeds are km/h; times are seconds.
// The package imports only the standard library, geo, orb and gonum (in
// tests); its segment index is its own packed R-tree.
package roads
