package apierr

import (
	"errors"
	"fmt"
	"testing"
)

// TestTypedErrorsWrapTheirSentinel: each typed error unwraps to its
// sentinel (what server's statusOf maps), keeps the server's message, and
// Param names its parameter through wrapping.
func TestTypedErrorsWrapTheirSentinel(t *testing.T) {
	for _, tc := range []struct {
		err      error
		sentinel error
		msg      string
		param    string
	}{
		{&ParamError{Param: "radius_km", Reason: "want a number"}, ErrBadRequest, "server: radius_km: want a number", "radius_km"},
		{&LimitError{Param: "memory", Reason: "too much"}, ErrLimit, "server: memory: too much", "memory"},
		{&NotFoundError{What: "run", ID: "ab12"}, ErrNotFound, `server: run "ab12" not found`, ""},
		{ErrSlowUpload, ErrSlowUpload, "server: upload too slow", ""},
	} {
		if !errors.Is(tc.err, tc.sentinel) {
			t.Errorf("%T does not wrap %v", tc.err, tc.sentinel)
		}
		if got := tc.err.Error(); got != tc.msg {
			t.Errorf("%T: message %q, want %q", tc.err, got, tc.msg)
		}
		if got := Param(fmt.Errorf("wrapped: %w", tc.err)); got != tc.param {
			t.Errorf("%T: Param %q, want %q", tc.err, got, tc.param)
		}
	}
}
