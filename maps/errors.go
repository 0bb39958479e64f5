package maps

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors of package maps; the typed errors below unwrap to them.
var (
	// ErrOptions reports an unusable drawing option (size, resolution).
	ErrOptions = errors.New("maps: invalid option")
	// ErrEmptyScene reports a scene with nothing to draw.
	ErrEmptyScene = errors.New("maps: nothing to draw")
	// ErrUnknownCounty reports a county the scene does not contain.
	ErrUnknownCounty = errors.New("maps: unknown county")
	// ErrInput reports a plan or boundary file that cannot be used.
	ErrInput = errors.New("maps: invalid input")
	// ErrFont reports a font file that cannot be loaded.
	ErrFont = errors.New("maps: cannot load font")
)

// OptionError names the offending option.
type OptionError struct {
	Option, Reason string
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("maps: option %s: %s", e.Option, e.Reason)
}

func (e *OptionError) Unwrap() error { return ErrOptions }

// UnknownCountyError names the county asked for and lists those the scene
// has, so that a user can correct the name.
type UnknownCountyError struct {
	County   string
	Counties []string
}

func (e *UnknownCountyError) Error() string {
	return fmt.Sprintf("maps: unknown county %q (counties: %s)", e.County, strings.Join(e.Counties, ", "))
}

func (e *UnknownCountyError) Unwrap() error { return ErrUnknownCounty }

// InputError locates a problem in a plan or boundary file: Feature is the
// 0-based index of the offending feature, -1 for the file as a whole.
type InputError struct {
	File    string
	Feature int
	Reason  string
}

func (e *InputError) Error() string {
	if e.Feature < 0 {
		return fmt.Sprintf("maps: %s: %s", e.File, e.Reason)
	}
	return fmt.Sprintf("maps: %s: feature %d: %s", e.File, e.Feature, e.Reason)
}

func (e *InputError) Unwrap() error { return ErrInput }
