package maps

import (
	"image/color"
	"math"

	"github.com/catchment/catchment/internal/numfmt"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// scaleBarKm are the lengths a scale bar may take: round numbers a reader
// can multiply in their head.
var scaleBarKm = []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}

// ScaleBarKm picks the scale bar length for a map of metresPerPoint: the
// longest round length not wider than maxPt points.
func ScaleBarKm(metresPerPoint float64, maxPt vg.Length) float64 {
	best := scaleBarKm[0]
	for _, km := range scaleBarKm {
		if km*1000/metresPerPoint <= float64(maxPt) {
			best = km
		}
	}
	return best
}

// scaleBar is the scale bar's geometry: its length in km and points, the
// text size, the bar's lower-left corner and height, and its white backing.
type scaleBar struct {
	km       float64
	length   vg.Length
	size     float64
	x0, y0   vg.Length
	barH     vg.Length
	backdrop vg.Rectangle
}

func (m *Map) scaleBar() scaleBar {
	l := &m.layout
	mpp := m.proj.MetresPerPoint()
	b := scaleBar{km: ScaleBarKm(mpp, l.frame.Size().X*0.2), size: l.legendSize * 0.9}
	b.length = vg.Length(b.km * 1000 / mpp)
	b.barH = vg.Length(b.size * 0.45)
	b.x0 = l.frame.Min.X + vg.Length(b.size)
	b.y0 = l.frame.Min.Y + vg.Length(b.size)*0.8
	b.backdrop = vg.Rectangle{
		Min: vg.Point{X: b.x0 - vg.Length(b.size)*0.5, Y: b.y0 - vg.Length(b.size)*0.4},
		Max: vg.Point{X: b.x0 + b.length + vg.Length(b.size)*2.2, Y: b.y0 + b.barH + vg.Length(b.size)*1.6},
	}
	return b
}

// scaleBarBox is where the scale bar is, which labels keep clear of.
func (m *Map) scaleBarBox() vg.Rectangle { return m.scaleBar().backdrop }

func (m *Map) drawScaleBar(c vg.Canvas) {
	b := m.scaleBar()
	km, length, size, barH, x0, y0 := b.km, b.length, b.size, b.barH, b.x0, b.y0
	// A white backing so that the bar reads over markers.
	fillRect(c, b.backdrop, alpha(palette.Background, 0.85))
	// Two halves, then the halves of the first half: 0, ¼, ½, 1.
	marks := []float64{0, 0.25, 0.5, 1}
	for i := 0; i+1 < len(marks); i++ {
		r := vg.Rectangle{
			Min: vg.Point{X: x0 + length*vg.Length(marks[i]), Y: y0},
			Max: vg.Point{X: x0 + length*vg.Length(marks[i+1]), Y: y0 + barH},
		}
		col := palette.Text
		if i%2 == 1 {
			col = palette.Background
		}
		fill(c, rectPath(r), col)
		strokeRect(c, r, palette.Text, 0.5)
	}
	ts := textStyle{size: size, col: palette.Text, xalign: text.XCenter, yalign: text.YBottom}
	for _, f := range []float64{0, 0.5, 1} {
		label := trimFloat(km * f)
		if f == 1 {
			label += " km"
		}
		at := vg.Point{X: x0 + length*vg.Length(f), Y: y0 + barH + 2}
		if f == 1 {
			// Centre the number, not "20 km", on the end of the bar.
			ts.xalign = text.XAlignment(-float64(m.fonts.textWidth(trimFloat(km), ts)/2) / float64(m.fonts.textWidth(label, ts)))
		}
		m.fonts.drawText(c, label, at, ts, nil)
	}
}

// northArrow is the arrow's height and tip.
func (m *Map) northArrow() (h vg.Length, tip vg.Point) {
	l := &m.layout
	h = vg.Length(clamp(float64(l.frame.Size().Y)*0.05, 12, 28))
	return h, vg.Point{X: l.frame.Max.X - h*0.8, Y: l.frame.Max.Y - h*0.55}
}

// northArrowBox is where the north arrow and its N are, which labels keep
// clear of.
func (m *Map) northArrowBox() vg.Rectangle {
	h, tip := m.northArrow()
	return vg.Rectangle{Min: vg.Point{X: tip.X - h*0.5, Y: tip.Y - h*1.6}, Max: vg.Point{X: tip.X + h*0.5, Y: tip.Y + 1}}
}

