package planner

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/catchment/catchment/geo"
)

// DefaultEmergencyTypes returns, in a new slice, the tiers that count as
// emergency cover unless the caller chooses otherwise (policy digest R1:
// county hospital and township health centre form the rural emergency
// transfer network with the village clinic as its outer tier).
func DefaultEmergencyTypes() []FacilityType {
	return []FacilityType{CountyHospital, TownshipHealthCentre}
}

// CoverageOptions configures Coverage.
type CoverageOptions struct {
	// RadiiKm are the emergency radii to evaluate, in kilometres; at least
	// one when the metric counts metres. With a metric counting seconds they
	// are optional, as many as RadiiMinutes, and only used for the
	// straight-line comparison (CoverageResult.CoverLost, CoverGained).
	RadiiKm []float64
	// RadiiMinutes are travel-time radii in minutes, for a Metric counting
	// seconds (required then, and not allowed otherwise); see Limit.
	RadiiMinutes []float64
	// Types selects which facilities count as emergency cover; empty means
	// DefaultEmergencyTypes.
	Types []FacilityType
	// Metric measures the trip from each village to a facility; nil means
	// geo.Straight (WGS84 geodesic distance).
	Metric geo.Metric
	// Progress, when set, is called from worker goroutines with the number of
	// villages finished so far and the total.
	Progress func(done, total int)
}

// VillageCoverage is the coverage of one village.
type VillageCoverage struct {
	// Nearest is the index into the facilities slice of the emergency
	// facility of least cost by the metric, or -1 when there is none or the
	// village reaches none (Access.Unreachable then says why).
	Nearest int
	// Cost is the metric's cost to Nearest in its unit (metres or seconds;
	// +Inf when none).
	Cost float64
	// DistanceM is the length of the trip to Nearest in metres: the geodesic
	// distance for the straight-line metric, the way along the roads with
	// the off-road legs for a road network (+Inf when none, NaN when the
	// metric does not know it).
	DistanceM float64
	// Seconds is the travel time to Nearest (NaN when the metric has none,
	// as the straight line; +Inf when none).
	Seconds float64
	// Covered[k] reports Cost <= the k-th radius in the metric's unit
	// (inclusive).
	Covered []bool
	// StraightNearest and StraightDistanceM are the nearest emergency
	// facility by geodesic distance and that distance in metres (-1 and +Inf
	// when there is none), kept beside the metric's answer so that outputs
	// can show the difference; for the straight-line metric they equal
	// Nearest and DistanceM.
	StraightNearest   int
	StraightDistanceM float64
	// Unreachable says why Nearest is -1 although emergency facilities
	// exist: the metric's reason (geo.Accessor) when it gives one, else that
	// no facility is reachable; "" otherwise.
	Unreachable string
}

// Tally counts villages and people, and how many of each are covered within
// each radius (CoveredVillages[k] and CoveredPopulation[k] for RadiiKm[k]).
type Tally struct {
	Villages          int
	Population        int64
	CoveredVillages   []int
	CoveredPopulation []int64
}

// Share returns the covered share of population for radius k, in [0, 1]
// (0 when the tally has no people).
func (t Tally) Share(k int) float64 {
	if t.Population == 0 {
		return 0
	}
	return float64(t.CoveredPopulation[k]) / float64(t.Population)
}

// CountyTally is a Tally for one county.
type CountyTally struct {
	County string
	Tally
}

// CoverageResult is the outcome of Coverage. Villages is parallel to the
// villages given to Coverage.
type CoverageResult struct {
	RadiiKm []float64
	// RadiiMinutes are the travel-time radii (nil unless the metric counts
	// seconds).
	RadiiMinutes []float64
	// Metric is the metric's Name ("straight", "road", "od") and Unit what
	// its costs count; Limits[k] is radius k in that unit (metres or
	// seconds).
	Metric string
	Unit   geo.CostUnit
	Limits []float64
	// CoverLost[k] counts the villages within RadiiKm[k] of an emergency
	// facility in a straight line but not within radius k by the metric,
	// CoverGained[k] the reverse; both are all zero for the straight-line
	// metric, and nil when a travel-time metric was given no RadiiKm.
	CoverLost, CoverGained []int
	// Access, parallel to Villages, is how each village joins the metric's
	// network (the off-road leg, a fragment passed over, why it is
	// unreachable) when the metric has one (it implements geo.Accessor);
	// nil otherwise.
	Access   []geo.Access
	Villages []VillageCoverage
	Total    Tally
	// Counties are ordered by county name.
	Counties []CountyTally
	// Uncovered lists the indices of villages not covered within the largest
	// radius (of Limits), most populous first (ties by index).
	Uncovered []int
}

