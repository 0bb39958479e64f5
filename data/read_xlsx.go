package data

import (
	"bytes"
	"fmt"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/data/xlsx"
)

// xlsxFormat reads the first sheet of an Excel workbook, or
// ReadOptions.Sheet, through the same header matching and row rules as
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
	recs, err := xlsx.ReadRecords(bytes.NewReader(raw), c.File, xlsx.Options{Sheet: opt.Sheet})
	if err != nil {
		return fmt.Errorf("%w: %w", table.ErrFormat, err)
	}
	for _, w := range recs.Warnings {
		c.Warn(0, fmt.Sprintf("sheet %s row %d: %s", table.Quote(recs.Sheet), w.Line, w.Reason))
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