func (m *Map) drawNorthArrow(c vg.Canvas) {
	h, tip := m.northArrow()
	w := h * 0.55
	base := vg.Point{X: tip.X, Y: tip.Y - h}
	notch := vg.Point{X: tip.X, Y: base.Y + h*0.28}
	left := vg.Point{X: tip.X - w/2, Y: base.Y}
	right := vg.Point{X: tip.X + w/2, Y: base.Y}
	// Left half filled, right half white: the classic two-tone arrow that
	// reads in greyscale.
	marker(c, polyPath([]vg.Point{tip, left, notch}, true), palette.Text, palette.Text, 0.5)
	marker(c, polyPath([]vg.Point{tip, notch, right}, true), palette.Background, palette.Text, 0.5)
	m.fonts.drawText(c, "N", vg.Point{X: tip.X, Y: base.Y - 1},
		textStyle{size: float64(h) * 0.45, col: palette.Text, bold: true, xalign: text.XCenter, yalign: text.YTop}, palette.Background)
}

func (m *Map) drawTitle(c vg.Canvas) {
	l := &m.layout
	m.fonts.drawText(c, m.title, l.titleAt,
		textStyle{size: l.titleSize, col: palette.Text, bold: true, yalign: text.YTop}, nil)
	// A long subtitle (both cover measures, a road metric) shrinks to the
	// page width rather than run off it.
	sub := textStyle{size: l.subSize, col: palette.TextMuted, yalign: text.YTop}
	if w, avail := m.fonts.textWidth(m.subtitle, sub), l.page.Max.X-2*l.margin; w > avail && w > 0 {
		sub.size *= float64(avail / w)
	}
	m.fonts.drawText(c, m.subtitle, vg.Point{X: l.titleAt.X, Y: l.titleAt.Y - vg.Length(1.35*l.titleSize)}, sub, nil)
	m.fonts.drawText(c, m.footer, l.footerAt,
		textStyle{size: l.footerSize, col: palette.TextMuted, yalign: text.YBottom}, nil)
}

// legendEntry is one row of the legend: a symbol, a label and an optional
// second line of counts in muted text.
type legendEntry struct {
	symbol func(c vg.Canvas, at vg.Point, size vg.Length)
	label  string
	counts string
}

// legendSection is a heading and its entries.
type legendSection struct {
	heading string
	entries []legendEntry
}

func (m *Map) legendSections() []legendSection {
	t, l := m.tally, m.lang()
	villages := func(s VillageStatus) string {
		return l.F(mw.countsVillages, m.count(t.Villages[s], nounVillage), m.count(int(t.Population[s]), nounPerson))
	}
	dot := func(col color.Color) func(vg.Canvas, vg.Point, vg.Length) {
		return func(c vg.Canvas, at vg.Point, size vg.Length) {
			marker(c, circlePath(at, size*0.36), col, palette.Village.Outline, 0.35)
		}
	}
	secs := []legendSection{{heading: m.scene.villagesHeading(l), entries: []legendEntry{
		{dot(palette.Village.CountyCareToday), l.S(mw.careToday), villages(CountyCareToday)},
		{dot(palette.Village.CountyCareAfter), l.S(mw.careAfter), villages(CountyCareAfter)},
		{dot(palette.Village.NoCountyCare), l.F(mw.careNone, trimFloat(m.scene.RadiusKm)), villages(NoCountyCare)},
	}}}
	if fac := m.facilityEntries(); len(fac) > 0 {
		secs = append(secs, legendSection{l.S(mw.facilities), fac})
	}
	return append(secs, legendSection{l.S(mw.plan), m.planEntries()})
}

// facilityEntries are the legend rows of the existing facilities, by tier.
func (m *Map) facilityEntries() []legendEntry {
	l := m.lang()
	counts := map[string]int{}
	for _, f := range m.scene.Facilities {
		counts[string(f.Type)]++
	}
	var fac []legendEntry
	if n := counts["county_hospital"]; n > 0 {
		fac = append(fac, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			marker(c, squarePath(at, size*0.3), palette.Facility.CountyHospital, palette.Background, 0.5)
		}, l.S(mw.hospital), m.count(n, nounHospital)})
	}
	if n := counts["township_health_centre"]; n > 0 {
		fac = append(fac, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			marker(c, trianglePath(at, size*0.4), palette.Facility.TownshipHealthCentre, palette.Background, 0.5)
		}, l.S(mw.thc), m.count(n, nounCentre)})
	}
	if n := counts["village_clinic"]; n > 0 {
		what := m.count(n, nounClinic)
		if m.layout.hideClinics {
			what += l.S(mw.notDrawn)
		}
		fac = append(fac, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			plus(c, at, size*0.25, palette.Facility.VillageClinic, 0.7)
		}, l.S(mw.clinic), what})
	}
	if other := len(m.scene.Facilities) - counts["county_hospital"] - counts["township_health_centre"] - counts["village_clinic"]; other > 0 {
		fac = append(fac, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			stroke(c, circlePath(at, size*0.2), palette.Facility.TownshipHealthCentre, 0.6)
		}, l.S(mw.other), m.count(other, nounFacility)})
	}
	return fac
}

