package planner

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/catchment/catchment/geo"
)

// serviceEligible marks, during planning only, a village that may join a
// joint clinic (rule 4 of classifyClinicVillage). The township step replaces
// it with joint_host, joint_member or single before PlanClinics returns.
const serviceEligible Service = "eligible"

// classifyClinicVillages runs the per-village rules on all CPUs: nearest
// township health centre (any county), the ordered classification and the
// "no clinic nearby" check for required own clinics.
func classifyClinicVillages(ctx context.Context, env *clinicEnv, out []VillageService) error {
	thcIx, thcIDs, err := EmergencyIndex(env.facilities, []FacilityType{TownshipHealthCentre})
	if err != nil {
		return err
	}
	vcIx, _, err := EmergencyIndex(env.facilities, []FacilityType{VillageClinic})
	if err != nil {
		return err
	}
	nearM := env.opt.NearTHCKm * 1000

	const chunk = 2048
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	n := len(env.villages)
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(chunk) - chunk)
				if lo >= n || ctx.Err() != nil {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					v := &env.villages[i]
					vs := &out[i]
					vs.HostIndex = -1
					vs.NearestTHCIndex, vs.NearestTHCDistanceM = nearestClinicTHC(env, thcIx, thcIDs, v)
					vs.Service, vs.Required = classifyClinicVillage(v.Population, vs.NearestTHCDistanceM, env.opt)
					if vs.Required {
						found := false
						vcIx.Within(v.Location, nearM, func(int, float64) bool {
							found = true
							return false
						})
						if !found {
							vs.Flags = append(vs.Flags, FlagNoClinicNearby)
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// nearestClinicTHC returns the facility index and geodesic distance in
// metres of the township health centre nearest to v (ties: lowest facility
// index), or -1 and +Inf when there is none. It answers exactly what
// thcIx.Nearest would, but when v's own township has a centre its distance
// bounds the search, and a bounded Within query is several times cheaper
// than a best-first nearest search (about 3.6 µs against 11 µs per village
// on the 1,000-county benchmark).
func nearestClinicTHC(env *clinicEnv, thcIx *geo.Index, thcIDs []int, v *Village) (int, float64) {
	if own := env.thcOf[clinicTownshipKey{v.County, v.Township}]; len(own) > 0 {
		r := math.Inf(1)
		for _, f := range own {
			r = min(r, geo.DistanceM(v.Location, env.facilities[f].Location))
		}
		best, bestD := -1, math.Inf(1)
		thcIx.Within(v.Location, r, func(j int, d float64) bool {
			if f := thcIDs[j]; d < bestD || d == bestD && f < best {
				best, bestD = f, d
			}
			return true
		})
		if best >= 0 {
			return best, bestD
		}
	}
	if j, d, ok := thcIx.Nearest(v.Location); ok {
		return thcIDs[j], d
	}
	return -1, math.Inf(1)
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
