// Package data moves catchment's domain values across the file boundary:
// readers and validation for planners' village and facility tables (CSV or
// GeoJSON, UTF-8 or GBK/GB18030, WGS84 or a Chinese web-map CRS), writers
// for GeoJSON that QGIS, GDAL and geopandas open unmodified, and an embedded
// sample data set.
//
// All file and encoding concerns live here so that package planner stays
// free of I/O: readers hand planner plain []planner.Village and
// []planner.Facility slices in WGS84 degrees, and writers take planner's
// results back out.
//
// Readers never panic and never drop a row silently. Each bad row is
// skipped and listed in the ReadReport with its file, line and reason;
// ReadOptions.Strict turns the first bad row into an error instead. Errors
// wrap the package's sentinel errors (ErrUnreadable, ErrFormat, ErrEncoding,
// ErrEmpty, ErrMissingColumn, ErrInvalidRow, ErrAllRejected; ErrWrite and
// ErrWriteInput for writers) so callers can map them to exit codes with
// errors.Is. Outputs are written atomically (WriteFileAtomic).
package data
