package table

import (
	"context"
	"strconv"

	"github.com/catchment/catchment/geo"
)

// ReadOptions control how ReadVillages and ReadFacilities interpret input.
// The zero value detects encoding and format and assumes WGS84.
type ReadOptions struct {
	// Encoding is "" or "auto" (detect), "utf-8", "gbk" (also "cp936",
	// "gb2312") or "gb18030". Detection takes a UTF-8 byte-order mark or
	// valid UTF-8 as UTF-8 and anything else as GB18030, with a warning.
	Encoding string
	// Format is "" or "auto" (detect), "csv" or "geojson". Detection takes
	// input whose first non-space byte is '{' as GeoJSON and anything else
	// as CSV; a name ending in .geojson or .json must hold GeoJSON.
	Format string
	// CRS is the coordinate system of the input's longitude and latitude;
	// "" means geo.WGS84. GCJ-02 (AMap, Tencent) and BD-09 (Baidu) input is
	// converted to WGS84 after its ranges have been validated.
	CRS geo.CRS
	// Strict makes the first bad row an error (a *RowError) instead of a
	// rejection listed in the report.
	Strict bool
	// Context, when not nil, stops reading when it is done: the reader
	// returns its error within about a thousand rows. A server passes the
	// request's context so that a client who went away costs nothing more.
	Context context.Context
	// MaxColumns, when positive, limits the columns of a CSV header (a
	// *ColumnLimitError, before any row is read) and the properties of a
	// GeoJSON feature (the feature is rejected). A server sets it so that
	// no upload can make every row carry an unbounded number of extras.
	MaxColumns int
	// Sheet names the worksheet of an Excel workbook; "" is the first.
	Sheet string
	// Layer names the layer of a GeoPackage; "" is the first point layer.
	Layer string
	// Locate, when not nil, gives a row without a county the county of
	// the boundary polygon containing it, and reports (as a file-level
	// warning with counts and examples) rows whose stated county differs
	// from that polygon's; those keep their stated county.
	Locate Locator
	// DivisionNames maps division codes (6 and 9 digits) to names, used
	// when county and township come from a code column; a code not in it
	// is its own name.
	DivisionNames map[string]string
}

// Rejection is one skipped row or one warning about the input. Line is the
// 1-based physical line on which the row starts, counting the CSV header
// as line 1; for GeoJSON it is the line of the feature's opening brace.
//
// Line 0 means the entry is about the file as a whole, not about a line:
// every file-level warning (an encoding guessed as GB18030, a tab
// delimiter, a choice between population columns) has Line 0, while a
// rejected row always has a line of at least 1. Print such entries as
// "file: ...", never "file:0: ..."; Position does that.
type Rejection struct {
	File   string `json:"file"`
	Line   int    `json:"line"` // 0: the whole file
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Position is "file:line" for a row, or just "file" for a file-level entry
// (Line 0), in the form compilers and editors use for a message prefix.
func (r Rejection) Position() string {
	if r.Line <= 0 {
		return r.File
	}
	return r.File + ":" + strconv.Itoa(r.Line)
}

// ReadReport accounts for every data row of one input: Rows equals
// Accepted plus len(Rejected). Blank lines, and CSV rows whose fields are
// all empty (Excel writes them after formatted cells), are not data and are
// not counted.
type ReadReport struct {
	File     string      `json:"file"`
	Format   string      `json:"format"`   // "csv", "geojson", "xlsx" or "gpkg"
	Encoding string      `json:"encoding"` // "utf-8", "gbk" or "gb18030"
	Rows     int         `json:"rows"`
	Accepted int         `json:"accepted"`
	Rejected []Rejection `json:"rejected"`
	// Warnings record how the input was interpreted when that was not the
	// default (an encoding guessed as GB18030, a tab or semicolon
	// delimiter, one of several population columns chosen, numbers typed
	// with thousands separators or full-width digits read as plain). They
	// are about the whole file and have Line 0, except a spreadsheet's
	// total or subtotal row (合计, 小计, Total), which is not data: it is
	// skipped, not counted in Rows, with a warning on its line.
	Warnings []Rejection `json:"warnings"`
	// Derived lists the rows whose county or township was filled in after
	// reading (data.DeriveFacilityDivisions), one note per row, by id.
	Derived []Rejection `json:"derived,omitempty"`
	// Omitted counts, by kind of reason, the rejected rows that a bounded
	// report (Bound) does not list; empty in a report as read.
	Omitted []ReasonCount `json:"omitted,omitempty"`
}
