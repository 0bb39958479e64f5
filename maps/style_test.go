package maps

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStyleJSONMatchesPalette(t *testing.T) {
	var s struct {
		Background string `json:"background"`
		Text       string `json:"text"`
		TextMuted  string `json:"text_muted"`
		Frame      string `json:"frame"`
		Village    struct {
			CoveredBefore string `json:"covered_before"`
			CoveredAfter  string `json:"covered_after"`
			Uncovered     string `json:"uncovered"`
			Outline       string `json:"outline"`
			RadiusPt      struct {
				Min, Max      float64
				PerSqrtPerson float64 `json:"per_sqrt_person"`
			} `json:"radius_pt"`
		} `json:"village"`
		Facility struct {
			CountyHospital       string `json:"county_hospital"`
			TownshipHealthCentre string `json:"township_health_centre"`
			VillageClinic        string `json:"village_clinic"`
		} `json:"facility"`
		Subcentre struct {
			Fill, Outline, Circle string
			CircleFillOpacity     float64 `json:"circle_fill_opacity"`
		} `json:"subcentre"`
		JointClinic    string `json:"joint_clinic"`
		ItinerantRoute string `json:"itinerant_route"`
		Boundary       struct{ Outline, Fill string }
		Label          struct{ Text, Halo string }
		Sweep          struct{ Before, After string }
	}
	dec := json.NewDecoder(strings.NewReader(string(StyleJSON)))
	if err := dec.Decode(&s); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		json string
		want color.NRGBA
	}{
		{"background", s.Background, ColorBackground},
		{"text", s.Text, ColorText},
		{"text_muted", s.TextMuted, ColorTextMuted},
		{"frame", s.Frame, ColorFrame},
		{"village.covered_before", s.Village.CoveredBefore, ColorCoveredBefore},
		{"village.covered_after", s.Village.CoveredAfter, ColorCoveredAfter},
		{"village.uncovered", s.Village.Uncovered, ColorUncovered},
		{"village.outline", s.Village.Outline, ColorVillageOutline},
		{"facility.county_hospital", s.Facility.CountyHospital, ColorCountyHospital},
		{"facility.township_health_centre", s.Facility.TownshipHealthCentre, ColorTownshipHealthCentre},
		{"facility.village_clinic", s.Facility.VillageClinic, ColorVillageClinic},
		{"subcentre.fill", s.Subcentre.Fill, ColorSubcentre},
		{"subcentre.outline", s.Subcentre.Outline, ColorSubcentreOutline},
		{"subcentre.circle", s.Subcentre.Circle, ColorSubcentreCircle},
		{"joint_clinic", s.JointClinic, ColorJointClinic},
		{"itinerant_route", s.ItinerantRoute, ColorItinerantRoute},
		{"boundary.outline", s.Boundary.Outline, ColorBoundary},
		{"boundary.fill", s.Boundary.Fill, ColorBoundaryFill},
		{"label.text", s.Label.Text, ColorLabel},
		{"label.halo", s.Label.Halo, ColorLabelHalo},
		{"sweep.before", s.Sweep.Before, ColorSweepBefore},
		{"sweep.after", s.Sweep.After, ColorSweepAfter},
	} {
		if got := HexColor(c.want); c.json != got {
			t.Errorf("style.json %s = %q, style.go has %s", c.name, c.json, got)
		}
	}
	if r := s.Village.RadiusPt; r.Min != VillageRadiusMinPt || r.Max != VillageRadiusMaxPt || r.PerSqrtPerson != VillageRadiusPerSqrtPersonPt {
		t.Errorf("style.json village radius %+v, style.go has %v, %v, %v", r, VillageRadiusMinPt, VillageRadiusMaxPt, VillageRadiusPerSqrtPersonPt)
	}
	if s.Subcentre.CircleFillOpacity != SubcentreCircleFillOpacity {
		t.Errorf("style.json circle_fill_opacity %v, style.go %v", s.Subcentre.CircleFillOpacity, SubcentreCircleFillOpacity)
	}
}

func TestVillageRadius(t *testing.T) {
	for _, c := range []struct {
		pop  int
		want float64
	}{
		{-5, VillageRadiusMinPt}, {0, VillageRadiusMinPt}, {100, VillageRadiusMinPt},
		{2500, 3}, {10000, VillageRadiusMaxPt}, {1000000, VillageRadiusMaxPt},
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
		if q.Renderer.Type != "categorizedSymbol" || !strings.Contains(q.Renderer.Attr, "covered_before") {
			t.Fatalf("renderer %q on %q, want categorizedSymbol on the coverage class", q.Renderer.Type, q.Renderer.Attr)
		}
		// Multi-radius coverage files: covered_15km when there is no covered.
		if !strings.Contains(q.Renderer.Attr, "coalesce(attribute($currentfeature, 'covered'), attribute($currentfeature, 'covered_15km'))") {
			t.Errorf("class expression %q has no fallback to covered_15km", q.Renderer.Attr)
		}
		want := map[string]color.NRGBA{
			"covered_before": ColorCoveredBefore, "covered_after": ColorCoveredAfter,
			"covered": ColorCoveredBefore, "uncovered": ColorUncovered,
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
		{"subcentres.qml", "color", ColorSubcentre, "SimpleMarker"},
		{"routes.qml", "line_color", ColorItinerantRoute, "SimpleLine"},
		{"joint_clinics.qml", "outline_color", ColorJointClinic, "SimpleMarker"},
	} {
		t.Run(c.file, func(t *testing.T) {
			q := readQML(t, c.file)
			if q.Renderer.Type != "singleSymbol" || len(q.Renderer.Symbols) != 1 || q.Renderer.Symbols[0].Layers[0].Class != c.class {
				t.Fatalf("want one %s symbol in a singleSymbol renderer, got %+v", c.class, q.Renderer)
			}
			if got := q.symbolProp(t, "0", c.prop); got != qgisColor(c.want) {
				t.Errorf("%s = %s, want %s", c.prop, got, qgisColor(c.want))
			}
		})
	}
}

// TestQGISFacilitiesStyle checks that facilities.qml draws each facility
// type with the static map's shape and colour and outlines the coverage
// circles.
func TestQGISFacilitiesStyle(t *testing.T) {
	q := readQML(t, "facilities.qml")
	if q.Renderer.Type != "RuleRenderer" {
		t.Fatalf("renderer %q, want RuleRenderer", q.Renderer.Type)
	}
	want := []struct {
		filter, shape, colorProp string
		col                      color.NRGBA
	}{
		{"'county_hospital'", "square", "color", ColorCountyHospital},
		{"'township_health_centre'", "triangle", "color", ColorTownshipHealthCentre},
		{"'village_clinic'", "cross", "outline_color", ColorVillageClinic},
		{"'coverage_circle'", "", "outline_color", ColorTownshipHealthCentre},
	}
	for _, w := range want {
		found := false
		for _, r := range q.Renderer.Rules {
			if !strings.Contains(r.Filter, w.filter) || strings.Contains(r.Filter, "NOT IN") {
				continue
			}
			found = true
			if !strings.Contains(r.Filter, `"layer"`) {
				t.Errorf("rule %q does not test the layer property", r.Filter)
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
