package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
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
	Format   string      `json:"format"`   // "csv" or "geojson"
	Encoding string      `json:"encoding"` // "utf-8", "gbk" or "gb18030"
	Rows     int         `json:"rows"`
	Accepted int         `json:"accepted"`
	Rejected []Rejection `json:"rejected"`
	// Warnings record how the input was interpreted when that was not the
	// default (an encoding guessed as GB18030, a tab or semicolon
	// delimiter, one of several population columns chosen). No row is
	// changed or dropped because of a warning. They are about the whole
	// file and have Line 0.
	Warnings []Rejection `json:"warnings"`
	// Omitted counts, by kind of reason, the rejected rows that a bounded
	// report (Bound) does not list; empty in a report as read.
	Omitted []ReasonCount `json:"omitted,omitempty"`
}

// Names of the input formats, as reported in ReadReport.Format.
const (
	readFormatCSV     = "csv"
	readFormatGeoJSON = "geojson"
)

// ReadVillages reads a village table from r; name identifies the input in
// the report and in errors, and its extension (.csv, .geojson, .json)
// informs format detection.
//
// The table needs the columns id, name, county, township, population, lon
// and lat (or one of their aliases, Chinese ones included) in any order;
// other columns are kept in Village.Extra in input order. A GeoJSON
// FeatureCollection of Point features takes lon and lat from the geometry
// and the rest from the properties.
//
// Every one of these fields must have a value in every row: a blank name
// or township is a rejected row, since the plan groups and names villages
// by them. Population must be a non-negative whole number of at most
// 1,000,000,000, written as digits ("1234"); a zero fraction ("1234.0", as
// pandas writes integer columns that contain gaps) is accepted, while
// "1,234", "1e3" and "1234.5" are rejected.
//
// A table may carry several population figures. The one the policy
// thresholds apply to is preferred: 常住人口 (resident) or 服务人口 (served),
// then a plain population or 人口, and 户籍人口 (registered) only when there
// is no other. The others are kept in Extra and a file-level warning says
// which was used; two columns of one kind (常住人口 and 服务人口 included)
// are an ErrFormat error, or in GeoJSON a rejected feature.
//
// Coordinates must be finite decimal degrees inside [-180, 180] and
// [-90, 90]; (0, 0) is rejected as a missing-value placeholder. A pair that
// only makes sense with latitude and longitude exchanged is rejected as
// swapped, never silently repaired: one outside the valid ranges that
// would be inside them, and, since catchment's input is Chinese, one
// outside China's bounding box (73–135.1°E, 18–53.6°N) that would be
// inside it. A repeated id rejects the later row and names the line of the
// first, whether or not that first row was accepted, so the verdict on a
// row does not depend on other rows' other faults.
//
// Bad rows are skipped and listed in the report; with opt.Strict the first
// one is returned as a *RowError instead. The report is never nil. The
// error wraps ErrUnreadable, ErrFormat, ErrEmpty, ErrMissingColumn,
// ErrInvalidRow (strict mode) or ErrAllRejected.
//
// The returned strings share memory with one copy of the decoded input, so
// holding any village keeps that copy alive.
func ReadVillages(r io.Reader, name string, opt ReadOptions) ([]planner.Village, *ReadReport, error) {
	return readTable(r, name, opt, &readVillageSpec, readBuildVillage)
}

// ReadFacilities reads a facility table from r as ReadVillages reads
// villages. It needs the columns id, name, type, county, township, lon and
// lat, each with a value in every row; beds and staff are optional and a
// blank value, or a missing column, gives planner.CapacityUnknown.
// Population columns are not read and pass through as Extra. type accepts county_hospital,
// township_health_centre (or township_health_center) and village_clinic in
// any case, and the Chinese names 县医院, 县级医院, 县人民医院, 乡镇卫生院,
// 中心卫生院, 卫生院, 村卫生室 and 卫生室. beds and staff follow the rules for
// population.
func ReadFacilities(r io.Reader, name string, opt ReadOptions) ([]planner.Facility, *ReadReport, error) {
	return readTable(r, name, opt, &readFacilitySpec, readBuildFacility)
}

// LoadVillages reads the village file at path with ReadVillages.
func LoadVillages(path string, opt ReadOptions) ([]planner.Village, *ReadReport, error) {
	return readLoad(path, opt, &readVillageSpec, readBuildVillage)
}

