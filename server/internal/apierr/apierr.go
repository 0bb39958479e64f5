// Package apierr holds the errors that the server's inner packages
// (store, runparams, budget, reqio) return for package server to answer:
// sentinels, and typed errors that name the request parameter at fault
// and wrap a sentinel. Nothing here knows HTTP: package server re-exports
// these under the same names (server.ErrBadRequest is ErrBadRequest,
// server.ParamError an alias of ParamError) and its statusOf maps them to
// statuses, in one place.
//
// Messages start with "server: ", like every error of the server: they
// reach the server's callers as its errors, and problem details and run
// messages drop the prefix.
package apierr

import (
	"errors"
	"fmt"
)

var (
	// ErrBadRequest means a request parameter, form field or JSON key is
	// missing, unknown or malformed; see ParamError.
	ErrBadRequest = errors.New("server: bad request")
	// ErrNotFound means a dataset, run, result or county does not exist;
	// see NotFoundError.
	ErrNotFound = errors.New("server: not found")
	// ErrLimit means a request asks for more than the server allows at
	// once (radii, columns, memory); see LimitError.
	ErrLimit = errors.New("server: over a limit")
	// ErrMemoryBudget means the work would take the server past its
	// memory budget now; retry later.
	ErrMemoryBudget = errors.New("server: memory budget exhausted")
	// ErrAmbiguousBody means a run request body is valid JSON that says
	// two things: a key given twice.
	ErrAmbiguousBody = errors.New("server: ambiguous request body")
	// ErrSlowUpload means an upload arrived slower than the minimum rate.
	ErrSlowUpload = errors.New("server: upload too slow")
)

// ParamError names the request parameter (query parameter, form field or
// JSON key) that is missing, unknown or malformed.
type ParamError struct {
	Param  string
	Reason string
}

func (e *ParamError) Error() string { return fmt.Sprintf("server: %s: %s", e.Param, e.Reason) }

// Unwrap returns ErrBadRequest.
func (e *ParamError) Unwrap() error { return ErrBadRequest }

// LimitError names the request parameter that asks for more than the
// server's limit.
type LimitError struct {
	Param  string
	Reason string
}

func (e *LimitError) Error() string { return fmt.Sprintf("server: %s: %s", e.Param, e.Reason) }

// Unwrap returns ErrLimit.
func (e *LimitError) Unwrap() error { return ErrLimit }

// NotFoundError names what was not found.
type NotFoundError struct {
	What string // "dataset", "run", "result", "county"
	ID   string
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("server: %s %q not found", e.What, e.ID) }

// Unwrap returns ErrNotFound.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// Param names the request parameter err is about when it is, or wraps, a
// ParamError or a LimitError; "" otherwise.
func Param(err error) string {
	var pe *ParamError
	var le *LimitError
	switch {
	case errors.As(err, &pe):
		return pe.Param
	case errors.As(err, &le):
		return le.Param
	}
	return ""
}
