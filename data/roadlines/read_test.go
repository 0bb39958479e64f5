package roadlines

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
)

func TestLoadFixture(t *testing.T) {
	ways, rep, err := Load("testdata/roads.geojson", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []roads.Way{
		{ID: "G1", Highway: "trunk", SpeedKmh: 80, Points: []orb.Point{{110, 40}, {110.01, 40}, {110.02, 40.01}}},
		{ID: "feature 1", Highway: "secondary", SpeedKmh: 40, Oneway: roads.Forward, Points: []orb.Point{{110.02, 40.01}, {110.03, 40.02}}},
		{ID: "7#0", Highway: "residential", Oneway: roads.Backward, Points: []orb.Point{{110, 40}, {110, 40.01}}},
		{ID: "7#1", Highway: "residential", Oneway: roads.Backward, Points: []orb.Point{{110, 40.01}, {110.01, 40.01}}},
		{ID: "feature 6", Highway: "tertiary", Points: []orb.Point{{110.03, 40.02}, {110.04, 40.02}}},
		{ID: "feature 7", Highway: "track", Oneway: roads.Forward, Points: []orb.Point{{110.04, 40.02}, {110.04, 40.03}}},
		{ID: "feature 8", Highway: "road", Points: []orb.Point{{110.04, 40.03}, {110.05, 40.03}}},
	}
	if !reflect.DeepEqual(ways, want) {
		t.Errorf("ways\n got %+v\nwant %+v", ways, want)
	}
	wantRej := []string{
		"testdata/roads.geojson:10: feature 3: class=footway is not a road for cars",
		"testdata/roads.geojson:12: feature 4: geometry is a Point, want LineString or MultiLineString",
		"testdata/roads.geojson:14: feature 5: point 0 (500000, 4.428e+06) is not lon/lat",
		"testdata/roads.geojson:21: feature 9: fewer than 2 distinct points (1)",
		"testdata/roads.geojson:22: feature 10: no geometry",
		"testdata/roads.geojson:23: feature 11: not a valid GeoJSON feature",
	}
	if len(rep.Rejected) != len(wantRej) {
		t.Fatalf("rejected %v", rep.Rejected)
	}
	for i, r := range rep.Rejected {
		if !strings.HasPrefix(r.String(), wantRej[i]) {
			t.Errorf("rejection %d = %q, want prefix %q", i, r, wantRej[i])
		}
	}
	if rep.Features != 12 || rep.Accepted != 6 || rep.Ways != 7 {
		t.Errorf("report counts %+v", rep)
	}
	for _, c := range []struct {
		note string
		n    int
	}{{NoteRepeated, 1}, {NoteSpeed, 1}, {NoteOneway, 1}, {NoteNoClass, 1}, {NoteClass, 0}} {
		if got := rep.NoteCount(c.note); got != c.n {
			t.Errorf("note %q = %d, want %d (%v)", c.note, got, c.n, rep.Notes)
		}
	}
}

func TestClass(t *testing.T) {
	for _, c := range []struct {
		in, want        string
		known, routable bool
	}{
		{"国道", "trunk", true, true}, {"省道", "primary", true, true}, {"县道", "secondary", true, true},
		{"乡道", "tertiary", true, true}, {"村道", "unclassified", true, true}, {"高速", "motorway", true, true},
		{"高速公路", "motorway", true, true}, {"County Road", "secondary", true, true}, {" Primary ", "primary", true, true},
		{"track_grade2", "track", true, true}, {"footway", "footway", true, false}, {"unknown", "road", true, true},
		{"小路", "road", false, true},
	} {
		h, known, routable := Class(c.in)
		if h != c.want || known != c.known || routable != c.routable {
			t.Errorf("Class(%q) = %q %v %v, want %q %v %v", c.in, h, known, routable, c.want, c.known, c.routable)
		}
	}
}

func TestOneway(t *testing.T) {
	for in, want := range map[any]roads.Oneway{
		true: roads.Forward, false: roads.BothWays, 1.0: roads.Forward, 0.0: roads.BothWays, -1.0: roads.Backward,
		"yes": roads.Forward, "no": roads.BothWays, "-1": roads.Backward, "TF": roads.Backward, "B": roads.BothWays, "是": roads.Forward,
	} {
		if got, ok := onewayOf(in); !ok || got != want {
			t.Errorf("onewayOf(%v) = %v %v, want %v", in, got, ok, want)
		}
	}
	if _, ok := onewayOf("maybe"); ok {
		t.Error("onewayOf(maybe) ok")
	}
}

func TestReadErrors(t *testing.T) {
	for _, c := range []struct {
		name, in string
		opt      Options
		want     error
	}{
		{"not json", "id,lon,lat\n", Options{}, ErrFormat},
		{"feature", `{"type":"Feature","geometry":null}`, Options{}, ErrFormat},
		{"no features", `{"type":"FeatureCollection"}`, Options{}, ErrFormat},
		{"empty", `{"type":"FeatureCollection","features":[]}`, Options{}, ErrEmpty},
		{"all bad", `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}`, Options{}, ErrAllRejected},
		{"truncated", `{"type":"FeatureCollection","features":[{"type":"Feature",`, Options{}, ErrFormat},
		{"bad crs", `{"type":"FeatureCollection","features":[]}`, Options{CRS: "utm"}, ErrFormat},
	} {
		_, rep, err := Read(strings.NewReader(c.in), c.name, c.opt)
		if !errors.Is(err, c.want) || rep == nil {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

func TestReadGCJ02(t *testing.T) {
	p := orb.Point{116.4, 39.9}
	g := geo.FromWGS84(geo.GCJ02, p)
	in := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"primary"},"geometry":{"type":"LineString","coordinates":[[` +
		ftoa(g[0]) + `,` + ftoa(g[1]) + `],[116.5,39.9]]}}]}`
	ways, _, err := Read(strings.NewReader(in), "gcj", Options{CRS: geo.GCJ02})
	if err != nil {
		t.Fatal(err)
	}
	if d := geo.DistanceM(ways[0].Points[0], p); d > 0.5 {
		t.Errorf("GCJ-02 point converted %.2f m from the original", d)
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
