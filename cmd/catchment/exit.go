package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/odmatrix"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
)

// Exit codes: the one place where errors become process status.
const (
	exitOK          = 0
	exitInternal    = 1 // a bug or an unexpected failure
	exitUsage       = 2 // bad flags or option values, unreadable input file
	exitInvalidData = 3 // input read but unusable: empty, missing column, bad rows under --strict
	exitOutput      = 4 // an output file could not be written
	exitInterrupted = 130
)

// usageError marks command-line mistakes (unknown flag, bad value, missing
// argument) so that they map to exitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// outputError marks failures to write results.
type outputError struct{ err error }

func (e outputError) Error() string { return e.err.Error() }
func (e outputError) Unwrap() error { return e.err }

// exitCode maps an error to the process exit status.
func exitCode(err error) int {
	var ue usageError
	var oe outputError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &ue), errors.Is(err, planner.ErrInvalidOptions), errors.Is(err, table.ErrUnreadable),
		errors.Is(err, errScenario):
		return exitUsage
	case errors.As(err, &oe):
		return exitOutput
	case errors.Is(err, table.ErrEmpty), errors.Is(err, table.ErrMissingColumn), errors.Is(err, table.ErrInvalidRow),
		errors.Is(err, table.ErrFormat), errors.Is(err, table.ErrAllRejected), errors.Is(err, planner.ErrInvalidInput):
		return exitInvalidData
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return exitUsage
	case errors.Is(err, data.ErrRoads), errors.Is(err, geo.ErrODMatrix), isODInvalid(err):
		return exitInvalidData
	}
	return exitInternal
}

// exitReport prints err for a person and returns its exit code.
func exitReport(w io.Writer, err error) int {
	code := exitCode(err)
	switch code {
	case exitOK:
		return code
	case exitInterrupted:
		fmt.Fprintln(w, "catchment: interrupted")
		return code
	}
	for _, line := range strings.Split(message(err), "\n") {
		fmt.Fprintf(w, "catchment: %s\n", line)
	}
	if code == exitUsage {
		fmt.Fprintln(w, "Run 'catchment --help' or 'catchment COMMAND --help' for usage.")
	}
	return code
}

var (
	strconvSyntax = regexp.MustCompile(`strconv\.Parse\w+: parsing "[^"]*": invalid syntax`)
	strconvRange  = regexp.MustCompile(`strconv\.Parse\w+: parsing "[^"]*": value out of range`)
)

// message words err for a person: option errors name the flag, package
// prefixes meant for programmers are dropped, and the flag parser's single
// dash becomes the double dash the help shows.
func message(err error) string {
	var oe *planner.OptionError
	if errors.As(err, &oe) {
		return fmt.Sprintf("--%s: %s", oe.Option, oe.Reason)
	}
	msg := err.Error()
	for _, prefix := range []string{"data: ", "planner: ", "geo: ", "maps: ", "server: "} {
		msg = strings.ReplaceAll(msg, prefix, "")
	}
	msg = strconvSyntax.ReplaceAllString(msg, "not a number")
	msg = strconvRange.ReplaceAllString(msg, "out of range")
	msg = strings.ReplaceAll(msg, "for flag -", "for flag --")
	msg = strings.ReplaceAll(msg, "flag provided but not defined: -", "unknown flag --")
	return msg
}

// isODInvalid reports an OD matrix that was read but is unusable.
func isODInvalid(err error) bool {
	return errors.Is(err, odmatrix.ErrFormat) || errors.Is(err, odmatrix.ErrEmpty) ||
		errors.Is(err, odmatrix.ErrMissingColumn) || errors.Is(err, odmatrix.ErrAllRejected)
}
