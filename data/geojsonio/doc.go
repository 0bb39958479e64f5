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
// in QGIS, GDAL and geopandas.
//
// Walk is the same in-place reader for any FeatureCollection, handing over
// each feature with its geometry as orb types and its properties as raw
// JSON values; maps reads plan and boundary files with it, and
// AppendGeometry writes a geometry back at full precision (the server's
// stored boundaries). It is the one GeoJSON codec of catchment: no package
// decodes plan or boundary files with orb/geojson. It is named geojsonio so that it does not
// shadow github.com/paulmach/orb/geojson.
package geojsonio
