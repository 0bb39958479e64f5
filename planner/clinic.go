package planner

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/catchment/catchment/geo"
)

// ClinicOptions configures PlanClinics. Population thresholds count resident
// people of one administrative village; distances are kilometres measured
// by Metric. The zero value is not usable (MaxRouteKm must be positive):
// start from DefaultClinicOptions.
type ClinicOptions struct {
	// Metric measures every distance of the clinic plan: nearness to a
	// township health centre or village clinic, joint-clinic adjacency (a
	// member's trip to its host) and itinerant routes. Nil means
	// geo.Straight. It must count metres (the thresholds below are
	// kilometres); a travel-time metric is an *OptionError.
	Metric geo.Metric
	// ItinerantBelow: villages with fewer residents are served by itinerant
	// visits from the township health centre (R6, Shanxi: 200).
	ItinerantBelow int
	// MergeBelow: villages with fewer residents (and at least ItinerantBelow)
	// may share a joint clinic with neighbours (R7, R8, Ordos: 500).
	MergeBelow int
	// OwnClinicFrom: villages with at least this many residents must have a
	// clinic of their own (R9, Dadukou: 800).
	OwnClinicFrom int
	// MergeKm is how far (inclusive) a village may be from the host of its
	// joint clinic; a joint-clinic eligible village with no other village of
	// its township this close is single. The digest leaves "adjacent" open
	// (R7, R8); 3 km default.
	MergeKm float64
	// NearTHCKm is how close (inclusive) a village must be to a township
	// health centre to be served by it directly (R6), and how close a village
	// clinic must be for a required own-clinic village not to be flagged.
	NearTHCKm float64
	// MaxRouteKm is the longest closed itinerant tour one day allows; longer
	// tours are split into several days.
	MaxRouteKm float64
	// Progress, when set, is called from worker goroutines with the number of
	// townships finished so far and the total.
	Progress func(done, total int)
}

// DefaultClinicOptions returns the policy defaults: itinerant below 200
// residents (R6), joint clinics below 500 (R8), own clinic from 800 (R9),
// joint clinics within 3 km of their host, township-centre service within
// 2 km of a township health centre and at most 60 km of itinerant route per
// day.
func DefaultClinicOptions() ClinicOptions {
	return ClinicOptions{
		ItinerantBelow: 200,
		MergeBelow:     500,
		OwnClinicFrom:  800,
		MergeKm:        3,
		NearTHCKm:      2,
		MaxRouteKm:     60,
	}
}

func (o ClinicOptions) validate() error {
	for _, t := range []struct {
		name string
		v    int
	}{{"itinerant-below", o.ItinerantBelow}, {"merge-below", o.MergeBelow}, {"own-clinic-from", o.OwnClinicFrom}} {
		if t.v < 0 {
			return &OptionError{t.name, fmt.Sprintf("threshold %d residents must not be negative", t.v)}
		}
	}
	if o.ItinerantBelow > o.MergeBelow {
		return &OptionError{"merge-below", fmt.Sprintf("threshold %d must be at least itinerant-below (%d)", o.MergeBelow, o.ItinerantBelow)}
	}
	if o.MergeBelow > o.OwnClinicFrom {
		return &OptionError{"own-clinic-from", fmt.Sprintf("threshold %d must be at least merge-below (%d)", o.OwnClinicFrom, o.MergeBelow)}
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"merge-km", o.MergeKm}, {"near-thc-km", o.NearTHCKm}, {"max-route-km", o.MaxRouteKm}} {
		if math.IsNaN(t.v) || math.IsInf(t.v, 0) || t.v < 0 {
			return &OptionError{t.name, fmt.Sprintf("distance %v km must be a finite, non-negative number", t.v)}
		}
		if t.v > 2000 {
			return &OptionError{t.name, fmt.Sprintf("distance %v km is larger than 2000 km", t.v)}
		}
	}
	if o.MaxRouteKm == 0 {
		return &OptionError{"max-route-km", "a day's route must be allowed a positive length"}
	}
	if m := metricOr(o.Metric); m.Unit() != geo.Metres {
		return &OptionError{"distance", fmt.Sprintf("the clinic plan's distances are kilometres, but the %s metric counts travel time: give the clinic plan a metric counting metres", m.Name())}
	}
	return nil
}

// Service is how a clinic plan serves one village.
type Service string