// ErrInvalidOptions reports options that cannot be evaluated.
var ErrInvalidOptions = fmt.Errorf("planner: invalid options")

// OptionError names the offending option.
type OptionError struct {
	Option string
	Reason string
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("planner: option %s: %s", e.Option, e.Reason)
}

func (e *OptionError) Unwrap() error { return ErrInvalidOptions }

// ValidateRadiusKm checks one radius in kilometres.
func ValidateRadiusKm(option string, r float64) error {
	if math.IsNaN(r) || math.IsInf(r, 0) || r <= 0 {
		return &OptionError{option, fmt.Sprintf("radius %v km must be a positive number", r)}
	}
	if r > 2000 {
		return &OptionError{option, fmt.Sprintf("radius %v km is larger than 2000 km", r)}
	}
	return nil
}

// validateRadii checks each radius and that none is listed twice.
func validateRadii(option string, radiiKm []float64) error {
	for i, r := range radiiKm {
		if err := ValidateRadiusKm(option, r); err != nil {
			return err
		}
		if slices.Contains(radiiKm[:i], r) {
			return &OptionError{option, fmt.Sprintf("radius %v km is listed twice", r)}
		}
	}
	return nil
}

func (o CoverageOptions) types() []FacilityType {
	if len(o.Types) == 0 {
		return DefaultEmergencyTypes()
	}
	return o.Types
}

func (o CoverageOptions) validate() ([]float64, error) {
	lim, err := limits(o.Metric, o.RadiiKm, o.RadiiMinutes)
	if err != nil {
		return nil, err
	}
	for _, t := range o.Types {
		if !t.Valid() {
			return nil, &OptionError{"types", fmt.Sprintf("unknown facility type %q", t)}
		}
	}
	return lim, nil
}

// emergencyFacilities returns the indices of the facilities of the given
// types, checking each; one with unusable coordinates is an *InputError.
func emergencyFacilities(facilities []Facility, types []FacilityType) ([]int, error) {
	var ids []int
	for i := range facilities {
		f := &facilities[i]
		if slices.Contains(types, f.Type) {
			if err := checkFacility(i, f); err != nil {
				return nil, err
			}
			ids = append(ids, i)
		}
	}
	return ids, nil
}

