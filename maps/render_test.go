package maps

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/color"
	"image/png"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
)

func TestMapPixelSize(t *testing.T) {
	for _, c := range []struct {
		name         string
		opt          Options
		wantW, wantH int
	}{
		{"defaults: 20 cm at 150 dpi", Options{}, 1181, 1181},
		{"10 x 6 cm at 100 dpi", Options{Width: 10 * vg.Centimeter, Height: 6 * vg.Centimeter, DPI: 100}, 394, 236},
		{"800 x 600 px at 96 dpi", Options{Width: 800 * vg.Inch / 96, Height: 600 * vg.Inch / 96, DPI: 96}, 800, 600},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := New(tinyScene(), c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if w, h := m.PixelSize(); w != c.wantW || h != c.wantH {
				t.Errorf("PixelSize %d x %d, want %d x %d", w, h, c.wantW, c.wantH)
			}
			b := renderPNG(t, m).Bounds()
			if b.Dx() != c.wantW || b.Dy() != c.wantH {
				t.Errorf("PNG is %d x %d, want %d x %d", b.Dx(), b.Dy(), c.wantW, c.wantH)
			}
		})
	}
}

// TestMapDrawsWhereCoordinatesSay samples the PNG at the projected
// positions of a village, a sub-centre and its coverage circle.
func TestMapDrawsWhereCoordinatesSay(t *testing.T) {
	s := tinyScene()
	m, err := New(s, Options{Width: 12 * vg.Centimeter, Height: 12 * vg.Centimeter, DPI: 120})
	if err != nil {
		t.Fatal(err)
	}
	img := renderPNG(t, m)
	village, site := s.Villages[0].Location, s.Subcentres[0].Location
	if got := pixelAt(m, img, village); got != palette.Village.NoCountyCare {
		t.Errorf("pixel at the village is %v, want the no-county-level-care colour %v", got, palette.Village.NoCountyCare)
	}
	if got := pixelAt(m, img, site); got != palette.Subcentre.Fill {
		t.Errorf("pixel at the sub-centre is %v, want %v", got, palette.Subcentre.Fill)
	}
	// The circle's outline passes 10 km from the site in every direction
	// (a geodesic circle); inside it the light fill shows.
	checked := 0
	for _, azi := range []float64{0, 90, 180, 270} {
		edge := geo.Direct(site, azi, 10000)
		if d := nearestColor(m, img, edge, 1, palette.Subcentre.Circle); d > 60 {
			t.Errorf("no circle outline near azimuth %v (closest colour differs by %d)", azi, d)
		}
		inside := geo.Direct(site, azi, 7000)
		want := over(palette.Subcentre.Circle, palette.Subcentre.CircleFillOpacity)
		if got := pixelAt(m, img, inside); colorDist(got, want) > 3 {
			t.Errorf("inside the circle at azimuth %v: %v, want the fill %v", azi, got, want)
		}
		outside := geo.Direct(site, azi, 10600)
		if pt, f := m.proj.Point(outside), m.layout.frame; pt.X < f.Min.X+2 || pt.X > f.Max.X-2 || pt.Y < f.Min.Y+2 || pt.Y > f.Max.Y-2 {
			continue // beyond the frame's edge
		}
		checked++
		if got := pixelAt(m, img, outside); got != palette.Background {
			t.Errorf("outside the circle at azimuth %v: %v, want the background", azi, got)
		}
	}
	if checked < 3 {
		t.Errorf("only %d of the points just outside the circle are on the map", checked)
	}
}

// TestProjectionKeepsShapes checks the cosine scaling: 10 km east and
// 10 km north are drawn the same length (to the 0.4% by which the
// ellipsoid's curvatures differ at 37°N), where an unscaled plate carrée
// would stretch the east–west one by 25%.
func TestProjectionKeepsShapes(t *testing.T) {
	for _, lat := range []float64{20, 37, 48} {
		b := orb.Bound{Min: orb.Point{100, lat - 0.5}, Max: orb.Point{101, lat + 0.5}}
		p := FitProjection(b, vg.Rectangle{Max: vg.Point{X: 400, Y: 300}})
		c := b.Center()
		o := p.Point(c)
		east, north := p.Point(geo.Direct(c, 90, 10000)), p.Point(geo.Direct(c, 0, 10000))
		ew, ns := math.Hypot(float64(east.X-o.X), float64(east.Y-o.Y)), math.Hypot(float64(north.X-o.X), float64(north.Y-o.Y))
		if r := ew / ns; math.Abs(r-1) > 0.006 {
			t.Errorf("lat %v: 10 km east is %.2f pt, 10 km north %.2f pt (ratio %.4f)", lat, ew, ns, r)
		}
		if back := p.LonLat(o); geo.DistanceM(back, c) > 1e-6 {
			t.Errorf("lat %v: LonLat(Point(c)) = %v, want %v", lat, back, c)
		}
		if mpp, want := p.MetresPerPoint(), 10000/ew; math.Abs(mpp/want-1) > 0.001 {
			t.Errorf("lat %v: MetresPerPoint %v, want %v", lat, mpp, want)
		}
	}
}

