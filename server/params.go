package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/planner"
)

// Run kinds.
const (
	kindCoverage = "coverage"
	kindPlan     = "plan"
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
	"types":           kindCoverage,
	"subcentres":      kindPlan,
	"min_gain_pop":    kindPlan,
	"min_far_km":      kindPlan,
	"existing_types":  kindPlan,
	"itinerant_below": kindPlan,
	"merge_below":     kindPlan,
	"own_clinic_from": kindPlan,
	"merge_km":        kindPlan,
	"near_thc_km":     kindPlan,
	"max_route_km":    kindPlan,
}

// runSpec is a validated run request: what to compute, fully resolved.
type runSpec struct {
	Kind    string
	Dataset string
	// Distance is "straight" or "road"; Minutes the travel-time radii
	// (road only). A road metric is bound to its network when the run
	// starts (Server.bindMetric).
	Distance string
	Minutes  []float64
	// Coverage runs.
	Coverage planner.CoverageOptions
	Policy   string // coverage: "" unless given
	// Plan runs.
	Scenario planner.ResolvedScenario
	// Programme runs (budget, phase, quota, scorecard): their own keys.
	Programme *programmeSpec
}

// coverageParams and planParams are the canonical, fully resolved form of
// a run's parameters: what GET /api/v1/runs/{id} shows as params, and
// (with the dataset's content hash) what identifies a computation for
// reuse. Every figure is explicit, so the params of a run are also a valid
// request that repeats it.
type coverageParams struct {
	Kind     string                 `json:"kind"`
	Dataset  string                 `json:"dataset"`
	Policy   string                 `json:"policy,omitempty"`
	Distance string                 `json:"distance"`
	RadiusKm []float64              `json:"radius_km,omitempty"`
	Minutes  []float64              `json:"minutes,omitempty"`
	Types    []planner.FacilityType `json:"types"`
}