// LoadFacilities reads the facility file at path with ReadFacilities.
func LoadFacilities(path string, opt ReadOptions) ([]planner.Facility, *ReadReport, error) {
	return readLoad(path, opt, &readFacilitySpec, readBuildFacility)
}

func readLoad[T any](path string, opt ReadOptions, spec *readSpec, build func(*readCtx, *readRow) T) ([]T, *ReadReport, error) {
	rep := &ReadReport{File: path}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, rep, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	return readRaw(raw, path, opt, spec, build)
}

func readTable[T any](r io.Reader, name string, opt ReadOptions, spec *readSpec, build func(*readCtx, *readRow) T) ([]T, *ReadReport, error) {
	raw, err := readAll(r)
	if err != nil {
		return nil, &ReadReport{File: name}, fmt.Errorf("%w: %s: %w", ErrUnreadable, name, err)
	}
	return readRaw(raw, name, opt, spec, build)
}

// readAll reads r to the end, sizing the buffer up front when r knows its
// length (bytes.Reader, strings.Reader, *os.File). Like os.ReadFile it
// reads into a buffer from make rather than bytes.Buffer, whose growth
// clears the whole buffer first: on a large input that doubles the cost.
func readAll(r io.Reader) ([]byte, error) {
	size := 0
	switch x := r.(type) {
	case interface{ Len() int }:
		size = x.Len()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := x.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(min(fi.Size(), 1<<40))
		}
	}
	buf := make([]byte, 0, max(size, 512-1)+1) // +1: see EOF without growing
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// readRaw validates the options, decodes raw and dispatches on format.
func readRaw[T any](raw []byte, name string, opt ReadOptions, spec *readSpec, build func(*readCtx, *readRow) T) ([]T, *ReadReport, error) {
	rep := &ReadReport{File: name}
	enc, ok := readEncodingName(opt.Encoding)
	if !ok {
		_, err := ParseEncoding(opt.Encoding)
		return nil, rep, &FormatError{File: name, Reason: "bad encoding option", Err: err}
	}
	crs := opt.CRS
	if crs == "" {
		crs = geo.WGS84
	}
	if !crs.Valid() {
		// Accept the aliases geo.ParseCRS knows ("EPSG:4326", "GCJ-02").
		c, err := geo.ParseCRS(string(crs))
		if err != nil {
			return nil, rep, &FormatError{File: name, Reason: "bad coordinate system option", Err: err}
		}
		crs = c
	}
	format, err := readFormatName(opt.Format, name)
	if err != nil {
		return nil, rep, err
	}
	if reason := readSniffBinary(raw); reason != "" {
		return nil, rep, &FormatError{File: name, Reason: reason}
	}
	dec, err := readDecode(raw, enc)
	if err != nil {
		return nil, rep, &FormatError{File: name, Reason: "cannot decode text", Err: err}
	}
	rep.Encoding = dec.encoding
	for _, w := range dec.warnings {
		rep.Warnings = append(rep.Warnings, Rejection{File: name, Reason: w})
	}
	text := dec.text
	first := strings.TrimLeft(text, " \t\r\n")
	if first == "" {
		return nil, rep, fmt.Errorf("%w in %s (the input is empty)", ErrEmpty, name)
	}
	switch {
	case format == "" && first[0] == '{':
		format = readFormatGeoJSON
	case format == "":
		format = readFormatCSV
	case format == readFormatGeoJSON && first[0] != '{':
		return nil, rep, &FormatError{File: name, Reason: "GeoJSON input must start with '{'"}
	}
	rep.Format = format
	c := &readCtx{
		file:   name,
		crs:    crs,
		rep:    rep,
		bad:    dec.bad,
		spec:   spec,
		names:  make(map[string]string),
		enc:    dec.encoding,
		strict: opt.Strict,
	}
	c.maxCols, c.ctx = opt.MaxColumns, opt.Context
	var out []T
	if format == readFormatGeoJSON {
		out, err = readGeoJSON(c, text, dec.data, build)
	} else {
		out, err = readCSV(c, text, build)
	}
	if err != nil {
		return nil, rep, err
	}
	if rep.Rows == 0 {
		return nil, rep, fmt.Errorf("%w in %s (only a header)", ErrEmpty, name)
	}
	if rep.Accepted == 0 {
		r0 := rep.Rejected[0]
		return nil, rep, fmt.Errorf("%w in %s (%d rows); first, line %d: %s",
			ErrAllRejected, name, rep.Rows, r0.Line, r0.Reason)
	}
	return out, rep, nil
}

