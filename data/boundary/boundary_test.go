package boundary_test

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/boundary"
	"github.com/catchment/catchment/data/shanxi"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// shanxiRaw loads the published Shanxi polygons (no datum conversion) and
// writes them to a file the Python reference can read.
func shanxiRaw(t testing.TB) (*boundary.Boundaries, string) {
	t.Helper()
	raw, err := shanxi.CountiesGeoJSON()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "counties.geojson")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	b, warns, err := boundary.FromGeoJSON(bytes.NewReader(raw), "counties.geojson", boundary.Options{})
	if err != nil || len(warns) != 0 || b.Len() != 119 {
		t.Fatalf("FromGeoJSON: %v %v %d", err, warns, b.Len())
	}
	return b, path
}

// nearInvalidVertices scatters n points within ±0.002° of random vertices
// of the polygons the source marks geometry_valid: false.
func nearInvalidVertices(t *testing.T, r *rand.Rand, n int) []orb.Point {
	t.Helper()
	raw, _ := shanxi.CountiesGeoJSON()
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		t.Fatal(err)
	}
	var verts []orb.Point
	invalid := 0
	for _, f := range fc.Features {
		if f.Properties.MustBool("geometry_valid", true) {
			continue
		}
		invalid++
		visit := func(p orb.Polygon) {
			for _, ring := range p {
				verts = append(verts, ring...)
			}
		}
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			visit(g)
		case orb.MultiPolygon:
			for _, p := range g {
				visit(p)
			}
		}
	}
	if invalid != 24 {
		t.Fatalf("%d invalid polygons, SOURCE.md says 24", invalid)
	}
	out := make([]orb.Point, n)
	for i := range out {
		v := verts[r.IntN(len(verts))]
		out[i] = orb.Point{v[0] + (r.Float64()-0.5)*0.004, v[1] + (r.Float64()-0.5)*0.004}
	}
	return out
}

func ints(s string) []int {
	var out []int
	for _, f := range strings.Fields(s) {
		i, _ := strconv.Atoi(f)
		out = append(out, i)
	}
	return out
}

// TestAgainstShapely compares every county assignment of 20,000 seeded
// random points over Shanxi's extent, plus 6,000 points scattered within
// about 200 m of the vertices of the self-intersecting shapes (where their
// twists are), with matplotlib's even-odd test
// (exactly), and with shapely, which defines containment only for valid
// polygons: for the 24 self-intersecting ones it is asked about
// make_valid(polygon). Wherever shapely and the even-odd rule disagree the
// point must lie in an area the polygon's rings wind around an even,
// non-zero number of times (the doubly-covered overlap of a twisted ring):
// make_valid keeps such areas, the even-odd rule leaves them out. Any other
// disagreement fails the test.
func TestAgainstShapely(t *testing.T) {
	b, path := shanxiRaw(t)
	py := "/usr/bin/python3"
	if _, err := exec.LookPath(py); err != nil {
		t.Fatalf("python3 with shapely and matplotlib is required: %v", err)
	}
	var ext orb.Bound
	for i := range b.Len() {
		if i == 0 {
			ext = b.Region(i).Shape.Bound()
		}
		ext = ext.Union(b.Region(i).Shape.Bound())
	}
	r := rand.New(rand.NewPCG(20, 26))
	const n = 20_000
	pts := make([]orb.Point, n)
	var csv strings.Builder
	for i := range pts {
		pts[i] = orb.Point{ext.Min[0] + r.Float64()*(ext.Max[0]-ext.Min[0]), ext.Min[1] + r.Float64()*(ext.Max[1]-ext.Min[1])}
		fmt.Fprintf(&csv, "%.17g,%.17g\n", pts[i][0], pts[i][1])
	}
	pts = append(pts, nearInvalidVertices(t, r, 6_000)...)
	for _, p := range pts[n:] {
		fmt.Fprintf(&csv, "%.17g,%.17g\n", p[0], p[1])
	}
	ptsPath := filepath.Join(t.TempDir(), "points.csv")
	os.WriteFile(ptsPath, []byte(csv.String()), 0o644)
	out, err := exec.Command(py, "testdata/pip_reference.py", path, ptsPath).Output()
	if err != nil {
		t.Fatalf("pip_reference.py: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	k, inside, overlaps, twisted := 0, 0, 0, 0
	for ; sc.Scan(); k++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 || k >= len(pts) {
			t.Fatalf("line %d: %q", k, sc.Text())
		}
		got := b.LocateAll(pts[k])
		if mpl := ints(f[0]); !slices.Equal(got, mpl) {
			t.Errorf("point %d %v: even-odd regions %v, matplotlib %v", k, pts[k], got, mpl)
		}
		if len(got) > 0 {
			inside++
		}
		if len(got) > 1 {
			overlaps++
		}
		for _, w := range strings.Fields(f[2]) {
			idx, wind, _ := strings.Cut(w, ":")
			wi, _ := strconv.Atoi(wind)
			if wi == 0 || wi%2 != 0 {
				t.Errorf("point %d %v: region %s: shapely and even-odd disagree at winding number %d", k, pts[k], idx, wi)
			}
			twisted++
		}
	}
	if k != len(pts) {
		t.Fatalf("reference answered %d of %d points", k, len(pts))
	}
	t.Logf("%d of %d points inside a county, %d in two overlapping counties, %d in doubly wound areas of self-intersecting shapes", inside, len(pts), overlaps, twisted)
	if inside < n/3 {
		t.Fatalf("only %d points inside: the extent or the reader is wrong", inside)
	}
}

func square(x0, y0, s float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}, {x0, y0}}}
}

