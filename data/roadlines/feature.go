package roadlines

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/catchment/catchment/data/osm"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
)

// featureReader is the state of one Read.
type featureReader struct {
	rep   *Report
	crs   geo.CRS
	data  []byte
	lines *lineCounter
	ways  []roads.Way
	// notes about the current feature, reported only if it is accepted
	pending [][2]string
	// fast-path scratch: the points of the feature being read, the end of
	// each of its lines, and the lines
	pts     []orb.Point
	ends    []int
	lineBuf []orb.LineString
	props   []property
	names   []string
	// slab holds the points of the ways, allocated in blocks
	slab []orb.Point
}

func (fr *featureReader) note(reason, example string) {
	fr.pending = append(fr.pending, [2]string{reason, example})
}

// Property names, in order of preference.
var (
	classKeys  = []string{"highway", "class", "fclass", "road_class", "道路等级", "等级", "公路等级", "技术等级"}
	speedKeys  = []string{"speed_kmh", "speed", "maxspeed", "限速", "设计速度", "速度"}
	onewayKeys = []string{"oneway", "单行", "单向"}
)

func (fr *featureReader) reject(i, line int, id, reason string) {
	fr.rep.Rejected = append(fr.rep.Rejected, Rejection{File: fr.rep.File, Line: line, Feature: i, ID: id, Reason: reason})
}

// feature reads feature i, which starts on line.
// f is the feature as decoded, err the decoding error.
func (fr *featureReader) feature(i, line int, f *geojson.Feature, err error) {
	fr.pending = fr.pending[:0]
	if err != nil {
		fr.reject(i, line, "", "not a valid GeoJSON feature: "+err.Error())
		return
	}
	id := featureID(f)
	switch g := f.Geometry.(type) {
	case nil:
		fr.reject(i, line, id, "no geometry")
	case orb.LineString:
		fr.accept(i, line, id, []orb.LineString{g}, lowerKeys(f.Properties))
	case orb.MultiLineString:
		fr.accept(i, line, id, g, lowerKeys(f.Properties))
	default:
		fr.reject(i, line, id, fmt.Sprintf("geometry is a %s, want LineString or MultiLineString", g.GeoJSONType()))
	}
}

// accept reads the lines and properties (keyed by lowerKeys) of feature i
// (id may be "") into ways, or rejects it. The lines are copied.
func (fr *featureReader) accept(i, line int, id string, lines []orb.LineString, props []property) {
	ref := id
	if ref == "" {
		ref = "feature " + strconv.Itoa(i)
	}
	base, ok := fr.attributes(i, line, id, ref, props)
	if !ok {
		return
	}
	first := len(fr.ways)
	for k, ls := range lines {
		pts, reason := fr.points(ls, ref)
		if reason != "" {
			if len(lines) > 1 {
				reason = fmt.Sprintf("line %d of the MultiLineString: %s", k, reason)
			}
			fr.ways = fr.ways[:first]
			fr.reject(i, line, id, reason)
			return
		}
		w := base
		w.Points = pts
		if len(lines) > 1 {
			w.ID = fmt.Sprintf("%s#%d", ref, k)
		}
		fr.ways = append(fr.ways, w)
	}
	if len(fr.ways) == first {
		fr.reject(i, line, id, "empty MultiLineString")
		return
	}
	fr.rep.Accepted++
	for _, n := range fr.pending {
		fr.rep.note(n[0], n[1])
	}
}

func featureID(f *geojson.Feature) string {
	switch v := f.ID.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(f.ID)
}

// property is one member of a feature's properties.
type property struct {
	key   string
	value any
}

// lowerKey is the name properties are looked up by.
func lowerKey(k string) string { return strings.ToLower(strings.TrimSpace(k)) }

// lowerKeys returns the properties under their lower-case, trimmed names,
// one per name. When two names fold to the same one, the first in byte
// order with a value that is not null wins.
func lowerKeys(p map[string]any) []property {
	out := make([]property, 0, len(p))
	for _, k := range slices.Sorted(maps.Keys(p)) {
		lk := lowerKey(k)
		if j := slices.IndexFunc(out, func(q property) bool { return q.key == lk }); j < 0 {
			out = append(out, property{lk, p[k]})
		} else if out[j].value == nil {
			out[j].value = p[k]
		}
	}
	return out
}

// lowerProps is lowerKeys of the object with members ps (a repeated name
// keeping its last value), reusing ps when no two names fold together.
func lowerProps(ps []property) []property {
	for i := range ps {
		ps[i].key = lowerKey(ps[i].key)
	}
	if !foldedTwice(ps) {
		return ps
	}
	return nil // the caller reads the members again into a map
}