// Coverage finds, for every village, the emergency facility of least cost
// by opt.Metric (one Metric.Nearest call, without a limit) and whether it
// lies within each radius, keeps the straight-line nearest facility beside
// it, and tallies the result per county. Villages are the origins: the cost
// is the patient-transfer trip to the facility. Progress is reported
// through geo.WithProgress (and once at the end if the metric does not
// report). Coverage stops with ctx.Err() when ctx is cancelled. Invalid
// options give an *OptionError, unusable villages or facilities an
// *InputError.
func Coverage(ctx context.Context, villages []Village, facilities []Facility, opt CoverageOptions) (*CoverageResult, error) {
	lim, err := opt.validate()
	if err != nil {
		return nil, err
	}
	for i := range villages {
		if err := checkVillage(i, &villages[i]); err != nil {
			return nil, err
		}
	}
	ids, err := emergencyFacilities(facilities, opt.types())
	if err != nil {
		return nil, err
	}
	m := metricOr(opt.Metric)
	vsites, fsites := villageSites(villages, nil), facilitySites(facilities, ids)
	prog := &progressOnce{fn: opt.Progress}
	reach, err := m.Nearest(geo.WithProgress(ctx, prog.report()), vsites, fsites, math.Inf(1))
	if err != nil {
		return nil, err
	}
	prog.finish(len(villages))
	if err := metricLen(m, "Nearest", len(reach), len(villages)); err != nil {
		return nil, err
	}
	straight := reach
	if !isStraight(m) {
		if straight, err = (geo.Straight{}).Nearest(ctx, vsites, fsites, math.Inf(1)); err != nil {
			return nil, err
		}
	}
	res := &CoverageResult{RadiiKm: slices.Clone(opt.RadiiKm), RadiiMinutes: slices.Clone(opt.RadiiMinutes),
		Metric: m.Name(), Unit: m.Unit(), Limits: lim, Villages: make([]VillageCoverage, len(villages))}
	if a, ok := m.(geo.Accessor); ok {
		if res.Access, err = a.Access(ctx, vsites); err != nil {
			return nil, err
		}
		if err := metricLen(m, "Access", len(res.Access), len(villages)); err != nil {
			return nil, err
		}
	}
	if len(res.RadiiKm) == 0 {
		res.RadiiKm = nil
	}
	if len(res.RadiiMinutes) == 0 {
		res.RadiiMinutes = nil
	}
	covered := make([]bool, len(villages)*len(lim)) // one backing array
	for i := range res.Villages {
		vc := &res.Villages[i]
		vc.Covered = covered[i*len(lim) : (i+1)*len(lim) : (i+1)*len(lim)]
		vc.fill(reach[i], straight[i], ids, lim)
		if vc.Nearest < 0 && len(ids) > 0 {
			vc.Unreachable = fmt.Sprintf("no emergency facility reachable by the %s metric", m.Name())
			if res.Access != nil && res.Access[i].Unreachable != "" {
				vc.Unreachable = res.Access[i].Unreachable
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.tally(villages)
	res.compareStraight()
	return res, nil
}

// fill sets the village's figures from the metric's and the straight
// line's answers; Covered must already be sized.
func (vc *VillageCoverage) fill(r, s geo.Reach, ids []int, lim []float64) {
	vc.Nearest, vc.Cost, vc.DistanceM, vc.Seconds = -1, math.Inf(1), math.Inf(1), math.Inf(1)
	if r.Index >= 0 {
		vc.Nearest, vc.Cost, vc.DistanceM, vc.Seconds = ids[r.Index], r.Cost, r.DistanceM, r.Seconds
		for k, l := range lim {
			vc.Covered[k] = r.Cost <= l
		}
	}
	vc.StraightNearest, vc.StraightDistanceM = -1, math.Inf(1)
	if s.Index >= 0 {
		vc.StraightNearest, vc.StraightDistanceM = ids[s.Index], s.DistanceM
	}
}

// compareStraight counts, per radius, the villages whose cover differs
// between the straight line (within RadiiKm) and the metric.
func (res *CoverageResult) compareStraight() {
	if len(res.RadiiKm) != len(res.Limits) {
		return
	}
	res.CoverLost, res.CoverGained = make([]int, len(res.Limits)), make([]int, len(res.Limits))
	for i := range res.Villages {
		vc := &res.Villages[i]
		for k, c := range vc.Covered {
			switch straight := vc.StraightDistanceM <= res.RadiiKm[k]*1000; {
			case straight && !c:
				res.CoverLost[k]++
			case c && !straight:
				res.CoverGained[k]++
			}
		}
	}
}

// progressOnce forwards a metric's progress reports to fn and makes sure
// the final one (done == total) is reported once the query returns, for
// metrics that do not report.
type progressOnce struct {
	fn   func(done, total int)
	mu   sync.Mutex
	last bool
}

func (p *progressOnce) report() func(done, total int) {
	if p.fn == nil {
		return nil
	}
	return func(done, total int) {
		p.mu.Lock()
		p.last = p.last || done >= total
		p.mu.Unlock()
		p.fn(done, total)
	}
}

func (p *progressOnce) finish(total int) {
	if p.fn != nil && !p.last && total > 0 {
		p.fn(total, total)
	}
}

func newTally(n int) Tally {
	return Tally{CoveredVillages: make([]int, n), CoveredPopulation: make([]int64, n)}
}

func (t *Tally) add(v *Village, covered []bool) {
	t.Villages++
	t.Population += int64(v.Population)
	for k, c := range covered {
		if c {
			t.CoveredVillages[k]++
			t.CoveredPopulation[k] += int64(v.Population)
		}
	}
}

func (res *CoverageResult) tally(villages []Village) {
	n := len(res.Limits)
	res.Total = newTally(n)
	byCounty := map[string]*CountyTally{}
	last := n - 1
	if maxK := slices.Index(res.Limits, slices.Max(res.Limits)); maxK >= 0 {
		last = maxK
	}
	for i := range villages {
		v := &villages[i]
		vc := res.Villages[i].Covered
		res.Total.add(v, vc)
		ct := byCounty[v.County]
		if ct == nil {
			ct = &CountyTally{County: v.County, Tally: newTally(n)}
			byCounty[v.County] = ct
		}
		ct.add(v, vc)
		if !vc[last] {
			res.Uncovered = append(res.Uncovered, i)
		}
	}
	for _, ct := range byCounty {
		res.Counties = append(res.Counties, *ct)
	}
	slices.SortFunc(res.Counties, func(a, b CountyTally) int {
		if a.County < b.County {
			return -1
		}
		if a.County > b.County {
			return 1
		}
		return 0
	})
	slices.SortStableFunc(res.Uncovered, func(a, b int) int {
		return villages[b].Population - villages[a].Population
	})
}
