package roadlines

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
)

// readBoth reads in with the fast path and with the general path
// (encoding/json and orb/geojson) and fails unless both give the same
// ways, report and error kind.
func readBoth(t *testing.T, in []byte) {
	t.Helper()
	fw, frep, ferr := Read(bytes.NewReader(in), "in.geojson", Options{})
	gw, grep, gerr := Read(bytes.NewReader(in), "in.geojson", Options{general: true})
	for _, sentinel := range []error{ErrFormat, ErrEmpty, ErrAllRejected} {
		if errors.Is(ferr, sentinel) != errors.Is(gerr, sentinel) {
			t.Fatalf("fast path error %v, general path %v", ferr, gerr)
		}
	}
	if (ferr == nil) != (gerr == nil) {
		t.Fatalf("fast path error %v, general path %v", ferr, gerr)
	}
	if ferr != nil {
		return // the report of a failed read is partial on either path
	}
	if !reflect.DeepEqual(fw, gw) {
		t.Fatalf("ways differ:\nfast    %+v\ngeneral %+v", fw, gw)
	}
	if !reflect.DeepEqual(frep, grep) {
		t.Fatalf("reports differ:\nfast    %+v\ngeneral %+v", frep, grep)
	}
}

// pathCases are documents at the edges of the fast path: each must read
// the same on both paths.
var pathCases = []struct{ name, in string }{
	{"usual", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"primary","oneway":"yes"},"geometry":{"type":"LineString","coordinates":[[110,40],[110.5,40.25]]}}]}`},
	{"coordinates first", `{"features":[{"geometry":{"coordinates":[[110,40],[110.5,40.25]],"type":"LineString"},"properties":{"class":"县道"},"type":"Feature","id":12}],"type":"FeatureCollection"}`},
	{"multi", `{"type":"FeatureCollection","features":[{"type":"Feature","id":"m","properties":{"highway":"track"},"geometry":{"type":"MultiLineString","coordinates":[[[110,40],[110.1,40]],[[110.1,40],[110.1,40.1],[110.1,40.1]]]}}]}`},
	{"3D positions", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[110,40,5],[110.5,40.25,7]]}}]}`},
	{"one-number position", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[110],[110.5,40.25]]}}]}`},
	{"empty position", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[],[110.5,40.25]]}}]}`},
	{"empty line", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[]}}]}`},
	{"empty multi", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[]}}]}`},
	{"multi with an empty line", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[],[[110,40],[111,40]]]}}]}`},
	{"nesting mismatch", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[[110,40],[111,40]]]}},{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[110,40],[111,40]]}}]}`},
	{"bbox and foreign members", `{"type":"FeatureCollection","bbox":[0,0,1,1],"features":[{"type":"Feature","bbox":[110,40,111,41],"name":"x","properties":{"highway":"primary"},"geometry":{"type":"LineString","bbox":[1,2,3,4],"coordinates":[[110,40],[111,41]]}}]}`},
	{"escapes and unicode", `{"type":"FeatureCollection","features":[{"type":"Feature","id":"a\"b\u00e9","properties":{"high\u0077ay":"sec\u006fndary","名称":"村道\ud83d\ude00","bad":"` + "\xff\xfe" + `"},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`},
	{"numbers", `{"type":"FeatureCollection","features":[{"type":"Feature","id":-0,"properties":{"speed_kmh":4.5e1},"geometry":{"type":"LineString","coordinates":[[1.10e2,-0.0],[110.12345678901234567,4E1],[110.000000000000000000000001,40]]}}]}`},
	{"huge numbers", `{"type":"FeatureCollection","features":[{"type":"Feature","id":1e999,"properties":{},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}},{"type":"Feature","properties":{"speed":1e400},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}},{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[1e400,40],[111,41]]}}]}`},
	{"nested property values", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":["primary"],"oneway":{"x":1},"class":"县道"},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`},
	{"keys that fold together", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"Highway":"track","highway":"primary"," HIGHWAY ":null},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`},
	{"repeated members", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"track"},"properties":{"highway":"primary"},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}},{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`},
	{"repeated property", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"track","highway":"primary"},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`},
	{"not features", `{"type":"FeatureCollection","features":[null,5,"x",[],{},{"type":"feature"},{"type":"Feature"},{"type":"Feature","geometry":null},{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","properties":[],"geometry":null}]}`},
	{"odd geometry", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString"}},{"type":"Feature","geometry":{"type":null,"coordinates":[]}},{"type":"Feature","geometry":{"type":"LineString","coordinates":null}},{"type":"Feature","geometry":{"TYPE":"LineString","coordinates":[[110,40],[111,41]]}},{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}}]}`},
	{"ids", `{"type":"FeatureCollection","features":[{"type":"Feature","id":true,"geometry":null},{"type":"Feature","id":{"a":1},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}},{"type":"Feature","id":12.5,"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`},
	{"crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`},
	{"type after features", `{"features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}],"type":"FeatureCollection"}`},
	{"wrong type", `{"type":"Feature","features":[]}`},
	{"no closing brace", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]`},
	{"closing bracket", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]]`},
	{"trailing garbage", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]} xyz`},
	{"trailing comma", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}},]}`},
	{"missing comma", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}} {"type":"Feature"}]}`},
	{"syntax error inside", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[110,40],[111,41.]]}}]}`},
	{"control character", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"highway\":\"pri\tmary\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[110,40],[111,41]]}}]}"},
	{"white space", " \r\n\t{ \"type\" : \"FeatureCollection\" , \"features\" : [ { \"type\" : \"Feature\" , \"geometry\" : { \"type\" : \"LineString\" , \"coordinates\" : [ [ 110 , 40 ] , [ 111 , 41 ] ] } } ] } "},
	{"deep nesting", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`},
}

func TestReadPaths(t *testing.T) {
	fixture, err := os.ReadFile("testdata/roads.geojson")
	if err != nil {
		t.Fatal(err)
	}
	readBoth(t, fixture)
	for _, c := range pathCases {
		t.Run(c.name, func(t *testing.T) { readBoth(t, []byte(c.in)) })
	}
}

// TestFastPathTaken checks that documents of the usual shape are read on
// the fast path (else TestReadPaths would compare the general path with
// itself).
func TestFastPathTaken(t *testing.T) {
	fixture, err := os.ReadFile("testdata/roads.geojson")
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string][]byte{"fixture": fixture, "usual": []byte(pathCases[0].in), "synthetic": synthetic(50)} {
		fr := &featureReader{rep: &Report{}, crs: geo.WGS84, data: in, lines: newLineCounter(in)}
		if !fr.fastCollection() {
			t.Errorf("%s: the fast path declined the document", name)
		}
	}
}

// FuzzReadPaths: the fast path and the general path read every input
// alike.
func FuzzReadPaths(f *testing.F) {
	fixture, err := os.ReadFile("testdata/roads.geojson")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fixture)
	f.Add(synthetic(3))
	for _, c := range pathCases {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) { readBoth(t, in) })
}

// TestFeatureErrorsStayLocal: a feature that orb/geojson cannot decode
// (here a LineString without coordinates, which it reports as "unexpected
// end of JSON input") is rejected alone; the features after it are read.
func TestFeatureErrorsStayLocal(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"highway":"primary"},"geometry":{"type":"LineString"}},
{"type":"Feature","properties":{"highway":"primary"},"geometry":{"type":"LineString","coordinates":[[110,40],[111,41]]}}]}`
	for _, general := range []bool{false, true} {
		ways, rep, err := Read(strings.NewReader(in), "in", Options{general: general})
		if err != nil || len(ways) != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 2 ||
			!strings.HasPrefix(rep.Rejected[0].Reason, "not a valid GeoJSON feature") {
			t.Errorf("general path %v: ways %v, report %+v, error %v", general, ways, rep, err)
		}
	}
}
