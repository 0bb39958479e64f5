package roadlines

import (
	"bytes"
	"encoding/json"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/catchment/catchment/roads"
)

// The fast path reads the document in place with a scanner: each feature
// of the usual shape (members type, id, properties and geometry; a
// LineString or MultiLineString of [lon, lat] positions) is parsed
// directly, with no intermediate JSON tree; any other feature is handed to
// orb/geojson, as the general path does. A document the scanner does not
// accept whole (a syntax error, an unusual top level) is read again by the
// general path (collection), which then words the error. Both paths give
// the same ways and report (FuzzReadPaths checks it).

// fastCollection reads the document on the fast path; ok is false when the
// general path must read it instead (fr is then spoiled).
func (fr *featureReader) fastCollection() bool {
	s := &scanner{b: fr.data}
	// Every feature says "Feature": room for the ways up front.
	fr.ways = make([]roads.Way, 0, bytes.Count(fr.data, []byte(`"Feature"`)))
	if !s.eat('{') {
		return false
	}
	typ, sawFeatures := "", false
	ok := s.members(func(key []byte, _ bool) bool {
		switch string(key) {
		case `"type"`:
			start := s.pos
			if !s.skip(0) || json.Unmarshal(s.b[start:s.pos], &typ) != nil {
				return false
			}
			return typ == "FeatureCollection"
		case `"features"`:
			sawFeatures = true
			return s.eat('[') && s.elements(func() bool { return fr.fastElement(s) })
		case `"crs"`:
			start := s.pos
			var crs struct{ Properties struct{ Name string } }
			if !s.skip(0) || json.Unmarshal(s.b[start:s.pos], &crs) != nil {
				return false
			}
			fr.checkCRSMember(crs.Properties.Name)
			return true
		}
		return s.skip(0)
	})
	return ok && typ != "" && sawFeatures
}

// fastElement reads one element of "features": directly when it has the
// usual shape, else through orb/geojson.
func (fr *featureReader) fastElement(s *scanner) bool {
	s.ws()
	start := s.pos
	i := fr.rep.Features
	if f, ok := fr.fastFeature(s); ok {
		fr.rep.Features++
		fr.pending = fr.pending[:0]
		if line := fr.lines.at(start); f.noGeom {
			fr.reject(i, line, f.id, "no geometry")
		} else {
			fr.accept(i, line, f.id, f.lines, f.props)
		}
		return true
	}
	s.pos = start
	if !s.skip(0) {
		return false
	}
	var f geojson.Feature
	err := json.Unmarshal(s.b[start:s.pos], &f)
	fr.rep.Features++
	fr.feature(i, fr.lines.at(start), &f, err)
	return true
}

// fastFeat is a feature read on the fast path.
type fastFeat struct {
	id     string
	noGeom bool // geometry null or absent
	lines  []orb.LineString
	props  []property
}

// fastFeature parses the feature at pos when it has the usual shape; ok
// is false otherwise, with pos anywhere inside it.
func (fr *featureReader) fastFeature(s *scanner) (f fastFeat, ok bool) {
	if !s.eat('{') {
		return f, false
	}
	var seen [4]bool // type, id, properties, geometry
	typ, geomOK := "", true
	once := func(k int) bool {
		if seen[k] {
			return false // a repeated member: orb keeps the last
		}
		seen[k] = true
		return true
	}
	ok = s.members(func(key []byte, _ bool) bool {
		switch string(key) {
		case `"type"`:
			typ, ok = s.text()
			return once(0) && ok
		case `"id"`:
			return once(1) && fr.fastID(s, &f)
		case `"properties"`:
			return once(2) && fr.fastProps(s, &f)
		case `"geometry"`:
			return once(3) && fr.fastGeometry(s, &f, &geomOK)
		}
		return false
	})
	f.noGeom = f.noGeom || !seen[3]
	return f, ok && geomOK && typ == "Feature"
}

// fastID reads the id member: a string or a number, as featureID words it.
func (fr *featureReader) fastID(s *scanner, f *fastFeat) bool {
	switch c := s.peek(); {
	case c == '"':
		id, ok := s.text()
		f.id = id
		return ok
	case c == '-' || '0' <= c && c <= '9':
		x, ok := s.number()
		if ok {
			f.id = featureID(&geojson.Feature{ID: x})
		}
		return ok
	}
	return false
}

