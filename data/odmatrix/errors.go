package odmatrix

import (
	"errors"
	"strconv"
)

// Sentinel errors returned (wrapped) by Read and Load.
var (
	// ErrUnreadable means the input could not be opened or read.
	ErrUnreadable = errors.New("odmatrix: input unreadable")
	// ErrFormat means the input is not a usable CSV table (an ambiguous
	// header, two columns for one field).
	ErrFormat = errors.New("odmatrix: unsupported or malformed input")
	// ErrEmpty means the input has no header or no data rows.
	ErrEmpty = errors.New("odmatrix: no data rows")
	// ErrMissingColumn means a required column is absent.
	ErrMissingColumn = errors.New("odmatrix: missing required column")
	// ErrAllRejected means every data row was rejected; the report says why.
	ErrAllRejected = errors.New("odmatrix: every row was rejected")
)

// Rejection is one rejected row (Line >= 2, the header being line 1) or a
// warning about the whole file (Line 0).
type Rejection struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// Position is "file:line", or "file" for a file-level entry.
func (r Rejection) Position() string {
	if r.Line <= 0 {
		return r.File
	}
	return r.File + ":" + strconv.Itoa(r.Line)
}

func (r Rejection) String() string { return r.Position() + ": " + r.Reason }

// Report accounts for every data row: Rows = Accepted + len(Rejected).
type Report struct {
	File     string `json:"file"`
	Encoding string `json:"encoding"` // "utf-8" or "gb18030"
	// Km and Minutes say which costs the table gives.
	Km       bool        `json:"km"`
	Minutes  bool        `json:"minutes"`
	Rows     int         `json:"rows"`
	Accepted int         `json:"accepted"`
	Rejected []Rejection `json:"rejected"`
	Warnings []Rejection `json:"warnings"`
}
