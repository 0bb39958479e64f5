package planner

import (
	"context"
	"math"
)

// routeMaxStops is the most itinerant villages one township's route is
// planned for. Real townships have a few dozen villages; thousands mean the
// township column is missing or wrong, and the O(n²) distance matrix and
// O(n³) local search would be wasted on it (the township is flagged).
const routeMaxStops = 500

// planClinicTownship plans one township: joint clinics, the township health
// centre, the itinerant route, and the totals and staffing. town holds the
// township's village indices in ascending order; only their entries of vs
// are written.
func planClinicTownship(ctx context.Context, env *clinicEnv, tp *TownshipPlan, town []int, vs []VillageService, sc *clinicScratch) error {
	villages := env.villages
	tp.Villages = len(town)
	for _, i := range town {
		tp.Population += int64(villages[i].Population)
	}
	budget := env.budget
	if err := planJointClinics(ctx, env, town, vs, tp, &budget, sc); err != nil {
		return err
	}

	key := clinicTownshipKey{tp.County, tp.Township}
	ownTHC := env.thcOf[key]
	switch {
	case len(ownTHC) > 0:
		tp.THC = ownTHC[0]
		if len(ownTHC) > 1 {
			tp.Flags = append(tp.Flags, FlagMultipleTHC)
		}
	default:
		// Borrow the centre nearest to any of the township's villages.
		bd := math.Inf(1)
		for _, i := range town {
			j, d := vs[i].NearestTHCIndex, vs[i].NearestTHCDistanceM
			if j >= 0 && (tp.THC < 0 || d < bd || d == bd && j < tp.THC) {
				tp.THC, bd = j, d
			}
		}
		if tp.THC >= 0 {
			tp.Flags = append(tp.Flags, FlagTHCNotInTownship)
		} else {
			tp.Flags = append(tp.Flags, FlagNoTHC)
		}
	}

	var itinerant []int
	for _, i := range town {
		v := &vs[i]
		switch v.Service {
		case ServiceOwnClinic:
			tp.OwnClinics++
			if !v.HostsJointClinic { // a host's clinic is counted with its group
				tp.DoctorsNeeded += VillageDoctorsNeeded(villages[i].Population)
			}
		case ServiceJointMember:
			tp.JointMembers++
		case ServiceItinerant:
			tp.ItinerantVillages++
			itinerant = append(itinerant, i)
		case ServiceTownshipCentre:
			tp.TownshipCentreVillages++
		case ServiceSingle:
			tp.SingleVillages++
			tp.DoctorsNeeded += VillageDoctorsNeeded(villages[i].Population)
		}
	}
	tp.JointClinics = len(tp.Joint)
	for _, jc := range tp.Joint {
		tp.DoctorsNeeded += jc.DoctorsNeeded
	}

	if len(itinerant) > 0 && tp.THC >= 0 {
		if len(itinerant) > routeMaxStops {
			tp.Flags = append(tp.Flags, FlagRouteTooManyStops)
		} else {
			tp.TourKm, tp.Route = planItinerantRoute(env.facilities[tp.THC].Location, itinerant, villages, env.maxRouteM)
			for _, d := range tp.Route {
				tp.RouteKm += d.LengthKm
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	tp.THCStaffMin, tp.THCStaffMax = THCStaffRange(tp.Population)
	tp.THCStaff = CapacityUnknown
	if len(ownTHC) > 0 {
		tp.THCStaff = env.facilities[tp.THC].Staff
	}
	tp.THCStaffGap = StaffGap(tp.THCStaffMin, tp.THCStaff)

	clinics := env.clinicsOf[key]
	tp.VillageClinics = len(clinics)
	known := 0
	for _, f := range clinics {
		if s := env.facilities[f].Staff; s != CapacityUnknown {
			tp.VillageClinicStaff += s
			known++
		}
	}
	switch {
	case len(clinics) > 0 && known == 0:
		tp.VillageClinicStaff = CapacityUnknown
	case known < len(clinics):
		tp.Flags = append(tp.Flags, FlagVillageClinicStaffPartial)
	}
	tp.DoctorGap = StaffGap(tp.DoctorsNeeded, tp.VillageClinicStaff)
	return nil
}
