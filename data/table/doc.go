// Package table is the format-neutral core of catchment's table readers:
// what a village, facility or candidate table must hold, whatever the file
// format.
//
// It matches headers to fields (English and Chinese aliases, several
// population columns), validates each row into a planner.Village or
// planner.Facility (coordinates in WGS84 degrees, or converted from
// GCJ-02/BD-09; counts as whole numbers), decodes text (UTF-8 with or
// without BOM, UTF-16 with BOM, GBK/GB18030) and accounts for every row in
// a ReadReport, each rejection with file, line and reason.
//
// A format package (data/csvio, data/geojsonio) exports a Format whose
// Read splits its decoded text into Rows and hands each to Ctx.Collect;
// a binary format (Excel and GeoPackage, in package data) sets ReadBinary
// and Magic instead and gets the raw bytes and the options. Read picks the
// format and runs it. Division codes (6/9/12 digits) and a boundary
// Locator fill in missing counties and townships (divisions.go). table imports no format
// package. The errors of every data reader and writer (ErrFormat,
// ErrWrite, ...) are declared here so that all of them share one set.
package table
