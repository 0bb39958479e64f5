package data

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/data/xlsx"
)

// xlsxFormat reads ReadOptions.Sheet of an Excel workbook, else its sheet
// named "villages" (village reads) or "facilities" (facility reads) if
// it has one, else its first sheet, through the same header matching and row rules as
// CSV; rejected rows carry their spreadsheet row number as the line.
func xlsxFormat() table.Format {
	return table.Format{
		Name:       "xlsx",
		Aliases:    []string{"excel"},
		Exts:       []string{".xlsx"},
		Mismatch:   "not an Excel .xlsx workbook",
		Magic:      []byte("PK\x03\x04"),
		ReadBinary: readXLSX,
	}
}

func readXLSX(c *table.Ctx, raw []byte, opt table.ReadOptions) error {
	if !bytes.HasPrefix(raw, []byte("PK\x03\x04")) {
		return &table.FormatError{File: c.File, Reason: "not an Excel .xlsx workbook (no ZIP header)"}
	}
	sheet := opt.Sheet
	if sheet == "" {
		// A workbook catchment wrote holds both tables: each reader
		// prefers its own sheet, else takes the first.
		sheet = "facilities"
		if c.Spec.Required(table.FieldPopulation) {
			sheet = "villages"
		}
	}
	recs, err := xlsx.ReadRecords(bytes.NewReader(raw), c.File, xlsx.Options{Sheet: sheet})
	if errors.Is(err, xlsx.ErrNoSheet) && opt.Sheet == "" {
		recs, err = xlsx.ReadRecords(bytes.NewReader(raw), c.File, xlsx.Options{})
	}
	if err != nil {
		return fmt.Errorf("%w: %w", table.ErrFormat, err)
	}
	for _, w := range recs.Warnings {
		c.Warn(w.Line, fmt.Sprintf("sheet %s: %s", table.Quote(recs.Sheet), w.Reason))
	}
	if len(recs.Header) == 0 {
		return fmt.Errorf("%w in %s (sheet %s has no header)", table.ErrEmpty, c.File, table.Quote(recs.Sheet))
	}
	rows := make([]csvio.Record, len(recs.Rows))
	for i, r := range recs.Rows {
		rows[i] = csvio.Record{Line: r.Line, Fields: r.Cells}
	}
	return csvio.ReadRecords(c, recs.Header, rows)
}
