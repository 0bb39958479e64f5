package maps

import (
	"cmp"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Marker sizes in points, before the map's marker scale.
const (
	hospitalHalfPt  = 3.2
	thcRadiusPt     = 3.6
	clinicHalfPt    = 1.6
	subcentreStarPt = 6.5
)

// frameCanvas clips to the map frame.
func (m *Map) frameCanvas(c vg.Canvas) draw.Canvas {
	return draw.Canvas{Canvas: c, Rectangle: m.layout.frame}
}

func (m *Map) project(ls []orb.Point) []vg.Point {
	out := make([]vg.Point, len(ls))
	for i, p := range ls {
		out[i] = m.proj.Point(p)
	}
	return out
}

func (m *Map) drawBoundaries(c vg.Canvas) {
	dc := m.frameCanvas(c)
	for _, b := range m.scene.Boundaries {
		for _, poly := range b.Geometry {
			if len(poly) == 0 {
				continue
			}
			// Exterior filled; holes drawn as outlines only, which is what
			// county boundaries need.
			if pts := dc.ClipPolygonXY(m.project(poly[0])); len(pts) > 2 {
				fill(c, polyPath(pts, true), palette.Boundary.Fill)
			}
			for _, ring := range poly {
				for _, line := range dc.ClipLinesXY(m.project(ring)) {
					stroke(c, polyPath(line, false), palette.Boundary.Outline, 0.8, 3, 1.5)
				}
			}
		}
	}
}

// circleRing is the projected geodesic coverage circle of a sub-centre.
func (m *Map) circleRing(s SceneSubcentre) []vg.Point {
	return m.project(geo.Circle(s.Location, s.RadiusKm*1000, circleSegments))
}

func (m *Map) drawCircleFills(c vg.Canvas) {
	for _, s := range m.scene.Subcentres {
		if s.RadiusKm > 0 {
			fill(c, polyPath(m.circleRing(s), true), alpha(palette.Subcentre.Circle, palette.Subcentre.CircleFillOpacity))
		}
	}
}

func (m *Map) drawCircleOutlines(c vg.Canvas) {
	for _, s := range m.scene.Subcentres {
		if s.RadiusKm > 0 {
			stroke(c, polyPath(m.circleRing(s), true), palette.Subcentre.Circle, 1.0)
		}
	}
}

func (m *Map) drawRoutes(c vg.Canvas) {
	dc := m.frameCanvas(c)
	for _, r := range m.scene.Routes {
		for _, line := range dc.ClipLinesXY(m.project(r.Path)) {
			stroke(c, polyPath(line, false), alpha(palette.ItinerantRoute, 0.85), 0.9, 3, 1.6)
		}
	}
}

func (m *Map) drawJoint(c vg.Canvas) {
	for _, j := range m.scene.Joint {
		host := m.proj.Point(j.Host)
		for _, p := range j.Members {
			stroke(c, polyPath([]vg.Point{host, m.proj.Point(p)}, false), palette.JointClinic, 1.0)
		}
	}
}

// drawVillages draws the largest villages first so that small ones stay
// visible on top of them.
func (m *Map) drawVillages(c vg.Canvas) {
	order := make([]int, len(m.scene.Villages))
	for i := range order {
		order[i] = i
	}
	vs := m.scene.Villages
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(vs[b].Population, vs[a].Population) })
	for _, i := range order {
		v := vs[i]
		r := VillageRadius(v.Population) * m.layout.markerScale
		marker(c, circlePath(m.proj.Point(v.Location), r), statusColor(v.Status), palette.Village.Outline, 0.35)
	}
}

// drawClinics draws village clinics under the villages: most stand in
// the village they serve, and a cross over every village marker would
// bury the coverage colours; they show where they stand apart.
func (m *Map) drawClinics(c vg.Canvas) {
	if m.layout.hideClinics {
		return
	}
	k := m.layout.facilityScale
	for _, f := range m.scene.Facilities {
		if f.Type == planner.VillageClinic {
			plus(c, m.proj.Point(f.Location), clinicHalfPt*k, palette.Facility.VillageClinic, 0.7)
		}
	}
}

