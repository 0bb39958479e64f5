package enc

import (
	"fmt"
	"math"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// CheckPlan verifies that res was computed by planner.Plan for exactly these
// villages and facilities (lengths and every index in range) and that every
// coordinate and distance the plan writers emit is finite where it must be,
// so that they either write everything or nothing. Distances that may be
// +Inf by design (no county hospital at all, no township health centre at
// all) are written as null; NaN is always an error.
func CheckPlan(villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) error {
	if err := checkPlanShape(villages, res); err != nil {
		return err
	}
	if err := checkPlanVillages(villages, facilities, res); err != nil {
		return err
	}
	if err := checkPlanCounties(res); err != nil {
		return err
	}
	for t := range res.Clinics.Townships {
		if err := checkPlanTownship(&res.Clinics.Townships[t], len(villages), len(facilities)); err != nil {
			return err
		}
	}
	return nil
}

// checkPlanShape checks that res is a whole plan for len(villages) villages
// at a valid radius.
func checkPlanShape(villages []planner.Village, res *planner.PlanResult) error {
	switch {
	case res == nil:
		return &table.WriteInputError{Reason: "plan result is nil"}
	case res.Clinics == nil:
		return &table.WriteInputError{Reason: "plan result has no clinic plan"}
	case len(res.Villages) != len(villages):
		return &table.WriteInputError{Reason: fmt.Sprintf("plan result has %d villages, the input has %d", len(res.Villages), len(villages))}
	case len(res.Clinics.Villages) != len(villages):
		return &table.WriteInputError{Reason: fmt.Sprintf("clinic plan has %d villages, the input has %d", len(res.Clinics.Villages), len(villages))}
	}
	if err := planner.ValidateRadiusKm("radius-km", res.RadiusKm); err != nil {
		return &table.WriteInputError{Reason: err.Error()}
	}
	return nil
}

// checkPlanVillages checks each village's location and plan indices.
func checkPlanVillages(villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) error {
	nv, nf, nt := len(villages), len(facilities), len(res.Clinics.Townships)
	for i := range villages {
		v, vp, vs := &villages[i], &res.Villages[i], &res.Clinics.Villages[i]
		rec := func() string { return table.VillageRecord(i, v) }
		switch {
		case !finitePoint(v.Location):
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("location (%v, %v) is not finite", v.Location[0], v.Location[1])}
		case vp.Subcentre < -1 || vp.Subcentre >= len(res.Candidates):
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("sub-centre index %d is out of range [-1, %d)", vp.Subcentre, len(res.Candidates))}
		case vs.HostIndex < -1 || vs.HostIndex >= nv:
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("joint clinic host index %d is out of range [-1, %d)", vs.HostIndex, nv)}
		case vs.NearestTHCIndex < -1 || vs.NearestTHCIndex >= nf:
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("nearest township health centre index %d is out of range [-1, %d)", vs.NearestTHCIndex, nf)}
		case vs.NearestTHCIndex >= 0 && !(table.Finite(vs.NearestTHCDistanceM) && vs.NearestTHCDistanceM >= 0):
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("distance %v m to the nearest township health centre is not a finite non-negative number", vs.NearestTHCDistanceM)}
		case vs.TownshipIndex < 0 || vs.TownshipIndex >= nt:
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("township index %d is out of range [0, %d)", vs.TownshipIndex, nt)}
		}
	}
	return nil
}

// checkPlanCounties checks the county seats and the chosen sites.
func checkPlanCounties(res *planner.PlanResult) error {
	for c := range res.Counties {
		cs := &res.Counties[c]
		if !finitePoint(cs.Seat) {
			return &table.WriteInputError{Record: fmt.Sprintf("county %q", cs.County), Reason: fmt.Sprintf("seat (%v, %v) is not finite", cs.Seat[0], cs.Seat[1])}
		}
		for s := range cs.Sites {
			site := &cs.Sites[s]
			rec := func() string { return fmt.Sprintf("sub-centre %q of county %q", site.Facility.ID, cs.County) }
			switch {
			case !finitePoint(site.Facility.Location):
				return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("location (%v, %v) is not finite", site.Facility.Location[0], site.Facility.Location[1])}
			case math.IsNaN(site.CountyHospitalDistanceM) || site.CountyHospitalDistanceM < 0 || math.IsInf(site.CountyHospitalDistanceM, -1):
				return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("distance %v m to the county hospital is not a non-negative number", site.CountyHospitalDistanceM)}
			case !table.Finite(site.SeatDistanceM) || site.SeatDistanceM < 0:
				return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("distance %v m to the county seat is not a finite non-negative number", site.SeatDistanceM)}
			}
		}
	}
	return nil
}

// checkPlanTownship checks a township's clinic plan against nv villages
// and nf facilities.
func checkPlanTownship(tp *planner.TownshipPlan, nv, nf int) error {
	rec := func() string { return fmt.Sprintf("township %q of county %q", tp.Township, tp.County) }
	switch {
	case tp.THC < -1 || tp.THC >= nf:
		return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("township health centre index %d is out of range [-1, %d)", tp.THC, nf)}
	case !table.Finite(tp.RouteKm) || !table.Finite(tp.TourKm):
		return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("route length %v km or tour length %v km is not finite", tp.RouteKm, tp.TourKm)}
	case len(tp.Route) > 0 && tp.THC < 0:
		return &table.WriteInputError{Record: rec(), Reason: "itinerant route without a township health centre"}
	}
	if err := checkPlanJoints(tp, nv, rec); err != nil {
		return err
	}
	return checkPlanRoutes(tp, nv, rec)
}

// checkPlanJoints checks that joint clinic hosts and members are villages.
func checkPlanJoints(tp *planner.TownshipPlan, nv int, rec func() string) error {
	for _, jc := range tp.Joint {
		if jc.Host < 0 || jc.Host >= nv {
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("joint clinic host index %d is out of range [0, %d)", jc.Host, nv)}
		}
		for _, m := range jc.Members {
			if m < 0 || m >= nv {
				return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("joint clinic member index %d is out of range [0, %d)", m, nv)}
			}
		}
	}
	return nil
}

// checkPlanRoutes checks each itinerant route day's length, path and stops.
func checkPlanRoutes(tp *planner.TownshipPlan, nv int, rec func() string) error {
	for _, d := range tp.Route {
		if !table.Finite(d.LengthKm) || d.LengthKm < 0 {
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("route day %d length %v km is not a finite non-negative number", d.Day, d.LengthKm)}
		}
		if len(d.Line()) < 2 {
			return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("route day %d path has %d points; a line needs two", d.Day, len(d.Line()))}
		}
		for _, p := range d.Line() {
			if !finitePoint(p) {
				return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("route day %d path point (%v, %v) is not finite", d.Day, p[0], p[1])}
			}
		}
		for _, s := range d.Stops {
			if s < 0 || s >= nv {
				return &table.WriteInputError{Record: rec(), Reason: fmt.Sprintf("route day %d stop index %d is out of range [0, %d)", d.Day, s, nv)}
			}
		}
	}
	return nil
}

func finitePoint(p orb.Point) bool { return table.Finite(p[0]) && table.Finite(p[1]) }