// styleCount counts SVG elements whose whole style is a fill of the
// colour: one per marker (gonum's vgsvg cannot tag elements with ids).
func styleCount(svg string, hex string) int {
	return len(regexp.MustCompile(`style="fill:`+hex+`"`).FindAllStringIndex(svg, -1))
}

func TestMapSVGHasOneElementPerFeature(t *testing.T) {
	s := smallPlanScene(t)
	m, err := New(s, Options{Fonts: LatinFonts()})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf, SVG); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	if !strings.HasPrefix(svg, "<?xml") || !strings.Contains(svg, "<svg") {
		t.Fatalf("not an SVG document: %.100s", svg)
	}
	tally := s.Tally()
	if tally.Villages[CountyCareAfter] == 0 || tally.Villages[NoCountyCare] == 0 || tally.Villages[CountyCareToday] == 0 || len(s.Subcentres) == 0 {
		t.Fatalf("the fixture should have every class and a sub-centre: %+v, %d sites", tally, len(s.Subcentres))
	}
	// Every class and symbol also has one swatch in the legend.
	for _, c := range []struct {
		what string
		hex  string
		want int
	}{
		{"county-level care today", HexColor(palette.Village.CountyCareToday), tally.Villages[CountyCareToday]},
		{"county-level care from a sub-centre", HexColor(palette.Village.CountyCareAfter), tally.Villages[CountyCareAfter]},
		{"no county-level care", HexColor(palette.Village.NoCountyCare), tally.Villages[NoCountyCare]},
		{"sub-centre", HexColor(palette.Subcentre.Fill), len(s.Subcentres)},
		{"county hospital", HexColor(palette.Facility.CountyHospital), 1},
		{"township health centre", HexColor(palette.Facility.TownshipHealthCentre), 3},
	} {
		if got := styleCount(svg, c.hex); got != c.want+1 {
			t.Errorf("%s: %d elements filled %s, want %d features + 1 legend swatch", c.what, got, c.hex, c.want)
		}
	}
	// Each joint clinic member is one line from its host.
	members := 0
	for _, j := range s.Joint {
		members += len(j.Members)
	}
	if members == 0 {
		t.Fatal("the fixture should have a joint clinic")
	}
	// The plan's village clinics are a white cross each on the village's
	// dot, and a joint clinic's host has a ring in the joint-clinic colour.
	own, hosts := s.planClinicCounts()
	if own == 0 || hosts == 0 {
		t.Fatalf("the fixture should have own clinics and joint clinic hosts, has %d and %d", own, hosts)
	}
	strokes := func(col color.NRGBA, width string) int {
		return len(regexp.MustCompile(`style="fill:none;stroke:`+HexColor(col)+width+`"`).FindAllString(svg, -1))
	}
	if got := strokes(palette.JointClinic, ""); got != members+1 {
		t.Errorf("%d joint-clinic lines, want %d members + 1 legend swatch", got, members)
	}
	if got := strokes(palette.JointClinic, ";stroke-width:0.9"); got != hosts+1 {
		t.Errorf("%d joint-clinic rings, want %d hosts + 1 legend swatch", got, hosts)
	}
	if got := strokes(palette.Background, ";stroke-width:0.65"); got != own+hosts+2 {
		t.Errorf("%d white crosses, want %d own clinics + %d hosts + 2 legend swatches", got, own, hosts)
	}
	for _, want := range []string{"No county-level care within", "Proposed sub-centre", "Jia Xian", "km", "Own village clinic", "Joint clinic, in its host village"} {
		if !strings.Contains(svg, want) && !strings.Contains(svg, strings.ToLower(want)) {
			t.Errorf("SVG lacks text %q", want)
		}
	}
}

