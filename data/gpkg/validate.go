package gpkg

import (
	"fmt"
	"math"
	"strings"
)

// checkLayer validates everything about l but its features.
func checkLayer(l *Layer, seen map[string]bool) error {
	fail := func(format string, a ...any) error {
		return &LayerError{Layer: l.Name, Feature: -1, Reason: fmt.Sprintf(format, a...)}
	}
	if l.Name == "" || strings.ContainsAny(l.Name, "\"\x00") {
		return fail("name must be non-empty without double quotes or NUL")
	}
	low := strings.ToLower(l.Name)
	for _, p := range []string{"gpkg_", "sqlite_", "rtree_"} {
		if strings.HasPrefix(low, p) {
			return fail("name must not start with %q (reserved)", p)
		}
	}
	if seen[low] {
		return fail("duplicate layer name")
	}
	seen[low] = true
	if !validGeometryType(l.GeometryType) {
		return fail("geometry type %q is not one of POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, GEOMETRY", l.GeometryType)
	}
	if l.SRS != 0 && l.SRS != SRSWGS84 {
		return fail("SRS %d: only %d (WGS 84) is supported", l.SRS, SRSWGS84)
	}
	names := map[string]bool{"fid": true, geomColumn: true}
	for _, f := range l.Fields {
		k := strings.ToLower(f.Name)
		if f.Name == "" || strings.ContainsRune(f.Name, 0) || names[k] {
			return fail("field name %q is empty, duplicate or reserved (fid, geom)", f.Name)
		}
		names[k] = true
		switch f.Type {
		case Text, Integer, Real, Boolean:
		default:
			return fail("field %q has type %q, not TEXT, INTEGER, REAL or BOOLEAN", f.Name, f.Type)
		}
	}
	return nil
}

// sqlValue converts v to what the driver stores for a column of type t.
func sqlValue(t FieldType, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t {
	case Text:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case Boolean:
		if b, ok := v.(bool); ok {
			if b {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case Integer:
		if i, ok := toInt64(v); ok {
			return i, nil
		}
	case Real:
		if f, ok := v.(float64); ok {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, fmt.Errorf("value %v is not finite", f)
			}
			return f, nil
		}
		if f, ok := v.(float32); ok {
			return sqlValue(t, float64(f))
		}
		if i, ok := toInt64(v); ok {
			return float64(i), nil
		}
	}
	return nil, fmt.Errorf("value %v (%T) does not fit a %s column", v, v, t)
}

func toInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	}
	return 0, false
}
