// Package odmatrix reads an origin–destination cost table (CSV), the
// distances and travel times a user brings from OSRM, pgRouting or ArcGIS
// Network Analyst, as []geo.ODPair for geo.NewODMatrix.
//
// The table has a header and the columns origin_id and destination_id
// (matched to village and facility ids) and at least one of km and
// minutes; metres (distance_m) and seconds (duration_s) are accepted in
// their stead and converted. Header names are matched without regard to
// case, spaces, '_', '-' and brackets, and Chinese names are accepted (起点,
// 终点, 距离/公里/里程, 分钟/时间/用时, …; see Columns). Other columns are
// ignored with a warning.
//
// Input may start with a UTF-8 byte-order mark, use CRLF or LF line ends,
// and be delimited by commas, tabs or semicolons (taken from the header
// line). Text that is not UTF-8 is read as GB18030 (GBK) with a warning.
//
// Every data row is accepted or rejected with file:line:reason: a blank id,
// a cost that is not a finite non-negative number, a row with neither cost,
// a malformed CSV record, and a repeated (origin, destination) pair (the
// first one is kept and the rejection names its line). The table is read
// as a stream; memory is the pairs kept plus one copy of each distinct id.
package odmatrix
