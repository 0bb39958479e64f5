package odmatrix

import (
	"fmt"
	"slices"
	"strings"
)

// Field is a column the reader understands.
type Field int

// The fields, in Columns order.
const (
	FieldOrigin Field = iota
	FieldDestination
	FieldKm
	FieldMetres
	FieldMinutes
	FieldSeconds
	numFields
)

// Columns returns the accepted header names of field f (nil for a value
// that is not a Field), as a fresh slice on every call. Names are compared
// after normalize: lower case, without spaces, '_', '-', '.' and brackets,
// so "Origin ID", "origin_id" and "距离(km)" all match.
func Columns(f Field) []string {
	if f < 0 || f >= numFields {
		return nil
	}
	return slices.Clone(columns[f])
}

var columns = [numFields][]string{
	FieldOrigin:      {"origin_id", "origin", "originid", "from", "from_id", "source", "o_id", "起点", "起点id", "起点编号", "出发地", "村庄id"},
	FieldDestination: {"destination_id", "destination", "dest", "dest_id", "to", "to_id", "target", "d_id", "终点", "终点id", "终点编号", "目的地", "机构id"},
	FieldKm:          {"km", "distance_km", "dist_km", "length_km", "road_km", "距离", "距离km", "距离公里", "公里", "里程", "里程km"},
	FieldMetres:      {"distance_m", "metres", "meters", "length_m", "dist_m", "距离m", "距离米", "米"},
	FieldMinutes:     {"minutes", "min", "mins", "time_min", "duration_min", "travel_time_min", "分钟", "时间", "时间分钟", "用时", "用时分钟", "通行时间"},
	FieldSeconds:     {"seconds", "secs", "duration_s", "time_s", "秒", "时间秒"},
}

var fieldNames = [numFields]string{"origin_id", "destination_id", "km", "metres", "minutes", "seconds"}

var aliasField = func() map[string]Field {
	m := map[string]Field{}
	for f, names := range columns {
		for _, n := range names {
			m[normalize(n)] = Field(f)
		}
	}
	return m
}()

func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '_', '-', '.', '(', ')', '（', '）', '[', ']', '\ufeff':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// header maps fields to columns.
type header struct {
	col     [numFields]int
	ignored []string
}

func parseHeader(file string, names []string) (*header, error) {
	h := &header{}
	for f := range h.col {
		h.col[f] = -1
	}
	for i, n := range names {
		f, ok := aliasField[normalize(n)]
		if !ok {
			if strings.TrimSpace(n) != "" {
				h.ignored = append(h.ignored, strings.TrimSpace(n))
			}
			continue
		}
		if j := h.col[f]; j >= 0 {
			return nil, fmt.Errorf("%w: %s: columns %d (%q) and %d (%q) both give %s", ErrFormat, file, j+1, names[j], i+1, n, fieldNames[f])
		}
		h.col[f] = i
	}
	for _, pair := range [][2]Field{{FieldKm, FieldMetres}, {FieldMinutes, FieldSeconds}} {
		if a, b := h.col[pair[0]], h.col[pair[1]]; a >= 0 && b >= 0 {
			return nil, fmt.Errorf("%w: %s: columns %d (%q) and %d (%q) give the same cost in two units; keep one",
				ErrFormat, file, a+1, names[a], b+1, names[b])
		}
	}
	var missing []string
	for _, f := range []Field{FieldOrigin, FieldDestination} {
		if h.col[f] < 0 {
			missing = append(missing, fmt.Sprintf("%s (accepted names: %s)", fieldNames[f], strings.Join(columns[f], ", ")))
		}
	}
	if h.col[FieldKm] < 0 && h.col[FieldMetres] < 0 && h.col[FieldMinutes] < 0 && h.col[FieldSeconds] < 0 {
		missing = append(missing, "km or minutes (or distance_m, duration_s)")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s: %s", ErrMissingColumn, file, strings.Join(missing, "; "))
	}
	return h, nil
}
