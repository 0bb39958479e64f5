package maps

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SweepPoint is the county-level care cover (planner.MeasureCountyCare) of
// one area at one emergency radius: people within the radius of an
// existing facility, and with the sub-centres proposed for that radius.
type SweepPoint struct {
	RadiusKm                                     float64
	Population, CountyCareToday, CountyCareAfter int64
	// Subcentres is the number of sites proposed at this radius.
	Subcentres int
}

// SweepChart is a chart of the population share with county-level care
// cover against the emergency radius, today and with the proposed
// sub-centres.
type SweepChart struct {
	// Area names what is charted: a county, or "4 counties".
	Area string
	// Title replaces the default title when not empty.
	Title  string
	Points []SweepPoint
	// PlanRadiusKm, when positive, is marked with a vertical line: the
	// radius of the plan the chart accompanies.
	PlanRadiusKm float64
	// Distance names how the radii were measured when not in a straight
	// line, e.g. "road km"; it labels the x axis.
	Distance string
}

// DefaultSweepHeight is the default height of a sweep chart: a chart is
// wider than tall.
const DefaultSweepHeight = 12 * vg.Centimeter

func (s *SweepChart) validate() error {
	if len(s.Points) == 0 {
		return ErrEmptyScene
	}
	for i, p := range s.Points {
		switch {
		case math.IsNaN(p.RadiusKm) || math.IsInf(p.RadiusKm, 0) || p.RadiusKm <= 0:
			return &SceneError{"sweep point", i, "", fmt.Sprintf("radius %v km is not a positive number", p.RadiusKm)}
		case p.Population < 0 || p.CountyCareToday < 0 || p.CountyCareToday > p.CountyCareAfter || p.CountyCareAfter > p.Population:
			return &SceneError{"sweep point", i, "", fmt.Sprintf("want 0 <= county-level care today (%d) <= after (%d) <= population (%d)",
				p.CountyCareToday, p.CountyCareAfter, p.Population)}
		}
	}
	return nil
}

// Chart is a sweep chart laid out for writing.
type Chart struct {
	s      *SweepChart
	opt    Options
	p      *plot.Plot
	legend []sweepLegendItem
}

// Layout checks the chart's points and options and lays it out. A zero
// Options.Height means DefaultSweepHeight. Points must have a positive
// radius and 0 <= CountyCareToday <= CountyCareAfter <= Population (else an
// error unwrapping to ErrInput); none at all is ErrEmptyScene.
func (s *SweepChart) Layout(opt Options) (*Chart, error) {
	if opt.Height == 0 {
		opt.Height = DefaultSweepHeight
	}
	opt, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	if err := s.validate(); err != nil {
		return nil, err
	}
	p, legend, err := s.plot(opt)
	if err != nil {
		return nil, err
	}
	return &Chart{s: s, opt: opt, p: p, legend: legend}, nil
}

// Write is Layout, then Chart.Write.
func (s *SweepChart) Write(w io.Writer, f Format, opt Options) error {
	ch, err := s.Layout(opt)
	if err != nil {
		return err
	}
	return ch.Write(w, f)
}

// Write draws the chart in format f to w.
func (ch *Chart) Write(w io.Writer, f Format) error {
	opt := ch.opt
	return writeCanvas(w, f, opt, func(c vg.Canvas) {
		fillRect(c, vg.Rectangle{Max: vg.Point{X: opt.Width, Y: opt.Height}}, palette.Background)
		size := sweepFontSize(opt)
		top := opt.Height - vg.Length(size)
		title := textStyle{size: size * 1.3, col: palette.Text, bold: true, xalign: text.XCenter, yalign: text.YTop}
		opt.Fonts.drawText(c, ch.s.title(opt.Fonts), vg.Point{X: opt.Width / 2, Y: top}, title, nil)
		top -= vg.Length(size * 2.4)
		drawSweepLegend(c, opt.Fonts, ch.legend, vg.Point{X: opt.Width / 2, Y: top}, size, opt.Width-vg.Length(4*size))
		top -= vg.Length(size * 1.8)
		// The legend sits above the plot, where no line can cross it.
		ch.p.Draw(draw.Crop(draw.NewCanvas(c, opt.Width, opt.Height), 6, -10, 4, top-opt.Height))
	})
}

func sweepFontSize(opt Options) float64 { return clamp(float64(opt.Width)/50, 7, 12) }

