package programme

import (
	"fmt"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// PhaseInputOptions configures PhaseClinicsFromFacilities.
type PhaseInputOptions struct {
	// RadiusKm is the emergency radius (R1) for NetworkUncovered: no
	// emergency network cover.
	RadiusKm float64
	// EmergencyTypes are the tiers that count as emergency cover; empty
	// means DefaultEmergencyTypes.
	EmergencyTypes []planner.FacilityType
}

// PhaseClinicsFromFacilities builds the upgrade candidates from the
// village clinics (type village_clinic) of facilities:
//
//   - ServedPopulation: the residents of the villages whose nearest village
//     clinic (geodesic) it is; ties to the first clinic in input order;
//   - DoctorGap: StaffGap(VillageDoctorsNeeded(served), Staff) (R10), unknown
//     when the clinic has no staff figure;
//   - DistanceToTHCM: geodesic distance to the nearest township health
//     centre, unknown (-1) when the input has none;
//   - NetworkUncovered: no emergency network cover (MeasureNetwork): no
//     facility of EmergencyTypes within RadiusKm of the
//     clinic (inclusive).
//
// Distances are straight-line WGS84 geodesics. The condition columns
// (condition, area_m2, licensed_doctors, …) travel in Extra. Invalid
// villages or clinics give an *InputError.
func PhaseClinicsFromFacilities(villages []planner.Village, facilities []planner.Facility, opt PhaseInputOptions) ([]PhaseClinic, error) {
	if err := planner.ValidateRadiusKm("radius-km", opt.RadiusKm); err != nil {
		return nil, err
	}
	types := opt.EmergencyTypes
	if len(types) == 0 {
		types = planner.DefaultEmergencyTypes()
	}
	var clinicPts, thcPts, emPts []orb.Point
	var clinicIdx []int
	for i := range facilities {
		f := &facilities[i]
		if err := planner.CheckFacilityLocation(i, f); err != nil {
			return nil, err
		}
		if f.Type == planner.VillageClinic {
			clinicPts, clinicIdx = append(clinicPts, f.Location), append(clinicIdx, i)
		}
		if f.Type == planner.TownshipHealthCentre {
			thcPts = append(thcPts, f.Location)
		}
		if slices.Contains(types, f.Type) {
			emPts = append(emPts, f.Location)
		}
	}
	if len(clinicIdx) == 0 {
		return nil, nil
	}
	served := make([]int, len(clinicIdx))
	cix, err := geo.BuildIndex(clinicPts)
	if err != nil {
		return nil, err
	}
	for i := range villages {
		v := &villages[i]
		if err := planner.CheckVillage(i, v); err != nil {
			return nil, err
		}
		if j, _, ok := cix.Nearest(v.Location); ok {
			served[j] += v.Population
		}
	}
	thc, err := geo.BuildIndex(thcPts)
	if err != nil {
		return nil, err
	}
	em, err := geo.BuildIndex(emPts)
	if err != nil {
		return nil, err
	}
	out := make([]PhaseClinic, len(clinicIdx))
	for j, fi := range clinicIdx {
		f := &facilities[fi]
		pc := PhaseClinic{ID: f.ID, Name: f.Name, County: f.County, Township: f.Township, Index: fi, Location: f.Location,
			ServedPopulation: served[j], DistanceToTHCM: -1, Extra: f.Extra}
		if f.Staff < planner.CapacityUnknown {
			return nil, &planner.InputError{Kind: "facility", Index: fi, ID: f.ID, Reason: fmt.Sprintf("staff %d is negative", f.Staff)}
		}
		pc.DoctorGap = planner.StaffGap(planner.VillageDoctorsNeeded(served[j]), f.Staff)
		if _, d, ok := thc.Nearest(f.Location); ok {
			pc.DistanceToTHCM = d
		}
		_, d, ok := em.Nearest(f.Location)
		pc.NetworkUncovered = !ok || d > opt.RadiusKm*1000
		out[j] = pc
	}
	return out, nil
}

// PhaseClinicsFromPlan builds the upgrade candidates from a plan's proposed
// clinics: every joint clinic (at its host village) and every own-clinic or
// single village that hosts none. ServedPopulation is what it serves,
// DoctorGap its doctors needed (R10; a proposed clinic has none yet),
// DistanceToTHCM the host's distance to the nearest township health centre
// and NetworkUncovered whether the host lacks emergency network cover
// (VillagePlan.NetworkCovered; sub-centres do not change it). Index is the host's village index.
func PhaseClinicsFromPlan(villages []planner.Village, res *planner.PlanResult) []PhaseClinic {
	if res == nil || res.Clinics == nil {
		return nil
	}
	var out []PhaseClinic
	add := func(host, served, doctors int) {
		v := &villages[host]
		vs := res.Clinics.Villages[host]
		d := vs.NearestTHCDistanceM
		if vs.NearestTHCIndex < 0 {
			d = -1
		}
		out = append(out, PhaseClinic{ID: v.ID, Name: v.Name, County: v.County, Township: v.Township, Index: host, Location: v.Location,
			ServedPopulation: served, DoctorGap: doctors, DistanceToTHCM: d,
			NetworkUncovered: host < len(res.Villages) && !res.Villages[host].NetworkCovered, Extra: v.Extra})
	}
	for _, t := range res.Clinics.Townships {
		for _, j := range t.Joint {
			add(j.Host, j.PopulationServed, j.DoctorsNeeded)
		}
	}
	for i, vs := range res.Clinics.Villages {
		if (vs.Service == planner.ServiceOwnClinic || vs.Service == planner.ServiceSingle) && !vs.HostsJointClinic {
			add(i, villages[i].Population, planner.VillageDoctorsNeeded(villages[i].Population))
		}
	}
	return out
}
