package runparams

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/apierr"
)

// Run kinds; the programme kinds are in programme.go.
const (
	KindCoverage = "coverage"
	KindPlan     = "plan"
)

// Keys of a run request (POST /api/v1/runs) and the kinds of run they
// apply to. The keys are the plan and coverage flags of the command line
// with '_' for '-' (radius_km), the spelling the documentation uses; a
// key may also be written with '-' (radius-km), as a scenario file may,
// so a scenario file's keys carry over.
var runKeys = map[string]string{
	"kind":            "",
	"dataset":         "",
	"policy":          "",
	"radius_km":       "",
	"distance":        "",
	"minutes":         "",
	"types":           KindCoverage,
	"subcentres":      KindPlan,
	"min_gain_pop":    KindPlan,
	"min_far_km":      KindPlan,
	"existing_types":  KindPlan,
	"itinerant_below": KindPlan,
	"merge_below":     KindPlan,
	"own_clinic_from": KindPlan,
	"merge_km":        KindPlan,
	"near_thc_km":     KindPlan,
	"max_route_km":    KindPlan,
}

// Spec is a validated run request: what to compute, fully resolved.
type Spec struct {
	Kind    string
	Dataset string
	// Distance is "straight" or "road"; Minutes the travel-time radii
	// (road only). A road metric is bound to its network when the run
	// starts (package server, bindMetric).
	Distance string
	Minutes  []float64
	// Coverage runs.
	Coverage planner.CoverageOptions
	Policy   string // coverage: "" unless given
	// Plan runs.
	Scenario planner.ResolvedScenario
	// Programme runs (budget, phase, quota, scorecard): their own keys.
	Programme *Programme
}

// CoverageParams and PlanParams are the canonical, fully resolved form of
// a run's parameters: what GET /api/v1/runs/{id} shows as params, and
// (with the dataset's content hash) what identifies a computation for
// reuse. Every figure is explicit, so the params of a run are also a valid
// request that repeats it.
type CoverageParams struct {
	Kind     string                 `json:"kind"`
	Dataset  string                 `json:"dataset"`
	Policy   string                 `json:"policy,omitempty"`
	Distance string                 `json:"distance"`
	RadiusKm []float64              `json:"radius_km,omitempty"`
	Minutes  []float64              `json:"minutes,omitempty"`
	Types    []planner.FacilityType `json:"types"`
}

// PlanParams: see CoverageParams.
type PlanParams struct {
	Kind           string                 `json:"kind"`
	Dataset        string                 `json:"dataset"`
	Policy         string                 `json:"policy"`
	Distance       string                 `json:"distance"`
	RadiusKm       []float64              `json:"radius_km,omitempty"`
	Minutes        []float64              `json:"minutes,omitempty"`
	Subcentres     []any                  `json:"subcentres"` // "auto" or 1..3
	MinGainPop     int                    `json:"min_gain_pop"`
	MinFarKm       float64                `json:"min_far_km"`
	ExistingTypes  []planner.FacilityType `json:"existing_types"`
	ItinerantBelow int                    `json:"itinerant_below"`
	MergeBelow     int                    `json:"merge_below"`
	OwnClinicFrom  int                    `json:"own_clinic_from"`
	MergeKm        float64                `json:"merge_km"`
	NearTHCKm      float64                `json:"near_thc_km"`
	MaxRouteKm     float64                `json:"max_route_km"`
}

// canonical returns the canonical params JSON of a validated spec.
func (sp *Spec) Canonical() ([]byte, error) {
	if sp.Programme != nil {
		return sp.programmeCanonical()
	}
	if sp.Kind == KindCoverage {
		return json.Marshal(CoverageParams{Kind: sp.Kind, Dataset: sp.Dataset, Policy: sp.Policy, Distance: sp.Distance,
			RadiusKm: sp.Coverage.RadiiKm, Minutes: sp.Minutes, Types: sp.Coverage.Types})
	}
	rs := &sp.Scenario
	p := PlanParams{Kind: sp.Kind, Dataset: sp.Dataset, Policy: rs.Policy.Name, Distance: sp.Distance, RadiusKm: rs.RadiiKm, Minutes: sp.Minutes,
		MinGainPop: rs.Plan.Subcentres.MinGainPop, ExistingTypes: rs.Plan.Subcentres.ExistingTypes,
		ItinerantBelow: rs.Plan.Clinics.ItinerantBelow, MergeBelow: rs.Plan.Clinics.MergeBelow,
		OwnClinicFrom: rs.Plan.Clinics.OwnClinicFrom, MergeKm: rs.Plan.Clinics.MergeKm,
		NearTHCKm: rs.Plan.Clinics.NearTHCKm, MaxRouteKm: rs.Plan.Clinics.MaxRouteKm}
	if sp.Minutes != nil {
		p.RadiusKm = nil // the policy's km radius gives way (runMetricKeys)
	}
	if f := rs.Plan.Subcentres.MinFarKm; f != nil {
		p.MinFarKm = *f
	}
	for _, k := range rs.Subcentres {
		if k == 0 {
			p.Subcentres = append(p.Subcentres, "auto")
		} else {
			p.Subcentres = append(p.Subcentres, k)
		}
	}
	return json.Marshal(p)
}

