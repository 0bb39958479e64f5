package planner

import (
	"context"
	"math"
)

// serviceEligible marks, during planning only, a village that may join a
// joint clinic (rule 4 of classifyClinicVillage). The township step replaces
// it with joint_host, joint_member or single before PlanClinics returns.
const serviceEligible Service = "eligible"

// classifyClinicVillages runs the per-village rules: the nearest township
// health centre of any county (one Metric.Nearest over all villages), the
// ordered classification and the "no clinic nearby" check for required own
// clinics (one Metric.Nearest from those villages to the village clinics,
// limited to NearTHCKm).
func classifyClinicVillages(ctx context.Context, env *clinicEnv, out []VillageService) error {
	thcIDs, err := emergencyFacilities(env.facilities, []FacilityType{TownshipHealthCentre})
	if err != nil {
		return err
	}
	vcIDs, err := emergencyFacilities(env.facilities, []FacilityType{VillageClinic})
	if err != nil {
		return err
	}
	thc, err := env.metric.Nearest(ctx, villageSites(env.villages, nil), facilitySites(env.facilities, thcIDs), math.Inf(1))
	if err != nil {
		return err
	}
	if err := metricLen(env.metric, "Nearest", len(thc), len(env.villages)); err != nil {
		return err
	}
	var required []int
	for i := range env.villages {
		vs := &out[i]
		vs.HostIndex = -1
		vs.NearestTHCIndex, vs.NearestTHCDistanceM = -1, math.Inf(1)
		if r := thc[i]; r.Index >= 0 {
			vs.NearestTHCIndex, vs.NearestTHCDistanceM = thcIDs[r.Index], r.Cost
		}
		vs.Service, vs.Required = classifyClinicVillage(env.villages[i].Population, vs.NearestTHCDistanceM, env.opt)
		if vs.Required {
			required = append(required, i)
		}
	}
	if len(required) == 0 {
		return ctx.Err()
	}
	vc, err := env.metric.Nearest(ctx, villageSites(env.villages, required), facilitySites(env.facilities, vcIDs), env.opt.NearTHCKm*1000)
	if err != nil {
		return err
	}
	if err := metricLen(env.metric, "Nearest", len(vc), len(required)); err != nil {
		return err
	}
	for k, i := range required {
		if vc[k].Index < 0 {
			out[i].Flags = append(out[i].Flags, FlagNoClinicNearby)
		}
	}
	return nil
}

// classifyClinicVillage applies the rules in their fixed order: a village at
// or above OwnClinicFrom needs its own clinic whatever else holds (R9);
// otherwise nearness to a township health centre (inclusive, R6) wins over
// size; then fewer than ItinerantBelow residents means itinerant service
// (R6), fewer than MergeBelow joint-clinic eligibility (R7, R8), and the
// rest keep an own clinic that policy does not require.
func classifyClinicVillage(population int, thcDistanceM float64, opt ClinicOptions) (Service, bool) {
	switch {
	case population >= opt.OwnClinicFrom:
		return ServiceOwnClinic, true
	case thcDistanceM <= opt.NearTHCKm*1000:
		return ServiceTownshipCentre, false
	case population < opt.ItinerantBelow:
		return ServiceItinerant, false
	case population < opt.MergeBelow:
		return serviceEligible, false
	}
	return ServiceOwnClinic, false
}
