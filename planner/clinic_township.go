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
	tp.Villages = len(town)
	for _, i := range town {
		tp.Population += int64(env.villages[i].Population)
	}
	budget := env.budget
	if err := planJointClinics(ctx, env, town, vs, tp, &budget, sc); err != nil {
		return err
	}
	key := clinicTownshipKey{tp.County, tp.Township}
	ownTHC := env.thcOf[key]
	chooseTownshipTHC(tp, ownTHC, town, vs)
	itinerant := countServices(env, tp, town, vs)
	if err := planTownshipRoute(ctx, env, tp, itinerant, vs); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	townshipStaffing(env, tp, ownTHC, env.clinicsOf[key])
	return nil
}

// chooseTownshipTHC sets the centre that runs the township's route: its
// own (the first when several carry its name), else the one nearest by the
// metric to any of its villages, borrowed.
func chooseTownshipTHC(tp *TownshipPlan, ownTHC, town []int, vs []VillageService) {
	if len(ownTHC) > 0 {
		tp.THC = ownTHC[0]
		if len(ownTHC) > 1 {
			tp.Flags = append(tp.Flags, FlagMultipleTHC)
		}
		return
	}
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

// countServices counts the township's villages per service and the village
// doctors they need, and returns the itinerant villages.
func countServices(env *clinicEnv, tp *TownshipPlan, town []int, vs []VillageService) []int {
	var itinerant []int
	for _, i := range town {
		v := &vs[i]
		switch v.Service {
		case ServiceOwnClinic:
			tp.OwnClinics++
			if !v.HostsJointClinic { // a host's clinic is counted with its group
				tp.DoctorsNeeded += VillageDoctorsNeeded(env.villages[i].Population)
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
			tp.DoctorsNeeded += VillageDoctorsNeeded(env.villages[i].Population)
		}
	}
	tp.JointClinics = len(tp.Joint)
	for _, jc := range tp.Joint {
		tp.DoctorsNeeded += jc.DoctorsNeeded
	}
	return itinerant
}

// planTownshipRoute plans the itinerant days from the township's centre;
// villages the metric cannot reach from it are flagged and left out.
func planTownshipRoute(ctx context.Context, env *clinicEnv, tp *TownshipPlan, itinerant []int, vs []VillageService) error {
	if len(itinerant) == 0 || tp.THC < 0 {
		return nil
	}
	if len(itinerant) > routeMaxStops {
		tp.Flags = append(tp.Flags, FlagRouteTooManyStops)
		return nil
	}
	tourKm, days, unreachable, err := planItinerantRoute(ctx, env.metric, facilitySite(&env.facilities[tp.THC]), itinerant, env.villages, env.maxRouteM)
	if err != nil {
		return err
	}
	tp.TourKm, tp.Route = tourKm, days
	for _, d := range tp.Route {
		tp.RouteKm += d.LengthKm
	}
	if len(unreachable) > 0 {
		tp.Flags = append(tp.Flags, FlagRouteStopsUnreachable)
		for _, i := range unreachable {
			vs[i].Flags = append(vs[i].Flags, FlagUnreachableFromTHC)
		}
	}
	return nil
}

// townshipStaffing sets the R11 quota of the township's centre and the
// village-doctor gap against its village clinics' staff.
func townshipStaffing(env *clinicEnv, tp *TownshipPlan, ownTHC, clinics []int) {
	tp.THCStaffMin, tp.THCStaffMax = THCStaffRange(tp.Population)
	tp.THCStaff = CapacityUnknown
	if len(ownTHC) > 0 {
		tp.THCStaff = env.facilities[tp.THC].Staff
	}
	tp.THCStaffGap = StaffGap(tp.THCStaffMin, tp.THCStaff)

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
}
