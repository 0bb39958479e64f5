package main

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
)

func TestExitCodeAndMessage(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
		msg  string
	}{
		{&planner.OptionError{Option: "merge-km", Reason: "distance -1 km must not be negative"}, exitUsage, "--merge-km: distance -1 km must not be negative"},
		{fmt.Errorf("%w: open x.csv: no such file", table.ErrUnreadable), exitUsage, "input unreadable: open x.csv: no such file"},
		{fmt.Errorf("reading: %w", table.ErrEmpty), exitInvalidData, "reading: no data rows"},
		{&planner.InputError{Kind: "village", Index: 3, ID: "V3", Reason: "population -1 is negative"}, exitInvalidData, `village 3 ("V3"): population -1 is negative`},
		{usagef(`invalid value "abc" for flag -radius-km: strconv.ParseFloat: parsing "abc": invalid syntax`), exitUsage, `invalid value "abc" for flag --radius-km: not a number`},
		{outputError{errors.New("disk full")}, exitOutput, "disk full"},
		{fmt.Errorf("run: %w", context.Canceled), exitInterrupted, ""},
		{errors.New("something else"), exitInternal, "something else"},
	} {
		if got := exitCode(tc.err); got != tc.code {
			t.Errorf("exitCode(%v) = %d, want %d", tc.err, got, tc.code)
		}
		if tc.msg != "" {
			if got := message(tc.err); got != tc.msg {
				t.Errorf("message(%v) = %q, want %q", tc.err, got, tc.msg)
			}
		}
	}
}
