package gpkg

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors; typed errors below wrap them.
var (
	// ErrInvalidLayer reports a Layer that cannot be written: a bad name,
	// field, value, geometry type or coordinate.
	ErrInvalidLayer = errors.New("gpkg: invalid layer")
	// ErrNoLayer reports that a requested layer is not in the file.
	ErrNoLayer = errors.New("gpkg: no such layer")
	// ErrNotGeoPackage reports a file that is not a readable GeoPackage.
	ErrNotGeoPackage = errors.New("gpkg: not a GeoPackage")
	// ErrGeometry reports a geometry blob that is not GeoPackage binary.
	ErrGeometry = errors.New("gpkg: invalid geometry blob")
)

// LayerError names the layer (and feature, when Feature >= 0) a write
// failed on.
type LayerError struct {
	Layer   string
	Feature int // index in Layer.Features, or -1
	Reason  string
}

func (e *LayerError) Error() string {
	if e.Feature >= 0 {
		return fmt.Sprintf("gpkg: layer %q feature %d: %s", e.Layer, e.Feature, e.Reason)
	}
	return fmt.Sprintf("gpkg: layer %q: %s", e.Layer, e.Reason)
}

func (e *LayerError) Unwrap() error { return ErrInvalidLayer }

// NoLayerError lists the layers a file does have.
type NoLayerError struct {
	Path, Layer string
	Available   []string
}

func (e *NoLayerError) Error() string {
	return fmt.Sprintf("gpkg: %s has no feature layer %q (layers: %s)", e.Path, e.Layer, strings.Join(e.Available, ", "))
}

func (e *NoLayerError) Unwrap() error { return ErrNoLayer }