// planEntries are the legend rows of the plan: sub-centres and their
// circles, joint clinics, itinerant routes, roads and boundaries.
func (m *Map) planEntries() []legendEntry {
	l := m.lang()
	plan := []legendEntry{{func(c vg.Canvas, at vg.Point, size vg.Length) {
		marker(c, starPath(at, size*0.5), palette.Subcentre.Fill, palette.Subcentre.Outline, 0.6)
	}, l.S(mw.subcentre), m.count(len(m.scene.Subcentres), nounSite)}}
	if m.scene.RadiusKm > 0 && len(m.scene.Subcentres) > 0 {
		plan = append(plan, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			r := circlePath(at, size*0.42)
			fill(c, r, alpha(palette.Subcentre.Circle, palette.Subcentre.CircleFillOpacity))
			stroke(c, r, palette.Subcentre.Circle, 1)
		}, l.F(mw.circle, trimFloat(m.scene.RadiusKm)), l.S(mw.geodesic)})
	}
	plan = append(plan, m.planClinicEntries()...)
	// A joint clinic no other village joins is no joint clinic (the
	// report counts its village with the small villages alone).
	n, links := 0, 0
	for _, j := range m.scene.Joint {
		if len(j.Members) > 0 {
			n++
			links += len(j.Members)
		}
	}
	if n > 0 {
		plan = append(plan, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			stroke(c, polyPath([]vg.Point{{X: at.X - size*0.45, Y: at.Y - size*0.2}, {X: at.X + size*0.45, Y: at.Y + size*0.2}}, false), palette.JointClinic, 1)
		}, l.S(mw.joint), l.F(mw.jointCounts, m.count(n, nounClinic), m.count(links, nounMember))})
	}
	if n := len(m.scene.Routes); n > 0 {
		plan = append(plan, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			stroke(c, polyPath([]vg.Point{{X: at.X - size*0.5, Y: at.Y}, {X: at.X + size*0.5, Y: at.Y}}, false), palette.ItinerantRoute, 0.9, 3, 1.6)
		}, l.S(mw.route), m.count(n, nounDay)})
	}
	if n := len(m.scene.Roads); n > 0 {
		plan = append(plan, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			stroke(c, polyPath([]vg.Point{{X: at.X - size*0.5, Y: at.Y}, {X: at.X + size*0.5, Y: at.Y}}, false), palette.Road, roadWidthPt)
		}, l.S(mw.road), m.count(n, nounLine)})
	}
	if n := len(m.scene.Boundaries); n > 0 {
		plan = append(plan, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			r := vg.Rectangle{Min: vg.Point{X: at.X - size*0.45, Y: at.Y - size*0.3}, Max: vg.Point{X: at.X + size*0.45, Y: at.Y + size*0.3}}
			fill(c, rectPath(r), palette.Boundary.Fill)
			stroke(c, rectPath(r), palette.Boundary.Outline, 0.8, 3, 1.5)
		}, l.S(mw.boundary), m.count(n, nounArea)})
	}
	return plan
}

// sizeKey picks up to three round populations for the marker-size key,
// spanning the scene's villages.
func (m *Map) sizeKey() []int {
	maxPop := 0
	for _, v := range m.scene.Villages {
		maxPop = max(maxPop, v.Population)
	}
	var out []int
	for _, p := range []int{100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000} {
		if p <= maxPop {
			out = append(out, p)
		}
	}
	if len(out) > 3 {
		// The smallest, a middle one and the largest.
		out = []int{out[0], out[len(out)/2], out[len(out)-1]}
	}
	return out
}

// legendRow is one measured row of the legend; draw draws it with its
// top-left corner at (x, y).
type legendRow struct {
	w, h vg.Length
	draw func(c vg.Canvas, x, y vg.Length)
}

// legendBlock is one section of the legend: a column when the legend is
// below the map.
type legendBlock []legendRow

func (b legendBlock) size() (w, h vg.Length) {
	for _, r := range b {
		w = max(w, r.w)
		h += r.h
	}
	return w, h
}

