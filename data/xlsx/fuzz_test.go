package xlsx

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzReadRecords: arbitrary bytes never panic, and every returned row
// number is increasing and after the header.
func FuzzReadRecords(f *testing.F) {
	f.Add(book(f, func(x *excelize.File) {
		set(f, x, "Sheet1", "A1", "村名")
		set(f, x, "Sheet1", "B1", "人口")
		set(f, x, "Sheet1", "A2", "北格村")
		set(f, x, "Sheet1", "B2", 1800)
	}))
	f.Add(book(f, func(x *excelize.File) {
		set(f, x, "Sheet1", "A1", "title")
		x.MergeCell("Sheet1", "A1", "C1")
		set(f, x, "Sheet1", "A2", "code")
		set(f, x, "Sheet1", "B2", "n")
		set(f, x, "Sheet1", "A3", 140105001001)
		set(f, x, "Sheet1", "A4", "合计")
	}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := ReadRecords(bytes.NewReader(data), "f.xlsx", Options{MaxRows: 1000, MaxCols: 100})
		if err != nil {
			return
		}
		last := rec.HeaderLine
		for _, r := range rec.Rows {
			if r.Line <= last || len(r.Cells) == 0 {
				t.Fatalf("row %d after %d with %d cells", r.Line, last, len(r.Cells))
			}
			last = r.Line
		}
	})
}
