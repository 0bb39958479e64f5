package table

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/catchment/catchment/planner"
)

// ErrWrite reports that the destination of a writer failed (disk full,
// closed pipe, rename refused ...). Errors from the writers in this package
// that come from the io.Writer or the file system unwrap to it and to the
// underlying error.
var ErrWrite = errors.New("data: write failed")

// ErrWriteInput reports that a writer was given something it cannot encode
// faithfully: a coverage result that does not belong to the villages and
// facilities given with it, a non-Finite coordinate or distance, two radii
// that would produce the same column, or an extra column that the input
// format cannot carry. Nothing is written when a writer returns it.
var ErrWriteInput = errors.New("data: cannot write")

// WriteError is a failure of the destination. Path is empty for plain
// io.Writer destinations.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string {
	if e.Path == "" {
		return "data: write failed: " + e.Err.Error()
	}
	return "data: write " + e.Path + ": " + e.Err.Error()
}

// Unwrap makes both errors.Is(err, ErrWrite) and errors.Is(err, fs.ErrPermission)
// (or whatever the cause was) hold.
func (e *WriteError) Unwrap() []error { return []error{ErrWrite, e.Err} }

// WriteInputError names the record a writer could not encode and why.
type WriteInputError struct {
	// Record identifies the offending record, e.g. `village "V1" (#3)`;
	// empty when the problem is not tied to one record (the radii).
	Record string
	Reason string
}

func (e *WriteInputError) Error() string {
	if e.Record == "" {
		return "data: cannot write: " + e.Reason
	}
	return "data: cannot write " + e.Record + ": " + e.Reason
}

func (e *WriteInputError) Unwrap() error { return ErrWriteInput }

func WrapWrite(err error) error {
	if err == nil {
		return nil
	}
	var we *WriteError
	if errors.As(err, &we) {
		return err
	}
	return &WriteError{Err: err}
}

func VillageRecord(i int, v *planner.Village) string {
	return fmt.Sprintf("village %q (#%d)", v.ID, i+1)
}

func FacilityRecord(i int, f *planner.Facility) string {
	return fmt.Sprintf("facility %q (#%d)", f.ID, i+1)
}

// RadiusLabel is the column suffix for a radius in kilometres: the shortest
// decimal that reads back as the same float64, with the decimal point
// replaced by an underscore (field names with dots confuse SQL-flavoured GIS
// tools), followed by "km": 10 -> "10km", 12.5 -> "12_5km".
func RadiusLabel(radiusKm float64) string {
	return strings.Replace(strconv.FormatFloat(radiusKm, 'f', -1, 64), ".", "_", 1) + "km"
}

// NetworkCoveredColumns returns the names of the per-radius emergency
// network cover columns (planner.MeasureNetwork) the coverage writers use:
// "network_covered" when there is a single radius, else
// "network_covered_<RadiusLabel>" for each radius in order
// ("network_covered_10km", "network_covered_12_5km"). A single-radius file
// keeps the plain name so that the
// common case reads naturally; the radius itself is in the summary.
// It fails when a radius is not a valid planner radius or when two radii
// are equal (their columns would collide).
func NetworkCoveredColumns(radiiKm []float64) ([]string, error) {
	return RadiusColumns("network_covered", radiiKm)
}

func RadiusColumns(prefix string, radiiKm []float64) ([]string, error) {
	if len(radiiKm) == 0 {
		return nil, &WriteInputError{Reason: "no radius"}
	}
	for _, r := range radiiKm {
		if err := planner.ValidateRadiusKm("radius-km", r); err != nil {
			return nil, &WriteInputError{Reason: err.Error()}
		}
	}
	if len(radiiKm) == 1 {
		return []string{prefix}, nil
	}
	names := make([]string, len(radiiKm))
	for k, r := range radiiKm {
		names[k] = prefix + "_" + RadiusLabel(r)
		for _, prev := range names[:k] {
			if prev == names[k] {
				return nil, &WriteInputError{Reason: fmt.Sprintf("radius %v km is listed twice", r)}
			}
		}
	}
	return names, nil
}

func Finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// CheckCoverage verifies that res was computed for exactly these villages and
// facilities and that every number the writers emit is Finite, so that the
// writers either write everything or nothing.
func CheckCoverage(villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult) error {
	if res == nil {
		return &WriteInputError{Reason: "coverage result is nil"}
	}
	cols, err := CoverageColumns(res)
	if err != nil {
		return err
	}
	if len(res.Villages) != len(villages) {
		return &WriteInputError{Reason: fmt.Sprintf("coverage result has %d villages, the input has %d", len(res.Villages), len(villages))}
	}
	nr := len(cols)
	for i := range villages {
		v, vc := &villages[i], &res.Villages[i]
		if !Finite(v.Location[0]) || !Finite(v.Location[1]) {
			return &WriteInputError{VillageRecord(i, v), fmt.Sprintf("location (%v, %v) is not finite", v.Location[0], v.Location[1])}
		}
		if len(vc.Covered) != nr {
			return &WriteInputError{VillageRecord(i, v), fmt.Sprintf("coverage has %d flags for %d radii", len(vc.Covered), nr)}
		}
		switch {
		case vc.Nearest < -1 || vc.Nearest >= len(facilities):
			return &WriteInputError{VillageRecord(i, v), fmt.Sprintf("nearest facility index %d is out of range [-1, %d)", vc.Nearest, len(facilities))}
		case vc.Nearest >= 0 && (!Finite(vc.DistanceM) || vc.DistanceM < 0):
			return &WriteInputError{VillageRecord(i, v), fmt.Sprintf("distance %v m is not a finite non-negative number", vc.DistanceM)}
		case vc.Nearest == -1:
			for _, c := range vc.Covered {
				if c {
					return &WriteInputError{VillageRecord(i, v), "network_covered without a nearest facility"}
				}
			}
		}
	}
	return nil
}
