package maps

import (
	"math"

	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
)

// layout is the page of a map: a title band on top, the map frame, the
// legend box to the right of the frame or below it (whichever lets the
// data be drawn larger), and a footer line. Sizes follow the page so that
// a small figure stays legible and a large one is not sparse.
type layout struct {
	page   vg.Rectangle
	margin vg.Length
	// titleAt is the top-left corner of the title.
	titleAt            vg.Point
	titleSize, subSize float64
	frame              vg.Rectangle
	// pad keeps data away from the frame edge (scale bar, north arrow).
	pad         vg.Length
	legend      vg.Rectangle
	legendBelow bool
	legendSize  float64 // entry font size in points
	footerAt    vg.Point
	footerSize  float64
	markerScale vg.Length
	// facilityScale and starScale size facility and sub-centre symbols;
	// hideClinics leaves village clinics out (see symbolScales).
	facilityScale, starScale vg.Length
	hideClinics              bool
	// hidePlanClinics leaves the plan's village clinics out (symbolScales).
	hidePlanClinics bool
	legendBlocks    []legendBlock
}

func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// pageSizes are the sizes of the page furniture, independent of where the
// legend goes.
func pageSizes(w, h vg.Length) layout {
	short := float64(min(w, h))
	l := layout{page: vg.Rectangle{Max: vg.Point{X: w, Y: h}}}
	l.margin = vg.Length(clamp(0.03*short, 8, 24))
	l.titleSize = clamp(0.026*float64(w), 9, 18)
	l.subSize = clamp(0.6*l.titleSize, 6.5, 10)
	l.footerSize = clamp(0.011*float64(w), 5.5, 7.5)
	l.legendSize = clamp(float64(w)/75, 6.5, 9)
	l.titleAt = vg.Point{X: l.margin, Y: h - l.margin}
	l.footerAt = vg.Point{X: l.margin, Y: l.margin}
	return l
}

// place puts the frame and the legend box (of legend's size, measured for
// that placement) on the page.
func (l layout) place(below bool, legend vg.Point) layout {
	w, h := l.page.Max.X, l.page.Max.Y
	titleH := vg.Length(1.3*l.titleSize + 1.6*l.subSize + 4)
	footerH := vg.Length(2 * l.footerSize)
	gap := l.margin / 2
	l.legendBelow = below
	l.frame = vg.Rectangle{
		Min: vg.Point{X: l.margin, Y: l.margin + footerH},
		Max: vg.Point{X: w - l.margin, Y: h - l.margin - titleH},
	}
	if below {
		l.frame.Min.Y += legend.Y + gap
		l.legend = vg.Rectangle{
			Min: vg.Point{X: l.margin, Y: l.margin + footerH},
			Max: vg.Point{X: w - l.margin, Y: l.margin + footerH + legend.Y},
		}
	} else {
		l.frame.Max.X -= legend.X + gap
		l.legend = vg.Rectangle{
			Min: vg.Point{X: l.frame.Max.X + gap, Y: l.frame.Max.Y - legend.Y},
			Max: vg.Point{X: w - l.margin, Y: l.frame.Max.Y},
		}
	}
	fs := l.frame.Size()
	l.pad = vg.Length(clamp(0.05*float64(min(fs.X, fs.Y)), 10, 36))
	return l
}

// scaleFor is the drawing scale (points per degree of latitude) at which
// bound fits the layout's frame.
func (l layout) scaleFor(bound orb.Bound) float64 {
	if fs := inset(l.frame, l.pad).Size(); fs.X <= 0 || fs.Y <= 0 {
		return 0
	}
	return FitProjection(bound, inset(l.frame, l.pad)).PtPerDegLat
}

// inset shrinks r by d on every side.
func inset(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X + d, Y: r.Min.Y + d}, Max: vg.Point{X: r.Max.X - d, Y: r.Max.Y - d}}
}
