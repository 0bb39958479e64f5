package maps

import (
	"cmp"
	"math"
	"slices"

	"github.com/catchment/catchment/planner"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Label placement is greedy, in priority order: county names first (the
// most populous county first), then sub-centre names by rank and by the
// people each newly covers. Each label tries a few positions around its
// anchor. A position must stay inside the frame and overlap neither a
// label placed before it nor a symbol that outranks it (county hospitals,
// sub-centre stars, the scale bar and north arrow); among those the label
// takes the one that hides the least of the rest (labelObstacles: village
// dots, itinerant routes and joint-clinic links one each, township health
// centres thcLabelWeight each), the earlier position on a tie. A label
// with no allowed position is left out and counted in the footer. Greedy
// placement is not optimal, but it is stable (the same scene gives the
// same map) and it never draws text over text, which is what makes a
// crowded report map unreadable.

// placedLabel is a label text centred at a page position.
type placedLabel struct {
	text string
	at   vg.Point
	ts   textStyle
}

// labelSlotPt2 is the frame area, in square points, one label needs to
// stay readable; with more sub-centres than the frame has slots only the
// best are tried (county names are always tried).
const labelSlotPt2 = 2500

// labelPlacer keeps the boxes labels must not overlap and the features
// they avoid hiding.
type labelPlacer struct {
	frame vg.Rectangle
	hard  []vg.Rectangle  // placed labels and outranking symbols
	fine  *labelObstacles // what a label avoids if it can; nil for none
}

func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

func inside(r, frame vg.Rectangle) bool {
	return r.Min.X >= frame.Min.X && r.Max.X <= frame.Max.X && r.Min.Y >= frame.Min.Y && r.Max.Y <= frame.Max.Y
}

func hitsAny(r vg.Rectangle, boxes []vg.Rectangle) bool {
	for _, b := range boxes {
		if overlaps(r, b) {
			return true
		}
	}
	return false
}

// centredBox is a w × h box centred at c.
func centredBox(c vg.Point, w, h vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: c.X - w/2, Y: c.Y - h/2}, Max: vg.Point{X: c.X + w/2, Y: c.Y + h/2}}
}

// place returns the candidate centre where a w × h box stays in the
// frame, overlaps no hard box and hides the least of the fine obstacles
// (the earliest on a tie). The box is then taken.
func (p *labelPlacer) place(centres []vg.Point, w, h vg.Length) (vg.Point, bool) {
	best, bestCost := -1, 0
	for i, c := range centres {
		r := centredBox(c, w, h)
		if !inside(r, p.frame) || hitsAny(r, p.hard) {
			continue
		}
		cost := 0
		if p.fine != nil {
			cost = p.fine.cost(r)
		}
		if best < 0 || cost < bestCost {
			best, bestCost = i, cost
		}
		if cost == 0 {
			break
		}
	}
	if best < 0 {
		return vg.Point{}, false
	}
	p.hard = append(p.hard, centredBox(centres[best], w, h))
	return centres[best], true
}

// symbolBox is the box of a symbol of radius r at c, with a little air.
func symbolBox(c vg.Point, r vg.Length) vg.Rectangle {
	return centredBox(c, 2*r+2, 2*r+2)
}

// labelBoxSize is the box of a label's text: its width and the font's em
// height (CJK glyphs fill it), with room for the halo.
func (m *Map) labelBoxSize(s string, ts textStyle) (w, h vg.Length) {
	return m.fonts.textWidth(s, ts) + 2, vg.Length(ts.size*1.1) + 2
}

// countyLabelSize shrinks county names when there are many counties, so
// that each fits in its county's share of the frame.
func (m *Map) countyLabelSize(counties int) float64 {
	fs := m.layout.frame.Size()
	share := math.Sqrt(float64(fs.X*fs.Y) / float64(max(counties, 1)))
	return clamp(math.Min(float64(fs.X)/38, share/6), 6.5, 14)
}