func (s *SweepChart) title(f *Fonts) string {
	title := s.Title
	if title == "" {
		title = "County-level care within the emergency radius"
		if s.Area != "" {
			title += ": " + s.Area
		}
	}
	return f.Text(title)
}

// sweepLegendItem is one entry of the legend row above a sweep chart.
type sweepLegendItem struct {
	label  string
	col    color.NRGBA
	dashes []vg.Length
	marker bool
}

// drawSweepLegend draws the items in one row centred on at, in a smaller
// font if the row would be wider than maxW.
func drawSweepLegend(c vg.Canvas, f *Fonts, items []sweepLegendItem, at vg.Point, size float64, maxW vg.Length) {
	ts := textStyle{size: size * 0.95, col: palette.Text, yalign: text.YCenter}
	sample, gap := vg.Length(size*2.2), vg.Length(size*1.6)
	width := func() vg.Length {
		var total vg.Length
		for i, it := range items {
			total += sample + 4 + f.textWidth(it.label, ts)
			if i > 0 {
				total += gap
			}
		}
		return total
	}
	total := width()
	if total > maxW {
		k := float64(maxW / total)
		ts.size *= k
		sample, gap = sample*vg.Length(k), gap*vg.Length(k)
		total = width()
	}
	x := at.X - total/2
	for _, it := range items {
		line := polyPath([]vg.Point{{X: x, Y: at.Y}, {X: x + sample, Y: at.Y}}, false)
		stroke(c, line, it.col, 2, it.dashes...)
		if it.marker {
			fill(c, circlePath(vg.Point{X: x + sample/2, Y: at.Y}, vg.Length(size*0.35)), it.col)
		}
		f.drawText(c, it.label, vg.Point{X: x + sample + 4, Y: at.Y}, ts, nil)
		x += sample + 4 + f.textWidth(it.label, ts) + gap
	}
}

func (s *SweepChart) plot(opt Options) (*plot.Plot, []sweepLegendItem, error) {
	pts := slices.Clone(s.Points)
	slices.SortStableFunc(pts, func(a, b SweepPoint) int { return cmp.Compare(a.RadiusKm, b.RadiusKm) })
	before, after, labels := sweepSeries(pts)
	st := sweepStyle{f: opt.Fonts, size: sweepFontSize(opt)}
	p := s.newPlot(st, pts)
	var legend []sweepLegendItem
	if s.PlanRadiusKm > 0 {
		item, err := s.addPlanMark(p)
		if err != nil {
			return nil, nil, err
		}
		legend = append(legend, item)
	}
	items, err := addSweepLines(p, st, before, after)
	if err != nil {
		return nil, nil, err
	}
	legend = append(legend, items...)
	if err := addSweepLabels(p, st, labels); err != nil {
		return nil, nil, err
	}
	// The legend reads left to right in drawing order: before, after, plan.
	if s.PlanRadiusKm > 0 {
		legend = append(legend[1:], legend[0])
	}
	return p, legend, nil
}

// sweepSeries returns the shares (%) of pts' population with county-level
// care today and after, and the number of sites as labels of the after
// points.
func sweepSeries(pts []SweepPoint) (before, after plotter.XYs, labels plotter.XYLabels) {
	share := func(part, whole int64) float64 {
		if whole == 0 {
			return 0
		}
		return 100 * float64(part) / float64(whole)
	}
	before, after = make(plotter.XYs, len(pts)), make(plotter.XYs, len(pts))
	for i, q := range pts {
		before[i] = plotter.XY{X: q.RadiusKm, Y: share(q.CountyCareToday, q.Population)}
		after[i] = plotter.XY{X: q.RadiusKm, Y: share(q.CountyCareAfter, q.Population)}
		labels.XYs = append(labels.XYs, after[i])
		labels.Labels = append(labels.Labels, fmt.Sprint(q.Subcentres))
	}
	return before, after, labels
}

// sweepStyle is the typeface and base font size (points) of a sweep chart.
type sweepStyle struct {
	f    *Fonts
	size float64
}

// restyle swaps the font of a gonum/plot text style, keeping its alignment
// and rotation; scale multiplies the base size.
func (st sweepStyle) restyle(ts *text.Style, scale float64, bold bool, col color.Color) {
	fs := st.f.style(st.size*scale, col, bold)
	ts.Font, ts.Handler, ts.Color = fs.Font, fs.Handler, fs.Color
}

