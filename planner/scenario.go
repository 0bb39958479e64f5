package planner

import (
	"context"
	"fmt"
	"slices"

	"github.com/catchment/catchment/geo"
)

// Scenario is what a planner asks for, as given: a policy preset and the
// figures that override it. Nil pointers and empty slices mean "the
// policy's figure" (or the planner default where a policy has none). The
// command line and the HTTP API both fill a Scenario, so both resolve and
// run plans the same way.
type Scenario struct {
	Policy string // "" means DefaultPolicy
	// RadiiKm: one radius, or several for a sweep.
	RadiiKm []float64
	// Subcentres: K values per county (0 = automatic); several for a sweep.
	Subcentres    []int
	MinGainPop    *int
	MinFarKm      *float64
	ExistingTypes []FacilityType
	// Candidates replaces the far township health centres as sub-centre
	// candidates when non-nil.
	Candidates []Facility

	ItinerantBelow, MergeBelow, OwnClinicFrom *int
	MergeKm, NearTHCKm, MaxRouteKm            *float64

	// Metric measures every step; nil means geo.Straight. ClinicMetric, when
	// set, measures the clinic plan instead (its distances are kilometres:
	// with a Metric counting seconds, give the same network counting
	// metres); nil means Metric.
	Metric, ClinicMetric geo.Metric
	// RadiiMinutes are travel-time radii for a Metric counting seconds
	// (required then, and not allowed otherwise): one, or several for a
	// sweep, which then sweeps minutes instead of RadiiKm.
	RadiiMinutes []float64
}

// DefaultPolicy is the preset used when a Scenario names none.
const DefaultPolicy = "shanxi"

// ResolvedScenario is a Scenario with every figure decided.
type ResolvedScenario struct {
	Policy Policy
	// RadiiKm and Subcentres list the sweep; Plan holds the first of each,
	// the combination whose detailed results are produced.
	// RadiiMinutes replaces RadiiKm as the swept radii when the metric
	// counts seconds (nil otherwise).
	RadiiKm      []float64
	RadiiMinutes []float64
	Subcentres   []int
	Plan         PlanOptions
}

// Sweep reports whether the scenario compares several combinations.
func (r ResolvedScenario) Sweep() bool {
	return len(r.RadiiKm) > 1 || len(r.RadiiMinutes) > 1 || len(r.Subcentres) > 1
}

// sweptRadii are the radii the sweep runs over, in the metric's radius unit
// (minutes for a metric counting seconds, else km).
func (r ResolvedScenario) sweptRadii() []float64 {
	if metricOr(r.Plan.Metric).Unit() == geo.Seconds {
		return r.RadiiMinutes
	}
	return r.RadiiKm
}

// resolveMinutes checks the travel-time radii against the metric and sets
// them on the plan.
func (r *ResolvedScenario) resolveMinutes(s Scenario) error {
	if metricOr(s.Metric).Unit() != geo.Seconds {
		if len(s.RadiiMinutes) > 0 {
			return &OptionError{"minutes", fmt.Sprintf("travel-time radii need a metric counting seconds; the %s metric counts metres", metricOr(s.Metric).Name())}
		}
		return nil
	}
	if len(s.RadiiMinutes) == 0 {
		return &OptionError{"minutes", fmt.Sprintf("the %s metric counts travel time: at least one radius in minutes is needed", metricOr(s.Metric).Name())}
	}
	for i, m := range s.RadiiMinutes {
		if err := ValidateRadiusMinutes("minutes", m); err != nil {
			return err
		}
		if slices.Contains(s.RadiiMinutes[:i], m) {
			return &OptionError{"minutes", fmt.Sprintf("radius %v minutes is listed twice", m)}
		}
	}
	r.RadiiMinutes = slices.Clone(s.RadiiMinutes)
	r.Plan.RadiusMinutes = r.RadiiMinutes[0]
	r.Plan.Subcentres.RadiusMinutes = r.RadiiMinutes[0]
	return nil
}

