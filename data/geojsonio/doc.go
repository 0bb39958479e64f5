// Package geojsonio reads and writes catchment's GeoJSON (RFC 7946): the
// input reader (a table.Format over a FeatureCollection of Point
// features), coverage as a FeatureCollection or as GeoJSON text sequences
// (RFC 8142), facilities with their radius circles, the plan's layers and
// the phased clinics coloured by year (WritePhaseGeoJSON).
//
// Both directions are hand-written for speed: the reader validates with
// json.Valid and walks the document in place (strings without escapes
// cost no allocation); the writers append features into pooled buffers,
// encoded on all cores and written in input order. Output opens unmodified
// in QGIS, GDAL and geopandas. It is named geojsonio so that it does not
// shadow github.com/paulmach/orb/geojson.
package geojsonio