// drawFacilities draws the higher tiers over the villages: township
// health centres, then county hospitals.
func (m *Map) drawFacilities(c vg.Canvas) {
	k := m.layout.facilityScale
	for _, f := range m.scene.Facilities {
		if f.Type == planner.TownshipHealthCentre {
			marker(c, trianglePath(m.proj.Point(f.Location), thcRadiusPt*k), palette.Facility.TownshipHealthCentre, palette.Background, 0.5)
		}
	}
	for _, f := range m.scene.Facilities {
		switch f.Type {
		case planner.VillageClinic, planner.TownshipHealthCentre:
		case planner.CountyHospital:
			marker(c, squarePath(m.proj.Point(f.Location), hospitalHalfPt*k), palette.Facility.CountyHospital, palette.Background, 0.5)
		default:
			// Another tier (the planner knows only three): a small ring.
			stroke(c, circlePath(m.proj.Point(f.Location), 2*k), palette.Facility.TownshipHealthCentre, 0.6)
		}
	}
}

func (m *Map) drawSubcentres(c vg.Canvas) {
	for _, s := range m.scene.Subcentres {
		marker(c, starPath(m.proj.Point(s.Location), subcentreStarPt*m.layout.starScale), palette.Subcentre.Fill, palette.Subcentre.Outline, 0.7)
	}
}

// markerScale enlarges markers when a map shows few villages on a large
// page (a county of 200 villages on a full page), and keeps them at their
// nominal size on a crowded map. It depends on the page, not on the frame,
// so that the legend's size key can be measured before the frame is placed.
func (m *Map) markerScale() vg.Length {
	n := max(len(m.scene.Villages), 1)
	// About half the page is map.
	perVillage := 0.5 * float64(m.opt.Width*m.opt.Height) / float64(n) // square points per village
	// 400 pt² (a 20-point square) per village is where nominal sizes fit.
	return vg.Length(clamp(math.Sqrt(perVillage/400), 1, 1.6))
}

// Symbol density: what a crowded map draws smaller or leaves out, in
// square points of (about half) the page per symbol.
const (
	// Facility squares and triangles shrink below this much room each, to
	// at most facilityMinScale of their size, so that a province of
	// thousands of health centres is not a grey carpet.
	facilityRoomPt2  = 900
	facilityMinScale = 0.55
	// Stars shrink likewise when there are hundreds of sub-centres.
	starRoomPt2  = 2500
	starMinScale = 0.6
	// Village clinics are left out below this much room each (the legend
	// says so): they stand in the villages they serve, and thousands of
	// crosses only grey the coverage colours.
	clinicRoomPt2 = 150
)

// symbolScales sets the facility and star scales and whether village
// clinics are drawn. Like markerScale it depends on the page, not the
// frame, because the legend says what is left out and is measured first.
func (m *Map) symbolScales() {
	room := 0.5 * float64(m.opt.Width*m.opt.Height)
	var tiers, clinics int
	for _, f := range m.scene.Facilities {
		if f.Type == planner.VillageClinic {
			clinics++
		} else {
			tiers++
		}
	}
	shrink := func(n int, need, least float64) vg.Length {
		return vg.Length(clamp(math.Sqrt(room/float64(max(n, 1))/need), least, 1))
	}
	l := &m.layout
	l.facilityScale = l.markerScale * shrink(tiers, facilityRoomPt2, facilityMinScale)
	l.starScale = l.markerScale * shrink(len(m.scene.Subcentres), starRoomPt2, starMinScale)
	l.hideClinics = clinics > 0 && room/float64(clinics) < clinicRoomPt2
	own, joint := m.scene.planClinicCounts()
	l.hidePlanClinics = own+joint > 0 && room/float64(own+joint) < clinicRoomPt2
}
