package geojsonio

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// walkSeeds are documents Walk reads; they seed the fuzz target too.
var walkSeeds = []string{
	`{"type":"FeatureCollection","features":[]}`,
	`{"features":[{"properties":{"a":1,"b":"x\u00e9","a":2,"c":null,"d":[1,{"e":true}]},"geometry":{"coordinates":[112.5,37.25,1200],"type":"Point"},"type":"Feature","id":7}],"type":"FeatureCollection","bbox":[0,0,1,1]}`,
	`{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":null,"properties":null},
{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}},
{"type":"Feature","geometry":{"type":"LineString","coordinates":[[112,37],[112.1,37.000001]]},"properties":{"layer":"itinerant_route"}},
{"type":"Feature","geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[]]},"properties":{}},
{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[111,36],[113,36],[113,38],[111,36]]]},"properties":{"county":"甲县"}},
{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[112,30],[113,30],[113,31],[112,30]]],[[[114,30],[115,30],[115,31],[114,30]]]]}},
{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1e-7,-0]},{"type":"GeometryCollection","geometries":[]}]}}]}`,
}

func TestWalkAgainstOrb(t *testing.T) {
	for i, doc := range walkSeeds {
		n := checkWalkAgainstOrb(t, []byte(doc))
		if want := strings.Count(doc, `"Feature"`); n != want {
			t.Errorf("seed %d: %d features, want %d", i, n, want)
		}
	}
}

// checkWalkAgainstOrb walks doc and, when orb/geojson (the independent
// reference) also reads it, checks that both see the same features, and
// that AppendGeometry writes each geometry as orb/geojson does. It
// returns the number of features walked.
func checkWalkAgainstOrb(t *testing.T, doc []byte) int {
	t.Helper()
	var got []Feature
	err := Walk(doc, func(f Feature) error { got = append(got, f); return nil })
	if err != nil {
		var de *DecodeError
		if !errors.As(err, &de) || !errors.Is(err, ErrDecode) {
			t.Fatalf("error %v is not a *DecodeError", err)
		}
		return 0
	}
	fc, oerr := geojson.UnmarshalFeatureCollection(doc)
	if oerr != nil {
		return len(got) // Walk reads what orb refuses only for numbers beyond float64 in properties
	}
	if len(got) != len(fc.Features) {
		t.Fatalf("%d features, orb reads %d", len(got), len(fc.Features))
	}
	for i, f := range got {
		of := fc.Features[i]
		if f.Index != i || f.Line < 1 {
			t.Errorf("feature %d: index %d line %d", i, f.Index, f.Line)
		}
		if (f.Geometry == nil) != (of.Geometry == nil) || f.Geometry != nil && !orb.Equal(f.Geometry, of.Geometry) {
			t.Errorf("feature %d: geometry %#v, orb reads %#v", i, f.Geometry, of.Geometry)
		}
		want, _ := json.Marshal(geojson.NewGeometry(of.Geometry))
		if of.Geometry == nil {
			want = []byte("null")
		}
		if enc := AppendGeometry(nil, f.Geometry); string(enc) != string(want) && !hasEmptyCollection(f.Geometry) {
			t.Errorf("feature %d: AppendGeometry %s, orb writes %s", i, enc, want)
		}
		props := map[string]any{}
		for _, p := range f.Properties {
			props[p.Key] = p.Value.Any()
		}
		if f.Properties == nil {
			props = nil
		}
		if len(props) != len(of.Properties) || len(props) > 0 && !reflect.DeepEqual(props, map[string]any(of.Properties)) {
			t.Errorf("feature %d: properties %v, orb reads %v", i, props, of.Properties)
		}
	}
	return len(got)
}

