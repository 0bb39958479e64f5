package geojsonio

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// ErrDecode is what every *DecodeError unwraps to.
var ErrDecode = errors.New("geojsonio: cannot decode GeoJSON")

// A DecodeError is a GeoJSON document that Walk cannot read. Feature is the
// 0-based index of the offending feature in "features", or -1 when the
// document as a whole is at fault; Line is the 1-based line where the
// feature (or the JSON syntax error) is, 0 when unknown.
type DecodeError struct {
	Feature int
	Line    int
	Reason  string
}

func (e *DecodeError) Error() string {
	if e.Feature < 0 {
		return "geojsonio: " + e.Reason
	}
	return fmt.Sprintf("geojsonio: feature %d (line %d): %s", e.Feature, e.Line, e.Reason)
}

func (e *DecodeError) Unwrap() error { return ErrDecode }

// Feature is one feature of a FeatureCollection as Walk hands it over.
type Feature struct {
	Index int      // position in "features", from 0
	Line  int      // 1-based line of the document where the feature starts
	ID    RawValue // the "id" member as written, "" when absent
	// Geometry is the feature's geometry as an orb type (orb.Point,
	// orb.MultiPoint, orb.LineString, orb.MultiLineString, orb.Polygon,
	// orb.MultiPolygon, orb.Collection), nil when it is null or absent.
	Geometry orb.Geometry
	// Properties are the members of "properties" in document order (nil
	// when it is null or absent); a key may repeat, and Prop takes the
	// last, as encoding/json does.
	Properties []Property
}

// Property is one member of a feature's properties.
type Property struct {
	Key   string
	Value RawValue
}

// Prop returns the value of the property key (the last one, if the key
// repeats) and whether the feature has it.
func (f *Feature) Prop(key string) (RawValue, bool) {
	for i := len(f.Properties) - 1; i >= 0; i-- {
		if f.Properties[i].Key == key {
			return f.Properties[i].Value, true
		}
	}
	return "", false
}

// RawValue is a JSON value exactly as the document spells it (a string
// keeps its quotes and escapes). Its methods read it as one JSON type,
// reporting ok false when it is another.
type RawValue string

// IsNull reports whether v is the JSON null (or empty: an absent value).
func (v RawValue) IsNull() bool { return v == "" || v == "null" }

// Text returns v unescaped if it is a JSON string.
func (v RawValue) Text() (s string, ok bool) {
	return readJSON{s: string(v)}.stringAt(0, len(v))
}

// Float returns v if it is a JSON number that fits a float64, parsed as
// encoding/json parses it.
func (v RawValue) Float() (x float64, ok bool) {
	if !(readJSON{s: string(v)}).isNumber(0) {
		return 0, false
	}
	x, err := strconv.ParseFloat(string(v), 64)
	return x, err == nil
}

