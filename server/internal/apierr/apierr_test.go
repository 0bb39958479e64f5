package apierr

import (
	"errors"
	"testing"
)

// TestTypedErrorsWrapTheirSentinel: each typed error unwraps to its
// sentinel (what server's statusOf maps) and keeps the server's message.
func TestTypedErrorsWrapTheirSentinel(t *testing.T) {
	for _, tc := range []struct {
		err      error
		sentinel error
		msg      string
	}{
		{&ParamError{Param: "radius_km", Reason: "want a number"}, ErrBadRequest, "server: radius_km: want a number"},
		{&LimitError{Param: "memory", Reason: "too much"}, ErrLimit, "server: memory: too much"},
		{&NotFoundError{What: "run", ID: "ab12"}, ErrNotFound, `server: run "ab12" not found`},
	} {
		if !errors.Is(tc.err, tc.sentinel) {
			t.Errorf("%T does not wrap %v", tc.err, tc.sentinel)
		}
		if got := tc.err.Error(); got != tc.msg {
			t.Errorf("%T: message %q, want %q", tc.err, got, tc.msg)
		}
	}
}