func TestMapTitles(t *testing.T) {
	s := tinyScene()
	m, err := New(s, Options{Fonts: LatinFonts()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.title, "C: ") || !strings.Contains(m.subtitle, "10 km emergency radius") || !strings.Contains(m.subtitle, "0.0%") {
		t.Errorf("title %q, subtitle %q", m.title, m.subtitle)
	}
	s.Villages[0].County, s.Subcentres[0].County = "孝绛县", "孝绛县"
	m, err = New(s, Options{Fonts: LatinFonts(), Title: "覆盖"})
	if err != nil {
		t.Fatal(err)
	}
	if !m.Transliterated() || m.title != "Fugai" || !strings.Contains(m.footer, "pinyin") {
		t.Errorf("without CJK glyphs: title %q, footer %q, transliterated %v", m.title, m.footer, m.Transliterated())
	}
}

func TestNewRejects(t *testing.T) {
	bad := tinyScene()
	bad.Villages[0].Location = orb.Point{math.NaN(), 37}
	neg := tinyScene()
	neg.Villages[0].Population = -1
	for _, c := range []struct {
		name  string
		scene *Scene
		opt   Options
		want  error
	}{
		{"empty scene", &Scene{}, Options{}, ErrEmptyScene},
		{"NaN village", bad, Options{}, ErrInput},
		{"negative population", neg, Options{}, ErrInput},
		{"too narrow", tinyScene(), Options{Width: 2 * vg.Centimeter}, ErrOptions},
		{"too high", tinyScene(), Options{Height: 300 * vg.Centimeter}, ErrOptions},
		{"dpi too low", tinyScene(), Options{DPI: 10}, ErrOptions},
		{"too many pixels", tinyScene(), Options{Width: 150 * vg.Centimeter, DPI: 600}, ErrOptions},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := New(c.scene, c.opt); !errors.Is(err, c.want) {
				t.Errorf("New: %v, want %v", err, c.want)
			}
		})
	}
}

func TestScaleBarKm(t *testing.T) {
	for _, c := range []struct {
		mpp  float64
		max  vg.Length
		want float64
	}{
		{100, 150, 10},      // 15 km fit: 10
		{100, 200, 20},      // exactly 20 km
		{1000, 100, 100},    // 100 km
		{10, 40, 0.4*0 + 1}, // less than 1 km fits: 1 km anyway
		{250, 100, 20},
	} {
		if got := ScaleBarKm(c.mpp, c.max); got != c.want {
			t.Errorf("ScaleBarKm(%v m/pt, %v pt) = %v, want %v", c.mpp, c.max, got, c.want)
		}
	}
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]Format{"a.png": PNG, "B.PNG": PNG, "x/y.svg": SVG} {
		if got, err := FormatOf(path); err != nil || got != want {
			t.Errorf("FormatOf(%q) = %q, %v", path, got, err)
		}
	}
	for _, path := range []string{"a.jpg", "a", ""} {
		if _, err := FormatOf(path); !errors.Is(err, ErrOptions) {
			t.Errorf("FormatOf(%q): %v, want ErrOptions", path, err)
		}
	}
}

func TestSVGAndPNGDecode(t *testing.T) {
	m, err := New(tinyScene(), Options{Width: 8 * vg.Centimeter, Height: 8 * vg.Centimeter, DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf, PNG); err != nil {
		t.Fatal(err)
	}
	if _, err := png.DecodeConfig(&buf); err != nil {
		t.Errorf("PNG: %v", err)
	}
	if err := m.Write(&buf, Format("gif")); !errors.Is(err, ErrOptions) {
		t.Errorf("gif: %v, want ErrOptions", err)
	}
}

func TestSVGFontFallbacks(t *testing.T) {
	m, err := New(tinyScene(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf, SVG); err != nil {
		t.Fatal(err)
	}
	families := regexp.MustCompile(`font-family:([^;"]+)`).FindAllStringSubmatch(buf.String(), -1)
	if len(families) == 0 {
		t.Fatal("no font-family in the SVG")
	}
	for _, f := range families {
		list := f[1]
		if !strings.HasPrefix(list, "'") || !strings.HasSuffix(list, ", sans-serif") ||
			!strings.Contains(list, "'Noto Sans CJK SC'") || !strings.Contains(list, "'Microsoft YaHei'") {
			t.Errorf("font-family %q: want the font quoted, then CJK fallbacks and sans-serif", list)
		}
	}
	// Still well-formed XML.
	if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
		t.Errorf("SVG does not parse: %v", err)
	}
	if got := string(withFontFallbacks([]byte(`style="font-family:Noto Sans CJK SC;font-size:9px"`))); got !=
		`style="font-family:'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif;font-size:9px"` {
		t.Errorf("fallbacks of Noto Sans CJK SC: %s", got)
	}
}