// The services a clinic plan assigns.
const (
	// ServiceOwnClinic: the village has (or needs) a clinic of its own.
	ServiceOwnClinic Service = "own_clinic"
	// ServiceJointHost: a joint-clinic-eligible village that hosts a joint
	// clinic, for its neighbours or (FlagJointGroupOfOne) for itself only.
	ServiceJointHost Service = "joint_host"
	// ServiceJointMember: served by the joint clinic in the village HostIndex.
	ServiceJointMember Service = "joint_member"
	// ServiceItinerant: served by itinerant visits from the township health
	// centre (see TownshipPlan.Route).
	ServiceItinerant Service = "itinerant"
	// ServiceTownshipCentre: close enough to a township health centre to be
	// served by it directly.
	ServiceTownshipCentre Service = "township_centre"
	// ServiceSingle: joint-clinic eligible but no other village of its
	// township, of any service, lies within MergeKm, so there is no
	// neighbour to share or extend a clinic; counted as needing a clinic of
	// its own, but the planner must decide (flagged).
	ServiceSingle Service = "single"
)

// Flags attached to villages, route days and townships of a clinic plan.
const (
	// FlagNoClinicNearby (village): a required own-clinic village with no
	// village clinic within NearTHCKm.
	FlagNoClinicNearby = "no_clinic_nearby"
	// FlagNoNeighbourWithinMergeKm (village): a ServiceSingle village: no
	// other village of its township within MergeKm.
	FlagNoNeighbourWithinMergeKm = "no_neighbour_within_merge_km"
	// FlagJointGroupOfOne (village): an eligible host to which no other
	// village was assigned: the minimum cover needs it as a host but its
	// eligible neighbours are nearer to other hosts, or its only neighbours
	// are smaller villages that are not eligible (they keep their own
	// service), so it is its own most populous host.
	FlagJointGroupOfOne = "joint_group_of_one"
	// FlagRoundTripExceedsMaxRoute (route day): one village whose round trip
	// from the township health centre alone is longer than MaxRouteKm.
	FlagRoundTripExceedsMaxRoute = "round_trip_exceeds_max_route_km"
	// FlagUnreachableFromTHC (village): an itinerant village the metric
	// cannot reach from the township's health centre or return from (a road
	// network that does not join them); it is on no route day.
	FlagUnreachableFromTHC = "unreachable_from_thc"
	// FlagRouteStopsUnreachable (township): some itinerant villages are
	// FlagUnreachableFromTHC and left out of the route.
	FlagRouteStopsUnreachable = "route_stops_unreachable"
	// FlagTHCNotInTownship (township): the township has no township health
	// centre of its own; the one nearest to its villages is used for routes.
	FlagTHCNotInTownship = "thc_not_in_township"
	// FlagMultipleTHC (township): several township health centres carry this
	// township's name; the first in input order is used.
	FlagMultipleTHC = "multiple_thc_in_township"
	// FlagNoTHC (township): the input has no township health centre at all,
	// so no itinerant route can be planned.
	FlagNoTHC = "no_thc"
	// FlagCoverNotExact (township): the joint-clinic set cover hit its work
	// budget; the hosts are the best found, not a proven optimum.
	FlagCoverNotExact = "joint_cover_not_exact"
	// FlagRouteTooManyStops (township): more itinerant villages than one
	// route is planned for (see routeMaxStops); no Route is given.
	FlagRouteTooManyStops = "route_not_planned_too_many_stops"
	// FlagVillageClinicStaffPartial (township): some village clinics have no
	// staff figure; VillageClinicStaff counts the known ones only, so
	// DoctorGap is an upper bound.
	FlagVillageClinicStaffPartial = "village_clinic_staff_partly_unknown"
)

// VillageService is the plan for one village.
type VillageService struct {
	Service Service
	// Required is true for own-clinic villages at or above OwnClinicFrom (R9).
	Required bool
	// HostIndex is the village index of the joint clinic serving this
	// village: the host for joint members, the village itself for any host
	// (HostsJointClinic), -1 otherwise.
	HostIndex int
	// HostsJointClinic is true when a joint clinic is placed in this village.
	// It is set for joint_host villages and also for villages of another
	// service (own_clinic, itinerant, township_centre) chosen as host: they
	// keep their own Service and additionally house the joint clinic.
	HostsJointClinic bool
	// NearestTHCIndex is the facility index of the nearest township health
	// centre of any county by the metric (-1 when there is none or none is
	// reachable), NearestTHCDistanceM the metric's distance to it in metres
	// (+Inf when none).
	NearestTHCIndex     int
	NearestTHCDistanceM float64
	// TownshipIndex is the position of the village's township in
	// ClinicPlan.Townships.
	TownshipIndex int
	Flags         []string
}

