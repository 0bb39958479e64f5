package table

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
)

// Ctx is the state shared by the CSV and GeoJSON paths while one input
// is read.
type Ctx struct {
	File   string
	Enc    string
	CRS    geo.CRS
	Strict bool
	Rep    *ReadReport
	bad    readBadText
	Spec   *Spec
	// MaxCols is ReadOptions.MaxColumns; ctx is ReadOptions.Context.
	MaxCols int
	ctx     context.Context

	// estRows bounds the number of data rows, to size the output and the
	// id index once. It must stay proportional to the input's real content
	// so a file of blank lines cannot make the reader allocate gigabytes.
	EstRows int

	// Duplicate ids are found without a map while ids arrive in increasing
	// order (as in most exported tables); idLog lists them. The first id
	// out of order moves them into ids, which is used from then on.
	idLog      []readIDLine
	lastID     string
	ids        map[string]int    // id -> line of first occurrence
	names      map[string]string // interned county and township names
	recent     [2]string         // last two interned names
	nextRecent int
	problems   []string // reasons found for the current row
	sink       rowSink

	typeWarned bool // a candidate's unknown type was warned about

	// Locate and DivNames are ReadOptions.Locate and DivisionNames.
	Locate   Locator
	DivNames map[string]string
	div      divisionLog
	repair   repairLog
}

// Row is one data row split into the fields a reader understands.
// Values are trimmed; has says which fields the row provided at all.
type Row struct {
	Line  int
	Vals  [NumFields]string
	Has   [NumFields]bool
	Extra []planner.Attr
	Pre   []string // problems found while splitting the row

	NoLocation bool // the location is already known bad (GeoJSON geometry)
}

func (r *Row) Reset(line int) {
	r.Line = line
	r.Vals = [NumFields]string{}
	r.Has = [NumFields]bool{}
	r.Extra = nil
	r.Pre = r.Pre[:0]
	r.NoLocation = false
}

func (r *Row) Set(f Field, v string) {
	r.Vals[f] = Trim(v)
	r.Has[f] = true
}

// Trim is strings.TrimSpace with a fast path for the usual field that
// neither starts nor ends with a space. Unicode spaces, the ideographic
// space U+3000 that Chinese input methods type included, are trimmed.
func Trim(s string) string {
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
func (c *Ctx) Reject(line int, id, reason string) error {
	if err := c.cancelled(); err != nil {
		return err
	}
	c.Rep.Rows++
	c.Rep.Rejected = append(c.Rep.Rejected, Rejection{File: c.File, Line: line, ID: id, Reason: reason})
	if c.Strict {
		return &RowError{File: c.File, Line: line, ID: id, Reason: reason}
	}
	return nil
}

// warn records a warning about the input.
func (c *Ctx) Warn(line int, reason string) {
	c.Rep.Warnings = append(c.Rep.Warnings, Rejection{File: c.File, Line: line, Reason: reason})
}

// problem adds a reason to the current row's rejection.
func (c *Ctx) Problem(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// Collect validates row, then keeps the value built from it or records
// the rejection. Format readers call it once per data row, after setting
// EstRows.
func (c *Ctx) Collect(row *Row) error {
	if err := c.cancelled(); err != nil {
		return err
	}
	if f, ok := totalField(row); ok {
		// A spreadsheet's total or subtotal row sums the rows above it:
		// not data, so neither counted nor rejected, but said.
		c.Warn(row.Line, fmt.Sprintf("total row %s skipped (%s)", Quote(row.Vals[f]), readFieldLabels[f]))
		return nil
	}
	c.problems = append(c.problems[:0], row.Pre...)
	id := row.Vals[FieldID]
	if id == "" && row.Vals[FieldCode] != "" {
		// A table keyed by division code: the code is the id.
		id = row.Vals[FieldCode]
		row.Vals[FieldID] = id
	}
	if id != "" {
		if first, dup := c.seen(id, row.Line); dup {
			c.Problem("duplicate id %s (first on line %d)", Quote(id), first)
		}
	}
	if c.bad != readTextClean {
		c.checkText(row)
	}
	c.sink.build(c, row)
	if len(c.problems) > 0 {
		return c.Reject(row.Line, id, strings.Join(c.problems, "; "))
	}
	c.sink.keep(c)
	c.Rep.Rows++
	c.Rep.Accepted++
	return nil
}

// cancelled returns the error of ReadOptions.Context once it is done,
// looking every 1024 rows.
func (c *Ctx) cancelled() error {
	if c.ctx == nil || c.Rep.Rows&1023 != 0 {
		return nil
	}
	return c.ctx.Err()
}

// Collector builds values of type T from rows and keeps those of
// accepted rows in Out.
type Collector[T any] struct {
	Build func(*Ctx, *Row) T
	Out   []T
	cur   T
}

// build builds the value of row; keep keeps the value last built.
func (k *Collector[T]) build(c *Ctx, row *Row) { k.cur = k.Build(c, row) }

func (k *Collector[T]) keep(c *Ctx) {
	if k.Out == nil {
		k.Out = make([]T, 0, c.EstRows)
	}
	k.Out = append(k.Out, k.cur)
}

// rowSink is what Ctx.Collect hands rows to: a *Collector.
type rowSink interface {
	build(c *Ctx, row *Row)
	keep(c *Ctx)
}

type readIDLine struct {
	id   string
	line int
}

// seen records that id occurs on line and reports whether, and on which
// line, it occurred before.
func (c *Ctx) seen(id string, line int) (first int, dup bool) {
	if c.ids == nil {
		if len(c.idLog) == 0 || readShortlexLess(c.lastID, id) {
			if c.idLog == nil {
				c.idLog = make([]readIDLine, 0, c.EstRows)
			}
			c.idLog = append(c.idLog, readIDLine{id, line})
			c.lastID = id
			return 0, false
		}
		c.ids = make(map[string]int, max(c.EstRows, len(c.idLog)+1))
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
func (c *Ctx) checkText(row *Row) {
	for f := range NumFields {
		if row.Has[f] && !readTextOK(row.Vals[f], c.bad) {
			c.Problem("%s contains bytes that are not valid %s", f.Name(), c.Enc)
		}
	}
	for _, a := range row.Extra {
		if !readTextOK(a.Key, c.bad) || !readTextOK(a.Value, c.bad) {
			c.Problem("column %s contains bytes that are not valid %s", Quote(a.Key), c.Enc)
		}
	}
}

// intern returns one shared copy of a repeated county or township name.
// Tables are usually grouped by county and township, so the name is first
// compared with the last two seen before the map is consulted.
func (c *Ctx) Intern(s string) string {
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
func Join(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}