// Resolve applies the policy to the scenario and validates every figure;
// errors are *OptionError naming the offending option.
func (s Scenario) Resolve() (ResolvedScenario, error) {
	name := s.Policy
	if name == "" {
		name = DefaultPolicy
	}
	pol, err := LookupPolicy(name)
	if err != nil {
		return ResolvedScenario{}, err
	}
	r := ResolvedScenario{Policy: pol, RadiiKm: slices.Clone(s.RadiiKm), Subcentres: slices.Clone(s.Subcentres)}
	if len(r.RadiiKm) == 0 {
		r.RadiiKm = []float64{pol.RadiusKm.Value}
	}
	if err := validateRadii("radius-km", r.RadiiKm); err != nil {
		return ResolvedScenario{}, err
	}
	if len(r.Subcentres) == 0 {
		r.Subcentres = []int{0}
	}
	for i, k := range r.Subcentres {
		if k < 0 || k > MaxSubcentresPerCounty {
			return ResolvedScenario{}, &OptionError{"subcentres", fmt.Sprintf("%d sites per county: want 1..%d or automatic (R2)", k, MaxSubcentresPerCounty)}
		}
		if slices.Contains(r.Subcentres[:i], k) {
			return ResolvedScenario{}, &OptionError{"subcentres", fmt.Sprintf("%s is listed twice", kName(k))}
		}
	}
	minFar := or(s.MinFarKm, pol.MinFarKm.Value)
	r.Plan = PlanOptions{
		RadiusKm: r.RadiiKm[0],
		Subcentres: SubcentreOptions{
			RadiusKm:      r.RadiiKm[0],
			ExistingTypes: slices.Clone(s.ExistingTypes),
			MinFarKm:      &minFar,
			K:             r.Subcentres[0],
			MaxK:          pol.MaxSubcentres.Value,
			MinGainPop:    or(s.MinGainPop, DefaultSubcentreMinGainPop),
			Candidates:    s.Candidates,
		},
		Clinics: ClinicOptions{
			ItinerantBelow: or(s.ItinerantBelow, pol.ItinerantBelow.Value),
			MergeBelow:     or(s.MergeBelow, pol.MergeBelow.Value),
			OwnClinicFrom:  or(s.OwnClinicFrom, pol.OwnClinicFrom.Value),
			MergeKm:        or(s.MergeKm, pol.MergeKm.Value),
			NearTHCKm:      or(s.NearTHCKm, pol.NearTHCKm.Value),
			MaxRouteKm:     or(s.MaxRouteKm, pol.MaxRouteKm.Value),
		},
	}
	r.Plan.MinSubcentres, r.Plan.MaxSubcentres = pol.MinSubcentres, pol.MaxSubcentres
	r.Plan.Metric, r.Plan.Subcentres.Metric, r.Plan.Clinics.Metric = s.Metric, s.Metric, s.ClinicMetric
	if s.ClinicMetric == nil {
		r.Plan.Clinics.Metric = s.Metric
	}
	if err := r.resolveMinutes(s); err != nil {
		return ResolvedScenario{}, err
	}
	// An explicit K above the policy's cap is the planner's call (a note,
	// not an error); MaxK only caps the automatic choice.
	if k := slices.Max(r.Subcentres); k > r.Plan.Subcentres.MaxK {
		r.Plan.Subcentres.MaxK = k
	}
	if err := r.Plan.Subcentres.validate(); err != nil {
		return ResolvedScenario{}, err
	}
	// Blame the threshold the planner set, not the policy's figure it now
	// contradicts.
	c := r.Plan.Clinics
	if c.ItinerantBelow > c.MergeBelow && s.ItinerantBelow != nil && s.MergeBelow == nil {
		return ResolvedScenario{}, &OptionError{"itinerant-below", fmt.Sprintf("%d residents is more than merge-below (%d, the %s policy's)", c.ItinerantBelow, c.MergeBelow, pol.Name)}
	}
	if c.MergeBelow > c.OwnClinicFrom && s.MergeBelow != nil && s.OwnClinicFrom == nil {
		return ResolvedScenario{}, &OptionError{"merge-below", fmt.Sprintf("%d residents is more than own-clinic-from (%d, the %s policy's)", c.MergeBelow, c.OwnClinicFrom, pol.Name)}
	}
	if err := r.Plan.Clinics.validate(); err != nil {
		return ResolvedScenario{}, err
	}
	return r, nil
}

func kName(k int) string {
	if k == 0 {
		return "auto"
	}
	return fmt.Sprint(k)
}

func or[T any](p *T, def T) T {
	if p != nil {
		return *p
	}
	return def
}

// RunScenario runs the plan of a resolved scenario and, when it is a sweep,
// the sweep table.
func RunScenario(ctx context.Context, villages []Village, facilities []Facility, r ResolvedScenario) (*PlanResult, []SweepRow, error) {
	res, err := Plan(ctx, villages, facilities, r.Plan)
	if err != nil {
		return nil, nil, err
	}
	if !r.Sweep() {
		return res, nil, nil
	}
	rows, err := sweep(ctx, villages, facilities, r.sweptRadii(), r.Subcentres, r.Plan.Subcentres, res)
	if err != nil {
		return nil, nil, err
	}
	return res, rows, nil
}
