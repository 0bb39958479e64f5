package odmatrix

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/catchment/catchment/geo"
)

// Load reads the table at path with Read.
func Load(path string) ([]geo.ODPair, *Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Report{File: path}, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	defer f.Close()
	return Read(f, path)
}

// Read reads an origin–destination table from r; name identifies it in
// the report and errors. Km and Minutes of a pair are NaN where the table
// has no such column or the cell is blank. The report is never nil. The
// error wraps ErrUnreadable, ErrFormat, ErrEmpty, ErrMissingColumn or
// ErrAllRejected.
func Read(r io.Reader, name string) ([]geo.ODPair, *Report, error) {
	rep := &Report{File: name, Encoding: "utf-8"}
	br := bufio.NewReaderSize(r, 1<<16)
	head, err := br.Peek(1 << 16)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, rep, fmt.Errorf("%w: %s: %w", ErrUnreadable, name, err)
	}
	var in io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case !validUTF8Prefix(head):
		in = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
		rep.Encoding = "gb18030"
		rep.warn("input is not valid UTF-8; read it as GB18030 (GBK)")
	}
	cr := csv.NewReader(in)
	cr.Comma = sniffComma(head, rep)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	rd := &rowReader{rep: rep, ids: map[string]string{}}
	if err := rd.read(cr); err != nil {
		return nil, rep, err
	}
	pairs := rd.dedupe()
	rep.Accepted = len(pairs)
	slices.SortStableFunc(rep.Rejected, func(a, b Rejection) int { return cmp.Compare(a.Line, b.Line) })
	if rep.Rows == 0 {
		return nil, rep, fmt.Errorf("%w: %s", ErrEmpty, name)
	}
	if len(pairs) == 0 {
		return nil, rep, fmt.Errorf("%w: %s: %d rows", ErrAllRejected, name, rep.Rows)
	}
	return pairs, rep, nil
}

// validUTF8Prefix is utf8.Valid on a buffer that may end inside a
// character.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0 && !utf8.Valid(b); i++ {
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// sniffComma takes the delimiter from the header line.
func sniffComma(head []byte, rep *Report) rune {
	line := head
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	switch {
	case bytes.IndexByte(line, ',') >= 0:
	case bytes.IndexByte(line, '\t') >= 0:
		rep.warn("no commas in the header line; using tab as the delimiter")
		return '\t'
	case bytes.IndexByte(line, ';') >= 0:
		rep.warn("no commas in the header line; using semicolon as the delimiter")
		return ';'
	}
	return ','
}

func (r *Report) warn(reason string) {
	r.Warnings = append(r.Warnings, Rejection{File: r.File, Reason: reason})
}

func (r *Report) reject(line int, reason string) {
	r.Rejected = append(r.Rejected, Rejection{File: r.File, Line: line, Reason: reason})
}

// rowReader is the state of one Read.
type rowReader struct {
	rep   *Report
	h     *header
	ids   map[string]string // interned ids
	pairs []geo.ODPair
	lines []int32
}

func (rd *rowReader) read(cr *csv.Reader) error {
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			if rd.h == nil {
				return fmt.Errorf("%w: %s (no header)", ErrEmpty, rd.rep.File)
			}
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if rd.h == nil {
				return fmt.Errorf("%w: %s: line %d: malformed header: %w", ErrFormat, rd.rep.File, pe.StartLine, err)
			}
			rd.rep.Rows++
			rd.rep.reject(pe.StartLine, "malformed CSV: "+pe.Err.Error())
			continue
		}
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrUnreadable, rd.rep.File, err)
		}
		if blank(rec) {
			continue
		}
		if rd.h == nil {
			if err := rd.header(rec); err != nil {
				return err
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		rd.rep.Rows++
		rd.row(line, rec)
	}
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func (rd *rowReader) header(rec []string) error {
	h, err := parseHeader(rd.rep.File, rec)
	if err != nil {
		return err
	}
	rd.h = h
	rd.rep.Km = h.col[FieldKm] >= 0 || h.col[FieldMetres] >= 0
	rd.rep.Minutes = h.col[FieldMinutes] >= 0 || h.col[FieldSeconds] >= 0
	if len(h.ignored) > 0 {
		rd.rep.warn("columns ignored: " + strings.Join(h.ignored, ", "))
	}
	return nil
}
