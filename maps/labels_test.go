package maps

import (
	"fmt"
	"math/rand/v2"
	"slices"
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

func TestSegmentHits(t *testing.T) {
	r := vg.Rectangle{Min: vg.Point{X: 10, Y: 10}, Max: vg.Point{X: 20, Y: 20}}
	for _, c := range []struct {
		name string
		a, b vg.Point
		want bool
	}{
		{"through", vg.Point{X: 0, Y: 15}, vg.Point{X: 30, Y: 15}, true},
		{"inside", vg.Point{X: 12, Y: 12}, vg.Point{X: 18, Y: 18}, true},
		{"one end inside", vg.Point{X: 15, Y: 15}, vg.Point{X: 40, Y: 40}, true},
		{"diagonal across a corner", vg.Point{X: 5, Y: 16}, vg.Point{X: 16, Y: 5}, true},
		{"diagonal past a corner", vg.Point{X: 5, Y: 9}, vg.Point{X: 9, Y: 5}, false},
		{"above", vg.Point{X: 0, Y: 25}, vg.Point{X: 30, Y: 25}, false},
		{"stops short", vg.Point{X: 0, Y: 15}, vg.Point{X: 9, Y: 15}, false},
		{"vertical beside", vg.Point{X: 21, Y: 0}, vg.Point{X: 21, Y: 30}, false},
		{"a point inside", vg.Point{X: 15, Y: 15}, vg.Point{X: 15, Y: 15}, true},
		{"bounding boxes overlap, segment misses", vg.Point{X: 0, Y: 8}, vg.Point{X: 30, Y: -20}, false},
	} {
		if got := segmentHits(c.a, c.b, r); got != c.want {
			t.Errorf("%s: segmentHits = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestLabelPlacerAvoidsObstacles places one label among dots, lines and
// township health centres: it takes the first candidate that hides
// nothing, else the one that hides the least, never one over a hard box.
func TestLabelPlacerAvoidsObstacles(t *testing.T) {
	frame := vg.Rectangle{Max: vg.Point{X: 200, Y: 200}}
	// Candidates: right, left, above and below of (100, 100); the label is
	// 20 × 10 points.
	cands := []vg.Point{{X: 130, Y: 100}, {X: 70, Y: 100}, {X: 100, Y: 130}, {X: 100, Y: 70}}
	dot := func(x, y vg.Length) vg.Rectangle { return centredBox(vg.Point{X: x, Y: y}, 4, 4) }
	for _, c := range []struct {
		name  string
		hard  []vg.Rectangle
		fill  func(o *labelObstacles)
		want  int // index into cands, -1 for none
		wantC int // the chosen position's cost
	}{
		{"nothing in the way: the first", nil, func(*labelObstacles) {}, 0, 0},
		{"a dot on the right", nil, func(o *labelObstacles) { o.addBox(dot(130, 100), fineWeight) }, 1, 0},
		{"a line through right and left", nil, func(o *labelObstacles) {
			o.addLine([]vg.Point{{X: 0, Y: 100}, {X: 200, Y: 100}})
		}, 2, 0},
		{"everything hidden: the least", nil, func(o *labelObstacles) {
			o.addLine([]vg.Point{{X: 0, Y: 100}, {X: 200, Y: 100}})                // right, left
			o.addLine([]vg.Point{{X: 100, Y: 125}, {X: 100, Y: 135}})              // above
			o.addBox(dot(95, 130), fineWeight)                                     // above
			o.addBox(dot(100, 70), thcLabelWeight)                                 // below
			o.addLine([]vg.Point{{X: 60, Y: 95}, {X: 80, Y: 105}, {X: 60, Y: 98}}) // left, twice
		}, 0, 1},
		{"a township centre outweighs a dot", nil, func(o *labelObstacles) {
			o.addBox(dot(130, 100), thcLabelWeight)
			o.addBox(dot(70, 100), fineWeight)
			o.addBox(dot(100, 130), thcLabelWeight)
			o.addBox(dot(100, 70), thcLabelWeight)
		}, 1, 1},
		{"a free position under a hard box is not taken", []vg.Rectangle{dot(70, 100)}, func(o *labelObstacles) {
			o.addBox(dot(130, 100), fineWeight)
			o.addBox(dot(100, 130), fineWeight)
			o.addBox(dot(100, 70), fineWeight)
		}, 0, 1},
		{"all hard: none", []vg.Rectangle{dot(130, 100), dot(70, 100), dot(100, 130), dot(100, 70)}, func(*labelObstacles) {}, -1, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &labelPlacer{frame: frame, hard: slices.Clone(c.hard), fine: newLabelObstacles(frame)}
			c.fill(p.fine)
			at, ok := p.place(cands, 20, 10)
			if c.want < 0 {
				if ok {
					t.Fatalf("placed at %v, want nowhere", at)
				}
				return
			}
			if !ok || at != cands[c.want] {
				t.Fatalf("placed at %v (%v), want %v", at, ok, cands[c.want])
			}
			if got := p.fine.cost(centredBox(at, 20, 10)); got != c.wantC {
				t.Errorf("cost %d, want %d", got, c.wantC)
			}
			if len(p.hard) != len(c.hard)+1 {
				t.Errorf("the placed label's box was not taken")
			}
		})
	}
}

// TestSiteLabelsAvoidDotsAndLines draws a route through every sub-centre
// (so that the first positions, right and left of the star, lie on it)
// and checks that no site label hides a village dot, a route, a joint
// clinic link or a township health centre, and that each moved off the
// route.
func TestSiteLabelsAvoidDotsAndLines(t *testing.T) {
	s := crowdedScene(2, 12, 0, 1, 7)
	for i, sc := range s.Subcentres {
		p := sc.Location
		s.Routes = append(s.Routes, SceneRoute{County: sc.County, Day: 1,
			Path: orb.LineString{{p[0] - 0.08, p[1]}, {p[0] + 0.08, p[1]}, {p[0] + 0.08, p[1] + 0.01}}})
		if i%2 == 0 { // a joint clinic just above the star
			s.Joint = append(s.Joint, SceneJoint{County: sc.County, Host: orb.Point{p[0] - 0.03, p[1] + 0.015},
				Members: []orb.Point{{p[0] + 0.03, p[1] + 0.015}}})
		}
	}
	m, err := New(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.siteLabels) != len(s.Subcentres) {
		t.Fatalf("%d of %d site labels placed", len(m.siteLabels), len(s.Subcentres))
	}
	fine := m.labelObstacles()
	for i, l := range m.siteLabels {
		w, h := m.labelBoxSize(l.text, l.ts)
		box := centredBox(l.at, w, h)
		if c := fine.cost(box); c != 0 {
			t.Errorf("label %q at %v hides obstacles of weight %d", l.text, l.at, c)
		}
		var star vg.Point
		for _, sc := range s.Subcentres {
			if strings.HasPrefix(l.text, sc.Name) || m.label(sc.Name, sc.ID) == l.text {
				star = m.proj.Point(sc.Location)
			}
		}
		if box.Min.Y <= star.Y && star.Y <= box.Max.Y {
			t.Errorf("label %d %q at %v still lies on the route through its star at y=%v", i, l.text, l.at, star.Y)
		}
	}
}