// newPlot returns the chart's frame: axes, their labels and ticks over the
// radii of pts (sorted, not empty), and the grid.
func (s *SweepChart) newPlot(st sweepStyle, pts []SweepPoint) *plot.Plot {
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: st.f.cache}
	p.X.Label.Text = "Emergency radius (km, WGS84 geodesic)"
	if s.Distance != "" {
		p.X.Label.Text = "Emergency radius (" + s.Distance + ")"
	}
	p.Y.Label.Text = "Population with county-level care (%)"
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		st.restyle(&a.Label.TextStyle, 1, false, palette.Text)
		st.restyle(&a.Tick.Label, 0.9, false, palette.Text)
		a.Color, a.Tick.Color = palette.Frame, palette.Frame
	}
	p.Y.Min, p.Y.Max = 0, 100
	p.Y.Tick.Marker = plot.ConstantTicks(percentTicks())
	p.X.Min, p.X.Max = pts[0].RadiusKm-0.5, pts[len(pts)-1].RadiusKm+0.5
	p.X.Tick.Marker = radiusTicks{}
	st.restyle(&p.Legend.TextStyle, 0.95, false, palette.Text)
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = alpha(palette.Frame, 0.35), alpha(palette.Frame, 0.35)
	grid.Vertical.Width, grid.Horizontal.Width = 0.4, 0.4
	p.Add(grid)
	return p
}

// addPlanMark draws the vertical line at the plan's radius and returns its
// legend item.
func (s *SweepChart) addPlanMark(p *plot.Plot) (sweepLegendItem, error) {
	mark, err := plotter.NewLine(plotter.XYs{{X: s.PlanRadiusKm, Y: 0}, {X: s.PlanRadiusKm, Y: 100}})
	if err != nil {
		return sweepLegendItem{}, err
	}
	mark.Color, mark.Width, mark.Dashes = palette.Subcentre.Fill, 1, []vg.Length{4, 2}
	p.Add(mark)
	return sweepLegendItem{label: fmt.Sprintf("Plan radius %s km", trimFloat(s.PlanRadiusKm)),
		col: palette.Subcentre.Fill, dashes: []vg.Length{4, 2}}, nil
}

// addSweepLines draws the today and after series as lines with points and
// returns their legend items.
func addSweepLines(p *plot.Plot, st sweepStyle, before, after plotter.XYs) ([]sweepLegendItem, error) {
	var legend []sweepLegendItem
	for _, series := range []struct {
		xy   plotter.XYs
		col  color.NRGBA
		name string
	}{
		{before, palette.Sweep.Before, "County-level care today"},
		{after, palette.Sweep.After, "County-level care with proposed sub-centres (labels: number of sites)"},
	} {
		l, sc, err := plotter.NewLinePoints(series.xy)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width = series.col, 2
		sc.Color, sc.Radius, sc.Shape = series.col, vg.Length(st.size*0.35), draw.CircleGlyph{}
		p.Add(l, sc)
		legend = append(legend, sweepLegendItem{label: series.name, col: series.col, marker: true})
	}
	return legend, nil
}

// addSweepLabels writes the number of sites above each after point.
func addSweepLabels(p *plot.Plot, st sweepStyle, labels plotter.XYLabels) error {
	lab, err := plotter.NewLabels(labels)
	if err != nil {
		return err
	}
	for i := range lab.TextStyle {
		st.restyle(&lab.TextStyle[i], 0.8, false, palette.TextMuted)
		lab.TextStyle[i].XAlign, lab.TextStyle[i].YAlign = draw.XCenter, draw.YBottom
	}
	lab.Offset = vg.Point{Y: vg.Length(st.size * 0.6)}
	p.Add(lab)
	return nil
}

func percentTicks() []plot.Tick {
	var t []plot.Tick
	for v := 0; v <= 100; v += 10 {
		label := ""
		if v%20 == 0 {
			label = fmt.Sprint(v)
		}
		t = append(t, plot.Tick{Value: float64(v), Label: label})
	}
	return t
}

// radiusTicks labels every whole kilometre (every other one on a wide
// range).
type radiusTicks struct{}

func (radiusTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1.0
	if hi-lo > 16 {
		step = math.Ceil((hi - lo) / 12)
	}
	var t []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		t = append(t, plot.Tick{Value: v, Label: trimFloat(v)})
	}
	return t
}
