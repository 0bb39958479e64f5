package server

import "github.com/catchment/catchment/data/table"

// Rejection is the JSON form of a table.Rejection in the API: a rejected
// row or warning with its file, line and the row's id, and the reason.
// Line and id are omitted for file-level entries (line 0: the file as a
// whole, such as an encoding warning or a missing column), which have
// neither.
type Rejection struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	ID     string `json:"id,omitempty"`
	Reason string `json:"reason"`
}

// ReadReport is the JSON form of a table.ReadReport: how one uploaded table
// was read, with its first rejected rows and every warning.
type ReadReport struct {
	File     string      `json:"file"`
	Format   string      `json:"format"`
	Encoding string      `json:"encoding"`
	Rows     int         `json:"rows"`
	Accepted int         `json:"accepted"`
	Rejected []Rejection `json:"rejected"`
	Warnings []Rejection `json:"warnings"`
	// RejectedCount is the number of rejected rows: Rejected lists the
	// first ones (at most 1,000) and Omitted counts the others by kind of
	// reason; the dataset's rejections_url lists them all.
	RejectedCount int                 `json:"rejected_count"`
	Omitted       []table.ReasonCount `json:"omitted"`
}

func rejections(rs []table.Rejection) []Rejection {
	out := make([]Rejection, len(rs))
	for i, r := range rs {
		out[i] = Rejection{File: r.File, Line: max(r.Line, 0), ID: r.ID, Reason: r.Reason}
		if out[i].Line == 0 {
			out[i].ID = "" // a file-level entry names no row
		}
	}
	return out
}

func readReports(rs []*table.ReadReport) []*ReadReport {
	if rs == nil {
		return nil
	}
	out := make([]*ReadReport, len(rs))
	for i, r := range rs {
		// Reports stored before they were bounded may list millions of
		// rows: an answer never does.
		r = normalizeReport(r.Bound(maxReportRows))
		out[i] = &ReadReport{File: r.File, Format: r.Format, Encoding: r.Encoding, Rows: r.Rows, Accepted: r.Accepted,
			Rejected: rejections(r.Rejected), Warnings: rejections(r.Warnings),
			RejectedCount: r.RejectedTotal(), Omitted: r.Omitted}
		if out[i].Omitted == nil {
			out[i].Omitted = []table.ReasonCount{}
		}
	}
	return out
}