// Parse validates a run request body; a request without the key dataset
// is about defaultDataset. Unknown keys, keys of the other kind of run and
// malformed values are *apierr.ParamErrors naming the key (a key given
// twice also wraps apierr.ErrAmbiguousBody), values over a limit
// *apierr.LimitErrors; values the planner refuses are
// *planner.OptionErrors naming the option.
func Parse(body []byte, defaultDataset string) (*Spec, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, &apierr.ParamError{Param: "body", Reason: "want a JSON object with the run parameters: " + err.Error()}
	}
	if raw == nil {
		return nil, &apierr.ParamError{Param: "body", Reason: "want a JSON object with the run parameters, got null"}
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		// Malformed JSON, like any syntax error: 400.
		return nil, &apierr.ParamError{Param: "body", Reason: fmt.Sprintf("unexpected text after the JSON object: %.20q", rest)}
	}
	if key, dup := duplicateKey(body); dup {
		return nil, fmt.Errorf("%w: %w", apierr.ErrAmbiguousBody, &apierr.ParamError{Param: key, Reason: "key given twice in the JSON object (radius-km and radius_km are the same key)"})
	}
	raw = underscoreKeys(raw)
	v := values{raw}
	kind, err := v.str("kind")
	if err != nil {
		return nil, err
	}
	if isProgrammeKind(kind) {
		return parseProgrammeRequest(raw, kind, defaultDataset)
	}
	if kind != KindCoverage && kind != KindPlan {
		return nil, &apierr.ParamError{Param: "kind", Reason: fmt.Sprintf("want \"coverage\", \"plan\", \"budget\", \"phase\", \"quota\" or \"scorecard\", got %q", kind)}
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		applies, known := runKeys[k]
		if !known {
			return nil, &apierr.ParamError{Param: k, Reason: "unknown key (known keys: " + strings.Join(KnownKeys(), ", ") + ")"}
		}
		if applies != "" && applies != kind {
			return nil, &apierr.ParamError{Param: k, Reason: fmt.Sprintf("applies to %s runs only, not to %s runs", applies, kind)}
		}
	}
	sp := &Spec{Kind: kind, Dataset: defaultDataset}
	if v.has("dataset") {
		if sp.Dataset, err = v.str("dataset"); err != nil {
			return nil, err
		}
		if err := CheckID("dataset", sp.Dataset); err != nil {
			return nil, err
		}
	}
	var policy string
	if v.has("policy") {
		if policy, err = v.str("policy"); err != nil {
			return nil, err
		}
		if _, err := planner.LookupPolicy(policy); err != nil {
			return nil, err
		}
	}
	var radii []float64
	if v.has("radius_km") {
		if radii, err = v.numbers("radius_km"); err != nil {
			return nil, err
		}
		if radii, err = checkRadii("radius_km", radii); err != nil {
			return nil, err
		}
	}
	if sp.Distance, sp.Minutes, err = runMetricKeys(v, radii != nil); err != nil {
		return nil, err
	}
	if kind == KindCoverage {
		return sp, sp.coverage(v, policy, radii)
	}
	return sp, sp.plan(v, policy, radii)
}

func KnownKeys() []string {
	keys := make([]string, 0, len(runKeys))
	for k := range runKeys {
		keys = append(keys, k)
	}
	for k := range programmeKeys {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (sp *Spec) coverage(v values, policy string, radii []float64) error {
	if policy != "" {
		pol, err := planner.LookupPolicy(policy)
		if err != nil {
			return err
		}
		sp.Policy = pol.Name
		if radii == nil {
			radii = []float64{pol.RadiusKm.Value}
		}
	}
	if radii == nil && sp.Minutes == nil {
		radii = []float64{DefaultRadiusKm}
	}
	if sp.Minutes != nil {
		radii = nil // mutually exclusive (runMetricKeys): the policy's radius gives way
	}
	types := planner.DefaultEmergencyTypes()
	if v.has("types") {
		names, err := v.strs("types")
		if err != nil {
			return err
		}
		if types, err = ParseTypes("types", names); err != nil {
			return err
		}
	}
	sp.Coverage = planner.CoverageOptions{RadiiKm: radii, Types: types, RadiiMinutes: sp.Minutes, Metric: sp.metric()}
	return nil
}

func (sp *Spec) plan(v values, policy string, radii []float64) error {
	sc := planner.Scenario{Policy: policy, RadiiKm: radii, RadiiMinutes: sp.Minutes, Metric: sp.metric(), ClinicMetric: sp.clinicMetric()}
	var err error
	if v.has("subcentres") {
		if sc.Subcentres, err = v.subcentres("subcentres"); err != nil {
			return err
		}
	}
	sc.ExistingTypes = planner.DefaultSubcentreExistingTypes()
	if v.has("existing_types") {
		names, err := v.strs("existing_types")
		if err != nil {
			return err
		}
		if sc.ExistingTypes, err = ParseTypes("existing_types", names); err != nil {
			return err
		}
	}
	ints := []struct {
		key string
		dst **int
	}{{"min_gain_pop", &sc.MinGainPop}, {"itinerant_below", &sc.ItinerantBelow}, {"merge_below", &sc.MergeBelow}, {"own_clinic_from", &sc.OwnClinicFrom}}
	for _, x := range ints {
		if v.has(x.key) {
			n, err := v.integer(x.key)
			if err != nil {
				return err
			}
			*x.dst = &n
		}
	}
	floats := []struct {
		key string
		dst **float64
	}{{"min_far_km", &sc.MinFarKm}, {"merge_km", &sc.MergeKm}, {"near_thc_km", &sc.NearTHCKm}, {"max_route_km", &sc.MaxRouteKm}}
	for _, x := range floats {
		if v.has(x.key) {
			f, err := v.number(x.key)
			if err != nil {
				return err
			}
			*x.dst = &f
		}
	}
	sp.Scenario, err = sc.Resolve()
	return err
}
