package maps

import (
	"bufio"
	"bytes"
	"fmt"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/catchment/catchment/data/i18n"

	"github.com/catchment/catchment/internal/numfmt"
	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Format is an output image format.
type Format string

// The formats maps and charts are written in.
const (
	PNG Format = "png"
	SVG Format = "svg"
)

// FormatOf picks the format from a file name's extension (.png or .svg).
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return PNG, nil
	case ".svg":
		return SVG, nil
	}
	return "", &OptionError{"out", fmt.Sprintf("%q: want a .png or .svg file name", path)}
}

// Defaults of Options: a 20 × 20 cm figure at 150 dpi (1181 × 1181
// pixels), the size of a report page's figure.
const (
	DefaultSize = 20 * vg.Centimeter
	DefaultDPI  = 150
)

// Limits of Options, so that a typo cannot ask for a gigapixel image.
const (
	MinSize   = 4 * vg.Centimeter
	MaxSize   = 200 * vg.Centimeter
	MinDPI    = 36
	MaxDPI    = 1200
	MaxPixels = 16384 // per side
)

// Options configures the drawing of a map or chart.
type Options struct {
	// Width and Height are the page size; 0 means DefaultSize.
	Width, Height vg.Length
	// DPI is the PNG resolution in dots per inch; 0 means DefaultDPI. SVG
	// output is resolution independent.
	DPI int
	// Title replaces the default title when not empty.
	Title string
	// Fonts draw all text; nil means DefaultFonts().
	Fonts *Fonts
	// Lang is the language of the title, subtitle, footer and legend
	// ("" is English); names are drawn as they are.
	Lang i18n.Lang
}

func (o Options) resolve() (Options, error) {
	if o.Width == 0 {
		o.Width = DefaultSize
	}
	if o.Height == 0 {
		o.Height = DefaultSize
	}
	if o.DPI == 0 {
		o.DPI = DefaultDPI
	}
	for _, d := range []struct {
		name string
		v    vg.Length
	}{{"width", o.Width}, {"height", o.Height}} {
		if math.IsNaN(float64(d.v)) || d.v < MinSize || d.v > MaxSize {
			return o, &OptionError{d.name, fmt.Sprintf("%.1f cm: want %g to %g cm", d.v/vg.Centimeter, MinSize/vg.Centimeter, MaxSize/vg.Centimeter)}
		}
	}
	if o.DPI < MinDPI || o.DPI > MaxDPI {
		return o, &OptionError{"dpi", fmt.Sprintf("%d: want %d to %d", o.DPI, MinDPI, MaxDPI)}
	}
	if w, h := pixels(o.Width, o.DPI), pixels(o.Height, o.DPI); w > MaxPixels || h > MaxPixels {
		return o, &OptionError{"dpi", fmt.Sprintf("%d × %d pixels: at most %d per side", w, h, MaxPixels)}
	}
	if o.Fonts == nil {
		o.Fonts = DefaultFonts()
	}
	return o, nil
}

// pixels is the PNG size of length l at dpi, rounded as vgimg rounds it.
func pixels(l vg.Length, dpi int) int {
	return int(float64(l/vg.Inch)*float64(dpi) + 0.5)
}

// writeCanvas draws with draw onto a canvas of the format and writes it.
func writeCanvas(w io.Writer, f Format, o Options, draw func(vg.Canvas)) error {
	bw := bufio.NewWriter(w)
	switch f {
	case PNG:
		c := vgimg.NewWith(vgimg.UseWH(o.Width, o.Height), vgimg.UseDPI(o.DPI), vgimg.UseBackgroundColor(palette.Background))
		draw(c)
		// png.BestCompression saves 1–2% on a map at four times the time.
		if err := png.Encode(bw, c.Image()); err != nil {
			return err
		}
	case SVG:
		c := vgsvg.New(o.Width, o.Height)
		draw(c)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return err
		}
		if _, err := bw.Write(withFontFallbacks(buf.Bytes())); err != nil {
			return err
		}
	default:
		return &OptionError{"format", fmt.Sprintf("%q: want png or svg", f)}
	}
	return bw.Flush()
}

// svgFallbackFonts follow the font a map was drawn with in an SVG's
// font-family, for viewers without it: the common CJK fonts of Linux,
// Windows and macOS, then the generic family.
var svgFallbackFonts = []string{"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC"}

// svgFontFamily is vgsvg's font-family property: the family name of the
// font, unquoted, inside a double-quoted style attribute.
var svgFontFamily = regexp.MustCompile(`font-family:([^;"]+)`)

// withFontFallbacks adds svgFallbackFonts and sans-serif to every
// font-family of an SVG written by vgsvg, which names only the one font
// it measured the text with (an SVG without it would otherwise fall back
// to a serif font, often without Chinese glyphs).
func withFontFallbacks(svg []byte) []byte {
	return svgFontFamily.ReplaceAllFunc(svg, func(m []byte) []byte {
		family := strings.TrimSpace(string(m[len("font-family:"):]))
		out := "font-family:'" + strings.ReplaceAll(family, "'", "") + "'"
		for _, f := range svgFallbackFonts {
			if !strings.EqualFold(f, family) {
				out += ", '" + f + "'"
			}
		}
		return []byte(out + ", sans-serif")
	})
}

// Map is a laid-out map of a scene, ready to be written.
type Map struct {
	scene  *Scene
	opt    Options
	fonts  *Fonts
	layout layout
	proj   Projection
	tally  Tally
	// Text after font fallback.
	title, subtitle, footer string
	transliterated          bool
	countyLabels            []placedLabel
	siteLabels              []placedLabel
	labelsOmitted           int
}