type planParams struct {
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
func (sp *runSpec) canonical() ([]byte, error) {
	if sp.Programme != nil {
		return sp.programmeCanonical()
	}
	if sp.Kind == kindCoverage {
		return json.Marshal(coverageParams{Kind: sp.Kind, Dataset: sp.Dataset, Policy: sp.Policy, Distance: sp.Distance,
			RadiusKm: sp.Coverage.RadiiKm, Minutes: sp.Minutes, Types: sp.Coverage.Types})
	}
	rs := &sp.Scenario
	p := planParams{Kind: sp.Kind, Dataset: sp.Dataset, Policy: rs.Policy.Name, Distance: sp.Distance, RadiusKm: rs.RadiiKm, Minutes: sp.Minutes,
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

// parseRunRequest validates a run request body. Unknown keys, keys of the
// other kind of run and malformed values are ParamErrors naming the key;
// values the planner refuses are planner.OptionErrors naming the option.
func parseRunRequest(body []byte) (*runSpec, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, &ParamError{Param: "body", Reason: "want a JSON object with the run parameters: " + err.Error()}
	}
	if raw == nil {
		return nil, &ParamError{Param: "body", Reason: "want a JSON object with the run parameters, got null"}
	}
	if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
		// Malformed JSON, like any syntax error: 400.
		return nil, &ParamError{Param: "body", Reason: fmt.Sprintf("unexpected text after the JSON object: %.20q", rest)}
	}
	if key, dup := duplicateKey(body); dup {
		return nil, fmt.Errorf("%w: %w", ErrAmbiguousBody, &ParamError{Param: key, Reason: "key given twice in the JSON object (radius-km and radius_km are the same key)"})
	}
	raw = underscoreKeys(raw)
	v := values{raw}
	kind, err := v.str("kind")
	if err != nil {
		return nil, err
	}
	if isProgrammeKind(kind) {
		return parseProgrammeRequest(raw, kind)
	}
	if kind != kindCoverage && kind != kindPlan {
		return nil, &ParamError{Param: "kind", Reason: fmt.Sprintf("want \"coverage\", \"plan\", \"budget\", \"phase\", \"quota\" or \"scorecard\", got %q", kind)}
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		applies, known := runKeys[k]
		if !known {
			return nil, &ParamError{Param: k, Reason: "unknown key (known keys: " + strings.Join(knownRunKeys(), ", ") + ")"}
		}
		if applies != "" && applies != kind {
			return nil, &ParamError{Param: k, Reason: fmt.Sprintf("applies to %s runs only, not to %s runs", applies, kind)}
		}
	}
	sp := &runSpec{Kind: kind, Dataset: SampleID}
	if v.has("dataset") {
		if sp.Dataset, err = v.str("dataset"); err != nil {
			return nil, err
		}
		if err := checkID("dataset", sp.Dataset); err != nil {
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
	if kind == kindCoverage {
		return sp, sp.coverage(v, policy, radii)
	}
	return sp, sp.plan(v, policy, radii)
}

func knownRunKeys() []string {
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

func (sp *runSpec) coverage(v values, policy string, radii []float64) error {
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
		if types, err = parseTypes("types", names); err != nil {
			return err
		}
	}
	sp.Coverage = planner.CoverageOptions{RadiiKm: radii, Types: types, RadiiMinutes: sp.Minutes, Metric: sp.metric()}
	return nil
}

func (sp *runSpec) plan(v values, policy string, radii []float64) error {
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
		if sc.ExistingTypes, err = parseTypes("existing_types", names); err != nil {
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

// values reads the members of a JSON object; null counts as absent.
type values struct{ raw map[string]json.RawMessage }

func (v values) has(key string) bool {
	b, ok := v.raw[key]
	return ok && string(bytes.TrimSpace(b)) != "null"
}

func (v values) decode(key string, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(v.raw[key]))
	dec.UseNumber()
	return dec.Decode(dst)
}

func (v values) str(key string) (string, error) {
	if !v.has(key) {
		return "", &ParamError{Param: key, Reason: "missing"}
	}
	var s string
	if err := v.decode(key, &s); err != nil {
		return "", &ParamError{Param: key, Reason: "want a string"}
	}
	return s, nil
}

func toFloat(key string, n json.Number) (float64, error) {
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, &ParamError{Param: key, Reason: fmt.Sprintf("%s is not a finite number", n)}
	}
	return f, nil
}

func (v values) number(key string) (float64, error) {
	var n json.Number
	if err := v.decode(key, &n); err != nil {
		return 0, &ParamError{Param: key, Reason: "want a number"}
	}
	return toFloat(key, n)
}

func (v values) integer(key string) (int, error) {
	var n json.Number
	if err := v.decode(key, &n); err != nil {
		return 0, &ParamError{Param: key, Reason: "want a whole number"}
	}
	f, err := toFloat(key, n)
	if err != nil {
		return 0, err
	}
	if f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, &ParamError{Param: key, Reason: fmt.Sprintf("%s is not a whole number", n)}
	}
	return int(f), nil
}

// numbers reads a number or a list of numbers.
func (v values) numbers(key string) ([]float64, error) {
	var list []json.Number
	if err := v.decode(key, &list); err != nil {
		var one json.Number
		if err := v.decode(key, &one); err != nil {
			return nil, &ParamError{Param: key, Reason: "want a number or a list of numbers, e.g. [10, 15, 20]"}
		}
		list = []json.Number{one}
	}
	out := make([]float64, len(list))
	for i, n := range list {
		f, err := toFloat(key, n)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// strs reads a list of strings, or one comma-separated string as the
// command line takes it.
func (v values) strs(key string) ([]string, error) {
	var list []string
	if err := v.decode(key, &list); err != nil {
		var one string
		if err := v.decode(key, &one); err != nil {
			return nil, &ParamError{Param: key, Reason: "want a list of strings"}
		}
		list = strings.Split(one, ",")
	}
	return list, nil
}

// subcentres reads sites per county: "auto" or a number, or a list of
// them; "auto" is 0 as in planner.Scenario.
func (v values) subcentres(key string) ([]int, error) {
	var items []any
	if err := v.decode(key, &items); err != nil {
		var one any
		if err := v.decode(key, &one); err != nil {
			return nil, &ParamError{Param: key, Reason: `want "auto", a number of sites per county, or a list of them`}
		}
		items = []any{one}
		if s, ok := one.(string); ok {
			items = items[:0]
			for _, part := range strings.Split(s, ",") {
				items = append(items, strings.TrimSpace(part))
			}
		}
	}
	if len(items) == 0 {
		return nil, &planner.OptionError{Option: key, Reason: "at least one value is needed"}
	}
	out := make([]int, 0, len(items))
	for _, it := range items {
		var k int
		switch x := it.(type) {
		case string:
			if strings.EqualFold(x, "auto") {
				break
			}
			n, err := strconv.Atoi(x)
			if err != nil {
				return nil, &ParamError{Param: key, Reason: fmt.Sprintf(`%q: want "auto" or a number of sites per county`, x)}
			}
			k = n
		case json.Number:
			n, err := strconv.Atoi(x.String())
			if err != nil {
				return nil, &ParamError{Param: key, Reason: fmt.Sprintf(`%s: want "auto" or a whole number of sites per county`, x)}
			}
			k = n
		default:
			return nil, &ParamError{Param: key, Reason: `want "auto" or a number of sites per county`}
		}
		if k == 0 && !isAuto(it) {
			return nil, &planner.OptionError{Option: key, Reason: `0 sites per county: want 1..3, or "auto"`}
		}
		out = append(out, k)
	}
	return out, nil
}

func isAuto(v any) bool {
	s, ok := v.(string)
	return ok && strings.EqualFold(s, "auto")
}

// underscoreKeys spells every top-level key of a run request with '_'
// for '-' (duplicateKey has made sure no two spellings of one key meet).
func underscoreKeys(raw map[string]json.RawMessage) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(raw))
	for k, v := range raw {
		out[jsonKey(k)] = v
	}
	return out
}

// duplicateKey finds a key given twice in the JSON object body (which has
// decoded as one), in either spelling (radius-km, radius_km), and returns
// it with '_'. encoding/json keeps the last of such keys silently; a run
// request that says two things is refused instead.
func duplicateKey(body []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if _, err := dec.Token(); err != nil { // '{'
		return "", false
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		key, _ := tok.(string)
		key = jsonKey(key) // radius-km is radius_km
		if seen[key] {
			return key, true
		}
		seen[key] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}