// readFormatName resolves the Format option, using the file name when the
// option is empty. It returns "" when the content has to decide.
func readFormatName(opt, name string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(opt)) {
	case "", "auto":
	case "csv":
		return readFormatCSV, nil
	case "geojson", "json":
		return readFormatGeoJSON, nil
	default:
		return "", &FormatError{File: name, Reason: fmt.Sprintf("unknown format %q (want auto, csv or geojson)", opt)}
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".geojson", ".json":
		return readFormatGeoJSON, nil
	}
	return "", nil
}

// readSniffBinary names the kind of binary file raw looks like, or returns
// "" for text. Spreadsheets are the usual mistake, so they get advice.
func readSniffBinary(raw []byte) string {
	switch {
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return "input is a ZIP archive, probably an Excel .xlsx workbook; save the sheet as CSV"
	case bytes.HasPrefix(raw, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "input is an Excel .xls workbook; save the sheet as CSV"
	}
	head := raw[:min(len(raw), 8192)]
	if bytes.IndexByte(head, 0) >= 0 && !bytes.HasPrefix(raw, readBOMUTF16LE) && !bytes.HasPrefix(raw, readBOMUTF16BE) {
		return "input contains NUL bytes; it is not a text file"
	}
	return ""
}

// readCtx is the state shared by the CSV and GeoJSON paths while one input
// is read.
type readCtx struct {
	file   string
	enc    string
	crs    geo.CRS
	strict bool
	rep    *ReadReport
	bad    readBadText
	spec   *readSpec
	// maxCols is ReadOptions.MaxColumns, ctx ReadOptions.Context.
	maxCols int
	ctx     context.Context

	// estRows bounds the number of data rows, to size the output and the
	// id index once. It must stay proportional to the input's real content
	// so a file of blank lines cannot make the reader allocate gigabytes.
	estRows int

	// Duplicate ids are found without a map while ids arrive in increasing
	// order (as in most exported tables); idLog lists them. The first id
	// out of order moves them into ids, which is used from then on.
	idLog      []readIDLine
	lastID     string
	ids        map[string]int       // id -> line of first occurrence
	geoFields  map[string]readField // GeoJSON property key -> field
	names      map[string]string    // interned county and township names
	recent     [2]string            // last two interned names
	nextRecent int
	problems   []string // reasons found for the current row

	popWarned  map[string]bool // GeoJSON population choices already warned about
	typeWarned bool            // a candidate's unknown type was warned about
}

// readRow is one data row split into the fields a reader understands.
// Values are trimmed; has says which fields the row provided at all.
type readRow struct {
	line  int
	vals  [readNumFields]string
	has   [readNumFields]bool
	extra []planner.Attr
	pre   []string // problems found while splitting the row

	noLocation bool // the location is already known bad (GeoJSON geometry)
}

func (r *readRow) reset(line int) {
	r.line = line
	r.vals = [readNumFields]string{}
	r.has = [readNumFields]bool{}
	r.extra = nil
	r.pre = r.pre[:0]
	r.noLocation = false
}

func (r *readRow) set(f readField, v string) {
	r.vals[f] = readTrim(v)
	r.has[f] = true
}

// readTrim is strings.TrimSpace with a fast path for the usual field that
// neither starts nor ends with a space. Unicode spaces, the ideographic
// space U+3000 that Chinese input methods type included, are trimmed.
func readTrim(s string) string {
	if s == "" {
		return s
	}
	first, last := s[0], s[len(s)-1]
	if first > ' ' && first < utf8.RuneSelf && last > ' ' && last < utf8.RuneSelf {
		return s
	}
	r0, _ := utf8.DecodeRuneInString(s)
	r1, _ := utf8.DecodeLastRuneInString(s)
	if !unicode.IsSpace(r0) && !unicode.IsSpace(r1) && first > ' ' && last > ' ' {
		return s
	}
	return strings.TrimSpace(s)
}

// reject records a rejected row. In strict mode it returns the *RowError
// that ends the read.
func (c *readCtx) reject(line int, id, reason string) error {
	if err := c.cancelled(); err != nil {
		return err
	}
	c.rep.Rows++
	c.rep.Rejected = append(c.rep.Rejected, Rejection{File: c.file, Line: line, ID: id, Reason: reason})
	if c.strict {
		return &RowError{File: c.file, Line: line, ID: id, Reason: reason}
	}
	return nil
}

// warn records a warning about the input.
func (c *readCtx) warn(line int, reason string) {
	c.rep.Warnings = append(c.rep.Warnings, Rejection{File: c.file, Line: line, Reason: reason})
}

// problem adds a reason to the current row's rejection.
func (c *readCtx) problem(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// cancelled returns the error of ReadOptions.Context once it is done,
// looking every 1024 rows.
func (c *readCtx) cancelled() error {
	if c.ctx == nil || c.rep.Rows&1023 != 0 {
		return nil
	}
	return c.ctx.Err()
}

// readCollect validates row, then appends the built value to out or
// records the rejection.
func readCollect[T any](c *readCtx, row *readRow, build func(*readCtx, *readRow) T, out *[]T) error {
	if err := c.cancelled(); err != nil {
		return err
	}
	c.problems = append(c.problems[:0], row.pre...)
	id := row.vals[readFieldID]
	if id != "" {
		if first, dup := c.seen(id, row.line); dup {
			c.problem("duplicate id %s (first on line %d)", readQuote(id), first)
		}
	}
	if c.bad != readTextClean {
		c.checkText(row)
	}
	v := build(c, row)
	if len(c.problems) > 0 {
		return c.reject(row.line, id, strings.Join(c.problems, "; "))
	}
	*out = append(*out, v)
	c.rep.Rows++
	c.rep.Accepted++
	return nil
}

type readIDLine struct {
	id   string
	line int
}

// seen records that id occurs on line and reports whether, and on which
// line, it occurred before.
func (c *readCtx) seen(id string, line int) (first int, dup bool) {
	if c.ids == nil {
		if len(c.idLog) == 0 || readShortlexLess(c.lastID, id) {
			if c.idLog == nil {
				c.idLog = make([]readIDLine, 0, c.estRows)
			}
			c.idLog = append(c.idLog, readIDLine{id, line})
			c.lastID = id
			return 0, false
		}
		c.ids = make(map[string]int, max(c.estRows, len(c.idLog)+1))
		for _, e := range c.idLog {
			c.ids[e.id] = e.line
		}
		c.idLog = nil
	}
	if first, ok := c.ids[id]; ok {
		return first, true
	}
	c.ids[id] = line
	return 0, false
}

// readShortlexLess orders shorter strings first, then bytewise, so that
// unpadded numeric ids (9, 10, 11) count as increasing too.
func readShortlexLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// checkText rejects rows holding bytes the decoder could not decode.
func (c *readCtx) checkText(row *readRow) {
	for f := range readNumFields {
		if row.has[f] && !readTextOK(row.vals[f], c.bad) {
			c.problem("%s contains bytes that are not valid %s", readFieldNames[f], c.enc)
		}
	}
	for _, a := range row.extra {
		if !readTextOK(a.Key, c.bad) || !readTextOK(a.Value, c.bad) {
			c.problem("column %s contains bytes that are not valid %s", readQuote(a.Key), c.enc)
		}
	}
}

// intern returns one shared copy of a repeated county or township name.
// Tables are usually grouped by county and township, so the name is first
// compared with the last two seen before the map is consulted.
func (c *readCtx) intern(s string) string {
	for _, v := range c.recent {
		if v == s {
			return v
		}
	}
	v, ok := c.names[s]
	if !ok {
		// A compact copy keeps the map's keys close together in memory
		// instead of scattered over the input, which matters for unsorted
		// tables with tens of thousands of townships.
		v = strings.Clone(s)
		c.names[v] = v
	}
	c.recent[c.nextRecent] = v
	c.nextRecent ^= 1
	return v
}

// errors.Join of MissingColumnErrors, or the single error itself so the
// message stays on one line.
func readJoin(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}
