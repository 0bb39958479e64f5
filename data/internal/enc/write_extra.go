package enc

import (
	"strings"

	"github.com/catchment/catchment/planner"
)

// extraPrefix is put in front of an extra column name that collides with a
// column the writer already uses.
const extraPrefix = "extra_"

// extraKey is the nth occurrence (from 0) of a key within one record's Extra;
// a record with the same key twice keeps both values as two columns.
type extraKey struct {
	key string
	nth int
}

// ExtraSchema assigns output column names to the Extra attributes of a set of
// records (the union of their keys, in first-seen order). A key keeps its name
// unless it collides with a reserved column or an earlier extra column, in
// which case "extra_" is prepended until it is free. Collisions are found
// case-insensitively because GDAL and most GIS tools treat field names that
// way, so "ID" would clash with "id" in QGIS. The empty key is always renamed.
//
// After all records are added the schema is read-only and safe for
// concurrent use through ExtraCursor values.
type ExtraSchema struct {
	used  map[string]bool // lower-cased names taken
	index map[extraKey]int
	Names []string // column names, in column order
}

func NewExtraSchema(reserved ...string) *ExtraSchema {
	s := &ExtraSchema{used: map[string]bool{"": true}, index: map[extraKey]int{}}
	for _, r := range reserved {
		s.used[strings.ToLower(r)] = true
	}
	return s
}

// addAll registers the Extra of every record in order.
func (s *ExtraSchema) AddAll(n int, extra func(i int) []planner.Attr) {
	var c ExtraCursor
	c.S = s
	for i := range n {
		c.Columns(extra(i), true)
	}
}

func (s *ExtraSchema) assign(k extraKey) int {
	if j, ok := s.index[k]; ok {
		return j
	}
	name := k.key
	for s.used[strings.ToLower(name)] {
		name = extraPrefix + name
	}
	s.used[strings.ToLower(name)] = true
	s.index[k] = len(s.Names)
	s.Names = append(s.Names, name)
	return len(s.Names) - 1
}

// ExtraCursor maps a record's attributes to schema columns, remembering the
// last key sequence: records from a file all share one, so the common case
// is a few string comparisons per record. Each goroutine needs its own.
type ExtraCursor struct {
	S    *ExtraSchema
	keys []string
	cols []int
}

// columns returns the column of each attribute. With add false the schema
// must already contain every key (the writers add all records first).
func (c *ExtraCursor) Columns(attrs []planner.Attr, add bool) []int {
	if len(attrs) == len(c.keys) {
		same := true
		for i := range attrs {
			if attrs[i].Key != c.keys[i] {
				same = false
				break
			}
		}
		if same {
			return c.cols
		}
	}
	c.keys, c.cols = c.keys[:0], c.cols[:0]
	for i, a := range attrs {
		nth := 0
		for _, b := range attrs[:i] {
			if b.Key == a.Key {
				nth++
			}
		}
		k := extraKey{a.Key, nth}
		var j int
		if add {
			j = c.S.assign(k)
		} else {
			var ok bool
			if j, ok = c.S.index[k]; !ok {
				panic("data: extra column " + a.Key + " missing from schema")
			}
		}
		c.keys = append(c.keys, a.Key)
		c.cols = append(c.cols, j)
	}
	return c.cols
}
