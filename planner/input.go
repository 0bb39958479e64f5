package planner

import (
	"errors"
	"fmt"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// ErrInvalidInput reports villages or facilities the planner cannot work
// with: a negative population or capacity, or coordinates that are not a
// longitude and latitude in degrees. Package data rejects such rows when it
// reads files; this guards callers of the library. The typed error is
// *InputError.
var ErrInvalidInput = errors.New("planner: invalid input")

// InputError names the offending village or facility.
type InputError struct {
	Kind   string // "village" or "facility"
	Index  int    // position in the slice given to the planner
	ID     string
	Reason string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("planner: %s %d (%q): %s", e.Kind, e.Index, e.ID, e.Reason)
}

func (e *InputError) Unwrap() error { return ErrInvalidInput }

// pointProblem describes why p is not a WGS84 longitude in [-180, 180] and
// latitude in [-90, 90], or "". It is stricter than geo.ValidPoint (whose
// index panics on anything that fails it), as input files are.
func pointProblem(p orb.Point) string {
	if !geo.ValidPoint(p) || p[0] < -180 || p[0] > 180 {
		return fmt.Sprintf("coordinates (%v, %v) are not a longitude within [-180, 180] and a latitude within [-90, 90]", p[0], p[1])
	}
	return ""
}

func villageError(i int, v *Village, reason string) error {
	return &InputError{"village", i, v.ID, reason}
}

func facilityError(i int, f *Facility, reason string) error {
	return &InputError{"facility", i, f.ID, reason}
}

// checkVillage validates what every algorithm relies on for a village.
func checkVillage(i int, v *Village) error {
	if r := pointProblem(v.Location); r != "" {
		return villageError(i, v, r)
	}
	if v.Population < 0 {
		return villageError(i, v, fmt.Sprintf("population %d is negative", v.Population))
	}
	return nil
}

// checkFacility validates a facility's location and capacity figures.
func checkFacility(i int, f *Facility) error {
	if r := pointProblem(f.Location); r != "" {
		return facilityError(i, f, r)
	}
	if f.Beds < CapacityUnknown || f.Staff < CapacityUnknown {
		return facilityError(i, f, "negative beds or staff")
	}
	return nil
}

// CheckVillage returns an *InputError when villages[i] = v cannot be
// planned (coordinates outside WGS84 ranges, negative population): the
// check every planner step runs, for packages building on the planner.
func CheckVillage(i int, v *Village) error { return checkVillage(i, v) }

// CheckFacilityLocation returns an *InputError when facility i's
// coordinates are outside WGS84 ranges.
func CheckFacilityLocation(i int, f *Facility) error {
	if r := pointProblem(f.Location); r != "" {
		return facilityError(i, f, r)
	}
	return nil
}
