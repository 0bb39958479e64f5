package data

import (
	"fmt"
	"math"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// checkPlan verifies that res was computed by planner.Plan for exactly these
// villages and facilities (lengths and every index in range) and that every
// coordinate and distance the plan writers emit is finite where it must be,
// so that they either write everything or nothing. Distances that may be
// +Inf by design (no county hospital at all, no township health centre at
// all) are written as null; NaN is always an error.
func checkPlan(villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) error {
	switch {
	case res == nil:
		return &WriteInputError{Reason: "plan result is nil"}
	case res.Clinics == nil:
		return &WriteInputError{Reason: "plan result has no clinic plan"}
	case len(res.Villages) != len(villages):
		return &WriteInputError{Reason: fmt.Sprintf("plan result has %d villages, the input has %d", len(res.Villages), len(villages))}
	case len(res.Clinics.Villages) != len(villages):
		return &WriteInputError{Reason: fmt.Sprintf("clinic plan has %d villages, the input has %d", len(res.Clinics.Villages), len(villages))}
	}
	if err := planner.ValidateRadiusKm("radius-km", res.RadiusKm); err != nil {
		return &WriteInputError{Reason: err.Error()}
	}
	nv, nf, nt := len(villages), len(facilities), len(res.Clinics.Townships)
	for i := range villages {
		v, vp, vs := &villages[i], &res.Villages[i], &res.Clinics.Villages[i]
		rec := func() string { return villageRecord(i, v) }
		switch {
		case !finitePoint(v.Location):
			return &WriteInputError{rec(), fmt.Sprintf("location (%v, %v) is not finite", v.Location[0], v.Location[1])}
		case vp.Subcentre < -1 || vp.Subcentre >= len(res.Candidates):
			return &WriteInputError{rec(), fmt.Sprintf("sub-centre index %d is out of range [-1, %d)", vp.Subcentre, len(res.Candidates))}
		case vs.HostIndex < -1 || vs.HostIndex >= nv:
			return &WriteInputError{rec(), fmt.Sprintf("joint clinic host index %d is out of range [-1, %d)", vs.HostIndex, nv)}
		case vs.NearestTHCIndex < -1 || vs.NearestTHCIndex >= nf:
			return &WriteInputError{rec(), fmt.Sprintf("nearest township health centre index %d is out of range [-1, %d)", vs.NearestTHCIndex, nf)}
		case vs.NearestTHCIndex >= 0 && !(finite(vs.NearestTHCDistanceM) && vs.NearestTHCDistanceM >= 0):
			return &WriteInputError{rec(), fmt.Sprintf("distance %v m to the nearest township health centre is not a finite non-negative number", vs.NearestTHCDistanceM)}
		case vs.TownshipIndex < 0 || vs.TownshipIndex >= nt:
			return &WriteInputError{rec(), fmt.Sprintf("township index %d is out of range [0, %d)", vs.TownshipIndex, nt)}
		}
	}
	for c := range res.Counties {
		cs := &res.Counties[c]
		if !finitePoint(cs.Seat) {
			return &WriteInputError{fmt.Sprintf("county %q", cs.County), fmt.Sprintf("seat (%v, %v) is not finite", cs.Seat[0], cs.Seat[1])}
		}
		for s := range cs.Sites {
			site := &cs.Sites[s]
			rec := func() string { return fmt.Sprintf("sub-centre %q of county %q", site.Facility.ID, cs.County) }
			switch {
			case !finitePoint(site.Facility.Location):
				return &WriteInputError{rec(), fmt.Sprintf("location (%v, %v) is not finite", site.Facility.Location[0], site.Facility.Location[1])}
			case math.IsNaN(site.CountyHospitalDistanceM) || site.CountyHospitalDistanceM < 0 || math.IsInf(site.CountyHospitalDistanceM, -1):
				return &WriteInputError{rec(), fmt.Sprintf("distance %v m to the county hospital is not a non-negative number", site.CountyHospitalDistanceM)}
			case !finite(site.SeatDistanceM) || site.SeatDistanceM < 0:
				return &WriteInputError{rec(), fmt.Sprintf("distance %v m to the county seat is not a finite non-negative number", site.SeatDistanceM)}
			}
		}
	}
	for t := range res.Clinics.Townships {
		tp := &res.Clinics.Townships[t]
		rec := func() string { return fmt.Sprintf("township %q of county %q", tp.Township, tp.County) }
		switch {
		case tp.THC < -1 || tp.THC >= nf:
			return &WriteInputError{rec(), fmt.Sprintf("township health centre index %d is out of range [-1, %d)", tp.THC, nf)}
		case !finite(tp.RouteKm) || !finite(tp.TourKm):
			return &WriteInputError{rec(), fmt.Sprintf("route length %v km or tour length %v km is not finite", tp.RouteKm, tp.TourKm)}
		case len(tp.Route) > 0 && tp.THC < 0:
			return &WriteInputError{rec(), "itinerant route without a township health centre"}
		}
		for _, jc := range tp.Joint {
			if jc.Host < 0 || jc.Host >= nv {
				return &WriteInputError{rec(), fmt.Sprintf("joint clinic host index %d is out of range [0, %d)", jc.Host, nv)}
			}
			for _, m := range jc.Members {
				if m < 0 || m >= nv {
					return &WriteInputError{rec(), fmt.Sprintf("joint clinic member index %d is out of range [0, %d)", m, nv)}
				}
			}
		}
		for _, d := range tp.Route {
			if !finite(d.LengthKm) || d.LengthKm < 0 {
				return &WriteInputError{rec(), fmt.Sprintf("route day %d length %v km is not a finite non-negative number", d.Day, d.LengthKm)}
			}
			if len(d.Path) < 2 {
				return &WriteInputError{rec(), fmt.Sprintf("route day %d path has %d points; a line needs two", d.Day, len(d.Path))}
			}
			for _, p := range d.Path {
				if !finitePoint(p) {
					return &WriteInputError{rec(), fmt.Sprintf("route day %d path point (%v, %v) is not finite", d.Day, p[0], p[1])}
				}
			}
			for _, s := range d.Stops {
				if s < 0 || s >= nv {
					return &WriteInputError{rec(), fmt.Sprintf("route day %d stop index %d is out of range [0, %d)", d.Day, s, nv)}
				}
			}
		}
	}
	return nil
}

func finitePoint(p orb.Point) bool { return finite(p[0]) && finite(p[1]) }