// prepareLabels decides the label texts (after font fallback) and places
// them: county names when the map shows several counties (one county is
// named in the title), and the sub-centres' names.
func (m *Map) prepareLabels() {
	fr := m.layout.frame
	p := &labelPlacer{frame: inset(fr, 1), fine: m.labelObstacles()}
	for _, f := range m.scene.Facilities {
		if f.Type == planner.CountyHospital {
			p.hard = append(p.hard, symbolBox(m.proj.Point(f.Location), hospitalHalfPt*m.layout.facilityScale))
		}
	}
	starR := subcentreStarPt * m.layout.starScale
	for _, s := range m.scene.Subcentres {
		p.hard = append(p.hard, symbolBox(m.proj.Point(s.Location), starR*0.9))
	}
	p.hard = append(p.hard, m.scaleBarBox(), m.northArrowBox())

	tried := 0
	if counties := m.scene.Counties(); len(counties) > 1 {
		pop := map[string]int64{}
		for _, v := range m.scene.Villages {
			pop[v.County] += int64(v.Population)
		}
		cls := m.scene.countyLabels()
		slices.SortStableFunc(cls, func(a, b countyLabel) int { return cmp.Compare(pop[b.Name], pop[a.Name]) })
		ts := textStyle{size: m.countyLabelSize(len(counties)), col: palette.Label.Text, bold: true, xalign: text.XCenter, yalign: text.YCenter}
		for _, cl := range cls {
			s := m.text(cl.Name)
			w, h := m.labelBoxSize(s, ts)
			a := m.proj.Point(cl.Location)
			dx, dy := w*0.5+h*0.3, h*0.9
			cands := []vg.Point{a,
				{X: a.X, Y: a.Y + dy}, {X: a.X, Y: a.Y - dy},
				{X: a.X + dx, Y: a.Y}, {X: a.X - dx, Y: a.Y},
				{X: a.X + dx, Y: a.Y + dy}, {X: a.X - dx, Y: a.Y + dy},
				{X: a.X + dx, Y: a.Y - dy}, {X: a.X - dx, Y: a.Y - dy},
				{X: a.X, Y: a.Y + 2*dy}, {X: a.X, Y: a.Y - 2*dy}}
			tried++
			if at, ok := p.place(cands, w, h); ok {
				m.countyLabels = append(m.countyLabels, placedLabel{s, at, ts})
			}
		}
	}

	sites := make([]int, len(m.scene.Subcentres))
	for i := range sites {
		sites[i] = i
	}
	sc := m.scene.Subcentres
	slices.SortStableFunc(sites, func(a, b int) int {
		return cmp.Or(cmp.Compare(sc[a].Rank, sc[b].Rank), cmp.Compare(sc[b].GainPopulation, sc[a].GainPopulation))
	})
	slots := int(float64(fr.Size().X*fr.Size().Y) / labelSlotPt2)
	budget := max(slots-len(m.countyLabels), slots/4)
	ts := textStyle{size: m.layout.legendSize * 0.95, col: palette.Subcentre.Fill, xalign: text.XCenter, yalign: text.YCenter}
	if len(sites) > budget {
		ts.size *= 0.9
	}
	off := starR + 1.5
	for k, i := range sites {
		if k >= budget {
			break
		}
		s := m.label(sc[i].Name, sc[i].ID)
		w, h := m.labelBoxSize(s, ts)
		a := m.proj.Point(sc[i].Location)
		side, up := off+w/2, off*0.8+h/2
		cands := []vg.Point{
			{X: a.X + side, Y: a.Y}, {X: a.X - side, Y: a.Y},
			{X: a.X, Y: a.Y + up}, {X: a.X, Y: a.Y - up},
			{X: a.X + side*0.8, Y: a.Y + up*0.8}, {X: a.X + side*0.8, Y: a.Y - up*0.8},
			{X: a.X - side*0.8, Y: a.Y + up*0.8}, {X: a.X - side*0.8, Y: a.Y - up*0.8},
			// Farther out, still next to the star rather than the next one.
			{X: a.X, Y: a.Y + up + h}, {X: a.X, Y: a.Y - up - h},
			{X: a.X + side*0.6, Y: a.Y + up + h*0.6}, {X: a.X - side*0.6, Y: a.Y + up + h*0.6},
			{X: a.X + side*0.6, Y: a.Y - up - h*0.6}, {X: a.X - side*0.6, Y: a.Y - up - h*0.6}}
		if at, ok := p.place(cands, w, h); ok {
			m.siteLabels = append(m.siteLabels, placedLabel{s, at, ts})
		}
	}
	tried += len(sites)
	m.labelsOmitted = tried - len(m.countyLabels) - len(m.siteLabels)
}

func (m *Map) drawCountyLabels(c vg.Canvas) {
	for _, l := range m.countyLabels {
		m.fonts.drawText(c, l.text, l.at, l.ts, palette.Label.Halo)
	}
}

func (m *Map) drawSiteLabels(c vg.Canvas) {
	for _, l := range m.siteLabels {
		m.fonts.drawText(c, l.text, l.at, l.ts, palette.Label.Halo)
	}
}
