package maps

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
)

// crowdedScene is a grid of counties (side × side, 0.5° apart), each with
// a county hospital where its label would go, township centres, village
// clinics, villages and sites sub-centres, from a fixed seed.
func crowdedScene(side, villagesPer, clinicsPer, sites int, seed uint64) *Scene {
	rng := rand.New(rand.NewPCG(seed, 1))
	s := &Scene{RadiusKm: 15}
	for cy := range side {
		for cx := range side {
			county := fmt.Sprintf("县%02d%02d", cy, cx)
			c := orb.Point{110 + 0.5*float64(cx), 35 + 0.5*float64(cy)}
			// Villages symmetric about c: the label anchor (the
			// population-weighted centroid) is on the hospital.
			for i := range villagesPer / 2 {
				d := orb.Point{(rng.Float64() - 0.5) * 0.4, (rng.Float64() - 0.5) * 0.4}
				for k, sign := range []float64{1, -1} {
					s.Villages = append(s.Villages, SceneVillage{ID: fmt.Sprintf("%s-%d-%d", county, i, k), County: county,
						Location: orb.Point{c[0] + sign*d[0], c[1] + sign*d[1]}, Population: 500})
				}
			}
			s.Facilities = append(s.Facilities, SceneFacility{ID: county + "-H", County: county, Type: planner.CountyHospital, Location: c})
			for i := range 4 {
				s.Facilities = append(s.Facilities, SceneFacility{ID: fmt.Sprintf("%s-T%d", county, i), County: county,
					Type: planner.TownshipHealthCentre, Location: orb.Point{c[0] + (rng.Float64()-0.5)*0.4, c[1] + (rng.Float64()-0.5)*0.4}})
			}
			for i := range clinicsPer {
				s.Facilities = append(s.Facilities, SceneFacility{ID: fmt.Sprintf("%s-C%d", county, i), County: county,
					Type: planner.VillageClinic, Location: orb.Point{c[0] + (rng.Float64()-0.5)*0.4, c[1] + (rng.Float64()-0.5)*0.4}})
			}
			for i := range sites {
				s.Subcentres = append(s.Subcentres, SceneSubcentre{ID: fmt.Sprintf("%s-S%d", county, i), Name: county + "卫生院",
					County: county, Location: orb.Point{c[0] + (rng.Float64()-0.5)*0.4, c[1] + (rng.Float64()-0.5)*0.4},
					RadiusKm: 15, Rank: i + 1, GainPopulation: int64(rng.IntN(5000))})
			}
		}
	}
	return s
}

func TestLabelsDoNotOverlap(t *testing.T) {
	for _, c := range []struct {
		name                           string
		side, villages, clinics, sites int
		wantAllCounties                bool
		omitted                        string // none, some or any
	}{
		{"4 counties", 2, 60, 10, 2, true, "none"},
		{"16 counties", 4, 40, 10, 2, true, "any"},
		{"100 counties", 10, 20, 150, 2, false, "some"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := crowdedScene(c.side, c.villages, c.clinics, c.sites, 7)
			m, err := New(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			counties := c.side * c.side
			placed := len(m.countyLabels) + len(m.siteLabels)
			if placed+m.labelsOmitted != counties+len(s.Subcentres) {
				t.Errorf("%d labels placed and %d left out, want %d in all", placed, m.labelsOmitted, counties+len(s.Subcentres))
			}
			if c.wantAllCounties && len(m.countyLabels) != counties {
				t.Errorf("%d of %d county names placed", len(m.countyLabels), counties)
			}
			if (c.omitted == "none" && m.labelsOmitted > 0) || (c.omitted == "some" && m.labelsOmitted == 0) {
				t.Errorf("%d labels left out", m.labelsOmitted)
			}
			if m.labelsOmitted > 0 && !strings.Contains(m.footer, m.count(m.labelsOmitted, nounLabel)+" left out") {
				t.Errorf("footer %q does not count the %d labels left out", m.footer, m.labelsOmitted)
			}
			if m.labelsOmitted == 0 && strings.Contains(m.footer, "left out") {
				t.Errorf("footer %q", m.footer)
			}

			var boxes []vg.Rectangle
			var names []string
			for _, l := range append(append([]placedLabel{}, m.countyLabels...), m.siteLabels...) {
				w, h := m.labelBoxSize(l.text, l.ts)
				boxes = append(boxes, centredBox(l.at, w, h))
				names = append(names, l.text)
			}
			for i, b := range boxes {
				if !inside(b, m.layout.frame) {
					t.Errorf("label %q at %v leaves the frame %v", names[i], b, m.layout.frame)
				}
				for j := range i {
					if overlaps(b, boxes[j]) {
						t.Errorf("labels %q and %q overlap", names[i], names[j])
					}
				}
				for _, f := range s.Facilities {
					if f.Type == planner.CountyHospital {
						if hb := symbolBox(m.proj.Point(f.Location), hospitalHalfPt*m.layout.facilityScale); overlaps(b, hb) {
							t.Errorf("label %q covers county hospital %s", names[i], f.ID)
						}
					}
				}
				for _, sc := range s.Subcentres {
					if overlaps(b, symbolBox(m.proj.Point(sc.Location), subcentreStarPt*m.layout.starScale*0.9)) {
						t.Errorf("label %q covers sub-centre %s", names[i], sc.ID)
					}
				}
				if overlaps(b, m.scaleBarBox()) || overlaps(b, m.northArrowBox()) {
					t.Errorf("label %q covers the scale bar or north arrow", names[i])
				}
			}
		})
	}
}

// TestCrowdedMapsShrinkSymbols checks that a province-sized map shrinks
// facility symbols, leaves village clinics out and says so in the legend,
// and that a county-sized one does neither.
func TestCrowdedMapsShrinkSymbols(t *testing.T) {
	legendText := func(m *Map) string {
		var b strings.Builder
		for _, sec := range m.legendSections() {
			for _, e := range sec.entries {
				b.WriteString(e.label + ": " + e.counts + "\n")
			}
		}
		return b.String()
	}
	sparse, err := New(crowdedScene(2, 40, 10, 1, 3), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sparse.layout.hideClinics || sparse.layout.facilityScale != sparse.layout.markerScale || sparse.layout.starScale != sparse.layout.markerScale {
		t.Errorf("4 counties: hide clinics %v, facility scale %v, star scale %v, marker scale %v",
			sparse.layout.hideClinics, sparse.layout.facilityScale, sparse.layout.starScale, sparse.layout.markerScale)
	}
	if l := legendText(sparse); !strings.Contains(l, "Village clinic: 40 clinics\n") {
		t.Errorf("legend:\n%s", l)
	}

	crowded, err := New(crowdedScene(10, 20, 150, 2, 3), Options{})
	if err != nil {
		t.Fatal(err)
	}
	l := crowded.layout
	if !l.hideClinics || l.facilityScale >= l.markerScale || l.facilityScale < facilityMinScale*l.markerScale-1e-9 {
		t.Errorf("100 counties: hide clinics %v, facility scale %v of marker scale %v", l.hideClinics, l.facilityScale, l.markerScale)
	}
	if lt := legendText(crowded); !strings.Contains(lt, "Village clinic: 15,000 clinics, not drawn at this scale") {
		t.Errorf("legend:\n%s", lt)
	}
	// No clinic is drawn: the SVG has no stroke of the clinic colour.
	var buf strings.Builder
	if err := crowded.Write(&buf, SVG); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "stroke:"+HexColor(palette.Facility.VillageClinic)); n != 1 {
		t.Errorf("%d strokes in the clinic colour, want 1 (the legend's)", n)
	}
}
