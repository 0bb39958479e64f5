// Package osm reads the routable roads of an OpenStreetMap extract, .osm.pbf
// (github.com/paulmach/osm/osmpbf) or .osm XML (osmxml, also gzip or bzip2
// compressed), into the []roads.Way the road graph builder takes.
//
// Reading streams in one pass and keeps memory proportional to the region
// read, not to the file, so a country extract (China's is over 1 GB) can be
// read for one county. It relies on the standard order of OSM files (every
// node before every way, as osmium, Geofabrik and JOSM write them); a file
// with a node after a way is rejected with ErrUnsorted ("osmium sort" fixes
// it). Nodes inside Options.Bound grown by Options.MarginKm are kept (id and
// coordinates, 24 bytes each); every other node is dropped as it streams by.
// Each way is then kept when it is a routable road (see Routable and
// Options.Classes) and has nodes in the region; a way that leaves the region
// is cut into its runs of in-region nodes, each a roads.Way with the same ID.
//
// What is a road:
//   - highway=* of a routable class (DefaultClasses: motorway to
//     unclassified and their _link roads, residential, living_street,
//     service, track and road; track is kept because in rural China farm
//     tracks are how many villages are reached);
//   - not area=yes (a square or a car park outline);
//   - not closed to cars: the most specific of motorcar, motor_vehicle,
//     vehicle and access that is present is not "no" or "private". Other
//     restrictions (destination, agricultural, permissive, …) keep the way:
//     an ambulance or a patient may use them.
//
// Tags read: maxspeed gives roads.Way.SpeedKmh ("50", "50 km/h", "50 kmh",
// "30 mph", "10 knots"); "none", "signals", "variable", "walk", country
// codes such as "DE:rural" and anything else unparsable are ignored with a
// note in the Report, leaving the class speed. oneway=yes/1/true gives
// roads.Forward, -1/reverse roads.Backward, no/false/0 roads.BothWays;
// without an oneway tag, junction=roundabout or circular and
// highway=motorway or motorway_link imply Forward, as OSRM's car profile
// does. oneway=reversible/alternating (direction changes by the hour) is
// read as both ways, with a note.
//
// Nothing is dropped silently: the Report counts every way skipped by
// reason, with the first examples of each, and every tag value ignored.
// Coordinates are WGS84 degrees exactly as the file stores them.
//
// OSM data is © OpenStreetMap contributors, ODbL 1.0: keep that attribution
// with any file derived from it (testdata/ATTRIBUTION.md).
package osm
