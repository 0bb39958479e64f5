package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Defaults for Options' bounds.
const (
	DefaultMaxBytes = 256 << 20 // compressed workbook size
	DefaultMaxRows  = 1_048_576 // Excel's own row limit
	DefaultMaxCols  = 1_000
	// MaxTitleRows is how many leading title rows ReadRecords skips at most.
	MaxTitleRows = 10
)

// Options selects the sheet and bounds the work. Zero values mean the
// first sheet and the defaults above.
type Options struct {
	Sheet    string
	MaxBytes int64
	MaxRows  int // non-empty rows, header and skipped rows included
	MaxCols  int
}

// Row is one data row: its 1-based spreadsheet row number and its cells
// (trailing empty cells dropped, so len(Cells) may be below len(Header)).
type Row struct {
	Line  int
	Cells []string
}

// Records is one sheet as text.
type Records struct {
	Sheet      string
	Header     []string
	HeaderLine int
	Rows       []Row
	Warnings   []Warning
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxCols <= 0 {
		o.MaxCols = DefaultMaxCols
	}
	return o
}

// ReadRecords reads one sheet of the workbook in r; name labels errors and
// warnings (usually the file name). See the package documentation for what
// is skipped and how numbers are rendered.
func ReadRecords(r io.Reader, name string, opt Options) (*Records, error) {
	opt = opt.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, opt.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrRead, name, err)
	}
	if int64(len(data)) > opt.MaxBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrTooLarge, name, opt.MaxBytes)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: 16 * opt.MaxBytes, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrRead, name, err)
	}
	defer f.Close()
	sheet, err := pickSheet(f, name, opt.Sheet)
	if err != nil {
		return nil, err
	}
	rows, err := readRows(f, name, sheet, opt)
	if err != nil {
		return nil, err
	}
	titles := map[int]bool{}
	if len(rows) > 0 {
		if _, distinct := nonEmpty(rows[0].Cells); distinct <= 1 {
			// Only a possible title needs the merged ranges, which cost a
			// full parse of the sheet.
			if titles, err = mergedTitleRows(f, sheet); err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrRead, name, err)
			}
		}
	}
	return split(name, sheet, rows, titles)
}

// pickSheet finds the sheet to read.
func pickSheet(f *excelize.File, file, want string) (string, error) {
	list := f.GetSheetList()
	if len(list) == 0 {
		return "", fmt.Errorf("%w: %s has no sheets", ErrRead, file)
	}
	if want == "" {
		return list[0], nil
	}
	for _, s := range list {
		if s == want {
			return s, nil
		}
	}
	for _, s := range list {
		if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(want)) {
			return s, nil
		}
	}
	return "", &SheetError{File: file, Sheet: want, Available: list}
}

// readRows streams the sheet twice in step, formatted and raw, and returns
// the non-empty rows.
func readRows(f *excelize.File, file, sheet string, opt Options) ([]Row, error) {
	shown, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrRead, file, err)
	}
	defer shown.Close()
	raw, err := f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrRead, file, err)
	}
	defer raw.Close()
	var out []Row
	for line := 1; shown.Next(); line++ {
		raw.Next()
		cells, err := shown.Columns()
		if err != nil {
			return nil, fmt.Errorf("%w: %s:%d: %v", ErrRead, file, line, err)
		}
		rawCells, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%w: %s:%d: %v", ErrRead, file, line, err)
		}
		for i := range cells {
			r := ""
			if i < len(rawCells) {
				r = rawCells[i]
			}
			cells[i] = cellText(cells[i], r)
			if snapped, ok := snapArtefact(cells[i]); ok && isNumberCell(f, sheet, i+1, line) {
				cells[i] = snapped
			}
		}
		cells = trimRow(cells)
		if len(cells) == 0 {
			continue
		}
		if len(cells) > opt.MaxCols {
			return nil, fmt.Errorf("%w: %s:%d: %d columns, more than %d", ErrTooLarge, file, line, len(cells), opt.MaxCols)
		}
		if len(out) == opt.MaxRows {
			return nil, fmt.Errorf("%w: %s: more than %d non-empty rows", ErrTooLarge, file, opt.MaxRows)
		}
		out = append(out, Row{Line: line, Cells: cells})
	}
	if err := shown.Error(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrRead, file, err)
	}
	return out, nil
}

// isNumberCell reports whether the cell at column col, row line is stored
// as a number (not text). It is asked only for artefact-looking values.
func isNumberCell(f *excelize.File, sheet string, col, line int) bool {
	name, err := excelize.CoordinatesToCellName(col, line)
	if err != nil {
		return false
	}
	t, err := f.GetCellType(sheet, name)
	return err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset)
}

// mergedTitleRows returns the rows that hold a merged range spanning two
// or more columns.
func mergedTitleRows(f *excelize.File, sheet string) (map[int]bool, error) {
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	out := map[int]bool{}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || c2 <= c1 || r2-r1 > MaxTitleRows {
			continue
		}
		for r := r1; r <= r2; r++ {
			out[r] = true
		}
	}
	return out, nil
}

// split finds the header after any title rows and drops total rows.
func split(file, sheet string, rows []Row, titles map[int]bool) (*Records, error) {
	rec := &Records{Sheet: sheet}
	i := 0
	for ; i < len(rows) && i < MaxTitleRows; i++ {
		n, distinct := nonEmpty(rows[i].Cells)
		merged := titles[rows[i].Line] && distinct <= 1
		single := n == 1 && i+1 < len(rows) && countNonEmpty(rows[i+1].Cells) >= 2
		if !merged && !single {
			break
		}
		rec.Warnings = append(rec.Warnings, Warning{file, rows[i].Line,
			fmt.Sprintf("title row %q skipped above the header", firstNonEmpty(rows[i].Cells))})
	}
	if i >= len(rows) {
		return nil, fmt.Errorf("%w: %s: sheet %q has no header row", ErrNoHeader, file, sheet)
	}
	rec.Header, rec.HeaderLine = rows[i].Cells, rows[i].Line
	for _, r := range rows[i+1:] {
		if isTotalRow(r.Cells) {
			rec.Warnings = append(rec.Warnings, Warning{file, r.Line,
				fmt.Sprintf("total row %q skipped", firstNonEmpty(r.Cells))})
			continue
		}
		rec.Rows = append(rec.Rows, r)
	}
	return rec, nil
}

func countNonEmpty(cells []string) int {
	n, _ := nonEmpty(cells)
	return n
}

func firstNonEmpty(cells []string) string {
	for _, c := range cells {
		if c != "" {
			return c
		}
	}
	return ""
}
