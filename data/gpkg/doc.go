// Package gpkg writes and reads OGC GeoPackage 1.3 files (a SQLite database
// with a fixed set of metadata tables) so that catchment's layers open in
// QGIS, ogrinfo and geopandas, and so that villages, facilities and
// boundaries can be read from a GeoPackage an analyst hands over.
//
// It uses modernc.org/sqlite (pure Go, no cgo). A written file has:
//
//   - application_id 'GPKG' (0x47504B47) and user_version 10300;
//   - gpkg_spatial_ref_sys with the three rows the standard requires
//     (-1 undefined Cartesian, 0 undefined geographic, 4326 WGS 84);
//   - gpkg_contents with each layer's extent (min_x, min_y, max_x, max_y,
//     longitude/latitude degrees) and gpkg_geometry_columns;
//   - one feature table per Layer: fid INTEGER PRIMARY KEY AUTOINCREMENT,
//     geom (declared as the layer's geometry type) and the attribute
//     columns;
//   - GeoPackage binary geometries: "GP", version 0, a flags byte (little
//     endian, envelope [minx, maxx, miny, maxy] for every non-point
//     geometry, the empty flag for empty geometries), the srs_id, then
//     little-endian WKB from github.com/paulmach/orb/encoding/wkb. Points
//     carry no envelope (as GDAL writes them; the standard allows it);
//   - the gpkg_rtree_index extension: a row in gpkg_extensions, the
//     rtree_<table>_geom virtual table filled from the envelopes, and the
//     seven triggers of the standard that keep it in step. The triggers call
//     ST_IsEmpty/ST_MinX…, which GDAL and QGIS provide; this package never
//     modifies a written file, so it needs no such functions itself.
//
// Only SRS 4326 (WGS 84 longitude/latitude) is written. Coordinates must be
// finite; NaN or infinite coordinates are rejected with the layer and
// feature index, never written.
//
// The reader (Layers, ReadLayer) accepts any GeoPackage whose geometries are
// standard (not extended) GeoPackage binary with 2D, Z, M or ZM WKB that orb
// can decode (Z and M are dropped by orb). DecodeGeometry never panics on
// arbitrary bytes (fuzzed).
package gpkg