func TestLocateRules(t *testing.T) {
	bowtie := orb.Polygon{{{0, 10}, {2, 12}, {2, 10}, {0, 12}, {0, 10}}}
	// A ring that loops twice around [5,6]x[10,11]: winding number 2 there.
	twice := orb.Polygon{{{5, 10}, {6, 10}, {6, 11}, {5, 11}, {5, 10}, {6, 10}, {6, 11}, {5, 11}, {5, 10}}}
	withHole := append(square(10, 10, 4), orb.Ring{{11, 11}, {13, 11}, {13, 13}, {11, 13}, {11, 11}})
	b, err := boundary.New([]boundary.Region{
		{Code: "140102", Name: "West", Shape: orb.MultiPolygon{square(0, 0, 1)}},
		{Code: "140101", Name: "East", Shape: orb.MultiPolygon{square(1, 0, 1)}},
		{Code: "140199", Name: "Overlap", Shape: orb.MultiPolygon{square(0.5, 0.25, 1)}},
		{Code: "140103", Name: "Bowtie", Shape: orb.MultiPolygon{bowtie}},
		{Code: "140104", Name: "Twice", Shape: orb.MultiPolygon{twice}},
		{Name: "Holed", Shape: orb.MultiPolygon{withHole}},
		{Code: "140106", Name: "Unclosed", Shape: orb.MultiPolygon{{{{20, 0}, {21, 0}, {21, 1}}}, {{{30, 0}, {31, 0}}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		p    orb.Point
		name string
	}{
		{orb.Point{0.2, 0.1}, "West"},
		{orb.Point{1.0, 0.1}, "East"},      // on the shared edge: the east side
		{orb.Point{0.6, 0.5}, "West"},      // in West and Overlap: smaller code
		{orb.Point{1.2, 0.5}, "East"},      // in East and Overlap
		{orb.Point{1.2, 1.1}, "Overlap"},   // only in Overlap
		{orb.Point{0.2, 11}, "Bowtie"},     // left lobe of the bow-tie
		{orb.Point{1.8, 11}, "Bowtie"},     // right lobe
		{orb.Point{1, 10.5}, ""},           // between the lobes
		{orb.Point{5.5, 10.5}, ""},         // wound twice: outside by even-odd
		{orb.Point{10.5, 10.5}, "Holed"},   // a region with only a name
		{orb.Point{12, 12}, ""},            // in the hole
		{orb.Point{20.9, 0.5}, "Unclosed"}, // ring not closed
		{orb.Point{30.5, 0}, ""},           // degenerate ring
		{orb.Point{99, 99}, ""},
	}
	for _, c := range cases {
		_, name, ok := b.Locate(c.p)
		if name != c.name || ok != (c.name != "") {
			t.Errorf("Locate(%v) = %q %v, want %q", c.p, name, ok, c.name)
		}
	}
}
