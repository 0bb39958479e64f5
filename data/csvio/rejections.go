package csvio

import (
	"io"
	"strconv"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"
)

// WriteRejectionsCSV writes every rejected row of the reports as CSV with
// the header file,line,id,reason, in report order: the complete list that
// a bounded report (Bound) leaves out. It streams; nothing is held.
func WriteRejectionsCSV(w io.Writer, reports ...*table.ReadReport) error {
	cw, flush := newCSVWriter(w, CSVOptions{})
	if err := cw.Write([]string{"file", "line", "id", "reason"}); err != nil {
		return table.WrapWrite(err)
	}
	row := make([]string, 4)
	for _, r := range reports {
		if r == nil {
			continue
		}
		for i := range r.Rejected {
			x := &r.Rejected[i]
			row[0], row[1], row[2], row[3] = enc.ValidText(x.File), strconv.Itoa(x.Line), enc.ValidText(x.ID), enc.ValidText(x.Reason)
			if err := cw.Write(row); err != nil {
				return table.WrapWrite(err)
			}
		}
	}
	return table.WrapWrite(flush())
}
