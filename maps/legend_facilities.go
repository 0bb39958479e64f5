package maps

import "gonum.org/v1/plot/vg"

// facilityEntries are the legend rows of the existing facilities, by tier,
// with their counts; village clinics say when they are not drawn.
func (m *Map) facilityEntries() []legendEntry {
	counts := map[string]int{}
	for _, f := range m.scene.Facilities {
		counts[string(f.Type)]++
	}
	var fac []legendEntry
	if n := counts["county_hospital"]; n > 0 {
		fac = append(fac, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			marker(c, squarePath(at, size*0.3), palette.Facility.CountyHospital, palette.Background, 0.5)
		}, "County hospital", plural(n, "hospital", "hospitals")})
	}
	if n := counts["township_health_centre"]; n > 0 {
		fac = append(fac, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			marker(c, trianglePath(at, size*0.4), palette.Facility.TownshipHealthCentre, palette.Background, 0.5)
		}, "Township health centre", plural(n, "centre", "centres")})
	}
	if n := counts["village_clinic"]; n > 0 {
		what := plural(n, "clinic", "clinics")
		if m.layout.hideClinics {
			what += ", not drawn at this scale"
		}
		fac = append(fac, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			plus(c, at, size*0.25, palette.Facility.VillageClinic, 0.7)
		}, "Village clinic", what})
	}
	if other := len(m.scene.Facilities) - counts["county_hospital"] - counts["township_health_centre"] - counts["village_clinic"]; other > 0 {
		fac = append(fac, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			stroke(c, circlePath(at, size*0.2), palette.Facility.TownshipHealthCentre, 0.6)
		}, "Other facility", plural(other, "facility", "facilities")})
	}
	return fac
}