// New lays out a map of scene. The scene is validated (see
// Scene.Validate) and must have at least one village, facility or
// sub-centre (ErrEmptyScene). The scene must not change while the Map is
// in use.
func New(scene *Scene, opt Options) (*Map, error) {
	opt, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	if err := scene.Validate(); err != nil {
		return nil, err
	}
	if scene.empty() {
		return nil, ErrEmptyScene
	}
	m := &Map{scene: scene, opt: opt, fonts: opt.Fonts, tally: scene.Tally()}
	m.layOut()
	m.prepareLabels()
	m.texts()
	return m, nil
}

// layOut measures the legend, puts it to the right of the map or below
// it, whichever draws the data larger, and fits the projection.
func (m *Map) layOut() {
	l := pageSizes(m.opt.Width, m.opt.Height)
	l.markerScale = m.markerScale()
	m.layout = l
	m.symbolScales()
	l = m.layout
	blocks := m.legendBlocks()
	ext := m.extent()
	right := l.place(false, stackedSize(blocks, l))
	below := l.place(true, sideBySideSize(blocks, l))
	m.layout = right
	if below.scaleFor(ext) > right.scaleFor(ext)*1.02 {
		m.layout = below
	}
	m.layout.legendBlocks = blocks
	m.proj = FitProjection(ext, inset(m.layout.frame, m.layout.pad))
}

// extent is what the map must show: the scene's data and the boundaries
// named after its counties.
func (m *Map) extent() orb.Bound {
	b := m.scene.dataBound()
	counties := map[string]bool{}
	for _, c := range m.scene.Counties() {
		counties[c] = true
	}
	for _, bd := range m.scene.Boundaries {
		if counties[bd.Name] && len(bd.Geometry) > 0 {
			b = b.Union(bd.Geometry.Bound())
		}
	}
	return b
}

// PixelSize is the size of the map's PNG image in pixels.
func (m *Map) PixelSize() (w, h int) {
	return pixels(m.opt.Width, m.opt.DPI), pixels(m.opt.Height, m.opt.DPI)
}

// Pixel is where ll lands in the PNG image: x to the right and y down from
// the top-left corner, in pixels (the pixel containing it is
// (floor(x), floor(y))).
func (m *Map) Pixel(ll orb.Point) (x, y float64) {
	pt := m.proj.Point(ll)
	dpi := float64(m.opt.DPI)
	_, hPx := m.PixelSize()
	return pt.X.Dots(dpi), float64(hPx) - pt.Y.Dots(dpi)
}

// Transliterated reports whether some text is drawn in pinyin because the
// fonts have no Chinese glyphs.
func (m *Map) Transliterated() bool { return m.transliterated }

// Write draws the map in format f to w.
func (m *Map) Write(w io.Writer, f Format) error {
	return writeCanvas(w, f, m.opt, m.Draw)
}

// Draw draws the map on c, which must be of the map's page size.
func (m *Map) Draw(c vg.Canvas) {
	l := &m.layout
	fillRect(c, vg.Rectangle{Max: vg.Point{X: m.opt.Width, Y: m.opt.Height}}, palette.Background)
	m.drawBoundaries(c)
	m.drawRoads(c)
	m.drawCircleFills(c)
	m.drawRoutes(c)
	m.drawJoint(c)
	m.drawClinics(c)
	m.drawVillages(c)
	m.drawPlanClinics(c)
	m.drawFacilities(c)
	// County names over the facilities, placed clear of the county
	// hospitals (and of township centres where they can be).
	m.drawCountyLabels(c)
	m.drawCircleOutlines(c)
	m.drawSubcentres(c)
	m.drawSiteLabels(c)
	strokeRect(c, l.frame, palette.Frame, 0.6)
	m.drawScaleBar(c)
	m.drawNorthArrow(c)
	m.drawLegend(c)
	m.drawTitle(c)
}

// text applies the font fallback and records that it was needed.
func (m *Map) text(s string) string {
	t := m.fonts.Text(s)
	if t != s {
		m.transliterated = true
	}
	return t
}

// label is text for a name, falling back to an id.
func (m *Map) label(name, id string) string {
	t := m.fonts.Label(name, id)
	if t != name {
		m.transliterated = true
	}
	return t
}

func (m *Map) texts() {
	s := m.scene
	counties := s.Counties()
	title := m.opt.Title
	if title == "" {
		title = s.Title
	}
	l := m.lang()
	if title == "" {
		switch len(counties) {
		case 1:
			title = l.F(mw.titleOne, counties[0])
		default:
			title = l.F(mw.titleMany, len(counties))
		}
	}
	m.title = m.text(title + s.warningsNote(l))
	var parts []string
	if r := s.radiusPhrase(l); r != "" {
		parts = append(parts, r)
	}
	_, pop := m.tally.Total()
	if pop > 0 {
		before := m.tally.Population[CountyCareToday]
		after := before + m.tally.Population[CountyCareAfter]
		parts = append(parts, l.F(mw.subtitle, percent(before, pop), percent(after, pop), numfmt.GroupThousands(pop)))
	}
	m.subtitle = m.text(strings.Join(parts, " · "))
	m.footer = l.F(mw.footer, m.proj.Center[1], s.distanceNote(l))
	if m.transliterated {
		m.footer += l.S(mw.pinyin)
	}
	if n := m.labelsOmitted; n > 0 {
		verb := "they"
		if n == 1 {
			verb = "it"
		}
		if l == i18n.Zh {
			verb = ""
		}
		m.footer += l.F(mw.omitted, m.count(n, nounLabel), verb)
	}
	m.footer = m.text(m.footer)
}

func percent(part, whole int64) string {
	if whole == 0 {
		return "0%"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(part)/float64(whole))
}

// trimFloat formats v without trailing zeros (15, 12.5).
func trimFloat(v float64) string { return fmt.Sprintf("%g", v) }
