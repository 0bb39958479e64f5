package maps

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestStyle checks that the embedded style.json parses into the palette
// (every colour a "#RRGGBB" that formats back the same) and that
// parseStyle refuses a document with a colour or size missing or bad.
func TestStyle(t *testing.T) {
	s, err := parseStyle(StyleJSON())
	if err != nil {
		t.Fatal(err)
	}
	if s != Palette() {
		t.Fatal("Palette differs from parsing StyleJSON")
	}
	var doc map[string]any
	if err := json.Unmarshal(StyleJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	if got, want := HexColor(s.Village.NoCountyCare), styleAt(doc, "village.no_county_care"); got != want {
		t.Errorf("village.no_county_care formats back as %s, style.json has %v", got, want)
	}
	if c := s.Subcentre.Fill; c.A != 0xFF {
		t.Errorf("colours must be opaque, got %v", c)
	}
	for _, bad := range []struct{ from, to string }{
		{`"no_county_care": "#D55E00"`, `"no_county_care": "D55E00"`},
		{`"no_county_care": "#D55E00"`, `"no_county_care": "#D55E0G"`},
		{`"no_county_care": "#D55E00",`, ``},
		{`"circle_fill_opacity": 0.08`, `"circle_fill_opacity": 0`},
		{`"min": 1.2`, `"min": "1.2"`},
	} {
		b := strings.Replace(string(StyleJSON()), bad.from, bad.to, 1)
		if b == string(StyleJSON()) {
			t.Fatalf("%q not in style.json", bad.from)
		}
		if _, err := parseStyle([]byte(b)); err == nil {
			t.Errorf("parseStyle accepted %s -> %s", bad.from, bad.to)
		}
	}
	b := StyleJSON()
	b[0] = 'x'
	if StyleJSON()[0] == 'x' {
		t.Error("StyleJSON shares its bytes with the caller")
	}
}

func TestVillageRadius(t *testing.T) {
	for _, c := range []struct {
		pop  int
		want float64
	}{
		{-5, 1.2}, {0, 1.2}, {100, 1.2},
		{2500, 3}, {10000, 6}, {1000000, 6},
	} {
		if got := float64(VillageRadius(c.pop)); fmt.Sprintf("%.6f", got) != fmt.Sprintf("%.6f", c.want) {
			t.Errorf("VillageRadius(%d) = %v pt, want %v", c.pop, got, c.want)
		}
	}
}

// qml is the part of a QGIS style file the test reads.
type qml struct {
	XMLName  xml.Name `xml:"qgis"`
	Renderer struct {
		Type       string `xml:"type,attr"`
		Attr       string `xml:"attr,attr"`
		Categories []struct {
			Value  string `xml:"value,attr"`
			Symbol string `xml:"symbol,attr"`
		} `xml:"categories>category"`
		Rules []struct {
			Filter string `xml:"filter,attr"`
			Symbol string `xml:"symbol,attr"`
		} `xml:"rules>rule"`
		Symbols []struct {
			Name   string `xml:"name,attr"`
			Type   string `xml:"type,attr"`
			Layers []struct {
				Class string `xml:"class,attr"`
				Props []struct {
					K string `xml:"k,attr"`
					V string `xml:"v,attr"`
				} `xml:"prop"`
			} `xml:"layer"`
		} `xml:"symbols>symbol"`
	} `xml:"renderer-v2"`
}

func readQML(t *testing.T, name string) qml {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", "qgis", name))
	if err != nil {
		t.Fatal(err)
	}
	var q qml
	if err := xml.Unmarshal(b, &q); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return q
}

// qgisColor is c as QGIS writes it: "r,g,b,a".
func qgisColor(c color.NRGBA) string { return fmt.Sprintf("%d,%d,%d,%d", c.R, c.G, c.B, c.A) }

// symbolProp is property k of the first layer of symbol name.
func (q qml) symbolProp(t *testing.T, name, k string) string {
	t.Helper()
	for _, s := range q.Renderer.Symbols {
		if s.Name != name || len(s.Layers) == 0 {
			continue
		}
		for _, p := range s.Layers[0].Props {
			if p.K == k {
				return p.V
			}
		}
	}
	t.Fatalf("no property %q in symbol %q", k, name)
	return ""
}

func TestQGISStylesUsePalette(t *testing.T) {
	t.Run("villages", func(t *testing.T) {
		q := readQML(t, "villages.qml")
		if q.Renderer.Type != "categorizedSymbol" || !strings.Contains(q.Renderer.Attr, "county_care_today") {
			t.Fatalf("renderer %q on %q, want categorizedSymbol on the coverage class", q.Renderer.Type, q.Renderer.Attr)
		}
		// Multi-radius coverage files: network_covered_15km when there is no network_covered.
		if !strings.Contains(q.Renderer.Attr, "coalesce(attribute($currentfeature, 'network_covered'), attribute($currentfeature, 'network_covered_15km'))") {
			t.Errorf("class expression %q has no fallback to network_covered_15km", q.Renderer.Attr)
		}
		want := map[string]color.NRGBA{
			"county_care_today": palette.Village.CountyCareToday, "county_care_after": palette.Village.CountyCareAfter,
			"no_county_care":  palette.Village.NoCountyCare,
			"network_covered": palette.Village.CountyCareToday, "no_network_cover": palette.Village.NoCountyCare,
		}
		if len(q.Renderer.Categories) != len(want) {
			t.Errorf("%d categories, want %d", len(q.Renderer.Categories), len(want))
		}
		for _, c := range q.Renderer.Categories {
			w, ok := want[c.Value]
			if !ok {
				t.Errorf("unexpected category %q", c.Value)
				continue
			}
			if got := q.symbolProp(t, c.Symbol, "color"); got != qgisColor(w) {
				t.Errorf("category %s colour %s, want %s", c.Value, got, qgisColor(w))
			}
		}
	})
	for _, c := range []struct {
		file, prop string
		want       color.NRGBA
		class      string
	}{
		{"subcentres.qml", "color", palette.Subcentre.Fill, "SimpleMarker"},
		{"routes.qml", "line_color", palette.ItinerantRoute, "SimpleLine"},
		{"joint_clinics.qml", "outline_color", palette.JointClinic, "SimpleMarker"},
		{"subcentre_circles.qml", "outline_color", palette.Subcentre.Circle, "SimpleFill"},
	} {
		t.Run(c.file, func(t *testing.T) {
			q := readQML(t, c.file)
			if q.Renderer.Type != "singleSymbol" || len(q.Renderer.Symbols) != 1 || q.Renderer.Symbols[0].Layers[0].Class != c.class {
				t.Fatalf("want one %s symbol in a singleSymbol renderer, got %+v", c.class, q.Renderer)
			}
			if got := q.symbolProp(t, "0", c.prop); got != qgisColor(c.want) {
				t.Errorf("%s = %s, want %s", c.prop, got, qgisColor(c.want))
			}
			if c.class == "SimpleFill" {
				// The circle's faint fill: the static map's opacity.
				fillCol := c.want
				fillCol.A = uint8(palette.Subcentre.CircleFillOpacity*255 + 0.5)
				if got := q.symbolProp(t, "0", "color"); got != qgisColor(fillCol) {
					t.Errorf("fill color = %s, want %s", got, qgisColor(fillCol))
				}
			}
		})
	}
}

// TestQGISFacilitiesStyle checks that facilities.qml draws each facility
// type with the static map's shape and colour and outlines the coverage
// circles of 10, 15 and 20 km each in a colour of its own.
func TestQGISFacilitiesStyle(t *testing.T) {
	q := readQML(t, "facilities.qml")
	if q.Renderer.Type != "RuleRenderer" {
		t.Fatalf("renderer %q, want RuleRenderer", q.Renderer.Type)
	}
	want := []struct {
		filter, shape, colorProp string
		col                      color.NRGBA
	}{
		{"'county_hospital'", "square", "color", palette.Facility.CountyHospital},
		{"'township_health_centre'", "triangle", "color", palette.Facility.TownshipHealthCentre},
		{"'village_clinic'", "cross", "outline_color", palette.Facility.VillageClinic},
		// One rule per radius of R1's range, each its own colour.
		{`"radius_km" = 10`, "", "outline_color", palette.CircleColor(10)},
		{`"radius_km" = 15`, "", "outline_color", palette.CircleColor(15)},
		{`"radius_km" = 20`, "", "outline_color", palette.CircleColor(20)},
		{`"radius_km" NOT IN (10, 15, 20)`, "", "outline_color", palette.CircleColor(12.5)},
	}
	for _, w := range want {
		found := false
		for _, r := range q.Renderer.Rules {
			if !strings.Contains(r.Filter, w.filter) || strings.Contains(r.Filter, "NOT IN") && !strings.Contains(w.filter, "NOT IN") {
				continue
			}
			found = true
			if !strings.Contains(r.Filter, `"layer"`) {
				t.Errorf("rule %q does not test the layer property", r.Filter)
			}
			if w.shape == "" && !strings.Contains(r.Filter, "'coverage_circle'") {
				t.Errorf("rule %q does not test for a coverage circle", r.Filter)
			}
			if w.shape != "" {
				if got := q.symbolProp(t, r.Symbol, "name"); got != w.shape {
					t.Errorf("%s: shape %s, want %s", w.filter, got, w.shape)
				}
			} else if got := q.symbolProp(t, r.Symbol, "style"); got != "no" {
				t.Errorf("%s: fill style %s, want no (outline only)", w.filter, got)
			}
			if got := q.symbolProp(t, r.Symbol, w.colorProp); got != qgisColor(w.col) {
				t.Errorf("%s: %s %s, want %s", w.filter, w.colorProp, got, qgisColor(w.col))
			}
		}
		if !found {
			t.Errorf("no rule for %s", w.filter)
		}
	}
}

func TestCircleColorsDiffer(t *testing.T) {
	seen := map[color.NRGBA]float64{}
	for _, r := range []float64{10, 15, 20, 12} {
		c := palette.CircleColor(r)
		if other, dup := seen[c]; dup {
			t.Errorf("%v km and %v km circles share the colour %s", r, other, HexColor(c))
		}
		seen[c] = r
	}
	// Not a village class colour (whatever the classes are called), nor
	// the sub-centres' circle.
	var doc map[string]any
	if err := json.Unmarshal(StyleJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	others := []string{HexColor(palette.Subcentre.Circle)}
	for _, v := range doc["village"].(map[string]any) {
		if hex, ok := v.(string); ok {
			others = append(others, hex)
		}
	}
	for c, r := range seen {
		if slices.Contains(others, HexColor(c)) {
			t.Errorf("the %v km circle colour %s is also a village class or the sub-centre circle colour", r, HexColor(c))
		}
	}
}
