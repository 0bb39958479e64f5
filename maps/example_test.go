package maps_test

import (
	"fmt"
	"io"

	"github.com/catchment/catchment/maps"
	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
)

// A map of one village without county-level care and a proposed sub-centre with its 15 km
// circle, as a 10 cm PNG at 100 dpi.
func ExampleNew() {
	scene := &maps.Scene{
		RadiusKm: 15,
		Villages: []maps.SceneVillage{{ID: "V1", County: "孝绛县", Location: orb.Point{111.45, 37.52}, Population: 800, Status: maps.NoCountyCare}},
		Subcentres: []maps.SceneSubcentre{{ID: "T1", Name: "北镇卫生院", County: "孝绛县",
			Location: orb.Point{111.80, 37.60}, RadiusKm: 15, Rank: 1}},
	}
	m, err := maps.New(scene, maps.Options{Width: 10 * vg.Centimeter, Height: 10 * vg.Centimeter, DPI: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := m.Write(io.Discard, maps.PNG); err != nil {
		fmt.Println(err)
		return
	}
	w, h := m.PixelSize()
	fmt.Printf("%d x %d pixels\n", w, h)
	// Output: 394 x 394 pixels
}

// Without a Chinese font, names are drawn in pinyin rather than as boxes.
func ExampleFonts_Text() {
	fmt.Println(maps.LatinFonts().Text("孝绛县人民医院"))
	// Output: Xiaojiang Xian Renmin Yiyuan
}

// The scale bar takes the longest round length that fits.
func ExampleScaleBarKm() {
	// 120 m per point, at most 200 points wide: 24 km fit, 20 km is drawn.
	fmt.Println(maps.ScaleBarKm(120, 200))
	// Output: 20
}
