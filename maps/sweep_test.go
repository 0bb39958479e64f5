package maps

import (
	"bytes"
	"errors"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

func sweepPoints() []SweepPoint {
	var pts []SweepPoint
	for r := 10; r <= 20; r++ {
		before := int64(300 + 40*(r-10))
		pts = append(pts, SweepPoint{RadiusKm: float64(r), Population: 1000, CountyCareToday: before, CountyCareAfter: before + 150, Subcentres: 2})
	}
	return pts
}

func TestSweepChart(t *testing.T) {
	ch := &SweepChart{Area: "孝绛县", Points: sweepPoints(), PlanRadiusKm: 15}
	var buf bytes.Buffer
	opt := Options{Width: 16 * vg.Centimeter, DPI: 100, Fonts: LatinFonts()}
	if err := ch.Write(&buf, PNG, opt); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != pixels(16*vg.Centimeter, 100) || b.Dy() != pixels(DefaultSweepHeight, 100) {
		t.Errorf("chart is %v, want 16 x 12 cm at 100 dpi", b)
	}
	count := map[color.NRGBA]int{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			count[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)]++
		}
	}
	// Two lines of 11 points with markers each: hundreds of pixels.
	for name, c := range map[string]color.NRGBA{"before": palette.Sweep.Before, "after": palette.Sweep.After} {
		if count[c] < 300 {
			t.Errorf("%d pixels of the %s line colour", count[c], name)
		}
	}

	buf.Reset()
	if err := ch.Write(&buf, SVG, opt); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	for _, want := range []string{"Xiaojiang Xian", "Plan radius 15 km", "Population with county-level care (%)", "stroke:" + HexColor(palette.Sweep.After)} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestSweepChartRejects(t *testing.T) {
	bad := sweepPoints()
	bad[3].CountyCareAfter = 2000
	for _, c := range []struct {
		name string
		pts  []SweepPoint
		want error
	}{
		{"no points", nil, ErrEmptyScene},
		{"covered above population", bad, ErrInput},
		{"zero radius", []SweepPoint{{RadiusKm: 0, Population: 1}}, ErrInput},
	} {
		t.Run(c.name, func(t *testing.T) {
			ch := &SweepChart{Points: c.pts}
			if err := ch.Write(&bytes.Buffer{}, PNG, Options{Fonts: LatinFonts()}); !errors.Is(err, c.want) {
				t.Errorf("Write: %v, want %v", err, c.want)
			}
		})
	}
}
