package csvio

import (
	"fmt"
	"strings"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// readCSV reads a delimited table whose first non-blank record is the
// header. The delimiter is ',' unless the header line has none and has
// tabs or semicolons instead.
func readCSV(c *table.Ctx, text string, _ []byte) error {
	sc := readCSVScanner{s: text, line: 1, delim: readSniffDelimiter(text)}
	switch sc.delim {
	case '\t':
		c.Warn(0, "no commas in the header line; using tab as the delimiter")
	case ';':
		c.Warn(0, "no commas in the header line; using semicolon as the delimiter")
	}

	// Header.
	for {
		if !sc.next() {
			return fmt.Errorf("%w in %s (no header)", table.ErrEmpty, c.File)
		}
		if sc.err != "" {
			return &table.FormatError{File: c.File, Reason: fmt.Sprintf("line %d: malformed header: %s", sc.startLine, sc.err)}
		}
		if !readAllBlank(sc.fields) {
			break
		}
	}
	h, err := readCSVHeader(c, sc.fields)
	if err != nil {
		return err
	}

	// Every row the validator sees has at least h.n fields, so at least
	// h.n-1 delimiters: that and the line count bound the number of rows.
	body := text[sc.pos:]
	c.EstRows = min(strings.Count(body, "\n")+1, strings.Count(body, string(sc.delim))/max(h.n-1, 1)+1)
	var row table.Row
	for sc.next() {
		if sc.err == "" && readAllBlank(sc.fields) {
			continue
		}
		id := ""
		if h.col[table.FieldID] >= 0 && h.col[table.FieldID] < len(sc.fields) {
			id = table.Trim(sc.fields[h.col[table.FieldID]])
		}
		if sc.err != "" {
			if err := c.Reject(sc.startLine, id, "malformed CSV: "+sc.err); err != nil {
				return err
			}
			continue
		}
		n := len(sc.fields)
		if n < h.n || (n > h.n && !readAllBlank(sc.fields[h.n:])) {
			if err := c.Reject(sc.startLine, id, fmt.Sprintf("row has %d fields, header has %d", n, h.n)); err != nil {
				return err
			}
			continue
		}
		row.Reset(sc.startLine)
		if h.nExtra > 0 {
			row.Extra = make([]planner.Attr, 0, h.nExtra)
		}
		for i, v := range sc.fields[:h.n] {
			if f := h.field[i]; f != table.FieldExtra {
				row.Set(f, v)
			} else {
				row.Extra = append(row.Extra, planner.Attr{Key: h.names[i], Value: table.Trim(v)})
			}
		}
		if err := c.Collect(&row); err != nil {
			return err
		}
	}
	return nil
}

// readHeader maps CSV columns to fields.
type readHeader struct {
	n      int                  // columns, trailing unnamed ones dropped
	field  []table.Field        // per column
	names  []string             // per column, the Extra key
	col    [table.NumFields]int // per field, its column or -1
	nExtra int
}

func readCSVHeader(c *table.Ctx, fields []string) (*readHeader, error) {
	n := len(fields)
	for n > 0 && strings.TrimSpace(fields[n-1]) == "" {
		n-- // Excel's trailing commas
	}
	if c.MaxCols > 0 && n > c.MaxCols {
		return nil, &table.ColumnLimitError{File: c.File, Columns: n, Max: c.MaxCols}
	}
	h := &readHeader{n: n, field: make([]table.Field, n), names: make([]string, n)}
	for f := range h.col {
		h.col[f] = -1
	}
	var (
		present [table.NumFields]bool
		popCols []int // every population column, used or demoted
	)
	for i, raw := range fields[:n] {
		name := strings.TrimSpace(raw)
		f := c.Spec.Field(name)
		h.field[i] = f
		if f == table.FieldExtra {
			if name == "" {
				name = fmt.Sprintf("column_%d", i+1)
			}
			h.names[i] = name
			h.nExtra++
			continue
		}
		if f == table.FieldPopulation {
			// Several population figures: prefer by kind, but two of one
			// kind are ambiguous.
			kind := table.PopKindOf(name)
			for _, j := range popCols {
				if table.PopKindOf(fields[j]) == kind {
					return nil, readDuplicateColumn(c.File, fields, j, i, f)
				}
			}
			popCols = append(popCols, i)
			if j := h.col[f]; j >= 0 {
				demote := i
				if kind > table.PopKindOf(fields[j]) {
					demote = j
					h.col[f] = i
				}
				h.field[demote] = table.FieldExtra
				h.names[demote] = strings.TrimSpace(fields[demote])
				h.nExtra++
				continue
			}
		} else if j := h.col[f]; j >= 0 {
			return nil, readDuplicateColumn(c.File, fields, j, i, f)
		}
		h.col[f] = i
		present[f] = true
	}
	if errs := table.MissingColumns(c.File, c.Spec, &present); len(errs) > 0 {
		return nil, table.Join(errs)
	}
	if len(popCols) > 1 {
		var kept []string
		for _, j := range popCols {
			if j != h.col[table.FieldPopulation] {
				kept = append(kept, strings.TrimSpace(fields[j]))
			}
		}
		c.Warn(0, table.PopChoice(strings.TrimSpace(fields[h.col[table.FieldPopulation]]), kept))
	}
	return h, nil
}

// readDuplicateColumn is the error for two header columns, j before i,
// that give the same field.
func readDuplicateColumn(file string, fields []string, j, i int, f table.Field) error {
	return &table.FormatError{File: file, Reason: fmt.Sprintf(
		"columns %d (%s) and %d (%s) both give %s; rename one",
		j+1, table.Quote(strings.TrimSpace(fields[j])), i+1, table.Quote(strings.TrimSpace(fields[i])), f.Name())}
}

// readSniffDelimiter picks the field delimiter from the first non-empty
// line, the header.
func readSniffDelimiter(text string) byte {
	line := strings.TrimLeft(text, "\r\n")
	if i := strings.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	switch {
	case strings.IndexByte(line, ',') >= 0:
		return ','
	case strings.IndexByte(line, '\t') >= 0:
		return '\t'
	case strings.IndexByte(line, ';') >= 0:
		return ';'
	}
	return ','
}

func readAllBlank(fields []string) bool {
	for _, f := range fields {
		if table.Trim(f) != "" {
			return false
		}
	}
	return true
}

// readCSVScanner splits RFC 4180 text into records. It is more forgiving
// than encoding/csv where that loses nothing: spaces around a quoted field
// are allowed, a quote inside an unquoted field is literal, and "\r\n",
// "\n" and a lone "\r" (old Mac Excel) all end a line. Fields are
// substrings of s, so a record costs no allocation unless a field holds an
// escaped quote or a CRLF inside quotes. A malformed record sets err and is
// skipped to the end of its line, so reading continues with the next one.
type readCSVScanner struct {
	s     string
	pos   int
	line  int // physical line at pos, 1-based
	delim byte

	startLine int      // line on which the current record starts
	fields    []string // current record, reused
	err       string   // why the current record is malformed, or ""
}

func (sc *readCSVScanner) next() bool {
	if sc.pos >= len(sc.s) {
		return false
	}
	sc.startLine = sc.line
	sc.fields = sc.fields[:0]
	sc.err = ""
	s := sc.s
	for {
		// Skip blanks before the field (the delimiter itself may be a tab).
		i := sc.pos
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') && s[i] != sc.delim {
			i++
		}
		if i < len(s) && s[i] == '"' {
			if !sc.quoted(i + 1) {
				return true
			}
		} else {
			j := sc.pos
			for j < len(s) {
				if b := s[j]; b == sc.delim || b == '\n' || b == '\r' {
					break
				}
				j++
			}
			sc.fields = append(sc.fields, s[sc.pos:j])
			sc.pos = j
		}
		// sc.pos is at a delimiter, a line end or the end of input.
		if sc.pos >= len(s) {
			return true
		}
		if s[sc.pos] == sc.delim {
			sc.pos++
			continue
		}
		sc.endLine()
		return true
	}
}

