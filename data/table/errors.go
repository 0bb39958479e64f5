package table

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors returned (wrapped) by the readers. A command-line front end
// maps ErrUnreadable to "could not read the file" and every other one to
// "the file was read but its content is not usable".
var (
	// ErrUnreadable means the input could not be opened or read; it wraps
	// the underlying os or io error as well.
	ErrUnreadable = errors.New("data: input unreadable")
	// ErrFormat means the input is neither CSV nor GeoJSON as the readers
	// accept them (binary data, invalid JSON, a GeoJSON object that is not a
	// FeatureCollection, an ambiguous header), or an option names an
	// unknown encoding, format or coordinate system.
	ErrFormat = errors.New("data: unsupported or malformed input")
	// ErrEmpty means the input has no header or no data rows.
	ErrEmpty = errors.New("data: no data rows")
	// ErrMissingColumn means a required column is absent; see
	// MissingColumnError.
	ErrMissingColumn = errors.New("data: missing required column")
	// ErrInvalidRow means a data row failed validation; in strict mode the
	// readers return it as a *RowError.
	ErrInvalidRow = errors.New("data: invalid row")
	// ErrAllRejected means the input had data rows but every one of them
	// was rejected; the ReadReport returned alongside lists why.
	ErrAllRejected = errors.New("data: every row was rejected")
	// ErrEncoding means a text encoding name is not one the readers know.
	// ParseEncoding returns it so that a front end can reject the option
	// as a usage mistake before any file is read; the readers return it
	// inside a *FormatError, so it also matches ErrFormat there.
	ErrEncoding = errors.New("data: unknown encoding")
)

// MissingColumnError reports a required column that no header name (CSV) or
// property key (GeoJSON) matched. Aliases lists every name that would have
// matched, so the message tells the user what to rename.
type MissingColumnError struct {
	File    string
	Column  string
	Aliases []string
}

func (e *MissingColumnError) Error() string {
	return fmt.Sprintf("data: %s: missing column %q (accepted names: %s)",
		e.File, e.Column, strings.Join(e.Aliases, ", "))
}

// Unwrap returns ErrMissingColumn.
func (e *MissingColumnError) Unwrap() error { return ErrMissingColumn }

// RowError is one rejected data row. Line is the 1-based physical line on
// which the row starts (the CSV header is line 1); for GeoJSON it is the
// line on which the feature's opening brace stands. ID is the row's id when
// it had one.
type RowError struct {
	File   string
	Line   int
	ID     string
	Reason string
}

func (e *RowError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("data: %s:%d: id %q: %s", e.File, e.Line, e.ID, e.Reason)
	}
	return fmt.Sprintf("data: %s:%d: %s", e.File, e.Line, e.Reason)
}

// Unwrap returns ErrInvalidRow.
func (e *RowError) Unwrap() error { return ErrInvalidRow }

// FormatError explains why an input or an option was not usable as a whole.
type FormatError struct {
	File   string
	Reason string
	Err    error // optional cause, e.g. a JSON syntax error or geo.ErrUnknownCRS
}

func (e *FormatError) Error() string {
	msg := "data: " + e.File + ": " + e.Reason
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns ErrFormat and the cause, if any.
func (e *FormatError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrFormat, e.Err}
	}
	return []error{ErrFormat}
}
