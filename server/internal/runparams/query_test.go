package runparams

import (
	"errors"
	"strings"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/apierr"
)

// TestQueryValues: the values the coverage GET shares with run requests
// are read, or refused with the error that names the parameter.
func TestQueryValues(t *testing.T) {
	many := strings.Split(strings.Repeat("1,", MaxRadii)+"1", ",")
	for _, tc := range []struct {
		name   string
		err    error
		option string // the parameter the error must name
		is     error  // the sentinel it must wrap
	}{
		{"radii", func() error { _, err := ParseRadii("radius_km", []string{"10", " 15"}); return err }(), "", nil},
		{"radius not a number", func() error { _, err := ParseRadii("radius_km", []string{"ten"}); return err }(), "radius_km", planner.ErrInvalidOptions},
		{"radius twice", func() error { _, err := ParseRadii("radius_km", []string{"15", "15.0"}); return err }(), "radius_km", planner.ErrInvalidOptions},
		{"too many radii", func() error { _, err := ParseRadii("radius_km", many); return err }(), "radius_km", apierr.ErrLimit},
		{"too many minutes", func() error { _, err := ParseMinutes("minutes", many); return err }(), "minutes", apierr.ErrLimit},
		{"minutes by straight line", CheckMinutes(DistanceStraight, []float64{30}, false), "minutes", planner.ErrInvalidOptions},
		{"minutes and km", CheckMinutes(DistanceRoad, []float64{30}, true), "minutes", planner.ErrInvalidOptions},
		{"unknown distance", func() error { _, err := ParseDistance("distance", "crow"); return err }(), "distance", planner.ErrInvalidOptions},
		{"no types", func() error { _, err := ParseTypes("types", []string{" ", ""}); return err }(), "types", planner.ErrInvalidOptions},
		{"id", CheckID("id", "files-0a1b2c"), "", nil},
		{"id with a dot", CheckID("id", "../etc"), "id", apierr.ErrBadRequest},
		{"id upper case", CheckID("dataset", "Sample"), "dataset", apierr.ErrBadRequest},
	} {
		if tc.is == nil {
			if tc.err != nil {
				t.Errorf("%s: %v", tc.name, tc.err)
			}
			continue
		}
		if !errors.Is(tc.err, tc.is) {
			t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.is)
		}
		if got := optionOf(tc.err); got != tc.option {
			t.Errorf("%s: names %q, want %q", tc.name, got, tc.option)
		}
	}
}

// optionOf names the parameter or option err is about.
func optionOf(err error) string {
	if oe := (*planner.OptionError)(nil); errors.As(err, &oe) {
		return oe.Option
	}
	return apierr.Param(err)
}