// legendBlocks measures the legend's sections.
func (m *Map) legendBlocks() []legendBlock {
	size := m.layout.legendSize
	f := m.fonts
	heading := textStyle{size: size * 1.05, col: palette.Text, bold: true, yalign: text.YTop}
	label := textStyle{size: size, col: palette.Text, yalign: text.YTop}
	counts := textStyle{size: size * 0.85, col: palette.TextMuted, yalign: text.YTop}
	small := textStyle{size: size * 0.75, col: palette.TextMuted, xalign: text.XCenter, yalign: text.YTop}
	lineH := vg.Length(size * 1.25)
	symW := vg.Length(size * 1.6)
	var blocks []legendBlock
	for si, sec := range m.legendSections() {
		var b legendBlock
		secHeading := m.text(sec.heading)
		b = append(b, legendRow{f.textWidth(secHeading, heading), lineH * 1.2, func(c vg.Canvas, x, y vg.Length) {
			f.drawText(c, secHeading, vg.Point{X: x, Y: y}, heading, nil)
		}})
		for _, e := range sec.entries {
			lab, cnt := m.text(e.label), m.text(e.counts)
			w := symW + 3 + max(f.textWidth(lab, label), f.textWidth(cnt, counts))
			h := lineH * 1.2
			if e.counts != "" {
				h += lineH * 0.9
			}
			b = append(b, legendRow{w, h, func(c vg.Canvas, x, y vg.Length) {
				e.symbol(c, vg.Point{X: x + symW/2, Y: y - lineH*0.45}, vg.Length(size*1.4))
				f.drawText(c, lab, vg.Point{X: x + symW + 3, Y: y}, label, nil)
				if cnt != "" {
					f.drawText(c, cnt, vg.Point{X: x + symW + 3, Y: y - lineH}, counts, nil)
				}
			}})
		}
		if key := m.sizeKey(); si == 0 && len(key) > 0 {
			k := m.layout.markerScale
			maxR := VillageRadius(key[len(key)-1]) * k
			caption := m.text(m.lang().S(mw.markerArea))
			w := f.textWidth(caption, counts)
			var keyW vg.Length
			steps := make([]vg.Length, len(key))
			for i, p := range key {
				r := VillageRadius(p) * k
				steps[i] = 2*r + vg.Length(math.Max(size*2.4, float64(f.textWidth(numfmt.GroupThousands(int64(p)), small))))
				keyW += steps[i]
			}
			b = append(b, legendRow{max(w, keyW), lineH*0.3 + lineH + 2*maxR + lineH, func(c vg.Canvas, x, y vg.Length) {
				y -= lineH * 0.3
				f.drawText(c, caption, vg.Point{X: x, Y: y}, counts, nil)
				cx := x + symW/2 - VillageRadius(key[0])*k
				base := y - lineH - 2*maxR
				for i, p := range key {
					r := VillageRadius(p) * k
					at := vg.Point{X: cx + r, Y: base + r}
					stroke(c, circlePath(at, r), palette.TextMuted, 0.6)
					f.drawText(c, numfmt.GroupThousands(int64(p)), vg.Point{X: cx + r, Y: base - 1}, small, nil)
					cx += steps[i]
				}
			}})
		}
		blocks = append(blocks, b)
	}
	return blocks
}

// legendGap separates the legend's sections.
func legendGap(l layout) vg.Length { return vg.Length(l.legendSize * 0.8) }

// stackedSize is the legend box with the sections one under the other.
func stackedSize(blocks []legendBlock, l layout) vg.Point {
	pad := vg.Length(l.legendSize)
	var w, h vg.Length
	for i, b := range blocks {
		bw, bh := b.size()
		w = max(w, bw)
		h += bh
		if i > 0 {
			h += legendGap(l)
		}
	}
	w = max(w+2*pad, l.page.Max.X*0.2)
	return vg.Point{X: w, Y: h + 2*pad}
}

// sideBySideSize is the legend box with the sections side by side, as
// wide as the page allows; its width is 0 when they do not fit.
func sideBySideSize(blocks []legendBlock, l layout) vg.Point {
	pad := vg.Length(l.legendSize)
	var w, h vg.Length
	for _, b := range blocks {
		bw, bh := b.size()
		w += bw
		h = max(h, bh)
	}
	avail := l.page.Max.X - 2*l.margin
	if w+2*pad+vg.Length(len(blocks)-1)*2*legendGap(l) > avail {
		// Too wide: make the layout lose to the stacked one.
		return vg.Point{X: avail, Y: l.page.Max.Y}
	}
	return vg.Point{X: avail, Y: h + 2*pad}
}

func (m *Map) drawLegend(c vg.Canvas) {
	l := &m.layout
	box := l.legend
	fillRect(c, box, palette.Background)
	strokeRect(c, box, palette.Frame, 0.6)
	pad := vg.Length(l.legendSize)
	x, y := box.Min.X+pad, box.Max.Y-pad
	if !l.legendBelow {
		for _, b := range l.legendBlocks {
			for _, r := range b {
				r.draw(c, x, y)
				y -= r.h
			}
			y -= legendGap(*l)
		}
		return
	}
	// Side by side, the free width spread evenly between the columns.
	var used vg.Length
	for _, b := range l.legendBlocks {
		bw, _ := b.size()
		used += bw
	}
	gap := vg.Length(0)
	if n := len(l.legendBlocks); n > 1 {
		gap = (box.Size().X - 2*pad - used) / vg.Length(n-1)
	}
	for _, b := range l.legendBlocks {
		yy := y
		for _, r := range b {
			r.draw(c, x, yy)
			yy -= r.h
		}
		bw, _ := b.size()
		x += bw + gap
	}
}