// quoted reads a quoted field whose content starts at i. It returns false
// when the record turned out malformed (err is set and the rest of the line
// consumed).
func (sc *readCSVScanner) quoted(i int) bool {
	s := sc.s
	var b strings.Builder
	escaped := false
	start := i
	for {
		q := strings.IndexByte(s[i:], '"')
		if q < 0 {
			sc.err = fmt.Sprintf("quoted field opened on line %d is never closed", sc.line)
			sc.line += readCountLines(s[start:])
			sc.fields = append(sc.fields, s[start:])
			sc.pos = len(s)
			return false
		}
		q += i
		if q+1 < len(s) && s[q+1] == '"' { // "" is an escaped quote
			escaped = true
			b.WriteString(s[i : q+1])
			i = q + 2
			continue
		}
		chunk := s[start:q]
		sc.line += readCountLines(chunk)
		v := chunk
		if escaped {
			b.WriteString(s[i:q])
			v = b.String()
		}
		if strings.IndexByte(v, '\r') >= 0 {
			v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
		}
		sc.fields = append(sc.fields, v)
		i = q + 1
		break
	}
	// Only blanks may follow the closing quote.
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') && s[i] != sc.delim {
		i++
	}
	sc.pos = i
	if i < len(s) && s[i] != sc.delim && s[i] != '\n' && s[i] != '\r' {
		sc.err = fmt.Sprintf("unexpected text after the closing quote of field %d", len(sc.fields))
		if j := strings.IndexAny(s[i:], "\r\n"); j >= 0 {
			sc.pos = i + j
			sc.endLine()
		} else {
			sc.pos = len(s)
		}
		return false
	}
	return true
}

// endLine consumes the line ending at sc.pos.
func (sc *readCSVScanner) endLine() {
	if sc.s[sc.pos] == '\r' && sc.pos+1 < len(sc.s) && sc.s[sc.pos+1] == '\n' {
		sc.pos++
	}
	sc.pos++
	sc.line++
}

// readCountLines counts line endings ("\r\n", "\n" or "\r") in s.
func readCountLines(s string) int {
	n := strings.Count(s, "\n")
	if strings.IndexByte(s, '\r') < 0 {
		return n
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' && (i+1 == len(s) || s[i+1] != '\n') {
			n++
		}
	}
	return n
}

// Format is CSV as an input format of data's readers: chosen by the option
// "csv", and the fallback for content no other format claims (a .csv name
// does not force it).
func Format() table.Format {
	return table.Format{Name: "csv", Read: readCSV}
}
