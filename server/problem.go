package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/runparams"
)

// ProblemTypePrefix starts the type URI of every problem the server
// answers; the rest is a slug such as "invalid-options" or "invalid-data".
const ProblemTypePrefix = "urn:catchment:problem:"

// Media types of the API.
const (
	mediaJSON       = "application/json"
	mediaProblem    = "application/problem+json"
	mediaGeoJSON    = "application/geo+json"
	mediaGeoJSONSeq = "application/geo+json-seq"
	mediaCSV        = "text/csv; charset=utf-8"
	mediaMarkdown   = "text/markdown; charset=utf-8"
)

// Problem is an RFC 9457 problem details object, the body of every error
// response. Option names the request parameter or planning option at fault
// (JSON key spelling, e.g. "radius_km"); Errors lists the rejected rows and
// file-level faults of an upload that was refused (422).
type Problem struct {
	Type     string      `json:"type"`
	Title    string      `json:"title"`
	Status   int         `json:"status"`
	Detail   string      `json:"detail,omitempty"`
	Instance string      `json:"instance,omitempty"`
	Option   string      `json:"option,omitempty"`
	Errors   []Rejection `json:"errors,omitempty"`
	// ErrorsOmitted counts by kind of reason the rejected rows beyond the
	// first ones of each table that Errors lists.
	ErrorsOmitted []table.ReasonCount `json:"errors_omitted,omitempty"`
}

// rowsError carries the line-by-line report of a refused upload.
type rowsError struct {
	err     error
	rows    []table.Rejection
	omitted []table.ReasonCount
}

func (e *rowsError) Error() string { return e.err.Error() }
func (e *rowsError) Unwrap() error { return e.err }

// writeError answers err as a problem. Internal errors are logged with
// their message and answered without it: the message may name paths on
// the server.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if clientGone(r, err) {
		// Nobody is listening: no answer, and no server error in the log.
		s.log.Info("client went away", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
		return
	}
	status, slug := statusOf(err)
	p := Problem{
		Type:     ProblemTypePrefix + slug,
		Title:    http.StatusText(status),
		Status:   status,
		Detail:   err.Error(),
		Instance: r.URL.Path,
		Option:   optionOf(err),
	}
	var oe *planner.OptionError
	if errors.As(err, &oe) {
		p.Option = runparams.JSONKey(oe.Option)
		p.Detail = "option " + p.Option + ": " + oe.Reason
	}
	var tooLarge *http.MaxBytesError
	var roadsTooLarge *roadsTooLargeError
	if errors.As(err, &roadsTooLarge) {
		p.Option = "roads"
	} else if errors.As(err, &tooLarge) {
		p.Detail = fmt.Sprintf("the request body is larger than this server's limit of %d bytes (%.0f MB; catchment serve --max-upload-mb)",
			tooLarge.Limit, float64(tooLarge.Limit)/(1<<20))
		if r.Method == http.MethodPost && r.URL.Path == "/api/v1/runs" {
			// Not set by --max-upload-mb: a run request is a few keys.
			p.Detail = fmt.Sprintf("a run request body is limited to %d bytes (%d KiB, fixed); it holds only the run parameters",
				tooLarge.Limit, tooLarge.Limit>>10)
		}
	}
	var re *rowsError
	if errors.As(err, &re) {
		p.Errors = rejections(re.rows)
		p.ErrorsOmitted = re.omitted
	}
	p.Detail = stripPrefixes(p.Detail)
	switch status {
	case http.StatusInsufficientStorage:
		s.log.Error("disk full", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
		p.Detail = "the server's disk is full, so nothing was stored; retry when the operator has freed space"
		w.Header().Set("Retry-After", "60")
	case http.StatusInternalServerError:
		s.log.Error("internal error", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
		p.Detail = "internal error; the server log has the details"
	case http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", `Bearer realm="catchment"`)
	case http.StatusServiceUnavailable:
		retry := "1"
		if errors.Is(err, ErrMemoryBudget) {
			retry = "10" // running work must finish first
		}
		w.Header().Set("Retry-After", retry)
	}
	writeProblem(w, p)
}

// packagePrefixes start the messages of catchment's packages' errors; they
// are for programmers and logs, and are dropped from problem details as
// the command line drops them from its messages.
var packagePrefixes = []string{"server: ", "data: ", "planner: ", "geo: ", "maps: "}

func stripPrefixes(msg string) string {
	for _, p := range packagePrefixes {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}

func writeProblem(w http.ResponseWriter, p Problem) {
	h := w.Header()
	// A problem replaces whatever the handler had prepared.
	for _, k := range []string{"ETag", "Last-Modified", "Content-Encoding", "Content-Length", "Content-Disposition"} {
		h.Del(k)
	}
	h.Set("Content-Type", mediaProblem)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p) // the client may be gone; nothing to do then
}

// writeJSON answers v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", mediaJSON)
	h.Set("X-Content-Type-Options", "nosniff")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v) // the client may be gone; nothing to do then
}

// clientGone reports whether err comes from the client going away: the
// request's context is cancelled and err is, or wraps, that cancellation.
func clientGone(r *http.Request, err error) bool {
	return r.Context().Err() != nil && errors.Is(err, context.Canceled)
}
