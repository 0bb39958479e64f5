package osm

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
)

func loadTiny(t *testing.T, opt Options) ([]roads.Way, *Report) {
	t.Helper()
	ways, rep, err := Load(context.Background(), "testdata/tiny.osm", opt)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	checkAccounting(t, rep)
	return ways, rep
}

// checkAccounting asserts that every way is kept or skipped for a reason.
func checkAccounting(t *testing.T, rep *Report) {
	t.Helper()
	n := int64(rep.WaysKept)
	for _, s := range rep.Skipped {
		n += int64(s.Count)
	}
	if n != rep.Ways {
		t.Errorf("kept %d + skipped = %d, want Ways = %d", rep.WaysKept, n, rep.Ways)
	}
}

func TestReadTinyWholeFile(t *testing.T) {
	ways, rep := loadTiny(t, Options{})
	want := []roads.Way{
		{ID: "way/10", Highway: "secondary", SpeedKmh: 60, NodeIDs: []int64{1, 2, 3},
			Points: []orb.Point{{110, 40}, {110.01, 40}, {110.01, 40.01}}},
		{ID: "way/11", Highway: "primary", SpeedKmh: 30 * 1.609344, Oneway: roads.Backward,
			NodeIDs: []int64{3, 4}, Points: []orb.Point{{110.01, 40.01}, {110.02, 40.01}}},
		{ID: "way/12", Highway: "tertiary", Oneway: roads.Forward, NodeIDs: []int64{4, 5, 6},
			Points: []orb.Point{{110.02, 40.01}, {110.02, 40.02}, {110.03, 40.02}}},
		{ID: "way/16", Highway: "track", NodeIDs: []int64{6, 1},
			Points: []orb.Point{{110.03, 40.02}, {110, 40}}},
		{ID: "way/19", Highway: "motorway", Oneway: roads.Forward, NodeIDs: []int64{5, 6},
			Points: []orb.Point{{110.02, 40.02}, {110.03, 40.02}}},
	}
	if !reflect.DeepEqual(ways, want) {
		t.Errorf("ways:\n got %+v\nwant %+v", ways, want)
	}
	if rep.Format != FormatXML || rep.Ways != 10 || rep.WaysKept != 5 || rep.Pieces != 5 ||
		rep.Nodes != 7 || rep.NodesInRegion != 6 || rep.NodesUsed != 6 {
		t.Errorf("report counts: %+v", rep)
	}
	for _, c := range []struct {
		reason string
		n      int
	}{
		{ReasonNoHighway, 1}, {ReasonNotRoutable, 1}, {ReasonClosed, 1}, {ReasonArea, 1},
		{ReasonNodesMissing, 1},
	} {
		if got := rep.SkippedCount(c.reason); got != c.n {
			t.Errorf("skipped %q = %d, want %d", c.reason, got, c.n)
		}
	}
	for _, c := range []struct {
		note string
		n    int
	}{{NoteMaxspeed, 1}, {NoteRepeated, 1}, {NoteCut, 1}, {NoteBadNode, 1}} {
		if got := rep.NoteCount(c.note); got != c.n {
			t.Errorf("note %q = %d, want %d", c.note, got, c.n)
		}
	}
	if ex := rep.Skipped[1].Examples; len(ex) != 1 || ex[0] != "way/13: highway=footway" {
		t.Errorf("not-routable examples %q", ex)
	}
}

func TestReadTinyBound(t *testing.T) {
	// Only nodes 1 and 2 lie in this box (no margin).
	ways, rep := loadTiny(t, Options{Bound: orb.Bound{Min: orb.Point{110, 40}, Max: orb.Point{110.01, 40}}, MarginKm: -1})
	if len(ways) != 1 || !reflect.DeepEqual(ways[0].NodeIDs, []int64{1, 2}) {
		t.Fatalf("ways %+v", ways)
	}
	if rep.NodesInRegion != 2 || rep.NoteCount(NoteCut) != 1 || rep.SkippedCount(ReasonOutside) != 4 ||
		rep.SkippedCount(ReasonTooShort) != 1 {
		t.Errorf("report %+v", rep)
	}
}