// foldedTwice reports whether two of ps have the same name.
func foldedTwice(ps []property) bool {
	if len(ps) > 16 {
		seen := make(map[string]bool, len(ps))
		for _, p := range ps {
			if seen[p.key] {
				return true
			}
			seen[p.key] = true
		}
		return false
	}
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[i].key == ps[j].key {
				return true
			}
		}
	}
	return false
}

func first(props []property, keys []string) (string, any) {
	for _, k := range keys {
		for _, p := range props {
			if p.key == k {
				if v := p.value; v != nil && v != "" {
					return k, v
				}
				break
			}
		}
	}
	return "", nil
}

// attributes reads class, speed and direction; ok is false when the class
// rejects the feature.
func (fr *featureReader) attributes(i, line int, id, ref string, props []property) (roads.Way, bool) {
	w := roads.Way{ID: ref, Highway: "road"}
	if key, v := first(props, classKeys); v == nil {
		fr.note(NoteNoClass, ref)
	} else {
		s := fmt.Sprint(v)
		h, known, routable := Class(s)
		switch {
		case !routable:
			fr.reject(i, line, id, fmt.Sprintf("%s=%s is not a road for cars", key, s))
			return w, false
		case !known:
			fr.note(NoteClass, ref+": "+key+"="+s)
		}
		w.Highway = h
	}
	if key, v := first(props, speedKeys); v != nil {
		if kmh, ok := speedOf(v); ok {
			w.SpeedKmh = kmh
		} else {
			fr.note(NoteSpeed, fmt.Sprintf("%s: %s=%v", ref, key, v))
		}
	}
	if key, v := first(props, onewayKeys); v != nil {
		dir, ok := onewayOf(v)
		if !ok {
			fr.note(NoteOneway, fmt.Sprintf("%s: %s=%v", ref, key, v))
		}
		w.Oneway = dir
	}
	return w, true
}

func speedOf(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		if x > 0 && x <= 300 {
			return x, true
		}
		return 0, false
	case string:
		return osm.ParseMaxspeed(x)
	}
	return 0, false
}

func onewayOf(v any) (roads.Oneway, bool) {
	var s string
	switch x := v.(type) {
	case bool:
		if x {
			return roads.Forward, true
		}
		return roads.BothWays, true
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		s = strings.ToLower(strings.TrimSpace(x))
	default:
		return roads.BothWays, false
	}
	switch s {
	case "true", "1", "yes", "y", "t", "是", "ft":
		return roads.Forward, true
	case "-1", "reverse", "tf":
		return roads.Backward, true
	case "false", "0", "no", "n", "f", "否", "b", "":
		return roads.BothWays, true
	}
	return roads.BothWays, false
}

// points validates and converts one line; reason is non-empty when it is
// unusable.
func (fr *featureReader) points(ls orb.LineString, ref string) ([]orb.Point, string) {
	if cap(fr.slab)-len(fr.slab) < len(ls) {
		fr.slab = make([]orb.Point, 0, max(len(ls), slabPoints))
	}
	out := fr.slab[len(fr.slab):len(fr.slab)]
	repeated := false
	for k, p := range ls {
		if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) || math.IsNaN(p[0]+p[1]) {
			return nil, fmt.Sprintf("point %d (%v, %v) is not lon/lat in degrees (a projected coordinate system? export as EPSG:4326)", k, p[0], p[1])
		}
		q := geo.ToWGS84(fr.crs, p)
		if n := len(out); n > 0 && out[n-1] == q {
			repeated = true
			continue
		}
		out = append(out, q)
	}
	if len(out) < 2 {
		return nil, fmt.Sprintf("fewer than 2 distinct points (%d)", len(out))
	}
	if repeated {
		fr.note(NoteRepeated, ref)
	}
	fr.slab = fr.slab[:len(fr.slab)+len(out)]
	return out[:len(out):len(out)], ""
}

// slabPoints is the size of the blocks the ways' points are allocated in.
const slabPoints = 1 << 14

// checkCRSMember notes a GeoJSON 2008 "crs" member that names a system
// other than WGS84 or CGCS2000 lon/lat.
func (fr *featureReader) checkCRSMember(name string) {
	n := strings.ToUpper(name)
	for _, ok := range []string{"CRS84", "EPSG::4326", "EPSG:4326", "EPSG::4490", "EPSG:4490"} {
		if strings.Contains(n, ok) {
			return
		}
	}
	fr.rep.note(NoteCRSMember, "crs: "+name)
}