// fastProps reads the properties member: null or an object whose values
// are decoded as encoding/json decodes them into an any, named as
// lowerKeys names them (into fr.props, scratch).
func (fr *featureReader) fastProps(s *scanner, f *fastFeat) bool {
	if s.peek() == 'n' {
		return s.literal("null")
	}
	if !s.eat('{') {
		return false
	}
	ps := fr.props[:0]
	ok := s.members(func(rawKey []byte, plain bool) bool {
		key, ok := decodeText(rawKey, plain)
		if !ok {
			return false
		}
		v, ok := s.anyValue()
		ps = append(ps, property{key, v})
		return ok
	})
	fr.props = ps
	if !ok {
		return false
	}
	names := fr.names[:0] // as written: lowerProps renames ps
	for _, p := range ps {
		names = append(names, p.key)
	}
	fr.names = names
	if f.props = lowerProps(ps); f.props == nil {
		raw := make(map[string]any, len(ps)) // a repeated name keeps its last value
		for k, p := range ps {
			raw[names[k]] = p.value
		}
		f.props = lowerKeys(raw)
	}
	return true
}

// anyValue reads one value as encoding/json decodes it into an any.
func (s *scanner) anyValue() (any, bool) {
	switch c := s.peek(); {
	case c == '"':
		return s.text()
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	case c == 't':
		return true, s.literal("true")
	case c == 'f':
		return false, s.literal("false")
	case c == 'n':
		return nil, s.literal("null")
	}
	start := s.pos
	if !s.skip(0) {
		return nil, false
	}
	var v any
	return v, json.Unmarshal(s.b[start:s.pos], &v) == nil
}

// fastGeometry reads the geometry member: null, or an object of exactly
// a type (LineString or MultiLineString) and its coordinates.
func (fr *featureReader) fastGeometry(s *scanner, f *fastFeat, geomOK *bool) bool {
	if s.peek() == 'n' {
		f.noGeom = true
		return s.literal("null")
	}
	if !s.eat('{') {
		return false
	}
	typ, nest := "", -1
	ok := s.members(func(key []byte, _ bool) bool {
		switch {
		case string(key) == `"type"` && typ == "":
			t, ok := s.text()
			typ = t
			return ok && t != ""
		case string(key) == `"coordinates"` && nest < 0:
			var ok bool
			nest, ok = fr.coordinates(s)
			return ok
		}
		return false
	})
	switch {
	case !ok || nest < 0:
		return false
	case typ == "LineString" && nest <= 1:
		f.lines = append(fr.lineBuf[:0], fr.pts)
	case typ == "MultiLineString" && nest != 1:
		f.lines = fr.lineBuf[:0]
		for k := range len(fr.ends) {
			lo := 0
			if k > 0 {
				lo = fr.ends[k-1]
			}
			f.lines = append(f.lines, fr.pts[lo:fr.ends[k]:fr.ends[k]])
		}
	default:
		*geomOK = false
	}
	fr.lineBuf = f.lines
	return true
}

// coordinates reads an array of positions (nest 1) or of arrays of
// positions (nest 2) into fr.pts, with the end of each inner array in
// fr.ends for nest 2; an empty array is nest 0. ok is false for anything
// else, including a position that is not exactly two numbers (orb reads
// those differently: it pads or cuts them to two).
func (fr *featureReader) coordinates(s *scanner) (nest int, ok bool) {
	fr.pts, fr.ends = fr.pts[:0], fr.ends[:0]
	if !s.eat('[') {
		return 0, false
	}
	ok = s.elements(func() bool {
		if !s.eat('[') {
			return false
		}
		switch c := s.peek(); {
		case c == '[' && nest != 1:
			nest = 2
			return s.elements(func() bool { return fr.position(s, true) }) && fr.endLine()
		case c == '-' || '0' <= c && c <= '9':
			if nest == 2 {
				return false
			}
			nest = 1
			return fr.position(s, false)
		}
		return false
	})
	return nest, ok
}

func (fr *featureReader) endLine() bool {
	fr.ends = append(fr.ends, len(fr.pts))
	return true
}

// position reads [lon, lat]; open says whether its '[' is still to read.
func (fr *featureReader) position(s *scanner, open bool) bool {
	if open && !s.eat('[') {
		return false
	}
	x, ok := s.number()
	if !ok || !s.eat(',') {
		return false
	}
	y, ok := s.number()
	if !ok || !s.eat(']') {
		return false
	}
	fr.pts = append(fr.pts, orb.Point{x, y})
	return true
}
