package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"syscall"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/apierr"
)

// Sentinel errors of the server. Handlers return errors that wrap these (or
// the data and planner sentinels), and statusOf turns them into HTTP
// statuses in one place. Those the inner packages return too are
// apierr's, under the same names.
var (
	// ErrBadRequest means a request parameter, form field or JSON key is
	// missing, unknown or malformed; see ParamError.
	ErrBadRequest = apierr.ErrBadRequest
	// ErrNotFound means a dataset, run, result or county does not exist.
	ErrNotFound = apierr.ErrNotFound
	// ErrConflict means the request is valid but the resource's state does
	// not allow it (deleting the sample, results of an unfinished run).
	ErrConflict = errors.New("server: conflict")
	// ErrBusy means every slot is taken; the client should retry later.
	ErrBusy = errors.New("server: busy")
	// ErrUnauthorized means the bearer token is missing or wrong.
	ErrUnauthorized = errors.New("server: unauthorized")
	// ErrUnsupportedMediaType means the request body has the wrong type.
	ErrUnsupportedMediaType = errors.New("server: unsupported media type")
	// ErrMethodNotAllowed means the path exists for other methods only.
	ErrMethodNotAllowed = errors.New("server: method not allowed")
	// ErrInsecure refuses to listen beyond loopback without a token.
	ErrInsecure = errors.New("server: a token is required to listen on a non-loopback address")
	// ErrHeaderTooLarge means the request's header fields are too large.
	ErrHeaderTooLarge = errors.New("server: request header fields too large")
	// ErrClosed means the server was closed or is shutting down.
	ErrClosed = errors.New("server: closed")
	// ErrLimit means a request asks for more than the server allows at
	// once (radii, columns); see LimitError.
	ErrLimit = apierr.ErrLimit
	// ErrMemoryBudget means the work would take the server past its
	// memory budget (Config.MaxMemoryBytes) now; retry later.
	ErrMemoryBudget = apierr.ErrMemoryBudget
	// ErrStorageFull means the data directory's disk (or the database on
	// it) is full.
	ErrStorageFull = errors.New("server: the server's disk is full")
	// ErrAmbiguousBody means a run request body is valid JSON that says
	// two things: a key given twice (422).
	ErrAmbiguousBody = apierr.ErrAmbiguousBody
	// ErrBadToken refuses a configured token that is blank or has
	// leading or trailing white space.
	ErrBadToken = errors.New("server: unusable token")
	// ErrSlowUpload means an upload arrived slower than the minimum rate.
	ErrSlowUpload = apierr.ErrSlowUpload
	// ErrUnprocessable means a request part or parameter is well formed
	// but cannot be used (a road file that gives no network, road
	// distances on a dataset without roads): 422; see UnprocessableError.
	ErrUnprocessable = errors.New("server: unprocessable")
)

// LimitError names the request parameter that asks for more than the
// server's limit; it unwraps to ErrLimit.
type LimitError = apierr.LimitError

// diskFull reports whether err says the disk or the database is full:
// ENOSPC or EDQUOT from the file system, SQLITE_FULL from the database.
func diskFull(err error) bool {
	if errors.Is(err, ErrStorageFull) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return true
	}
	var se interface{ Code() int }
	return errors.As(err, &se) && se.Code()&0xff == sqliteFull
}

// sqliteFull is SQLITE_FULL, "database or disk is full".
const sqliteFull = 13

// ParamError names the request parameter (query parameter, form field or
// JSON key) that is missing, unknown or malformed; it unwraps to
// ErrBadRequest.
type ParamError = apierr.ParamError

// NotFoundError names what was not found ("dataset", "run", "result",
// "county"); it unwraps to ErrNotFound.
type NotFoundError = apierr.NotFoundError

// conflictf is an ErrConflict with a message for people.
func conflictf(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrConflict, fmt.Sprintf(format, a...))
}

// statusOf is the single mapping from errors to HTTP statuses, with the
// problem type slug (the last part of the problem type URI) that tells
// clients the kind of failure without parsing the message.
func statusOf(err error) (status int, slug string) {
	var tooLarge *http.MaxBytesError
	switch {
	case diskFull(err):
		return http.StatusInsufficientStorage, "storage-full"
	case errors.Is(err, ErrMemoryBudget):
		return http.StatusServiceUnavailable, "memory"
	case errors.Is(err, ErrSlowUpload):
		return http.StatusRequestTimeout, "slow-upload"
	case errors.Is(err, ErrLimit):
		return http.StatusUnprocessableEntity, "limit-exceeded"
	case errors.Is(err, ErrNoRoads):
		return http.StatusUnprocessableEntity, "no-roads"
	case errors.Is(err, ErrUnprocessable):
		return http.StatusUnprocessableEntity, "invalid-data"
	case errors.Is(err, ErrAmbiguousBody):
		return http.StatusUnprocessableEntity, "ambiguous-body"
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, "too-large"
	case errors.Is(err, ErrHeaderTooLarge):
		return http.StatusRequestHeaderFieldsTooLarge, "header-too-large"
	case errors.Is(err, ErrUnauthorized):
		return http.StatusUnauthorized, "unauthorized"
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound, "not-found"
	case errors.Is(err, ErrMethodNotAllowed):
		return http.StatusMethodNotAllowed, "method-not-allowed"
	case errors.Is(err, ErrConflict):
		return http.StatusConflict, "conflict"
	case errors.Is(err, ErrUnsupportedMediaType):
		return http.StatusUnsupportedMediaType, "unsupported-media-type"
	case errors.Is(err, ErrBusy), errors.Is(err, ErrClosed):
		return http.StatusServiceUnavailable, "busy"
	case errors.Is(err, planner.ErrInvalidOptions), errors.Is(err, geo.ErrUnknownCRS):
		return http.StatusBadRequest, "invalid-options"
	case errors.Is(err, ErrBadRequest):
		return http.StatusBadRequest, "bad-request"
	case errors.Is(err, table.ErrEmpty), errors.Is(err, table.ErrMissingColumn), errors.Is(err, table.ErrInvalidRow),
		errors.Is(err, table.ErrAllRejected), errors.Is(err, table.ErrFormat), errors.Is(err, table.ErrWriteInput),
		errors.Is(err, planner.ErrInvalidInput):
		return http.StatusUnprocessableEntity, "invalid-data"
	case errors.Is(err, table.ErrUnreadable):
		return http.StatusBadRequest, "unreadable"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "timeout"
	}
	return http.StatusInternalServerError, "internal"
}

// optionOf names the option or parameter an error is about, or "".
func optionOf(err error) string {
	var oe *planner.OptionError
	var ue *UnprocessableError
	switch {
	case errors.As(err, &ue):
		return ue.Param
	case errors.As(err, &oe):
		return oe.Option
	}
	return apierr.Param(err)
}
