package maps

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
)

// roadScene is tinyScene with two roads: one through the village, one
// away from every marker, measured by road.
func roadScene() *Scene {
	s := tinyScene()
	s.Metric = "road"
	s.Roads = orb.MultiLineString{
		{{111.98, 37.0}, {112.0, 37.0}, {112.15, 37.0}},
		{{112.05, 37.04}, {112.12, 37.045}},
	}
	return s
}

func TestMapDrawsRoadsFaintlyUnderVillages(t *testing.T) {
	s := roadScene()
	m, err := New(s, Options{Width: 12 * vg.Centimeter, Height: 12 * vg.Centimeter, DPI: 120})
	if err != nil {
		t.Fatal(err)
	}
	img := renderPNG(t, m)
	// The village is drawn over the road that passes through it.
	if got := pixelAt(m, img, s.Villages[0].Location); got != palette.Village.NoCountyCare {
		t.Errorf("pixel at the village is %v, want the village colour %v over the road", got, palette.Village.NoCountyCare)
	}
	// Along the roads, away from the markers, the road colour: a 0.5 pt
	// line is 0.83 px at 120 dpi, so anti-aliasing blends it with the
	// white background by up to about a sixth; look within one pixel for
	// a grey at most 20 levels from it (white is 55 away).
	for _, ll := range []orb.Point{{112.08, 37.0}, {112.085, 37.0425}} {
		if d := nearestColor(m, img, ll, 1, palette.Road); d > 20 {
			t.Errorf("no road-coloured pixel near %v (closest channel difference %d)", ll, d)
		}
	}
	// Off the roads, the background.
	if got := pixelAt(m, img, orb.Point{112.05, 37.02}); got != palette.Background {
		t.Errorf("pixel off the roads is %v, want the background %v", got, palette.Background)
	}
	// The road colour is faint: lighter than every village colour.
	lum := func(r, g, b uint8) int { return int(r)*299 + int(g)*587 + int(b)*114 }
	road := lum(palette.Road.R, palette.Road.G, palette.Road.B)
	for _, c := range []struct{ R, G, B uint8 }{
		{palette.Village.CountyCareToday.R, palette.Village.CountyCareToday.G, palette.Village.CountyCareToday.B},
		{palette.Village.CountyCareAfter.R, palette.Village.CountyCareAfter.G, palette.Village.CountyCareAfter.B},
		{palette.Village.NoCountyCare.R, palette.Village.NoCountyCare.G, palette.Village.NoCountyCare.B},
	} {
		if lum(c.R, c.G, c.B) >= road {
			t.Errorf("road colour %v is not lighter than the village colour %v", palette.Road, c)
		}
	}
}

func TestMapSVGRoadElementsAndLegend(t *testing.T) {
	for _, c := range []struct {
		name       string
		scene      *Scene
		wantRoads  int
		wantLegend string
	}{
		{"straight, no roads", tinyScene(), 0, "Villages"},
		{"by road in km", roadScene(), 2, "Villages (within 10 km by road)"},
		{"by road in minutes", func() *Scene { s := roadScene(); s.RadiusMinutes = 30; return s }(), 2, "Villages (within 30 min by road)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := New(c.scene, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := m.Write(&buf, SVG); err != nil {
				t.Fatal(err)
			}
			svg := buf.String()
			// One stroked path per road line plus the legend's sample.
			re := regexp.MustCompile(`<path[^>]*style="[^"]*stroke:` + HexColor(palette.Road) + `[;"]`)
			want := c.wantRoads
			if want > 0 {
				want++ // the legend entry
			}
			if got := len(re.FindAllString(svg, -1)); got != want {
				t.Errorf("%d road-coloured paths, want %d", got, want)
			}
			if road := c.scene.Metric == "road"; road != strings.Contains(svg, "measured along the roads") {
				t.Errorf("footer: road metric %v, but the footer says otherwise", road)
			}
			if !strings.Contains(svg, ">"+c.wantLegend+"<") {
				t.Errorf("legend heading %q not in the SVG", c.wantLegend)
			}
		})
	}
}

// TestSceneSetRoads builds a small network and checks that SetRoads keeps
// the lines near the scene's data, simplified below what the page shows.
func TestSceneSetRoads(t *testing.T) {
	net, _, err := roads.Build([]roads.Way{
		{ID: "near", Highway: "secondary", Points: []orb.Point{{112.0, 37.0}, {112.1, 37.0005}, {112.2, 37.0}}},
		{ID: "far", Highway: "secondary", Points: []orb.Point{{120.0, 30.0}, {120.1, 30.0}}},
	}, roads.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := tinyScene()
	s.SetRoads(net, 0)
	if len(s.Roads) != 1 {
		t.Fatalf("%d road lines kept, want the one near the data", len(s.Roads))
	}
	// The scene spans about 27 km on a 20 cm (567 pt) page: a point is
	// about 48 m, the tolerance a quarter of it (12 m), so the 55 m bend
	// stays.
	if got := len(s.Roads[0]); got != 3 {
		t.Errorf("the near road has %d points, want 3 (its 55 m bend is visible at this scale)", got)
	}
	if tol := RoadToleranceM(27_000, float64(DefaultSize)); tol < 1 || tol > 27_000/float64(DefaultSize) {
		t.Errorf("tolerance %v m for 27 km across %v pt: want between 1 m and one point", tol, DefaultSize)
	}
	s.SetRoads(nil, 0)
	if s.Roads != nil {
		t.Errorf("no network: roads %v, want none", s.Roads)
	}
}
