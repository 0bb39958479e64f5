package csvio

import (
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
)

// Record is one row of a table that another format has already split
// into cells (an Excel sheet): its line (spreadsheet row number) and its
// cells, which may stop before the last column when the rest are empty.
type Record struct {
	Line   int
	Fields []string
}

// ReadRecords matches header and validates rows exactly as a CSV table
// with that header and those rows would be, so that every format shares
// one set of header names and row rules. It sets c.EstRows.
func ReadRecords(c *table.Ctx, header []string, rows []Record) error {
	h, err := readCSVHeader(c, header)
	if err != nil {
		return err
	}
	c.EstRows = len(rows)
	var row table.Row
	pad := make([]string, h.n)
	for _, r := range rows {
		fields := r.Fields
		if len(fields) < h.n {
			fields = append(append(pad[:0:0], fields...), pad[len(fields):]...)
		}
		if len(fields) > h.n && !readAllBlank(fields[h.n:]) {
			id := ""
			if i := h.col[table.FieldID]; i >= 0 {
				id = table.Trim(fields[i])
			}
			if err := c.Reject(r.Line, id, "row has cells beyond the last named column"); err != nil {
				return err
			}
			continue
		}
		if readAllBlank(fields) {
			continue
		}
		row.Reset(r.Line)
		if h.nExtra > 0 {
			row.Extra = make([]planner.Attr, 0, h.nExtra)
		}
		for i, v := range fields[:h.n] {
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