// Bool returns v if it is true or false.
func (v RawValue) Bool() (b, ok bool) {
	switch v {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// Any decodes v with encoding/json into nil, bool, float64, string,
// []any or map[string]any (for messages that show the value as Go
// prints it); a value encoding/json cannot decode comes back as its text.
func (v RawValue) Any() any {
	if v.IsNull() {
		return nil
	}
	var a any
	if json.Unmarshal([]byte(v), &a) != nil {
		return string(v)
	}
	return a
}

// maxGeometryDepth bounds GeometryCollections nested in each other.
const maxGeometryDepth = 32

// Walk reads a GeoJSON FeatureCollection (RFC 7946) and calls fn with each
// feature in document order, stopping at fn's first error, which it
// returns unchanged. It is the decoder of every GeoJSON catchment reads
// beyond its input tables (plan files, county boundaries): the document is
// checked with json.Valid and walked in place, with no intermediate
// map per feature.
//
// A document that is not valid JSON, not an object of type
// "FeatureCollection" or has no "features" array is a *DecodeError with
// Feature -1; a feature that is not an object of type "Feature", whose
// properties are not an object or null, or whose geometry is not a
// well-formed geometry object (a known type; positions of two or more
// numbers, extra ones such as altitude dropped; GeometryCollections nested
// at most 32 deep) or null is a *DecodeError naming it. Foreign members
// and "bbox" are ignored (WalkCollection returns them).
func Walk(data []byte, fn func(Feature) error) error {
	_, err := WalkCollection(data, fn)
	return err
}

// WalkCollection is Walk that also returns the collection's foreign
// members, in document order: every member but "type", "features" and
// "bbox" (a plan file's "warnings", for one).
func WalkCollection(data []byte, fn func(Feature) error) (foreign []Property, err error) {
	text := string(data)
	if !json.Valid(data) {
		return nil, syntaxError(text, data)
	}
	w := readJSON{s: text}
	// Find the members first, so that no feature is handed over from a
	// document that turns out not to be a FeatureCollection.
	var (
		typ              string
		typOK            = true
		featS, nFeatures = -1, 0
	)
	if !w.object(w.ws(0), func(key string, vs, ve int) bool {
		switch key {
		case "type":
			typ, typOK = w.stringAt(vs, ve)
		case "features":
			featS = vs
			nFeatures++
		case "bbox":
		default:
			foreign = append(foreign, Property{Key: key, Value: RawValue(text[vs:ve])})
		}
		return true
	}) {
		return nil, &DecodeError{Feature: -1, Reason: "not a JSON object"}
	}
	switch {
	case !typOK || typ != "FeatureCollection":
		return nil, &DecodeError{Feature: -1, Reason: fmt.Sprintf("type %s, not \"FeatureCollection\"", quoteType(typ, typOK))}
	case nFeatures == 0:
		return nil, &DecodeError{Feature: -1, Reason: `the FeatureCollection has no "features" member`}
	case nFeatures > 1:
		return nil, &DecodeError{Feature: -1, Reason: `"features" appears twice`}
	}
	lines := readLineCounter{s: text, line: 1}
	return foreign, walkFeatures(w, featS, &lines, fn)
}

func quoteType(typ string, ok bool) string {
	if !ok {
		return "that is not a string"
	}
	return strconv.Quote(typ)
}

// syntaxError words encoding/json's complaint about an invalid document
// with its line.
func syntaxError(text string, data []byte) error {
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + strings.Count(text[:min(int(se.Offset), len(text))], "\n")
		return &DecodeError{Feature: -1, Line: line, Reason: fmt.Sprintf("invalid JSON near line %d: %v", line, err)}
	}
	return &DecodeError{Feature: -1, Reason: fmt.Sprintf("invalid JSON: %v", err)}
}

// walkFeatures calls fn for each element of the features array at vs.
func walkFeatures(w readJSON, vs int, lines *readLineCounter, fn func(Feature) error) error {
	var err error
	i := 0
	if !w.array(vs, func(fs, fe int) bool {
		var f Feature
		f, err = walkFeature(w, fs, i, lines.at(fs))
		if err == nil {
			err = fn(f)
		}
		i++
		return err == nil
	}) && err == nil {
		return &DecodeError{Feature: -1, Reason: `"features" must be an array`}
	}
	return err
}

// walkFeature decodes the feature at vs, the index-th.
func walkFeature(w readJSON, vs, index, line int) (Feature, error) {
	f := Feature{Index: index, Line: line}
	fail := func(format string, a ...any) (Feature, error) {
		return Feature{}, &DecodeError{Feature: index, Line: line, Reason: fmt.Sprintf(format, a...)}
	}
	m, ok := w.members(vs)
	if !ok {
		return fail("not a GeoJSON Feature object")
	}
	if !m.typOK || m.typ != "Feature" {
		return fail("type %s, not \"Feature\"", quoteType(m.typ, m.typOK))
	}
	if m.idStart >= 0 {
		f.ID = RawValue(w.s[m.idStart:m.idEnd])
	}
	geomS, propS := m.geometry, m.properties
	if propS >= 0 && !w.isNull(propS) {
		f.Properties = []Property{}
		if !w.object(propS, func(key string, a, b int) bool {
			f.Properties = append(f.Properties, Property{Key: key, Value: RawValue(w.s[a:b])})
			return true
		}) {
			return fail("properties must be an object or null")
		}
	}
	if geomS >= 0 && !w.isNull(geomS) {
		g, reason := walkGeometry(w, geomS, 0)
		if reason != "" {
			return fail("geometry: %s", reason)
		}
		f.Geometry = g
	}
	return f, nil
}

// walkGeometry decodes the geometry object at vs; reason says what is
// wrong with it.
func walkGeometry(w readJSON, vs, depth int) (g orb.Geometry, reason string) {
	m, ok := w.members(vs)
	if !ok || !m.typOK {
		return nil, "not a GeoJSON geometry object"
	}
	typ, crdS, geomS := m.typ, m.coordinates, m.children
	if typ == "GeometryCollection" {
		return walkCollection(w, geomS, depth)
	}
	nest, ok := geometryNesting[typ]
	if !ok {
		return nil, fmt.Sprintf("unknown type %s", strconv.Quote(typ))
	}
	if crdS < 0 {
		return nil, fmt.Sprintf("a %s needs coordinates", typ)
	}
	c := coordReader{w: w}
	switch nest {
	case 0:
		p, ok := c.point(crdS)
		g = p
		c.ok = ok
	case 1:
		g = c.points(crdS)
	case 2:
		g = c.lines(crdS)
	case 3:
		g = c.polygons(crdS)
	}
	if !c.ok {
		return nil, fmt.Sprintf("%s coordinates must be %s of positions [longitude, latitude]", typ, geometryShape[nest])
	}
	return typed(typ, g), ""
}

// geometryNesting is how deep each geometry type's positions are nested.
var geometryNesting = map[string]int{
	"Point": 0, "MultiPoint": 1, "LineString": 1,
	"MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3,
}

var geometryShape = [...]string{"one", "an array", "an array of arrays", "an array of arrays of arrays"}

// typed converts the coordinate arrays read for a geometry of nesting
// depth 1..3 to the orb type of typ.
func typed(typ string, g orb.Geometry) orb.Geometry {
	switch typ {
	case "LineString":
		return orb.LineString(g.(orb.MultiPoint))
	case "Polygon":
		ls := g.(orb.MultiLineString)
		p := make(orb.Polygon, len(ls))
		for i, l := range ls {
			p[i] = orb.Ring(l)
		}
		return p
	}
	return g
}

// walkCollection decodes the geometries array of a GeometryCollection.
func walkCollection(w readJSON, vs, depth int) (orb.Geometry, string) {
	if depth >= maxGeometryDepth {
		return nil, fmt.Sprintf("GeometryCollections nested more than %d deep", maxGeometryDepth)
	}
	if vs < 0 {
		return nil, "a GeometryCollection needs geometries"
	}
	c := orb.Collection{}
	reason := ""
	if !w.array(vs, func(a, b int) bool {
		var g orb.Geometry
		g, reason = walkGeometry(w, a, depth+1)
		c = append(c, g)
		return reason == ""
	}) && reason == "" {
		reason = "geometries must be an array"
	}
	if reason != "" {
		return nil, reason
	}
	return c, ""
}

// coordReader reads nested coordinate arrays; ok turns false at the first
// malformed one.
type coordReader struct {
	w  readJSON
	ok bool
}

// point reads one position: two or more numbers, of which the first two
// are kept.
func (c *coordReader) point(vs int) (orb.Point, bool) {
	var p orb.Point
	n, ok := 0, true
	if !c.w.array(vs, func(a, b int) bool {
		x, isNum := RawValue(c.w.s[a:b]).Float()
		if !isNum {
			ok = false
			return false
		}
		if n < 2 {
			p[n] = x
		}
		n++
		return true
	}) || !ok || n < 2 {
		return orb.Point{}, false
	}
	return p, true
}

func (c *coordReader) points(vs int) orb.MultiPoint {
	out, good := orb.MultiPoint{}, true
	if !c.w.array(vs, func(a, b int) bool {
		p, ok := c.point(a)
		out, good = append(out, p), ok
		return ok
	}) {
		good = false
	}
	c.ok = good
	return out
}

func (c *coordReader) lines(vs int) orb.MultiLineString {
	out, good := orb.MultiLineString{}, true
	if !c.w.array(vs, func(a, b int) bool {
		out = append(out, orb.LineString(c.points(a)))
		good = c.ok
		return good
	}) {
		good = false
	}
	c.ok = good
	return out
}

func (c *coordReader) polygons(vs int) orb.MultiPolygon {
	out, good := orb.MultiPolygon{}, true
	if !c.w.array(vs, func(a, b int) bool {
		ls := c.lines(a)
		p := make(orb.Polygon, len(ls))
		for i, l := range ls {
			p[i] = orb.Ring(l)
		}
		out = append(out, p)
		good = c.ok
		return good
	}) {
		good = false
	}
	c.ok = good
	return out
}
