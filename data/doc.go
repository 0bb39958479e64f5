// Package data reads catchment's village, facility and candidate tables,
// dispatching each input to the package of its format.
//
// The data tree is split by format, as paulmach/orb splits geojson/ and
// encoding/wkt|wkb and the standard library splits encoding/*:
//
//	data/table       format-neutral core: ReadOptions, ReadReport and its
//	                 file:line:reason rejections, header aliases (Chinese
//	                 included), row validation into planner values, text
//	                 encodings (UTF-8, BOM, GBK/GB18030), the sentinel and
//	                 typed errors of every reader and writer
//	data/csvio       CSV: the reader's Format, coverage, input and plan
//	                 table writers
//	data/geojsonio   GeoJSON: the reader's Format, coverage (also as
//	                 GeoJSON text sequences), facility and plan writers
//	data/summary     coverage and plan summaries and their JSON
//	data/report      the text tables and the Markdown plan report
//	data/synth       the synthetic province generator and the embedded sample
//	data/atomicfile  atomic replacement of an output file
//	data/internal/enc  number and string encoding shared by the writers,
//	                 the plan and coverage records both formats describe
//
// This root package only picks the format: by ReadOptions.Format, then the
// file name's extension, then the content (GeoJSON starts with '{';
// everything else is read as CSV). Format packages never import it, so the
// imports run one way: table ← csvio, geojsonio ← data. A new input format
// (Excel .xlsx, GeoPackage .gpkg) is a package data/<format> exporting a
// Format() table.Format, plus one entry in formats (read.go).
//
// Readers never panic and never drop a row silently. Each bad row is
// skipped and listed in the ReadReport with its file, line and reason;
// ReadOptions.Strict turns the first bad row into an error instead. Errors
// wrap table's sentinel errors (ErrUnreadable, ErrFormat, ErrEncoding,
// ErrEmpty, ErrMissingColumn, ErrInvalidRow, ErrAllRejected) so callers can
// map them to exit codes with errors.Is.
//
// The golden tests of every writer live here (testdata/golden), as do the
// round trips from a writer back through a reader and the fuzz targets of
// the readers, since each of those spans several packages.
package data