func TestReadErrors(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, in string
		opt      Options
		want     error
	}{
		{"empty", "", Options{}, ErrFormat},
		{"text", "id,name\n1,a\n", Options{}, ErrFormat},
		{"badxml", "<osm><node id='1' lat='x' lon='1'/></osm>", Options{}, ErrFormat},
		{"noroads", `<osm><node id="1" lat="1" lon="1"/></osm>`, Options{}, ErrNoRoads},
		{"unsorted", `<osm><node id="1" lat="1" lon="1"/><node id="2" lat="1" lon="2"/>
			<way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="road"/></way>
			<node id="4" lat="1" lon="3"/></osm>`, Options{}, ErrUnsorted},
		{"badformat", "<osm/>", Options{Format: "shp"}, ErrFormat},
		{"badbound", "<osm/>", Options{Bound: orb.Bound{Min: orb.Point{10, 10}, Max: orb.Point{0, 0}}}, ErrFormat},
		{"pbfjunk", "\x00\x00\x00\x0d\x0a\x09OSMHeader garbage garbage garbage", Options{}, ErrFormat},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, rep, err := Read(ctx, strings.NewReader(c.in), c.name, c.opt)
			if !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
			if rep == nil {
				t.Error("nil report")
			}
		})
	}
	if _, _, err := Load(ctx, "testdata/no-such-file.osm.pbf", Options{}); !errors.Is(err, ErrUnreadable) {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadUnsortedNodesSorted(t *testing.T) {
	in := `<osm><node id="2" lat="1" lon="2"/><node id="1" lat="1" lon="1"/>
		<way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="road"/></way></osm>`
	ways, rep, err := Read(context.Background(), strings.NewReader(in), "u", Options{})
	if err != nil || len(ways) != 1 || ways[0].Points[0] != (orb.Point{1, 1}) {
		t.Fatalf("ways %+v err %v", ways, err)
	}
	if rep.NoteCount(NoteUnsortedNode) != 1 {
		t.Errorf("notes %+v", rep.Notes)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f, err := os.Open(andorraPBF)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, _, err := Read(ctx, f, andorraPBF, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestParseMaxspeed(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64 // NaN: not ok
	}{
		{"50", 50}, {"50 km/h", 50}, {"50km/h", 50}, {" 80 kmh", 80}, {"60 kph", 60},
		{"30 mph", 30 * 1.609344}, {"10 knots", 18.52}, {"7.5", 7.5},
		{"none", math.NaN()}, {"signals", math.NaN()}, {"walk", math.NaN()}, {"variable", math.NaN()},
		{"DE:rural", math.NaN()}, {"50;30", math.NaN()}, {"0", math.NaN()}, {"-5", math.NaN()},
		{"1e2", math.NaN()}, {"NaN", math.NaN()}, {"inf", math.NaN()}, {"0x20", math.NaN()}, {"400", math.NaN()},
		{"", math.NaN()},
	} {
		got, ok := ParseMaxspeed(c.in)
		if math.IsNaN(c.want) {
			if ok {
				t.Errorf("ParseMaxspeed(%q) = %v, want not ok", c.in, got)
			}
			continue
		}
		if !ok || math.Abs(got-c.want) > 1e-9 {
			t.Errorf("ParseMaxspeed(%q) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
}

func TestNewRegionCoversMargin(t *testing.T) {
	b := orb.Bound{Min: orb.Point{110, 35}, Max: orb.Point{111, 36}}
	r, err := newRegion(b, 30)
	if err != nil {
		t.Fatal(err)
	}
	// Every side is at least 30 km (WGS84 geodesic) from the box, at most 1% more.
	lo, hi := r.bound.Min, r.bound.Max
	for _, d := range []float64{
		geo.DistanceM(orb.Point{110.5, 36}, orb.Point{110.5, hi[1]}),
		geo.DistanceM(orb.Point{110.5, 35}, orb.Point{110.5, lo[1]}),
		geo.DistanceM(orb.Point{111, hi[1]}, orb.Point{hi[0], hi[1]}),
		geo.DistanceM(orb.Point{110, hi[1]}, orb.Point{lo[0], hi[1]}),
	} {
		if d < 30000 || d > 30300 {
			t.Errorf("region %v: a side is %.1f m from the box, want 30 km", r.bound, d)
		}
	}
	if d, _ := newRegion(b, 0); d.bound != r.bound {
		t.Errorf("MarginKm 0 is not the default 30: %v", d.bound)
	}
	if n, _ := newRegion(b, -1); n.bound != b {
		t.Errorf("negative margin changed the box: %v", n.bound)
	}
}

func TestReadClassesAndProgressUnknownSize(t *testing.T) {
	raw, err := os.ReadFile("testdata/tiny.osm")
	if err != nil {
		t.Fatal(err)
	}
	var totals []int64
	opt := Options{Classes: []string{"footway"}, Progress: func(_, total int64) { totals = append(totals, total) }}
	// io.MultiReader hides the size.
	ways, rep, err := Read(context.Background(), io.MultiReader(bytes.NewReader(raw)), "tiny.osm", opt)
	if err != nil {
		t.Fatal(err)
	}
	checkAccounting(t, rep)
	if len(ways) != 1 || ways[0].ID != "way/13" || ways[0].Highway != "footway" {
		t.Errorf("ways %+v", ways)
	}
	if len(totals) == 0 || totals[len(totals)-1] != -1 {
		t.Errorf("progress totals %v, want -1 for an unknown size", totals)
	}
}
