package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"
)

// Excel's hard limits (Microsoft "Excel specifications and limits").
const (
	excelMaxRows     = 1_048_576
	excelMaxCols     = 16_384
	excelMaxCellText = 32_767
	sheetNameMax     = 31
	widthSampleRows  = 1_000
)

type cellKind uint8

const (
	kindEmpty cellKind = iota
	kindText
	kindNumber
	kindBool
)

// Cell is one typed value of a written table. The zero Cell is empty.
type Cell struct {
	kind cellKind
	s    string
	f    float64
	b    bool
}

// Text is a text cell: written as a string even when it looks like a
// number, so codes keep their leading zeros and all 12 digits.
func Text(s string) Cell { return Cell{kind: kindText, s: s} }

// Number is a numeric cell. NaN and infinities cannot be stored in a
// workbook; WriteTables rejects them.
func Number(f float64) Cell { return Cell{kind: kindNumber, f: f} }

// Int is a numeric cell holding an integer. Excel keeps 15 significant
// digits; integers beyond ±2^53 are rejected by WriteTables (write them as
// Text).
func Int(i int64) Cell { return Cell{kind: kindNumber, f: float64(i), s: strconv.FormatInt(i, 10)} }

// Bool is a TRUE/FALSE cell.
func Bool(b bool) Cell { return Cell{kind: kindBool, b: b} }

// Sheet is one table: its sheet name (sanitised on write), header and rows.
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]Cell
}

// WriteTables writes one sheet per table to w as an .xlsx workbook.
func WriteTables(w io.Writer, sheets []Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("%w: no tables", ErrInvalidTable)
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	used := map[string]bool{}
	for i := range sheets {
		name := SheetName(sheets[i].Name, i, used)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", name, err)
		}
		if err := writeSheet(f, name, &sheets[i], bold); err != nil {
			return err
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// writeSheet streams one table.
func writeSheet(f *excelize.File, name string, s *Sheet, bold int) error {
	if len(s.Rows)+1 > excelMaxRows || len(s.Header) > excelMaxCols {
		return fmt.Errorf("%w: table %q has %d rows and %d columns; Excel allows %d and %d",
			ErrTooLarge, s.Name, len(s.Rows)+1, len(s.Header), excelMaxRows, excelMaxCols)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for c, w := range columnWidths(s) {
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	head := make([]any, len(s.Header))
	for i, h := range s.Header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{StyleID: bold}); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	vals := []any{}
	for r, row := range s.Rows {
		if len(row) > len(s.Header) && len(row) > 0 {
			return fmt.Errorf("%w: table %q row %d has %d cells for %d header columns", ErrInvalidTable, s.Name, r+1, len(row), len(s.Header))
		}
		vals = vals[:0]
		for c, cell := range row {
			v, err := cellValue(cell)
			if err != nil {
				return fmt.Errorf("%w: table %q row %d column %q: %v", ErrInvalidTable, s.Name, r+1, s.Header[c], err)
			}
			vals = append(vals, v)
		}
		axis, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(axis, vals); err != nil {
			return fmt.Errorf("xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// cellValue is what the stream writer stores for c.
func cellValue(c Cell) (any, error) {
	switch c.kind {
	case kindText:
		if utf8.RuneCountInString(c.s) > excelMaxCellText {
			return nil, fmt.Errorf("text of %d characters exceeds Excel's %d", utf8.RuneCountInString(c.s), excelMaxCellText)
		}
		return c.s, nil
	case kindNumber:
		if math.IsNaN(c.f) || math.IsInf(c.f, 0) {
			return nil, fmt.Errorf("number %v cannot be stored", c.f)
		}
		if c.s != "" && math.Abs(c.f) > 1<<53 {
			return nil, fmt.Errorf("integer %s beyond 2^53 would lose digits; write it as Text", c.s)
		}
		return c.f, nil
	case kindBool:
		return c.b, nil
	}
	return nil, nil
}

// columnWidths sizes each column to its widest text among the header and
// the first rows, in Excel character units, between 8 and 60.
func columnWidths(s *Sheet) []float64 {
	w := make([]float64, len(s.Header))
	grow := func(c int, text string) {
		if c < len(w) {
			w[c] = max(w[c], float64(runewidth.StringWidth(text)))
		}
	}
	for c, h := range s.Header {
		grow(c, h)
	}
	for _, row := range s.Rows[:min(len(s.Rows), widthSampleRows)] {
		for c, cell := range row {
			grow(c, cell.display())
		}
	}
	for c := range w {
		w[c] = min(max(w[c]+2, 8), 60)
	}
	return w
}

func (c Cell) display() string {
	switch c.kind {
	case kindText:
		return c.s
	case kindNumber:
		return strconv.FormatFloat(c.f, 'g', 15, 64)
	case kindBool:
		return "FALSE"
	}
	return ""
}

// SheetName makes s a valid, unused Excel sheet name: the characters
// []:*?/\ become '_', leading and trailing apostrophes and spaces are
// removed, it is cut to 31 characters, an empty name becomes "Sheet<i+1>",
// and a name already in used (ignoring case) gets a "~2", "~3"… suffix.
// The result is recorded in used.
func SheetName(s string, i int, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(s, "' ")
	if s == "" || strings.EqualFold(s, "History") {
		s = fmt.Sprintf("Sheet%d", i+1)
	}
	base := truncateRunes(s, sheetNameMax)
	name := base
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf("~%d", n)
		name = truncateRunes(base, sheetNameMax-len(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
