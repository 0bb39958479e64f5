package maps

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// The drawing primitives of maps: every marker is one filled path
// (optionally followed by its outline), so that an SVG has one element of
// the marker's fill colour per feature.

func circlePath(at vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: at.X + r, Y: at.Y})
	p.Arc(at, r, 0, 2*math.Pi)
	p.Close()
	return p
}

func polyPath(pts []vg.Point, closed bool) vg.Path {
	var p vg.Path
	for i, q := range pts {
		if i == 0 {
			p.Move(q)
		} else {
			p.Line(q)
		}
	}
	if closed && len(pts) > 0 {
		p.Close()
	}
	return p
}

func rectPath(r vg.Rectangle) vg.Path {
	return polyPath([]vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}, true)
}

func fill(c vg.Canvas, p vg.Path, col color.Color) {
	c.SetColor(col)
	c.Fill(p)
}

func stroke(c vg.Canvas, p vg.Path, col color.Color, widthPt float64, dashes ...vg.Length) {
	c.SetColor(col)
	c.SetLineWidth(vg.Length(widthPt))
	c.SetLineDash(dashes, 0)
	c.Stroke(p)
	c.SetLineDash(nil, 0)
}

func fillRect(c vg.Canvas, r vg.Rectangle, col color.Color) { fill(c, rectPath(r), col) }

func strokeRect(c vg.Canvas, r vg.Rectangle, col color.Color, widthPt float64) {
	stroke(c, rectPath(r), col, widthPt)
}

// marker draws a filled shape with an outline of width outlinePt (none
// when 0).
func marker(c vg.Canvas, p vg.Path, col, outline color.Color, outlinePt float64) {
	fill(c, p, col)
	if outlinePt > 0 {
		stroke(c, p, outline, outlinePt)
	}
}

// squarePath is a square of half-side r.
func squarePath(at vg.Point, r vg.Length) vg.Path {
	return rectPath(vg.Rectangle{Min: vg.Point{X: at.X - r, Y: at.Y - r}, Max: vg.Point{X: at.X + r, Y: at.Y + r}})
}

// trianglePath is an upward equilateral triangle of circumradius r.
func trianglePath(at vg.Point, r vg.Length) vg.Path {
	return regularPath(at, r, 3, 0)
}

// starPath is a five-pointed star of outer radius r.
func starPath(at vg.Point, r vg.Length) vg.Path {
	pts := make([]vg.Point, 10)
	for i := range pts {
		rr := r
		if i%2 == 1 {
			rr = r * 0.45
		}
		a := math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = vg.Point{X: at.X + rr*vg.Length(math.Cos(a)), Y: at.Y + rr*vg.Length(math.Sin(a))}
	}
	return polyPath(pts, true)
}

// regularPath is a regular n-gon of circumradius r with a vertex at angle
// rot from straight up.
func regularPath(at vg.Point, r vg.Length, n int, rot float64) vg.Path {
	pts := make([]vg.Point, n)
	for i := range pts {
		a := math.Pi/2 + rot + 2*math.Pi*float64(i)/float64(n)
		pts[i] = vg.Point{X: at.X + r*vg.Length(math.Cos(a)), Y: at.Y + r*vg.Length(math.Sin(a))}
	}
	return polyPath(pts, true)
}

// plus draws a plus sign of half-length r.
func plus(c vg.Canvas, at vg.Point, r vg.Length, col color.Color, widthPt float64) {
	var p vg.Path
	p.Move(vg.Point{X: at.X - r, Y: at.Y})
	p.Line(vg.Point{X: at.X + r, Y: at.Y})
	p.Move(vg.Point{X: at.X, Y: at.Y - r})
	p.Line(vg.Point{X: at.X, Y: at.Y + r})
	stroke(c, p, col, widthPt)
}

// textStyle is a font style with alignment.
type textStyle struct {
	size   float64
	col    color.Color
	bold   bool
	xalign text.XAlignment
	yalign text.YAlignment
}

func (f *Fonts) textStyle(ts textStyle) text.Style {
	s := f.style(ts.size, ts.col, ts.bold)
	s.XAlign, s.YAlign = ts.xalign, ts.yalign
	return s
}

// drawText draws s at pt; with a halo it is first drawn in the halo colour
// around pt, so that it stays readable over markers and lines.
func (f *Fonts) drawText(c vg.Canvas, s string, pt vg.Point, ts textStyle, halo color.Color) {
	if s == "" {
		return
	}
	sty := f.textStyle(ts)
	if halo != nil {
		hs := sty
		hs.Color = halo
		d := vg.Length(math.Max(0.6, ts.size/12))
		for i := range 8 {
			a := float64(i) * math.Pi / 4
			hs.Handler.Draw(c, s, hs, vg.Point{X: pt.X + d*vg.Length(math.Cos(a)), Y: pt.Y + d*vg.Length(math.Sin(a))})
		}
	}
	sty.Handler.Draw(c, s, sty, pt)
}

// textWidth is the width of s in style ts.
func (f *Fonts) textWidth(s string, ts textStyle) vg.Length {
	return f.textStyle(ts).Width(s)
}