func TestWalkRefuses(t *testing.T) {
	fc := func(feature string) string { return `{"type":"FeatureCollection","features":[` + feature + `]}` }
	for _, c := range []struct {
		name, doc string
		feature   int
		reason    string
	}{
		{"not JSON", `{"type":`, -1, "invalid JSON near line 1"},
		{"an array", `[]`, -1, "not a JSON object"},
		{"a feature", `{"type":"Feature","features":[]}`, -1, `type "Feature"`},
		{"no features", `{"type":"FeatureCollection"}`, -1, `no "features"`},
		{"features twice", `{"type":"FeatureCollection","features":[],"features":[]}`, -1, "twice"},
		{"features not an array", `{"type":"FeatureCollection","features":{}}`, -1, "must be an array"},
		{"feature not an object", fc(`1`), 0, "not a GeoJSON Feature"},
		{"feature type", fc(`{"type":"Point","coordinates":[1,2]}`), 0, `type "Point", not "Feature"`},
		{"properties", fc(`{"type":"Feature","properties":[1]}`), 0, "properties must be"},
		{"unknown geometry", fc(`{"type":"Feature","geometry":{"type":"Circle","coordinates":[1,2]}}`), 0, `unknown type "Circle"`},
		{"no coordinates", fc(`{"type":"Feature","geometry":{"type":"Point"}}`), 0, "needs coordinates"},
		{"short position", fc(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1]}}`), 0, "Point coordinates"},
		{"text position", fc(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],["1",2]]}}`), 0, "LineString coordinates"},
		{"too deep", fc(`{"type":"Feature","geometry":` + strings.Repeat(`{"type":"GeometryCollection","geometries":[`, 40) + strings.Repeat(`]}`, 40) + `}`), 0, "nested more than"},
		{"huge number", fc(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,2]}}`), 0, "Point coordinates"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Walk([]byte(c.doc), func(Feature) error { return nil })
			var de *DecodeError
			if !errors.As(err, &de) || de.Feature != c.feature || !strings.Contains(err.Error(), c.reason) {
				t.Errorf("error %v, want a DecodeError for feature %d mentioning %q", err, c.feature, c.reason)
			}
		})
	}
	stop := errors.New("stop")
	n := 0
	err := Walk([]byte(walkSeeds[2]), func(Feature) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("fn's error: %v after %d features, want it unchanged after 1", err, n)
	}
}

func TestRawValue(t *testing.T) {
	if s, ok := RawValue(`"a\"b"`).Text(); !ok || s != `a"b` {
		t.Errorf("Text %q %v", s, ok)
	}
	if _, ok := RawValue(`12`).Text(); ok {
		t.Error("a number reads as text")
	}
	if x, ok := RawValue(`-1.5e3`).Float(); !ok || x != -1500 {
		t.Errorf("Float %v %v", x, ok)
	}
	for _, v := range []RawValue{`"1"`, `true`, `1e400`, `null`, ``} {
		if _, ok := v.Float(); ok {
			t.Errorf("%s reads as a number", v)
		}
	}
	if b, ok := RawValue(`true`).Bool(); !ok || !b {
		t.Error("true")
	}
	if !RawValue(`null`).IsNull() || !RawValue(``).IsNull() || RawValue(`0`).IsNull() {
		t.Error("IsNull")
	}
	f := Feature{Properties: []Property{{"a", "1"}, {"a", "2"}}}
	if v, ok := f.Prop("a"); !ok || v != "2" {
		t.Errorf("Prop of a repeated key: %s, want the last", v)
	}
}

func TestAppendJSONFloat(t *testing.T) {
	for _, x := range []float64{0, 1, -1, 112.123456789, 1e-6, 9.99e-7, 1e-7, 1.5e-300, 1e20, 1e21, 123456789e20, -2.5e-9} {
		want, _ := json.Marshal(x)
		if got := appendJSONFloat(nil, x); string(got) != string(want) {
			t.Errorf("%v: %s, encoding/json writes %s", x, got, want)
		}
	}
}

// FuzzWalk checks that Walk never panics, agrees with orb/geojson on every
// document both read, and that AppendGeometry's output walks back to the
// same geometry.
func FuzzWalk(f *testing.F) {
	for _, s := range walkSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		if !utf8.Valid(doc) {
			// orb (encoding/json) replaces invalid UTF-8; Walk keeps the
			// bytes. Walk must still not panic.
			_ = Walk(doc, func(Feature) error { return nil })
			return
		}
		checkWalkAgainstOrb(t, doc)
		_ = Walk(doc, func(f Feature) error {
			again := []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":` + string(AppendGeometry(nil, f.Geometry)) + `}]}`)
			if err := Walk(again, func(g Feature) error {
				if (f.Geometry == nil) != (g.Geometry == nil) || f.Geometry != nil && !orb.Equal(f.Geometry, g.Geometry) {
					t.Errorf("geometry %#v walks back as %#v", f.Geometry, g.Geometry)
				}
				return nil
			}); err != nil {
				t.Errorf("AppendGeometry output %s does not walk: %v", again, err)
			}
			return nil
		})
	})
}

// hasEmptyCollection reports whether g is or holds an empty
// GeometryCollection, which orb/geojson writes as null (losing it) and
// AppendGeometry as an empty GeometryCollection.
func hasEmptyCollection(g orb.Geometry) bool {
	c, ok := g.(orb.Collection)
	if !ok {
		return false
	}
	if len(c) == 0 {
		return true
	}
	for _, x := range c {
		if hasEmptyCollection(x) {
			return true
		}
	}
	return false
}

// TestWalkCollectionForeignMembers checks that WalkCollection returns the
// collection's foreign members as written, in order, and not its type,
// features or bbox.
func TestWalkCollectionForeignMembers(t *testing.T) {
	doc := `{"name":"plan","type":"FeatureCollection","bbox":[0,0,1,1],"warnings":[{"code":"x"}],"features":[{"type":"Feature","geometry":null,"properties":null}],"n":null}`
	features := 0
	foreign, err := WalkCollection([]byte(doc), func(Feature) error { features++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []Property{{"name", `"plan"`}, {"warnings", `[{"code":"x"}]`}, {"n", "null"}}
	if !reflect.DeepEqual(foreign, want) || features != 1 {
		t.Errorf("foreign members %q and %d features, want %q and 1", foreign, features, want)
	}
	if foreign, err := WalkCollection([]byte(`{"type":"FeatureCollection","x":1}`), nil); err == nil || foreign != nil {
		t.Errorf("no features: %v, %v", foreign, err)
	}
}
