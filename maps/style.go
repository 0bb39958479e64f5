package maps

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"
)

//go:embed style.json
var styleJSON []byte

// StyleJSON returns the palette as JSON (style.json), for the web page and
// any other client that must draw in the same colours. style.json is the
// one source of the palette: the maps draw with the values parsed from it.
func StyleJSON() []byte { return bytes.Clone(styleJSON) }

// Style is the palette and marker sizes of style.json, parsed. Coverage
// classes are Okabe–Ito colours, safe for the common colour-vision
// deficiencies and distinct in greyscale print by lightness; facilities
// are muted greys so that the coverage classes carry the map; the proposed
// sub-centres are the one strong accent. Sizes are in points (1/72 inch).
type Style struct {
	Background, Text, TextMuted, Frame color.NRGBA
	// Villages by county-level care cover: within the radius of an
	// existing facility (county_care_today), from a proposed sub-centre
	// only (county_care_after), and none (no_county_care).
	Village struct {
		CountyCareToday, CountyCareAfter, NoCountyCare, Outline color.NRGBA
		// A village marker's radius is
		// clamp(RadiusPerSqrtPersonPt * sqrt(population), RadiusMinPt, RadiusMaxPt).
		RadiusMinPt, RadiusMaxPt, RadiusPerSqrtPersonPt float64
	}
	Facility struct {
		CountyHospital, TownshipHealthCentre, VillageClinic color.NRGBA
	}
	Subcentre struct {
		Fill, Outline, Circle color.NRGBA
		// CircleFillOpacity is the opacity of the fill of a sub-centre's
		// coverage circle: light enough that overlapping circles stay readable.
		CircleFillOpacity float64
	}
	// CoverageCircle outlines the facilities' coverage circles by radius
	// (the QGIS style and the web page draw them; CircleColor picks).
	CoverageCircle              struct{ Km10, Km15, Km20, Other color.NRGBA }
	JointClinic, ItinerantRoute color.NRGBA
	// Road is the faint colour of the road network under the villages.
	Road     color.NRGBA
	Boundary struct{ Outline, Fill color.NRGBA }
	Label    struct{ Text, Halo color.NRGBA }
	Sweep    struct{ Before, After color.NRGBA }
}

// palette is style.json parsed once; TestStyle checks that it parses.
var palette = func() Style {
	s, err := parseStyle(styleJSON)
	if err != nil {
		panic("maps: embedded style.json: " + err.Error()) // a build defect, caught by TestStyle
	}
	return s
}()

// Palette returns the palette the maps draw with.
func Palette() Style { return palette }

// parseStyle reads a style.json document. Every colour must be present as
// "#RRGGBB" and every size be a positive number.
func parseStyle(b []byte) (Style, error) {
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return Style{}, err
	}
	var s Style
	colors := []struct {
		path string
		dst  *color.NRGBA
	}{
		{"background", &s.Background}, {"text", &s.Text}, {"text_muted", &s.TextMuted}, {"frame", &s.Frame},
		{"village.county_care_today", &s.Village.CountyCareToday}, {"village.county_care_after", &s.Village.CountyCareAfter},
		{"village.no_county_care", &s.Village.NoCountyCare}, {"village.outline", &s.Village.Outline},
		{"facility.county_hospital", &s.Facility.CountyHospital},
		{"facility.township_health_centre", &s.Facility.TownshipHealthCentre},
		{"facility.village_clinic", &s.Facility.VillageClinic},
		{"subcentre.fill", &s.Subcentre.Fill}, {"subcentre.outline", &s.Subcentre.Outline}, {"subcentre.circle", &s.Subcentre.Circle},
		{"coverage_circle.10", &s.CoverageCircle.Km10}, {"coverage_circle.15", &s.CoverageCircle.Km15},
		{"coverage_circle.20", &s.CoverageCircle.Km20}, {"coverage_circle.other", &s.CoverageCircle.Other},
		{"joint_clinic", &s.JointClinic}, {"itinerant_route", &s.ItinerantRoute}, {"road", &s.Road},
		{"boundary.outline", &s.Boundary.Outline}, {"boundary.fill", &s.Boundary.Fill},
		{"label.text", &s.Label.Text}, {"label.halo", &s.Label.Halo},
		{"sweep.before", &s.Sweep.Before}, {"sweep.after", &s.Sweep.After},
	}
	for _, c := range colors {
		v, _ := styleAt(doc, c.path).(string)
		rgb, err := parseHexColor(v)
		if err != nil {
			return Style{}, fmt.Errorf("%s: %w", c.path, err)
		}
		*c.dst = rgb
	}
	sizes := []struct {
		path string
		dst  *float64
	}{
		{"village.radius_pt.min", &s.Village.RadiusMinPt}, {"village.radius_pt.max", &s.Village.RadiusMaxPt},
		{"village.radius_pt.per_sqrt_person", &s.Village.RadiusPerSqrtPersonPt},
		{"subcentre.circle_fill_opacity", &s.Subcentre.CircleFillOpacity},
	}
	for _, z := range sizes {
		v, ok := styleAt(doc, z.path).(float64)
		if !ok || !(v > 0) {
			return Style{}, fmt.Errorf("%s: want a positive number, got %v", z.path, styleAt(doc, z.path))
		}
		*z.dst = v
	}
	return s, nil
}

// styleAt is the value at a dotted path of a decoded JSON object, or nil.
func styleAt(doc map[string]any, path string) any {
	var v any = doc
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// parseHexColor reads "#RRGGBB" as an opaque colour.
func parseHexColor(s string) (color.NRGBA, error) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, fmt.Errorf("colour %q: want #RRGGBB", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("colour %q: want #RRGGBB", s)
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xFF}, nil
}

// VillageRadius is the marker radius of a village of population residents.
func VillageRadius(population int) vg.Length {
	v := &palette.Village
	r := v.RadiusPerSqrtPersonPt * math.Sqrt(math.Max(0, float64(population)))
	return vg.Points(math.Min(v.RadiusMaxPt, math.Max(v.RadiusMinPt, r)))
}

// statusColor is the palette colour of a village status.
func statusColor(s VillageStatus) color.NRGBA {
	switch s {
	case CountyCareToday:
		return palette.Village.CountyCareToday
	case CountyCareAfter:
		return palette.Village.CountyCareAfter
	}
	return palette.Village.NoCountyCare
}

// alpha returns c with opacity a in [0, 1].
func alpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(255 * a))
	return c
}

// HexColor formats c as #RRGGBB, the form style.json and QGIS use.
func HexColor(c color.NRGBA) string {
	const digits = "0123456789ABCDEF"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range []uint8{c.R, c.G, c.B} {
		b[1+2*i], b[2+2*i] = digits[v>>4], digits[v&0xF]
	}
	return string(b)
}

// CircleColor is the outline colour of a facility's coverage circle of
// radiusKm: its own for 10, 15 and 20 km, grey for any other radius.
func (s Style) CircleColor(radiusKm float64) color.NRGBA {
	switch radiusKm {
	case 10:
		return s.CoverageCircle.Km10
	case 15:
		return s.CoverageCircle.Km15
	case 20:
		return s.CoverageCircle.Km20
	}
	return s.CoverageCircle.Other
}