// JointClinic is one joint clinic (联办/合建卫生室).
type JointClinic struct {
	// Host is the village index of the village housing the clinic.
	Host int
	// Members are the other villages it serves (ascending index, host
	// excluded).
	Members []int
	// PopulationServed is the residents of the host and the members.
	PopulationServed int
	// DoctorsNeeded is VillageDoctorsNeeded(PopulationServed) (R10).
	DoctorsNeeded int
}

// TownshipPlan is the plan and its totals for one township, identified by
// its County and Township names.
type TownshipPlan struct {
	County, Township string
	// THC is the facility index of the township health centre that runs the
	// township's itinerant route, -1 when there is none (see Flags).
	THC        int
	Villages   int
	Population int64

	// Number of villages per service; JointClinics counts clinics.
	OwnClinics, JointClinics, JointMembers, ItinerantVillages, TownshipCentreVillages, SingleVillages int
	// Joint lists the joint clinics, ordered by host index.
	Joint []JointClinic

	// Route holds the itinerant days, RouteKm their total length. TourKm is
	// the length of the single optimised closed tour before it was split
	// (0 when, on a metric with missing links, that tour has a leg without
	// a route).
	Route   []RouteDay
	RouteKm float64
	TourKm  float64

	// DoctorsNeeded is the village doctors needed (R10): one clinic per
	// own-clinic village that hosts no joint clinic and per single village,
	// plus each joint clinic's DoctorsNeeded, which covers its host whatever
	// the host's service (so a host's own clinic is not counted twice).
	DoctorsNeeded int
	// VillageClinics counts the township's village-clinic facilities;
	// VillageClinicStaff sums their known Staff (CapacityUnknown when there
	// are clinics and none has a figure); DoctorGap is
	// StaffGap(DoctorsNeeded, VillageClinicStaff).
	VillageClinics, VillageClinicStaff, DoctorGap int
	// THCStaffMin and THCStaffMax are the R11 quota (see THCStaffRange);
	// THCStaff is the township's own centre's Staff (CapacityUnknown when
	// unknown or when the centre is borrowed from another township);
	// THCStaffGap is StaffGap(THCStaffMin, THCStaff).
	THCStaffMin, THCStaffMax, THCStaff, THCStaffGap int

	// Exact reports that the joint-clinic hosts are a proven optimum.
	Exact bool
	Flags []string
}

// ClinicPlan is the outcome of PlanClinics.
type ClinicPlan struct {
	// Villages is parallel to the villages given to PlanClinics.
	Villages []VillageService
	// Townships are ordered by county, then township name.
	Townships []TownshipPlan
}

func validateClinicInput(villages []Village, facilities []Facility) error {
	for i := range villages {
		v := &villages[i]
		if err := checkVillage(i, v); err != nil {
			return err
		}
	}
	for i := range facilities {
		f := &facilities[i]
		if f.Type != TownshipHealthCentre && f.Type != VillageClinic {
			continue // other tiers play no part in a clinic plan
		}
		if r := pointProblem(f.Location); r != "" {
			return facilityError(i, f, r)
		}
		if f.Staff < CapacityUnknown {
			return facilityError(i, f, fmt.Sprintf("staff %d is negative", f.Staff))
		}
	}
	return nil
}

// clinicTownshipKey identifies a township: names are only unique within a county.
type clinicTownshipKey struct{ County, Township string }

// clinicEnv is the read-only state shared by the township workers.
type clinicEnv struct {
	villages   []Village
	facilities []Facility
	opt        ClinicOptions
	metric     geo.Metric
	mergeM     float64
	maxRouteM  float64
	thcOf      map[clinicTownshipKey][]int // THC facility indices per township
	clinicsOf  map[clinicTownshipKey][]int // village-clinic facility indices per township
	budget     int                         // set-cover search nodes per township
}

// clinicCoverBudget bounds the set-cover search work per township, counted
// in bitset words touched (about 10^8 is well under a second). Townships of
// 15–40 villages use a tiny fraction; the budget only guards against
// pathological inputs such as thousands of villages under one township.
const clinicCoverBudget = 200_000_000

