package maps

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// tinyScene is one village without county-level care and one proposed sub-centre with a
// 10 km circle, about 27 km apart.
func tinyScene() *Scene {
	return &Scene{
		RadiusKm: 10,
		Villages: []SceneVillage{{ID: "V1", Name: "Village", County: "C", Location: orb.Point{112.0, 37.0}, Population: 900, Status: NoCountyCare}},
		Subcentres: []SceneSubcentre{{ID: "S1", Name: "Site", County: "C", Location: orb.Point{112.3, 37.05},
			RadiusKm: 10, Rank: 1}},
	}
}

// renderPNG draws m and decodes the image.
func renderPNG(t *testing.T, m *Map) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Write(&buf, PNG); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// pixelAt is the colour of the pixel containing ll.
func pixelAt(m *Map, img image.Image, ll orb.Point) color.NRGBA {
	x, y := m.Pixel(ll)
	return color.NRGBAModel.Convert(img.At(int(x), int(y))).(color.NRGBA)
}

// colorDist is the largest channel difference of two opaque colours.
func colorDist(a, b color.NRGBA) int {
	d := 0
	for _, p := range [][2]uint8{{a.R, b.R}, {a.G, b.G}, {a.B, b.B}} {
		d = max(d, absInt(int(p[0])-int(p[1])))
	}
	return d
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// nearestColor is the smallest colorDist to want among the pixels within
// r of the pixel containing ll.
func nearestColor(m *Map, img image.Image, ll orb.Point, r int, want color.NRGBA) int {
	x, y := m.Pixel(ll)
	best := 1 << 10
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			c := color.NRGBAModel.Convert(img.At(int(x)+dx, int(y)+dy)).(color.NRGBA)
			best = min(best, colorDist(c, want))
		}
	}
	return best
}

// over is c at opacity a composited over white.
func over(c color.NRGBA, a float64) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v)*a + 255*(1-a) + 0.5) }
	return color.NRGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: 255}
}

// smallPlanInput is a county hospital with villages around it and a far
// township health centre with villages that only a sub-centre there can
// cover, plus a second county with one far, small village.
func smallPlanInput() ([]planner.Village, []planner.Facility) {
	hosp := orb.Point{112.0, 37.0}
	far := orb.Point{112.45, 37.0} // about 40 km east
	var vs []planner.Village
	add := func(id, county, town string, pop int, p orb.Point) {
		vs = append(vs, planner.Village{ID: id, Name: id, County: county, Township: town, Population: pop, Location: p})
	}
	add("N1", "甲县", "城关镇", 3000, geo.Direct(hosp, 10, 3000))
	add("N2", "甲县", "城关镇", 900, geo.Direct(hosp, 200, 5000))
	add("N3", "甲县", "城关镇", 400, geo.Direct(hosp, 300, 2000))
	add("F1", "甲县", "东镇", 2500, geo.Direct(far, 0, 2000))
	add("F2", "甲县", "东镇", 2500, geo.Direct(far, 90, 3000))
	add("F3", "甲县", "东镇", 300, geo.Direct(far, 180, 4000))
	add("F4", "甲县", "东镇", 250, geo.Direct(far, 185, 5000))
	add("F5", "甲县", "东镇", 150, geo.Direct(far, 270, 6000))
	add("Y1", "乙县", "西乡", 120, orb.Point{111.0, 36.0})
	fs := []planner.Facility{
		{ID: "H", Name: "甲县人民医院", Type: planner.CountyHospital, County: "甲县", Township: "城关镇", Location: hosp, Beds: 300, Staff: 400},
		{ID: "T0", Name: "城关镇卫生院", Type: planner.TownshipHealthCentre, County: "甲县", Township: "城关镇", Location: geo.Direct(hosp, 45, 800), Beds: -1, Staff: -1},
		{ID: "T1", Name: "东镇卫生院", Type: planner.TownshipHealthCentre, County: "甲县", Township: "东镇", Location: far, Beds: -1, Staff: -1},
		{ID: "C1", Name: "N1村卫生室", Type: planner.VillageClinic, County: "甲县", Township: "城关镇", Location: geo.Direct(hosp, 10, 3100), Beds: -1, Staff: 1},
		{ID: "T2", Name: "西乡卫生院", Type: planner.TownshipHealthCentre, County: "乙县", Township: "西乡", Location: orb.Point{111.6, 36.7}, Beds: -1, Staff: -1},
	}
	return vs, fs
}

// smallPlan plans smallPlanInput with the default policy and returns the
// inputs, the plan and its scene.
func smallPlan(t *testing.T) ([]planner.Village, []planner.Facility, *planner.PlanResult, *Scene) {
	t.Helper()
	vs, fs := smallPlanInput()
	rs, err := planner.Scenario{}.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	res, err := planner.Plan(t.Context(), vs, fs, rs.Plan)
	if err != nil {
		t.Fatal(err)
	}
	s, err := SceneFromPlan(vs, fs, res)
	if err != nil {
		t.Fatal(err)
	}
	return vs, fs, res, s
}

// smallPlanScene is smallPlan's scene.
func smallPlanScene(t *testing.T) *Scene {
	t.Helper()
	_, _, _, s := smallPlan(t)
	return s
}
