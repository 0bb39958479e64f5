package xlsx

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors; typed errors wrap them.
var (
	// ErrNoSheet reports a requested sheet the workbook does not have.
	ErrNoSheet = errors.New("xlsx: no such sheet")
	// ErrTooLarge reports input or output beyond the configured or Excel's
	// limits.
	ErrTooLarge = errors.New("xlsx: too large")
	// ErrNoHeader reports a sheet without any non-empty row.
	ErrNoHeader = errors.New("xlsx: no header row")
	// ErrRead reports a file excelize cannot open or parse.
	ErrRead = errors.New("xlsx: cannot read workbook")
	// ErrInvalidTable reports a table WriteTables cannot write.
	ErrInvalidTable = errors.New("xlsx: invalid table")
)

// SheetError names the missing sheet and lists those present.
type SheetError struct {
	File, Sheet string
	Available   []string
}

func (e *SheetError) Error() string {
	return fmt.Sprintf("xlsx: %s has no sheet %q (sheets: %s)", e.File, e.Sheet, strings.Join(e.Available, ", "))
}

func (e *SheetError) Unwrap() error { return ErrNoSheet }

// Warning is a row skipped or changed on purpose: a title or total row.
type Warning struct {
	File   string
	Line   int // 1-based spreadsheet row
	Reason string
}

func (w Warning) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Reason) }