// PlanClinics plans village clinics for every township (County+Township
// pair): it classifies each village (own clinic, township centre,
// itinerant, joint clinic or single; rules R6–R9), chooses joint-clinic
// hosts by an exact minimum set cover per township, plans itinerant routes
// from the township health centre, and totals staffing needs (R10, R11).
//
// Joint clinics: every joint-clinic eligible village with another village
// of its township within MergeKm is served by a joint clinic. The hosts are
// the fewest villages of the township (any service; a host keeps its own
// service and also houses the clinic) such that every such village lies
// within MergeKm of one; ties go to the largest total host population, then
// the smallest host IDs. Each member joins its nearest host. Only eligible
// villages without any neighbour within MergeKm are single.
//
// Distances are measured by opt.Metric (WGS84 geodesic by default) and
// every radius is inclusive. The set cover is exact on any metric: it only
// depends on who lies within MergeKm of whom. Townships
// are planned in parallel on all CPUs; PlanClinics returns ctx.Err() when
// ctx is cancelled. Invalid options give an *OptionError, unusable villages
// or facilities (non-finite or out-of-range coordinates, negative
// population or staff) a *InputError; nothing is dropped silently.
func PlanClinics(ctx context.Context, villages []Village, facilities []Facility, opt ClinicOptions) (*ClinicPlan, error) {
	return planClinics(ctx, villages, facilities, opt, clinicCoverBudget)
}

// planClinics is PlanClinics with the per-township set-cover work budget as
// a parameter, so tests can make it run out.
func planClinics(ctx context.Context, villages []Village, facilities []Facility, opt ClinicOptions, budget int) (*ClinicPlan, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	if err := validateClinicInput(villages, facilities); err != nil {
		return nil, err
	}
	env := &clinicEnv{
		villages:   villages,
		facilities: facilities,
		opt:        opt,
		metric:     metricOr(opt.Metric),
		mergeM:     opt.MergeKm * 1000,
		maxRouteM:  opt.MaxRouteKm * 1000,
		thcOf:      map[clinicTownshipKey][]int{},
		clinicsOf:  map[clinicTownshipKey][]int{},
		budget:     budget,
	}
	for i := range facilities {
		f := &facilities[i]
		k := clinicTownshipKey{f.County, f.Township}
		switch f.Type {
		case TownshipHealthCentre:
			env.thcOf[k] = append(env.thcOf[k], i)
		case VillageClinic:
			env.clinicsOf[k] = append(env.clinicsOf[k], i)
		}
	}
	plan := &ClinicPlan{Villages: make([]VillageService, len(villages))}
	if err := classifyClinicVillages(ctx, env, plan.Villages); err != nil {
		return nil, err
	}
	members := groupClinicTownships(villages, plan)
	if err := planClinicTownships(ctx, env, plan, members); err != nil {
		return nil, err
	}
	return plan, nil
}

// groupClinicTownships fills plan.Townships (sorted by county, township) and each
// village's TownshipIndex, and returns the village indices per township in
// ascending order.
func groupClinicTownships(villages []Village, plan *ClinicPlan) [][]int {
	pos := map[clinicTownshipKey]int{}
	var keys []clinicTownshipKey
	for i := range villages {
		k := clinicTownshipKey{villages[i].County, villages[i].Township}
		if _, ok := pos[k]; !ok {
			pos[k] = len(keys)
			keys = append(keys, k)
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(keys[a].County, keys[b].County), cmp.Compare(keys[a].Township, keys[b].Township))
	})
	rank := make([]int, len(keys))
	plan.Townships = make([]TownshipPlan, len(keys))
	for r, k := range order {
		rank[k] = r
		plan.Townships[r] = TownshipPlan{County: keys[k].County, Township: keys[k].Township, THC: -1, Exact: true}
	}
	counts := make([]int, len(keys))
	for i := range villages {
		t := rank[pos[clinicTownshipKey{villages[i].County, villages[i].Township}]]
		plan.Villages[i].TownshipIndex = t
		counts[t]++
	}
	members := make([][]int, len(keys))
	for t := range members {
		members[t] = make([]int, 0, counts[t])
	}
	for i := range villages {
		t := plan.Villages[i].TownshipIndex
		members[t] = append(members[t], i)
	}
	return members
}

// planClinicTownships runs planClinicTownship over all townships on GOMAXPROCS workers.
// Each township writes only its own villages' entries, so no locking is
// needed beyond the work counter.
func planClinicTownships(ctx context.Context, env *clinicEnv, plan *ClinicPlan, members [][]int) error {
	var (
		next, done atomic.Int64
		wg         sync.WaitGroup
		errMu      sync.Mutex
		firstErr   error
	)
	n := len(members)
	workers := min(runtime.GOMAXPROCS(0), n)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch clinicScratch
			for {
				t := int(next.Add(1) - 1)
				if t >= n || ctx.Err() != nil {
					return
				}
				if err := planClinicTownship(ctx, env, &plan.Townships[t], members[t], plan.Villages, &scratch); err != nil {
					errMu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					errMu.Unlock()
					return
				}
				if env.opt.Progress != nil {
					env.opt.Progress(int(done.Add(1)), n)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstErr
}
