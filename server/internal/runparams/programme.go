package runparams

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/programme"
	"github.com/catchment/catchment/server/internal/apierr"
)

// The programme run kinds (issue 11) work from a plan of the dataset, as
// `catchment plan --subcentres-total`, `catchment phase`, `catchment
// quota` and `catchment scorecard` do: they take every plan key and their
// own keys below. A request is split in two: the plan keys are validated
// by Parse as a plan run, the programme keys here.
const (
	KindBudget    = "budget"
	KindPhase     = "phase"
	KindQuota     = "quota"
	KindScorecard = "scorecard"
)

// programmeKinds are the programme run kinds in documentation order.
var programmeKinds = []string{KindBudget, KindPhase, KindQuota, KindScorecard}

// ProgrammeKinds are the programme run kinds in documentation order.
func ProgrammeKinds() []string { return slices.Clone(programmeKinds) }

func isProgrammeKind(kind string) bool { return slices.Contains(programmeKinds, kind) }

// programmeKeys are the keys of the programme kinds and the kinds each
// applies to.
var programmeKeys = map[string][]string{
	"subcentres_total":      {KindBudget},
	"county_min":            {KindBudget},
	"county_max":            {KindBudget},
	"per_year":              {KindPhase},
	"start_year":            {KindPhase},
	"from":                  {KindPhase},
	"weights":               {KindPhase, KindScorecard},
	"staff":                 {KindQuota},
	"yellow_cards":          {KindScorecard},
	"previous_yellow_cards": {KindScorecard},
	"counties":              {KindScorecard},
}

// Caps of the programme keys: a request beyond them is 422 (limit
// exceeded), so no request can ask for unbounded work or output.
const (
	maxBudgetTotal    = 10_000
	maxPhaseYears     = 20
	maxPhasePerYear   = 1_000_000
	minStartYear      = 1900
	maxStartYear      = 2200
	maxWeight         = 1000
	maxQuotaStaff     = 1_000_000
	maxYellowCards    = 100
	maxPreviousCards  = 10_000
	maxCountyNameRune = 200
)

// Programme is the validated programme part of a run request, fully
// resolved (every default explicit), as its canonical params show it.
type Programme struct {
	SubcentresTotal int  `json:"subcentres_total,omitempty"`
	CountyMin       *int `json:"county_min,omitempty"`
	CountyMax       *int `json:"county_max,omitempty"`

	PerYear   []int  `json:"per_year,omitempty"`
	StartYear int    `json:"start_year,omitempty"`
	From      string `json:"from,omitempty"`

	Weights map[string]float64 `json:"weights,omitempty"`

	Staff int `json:"staff,omitempty"`

	YellowCards         int         `json:"yellow_cards,omitempty"`
	Counties            []CountyRow `json:"counties,omitempty"`
	PreviousYellowCards []string    `json:"previous_yellow_cards,omitempty"`
	// HasPrevious is whether previous_yellow_cards was given (an empty
	// list is a previous year with no card).
	HasPrevious bool `json:"-"`
}

// CountyRow is one row of a scorecard run's county table, the JSON form
// of `catchment scorecard --counties`: a figure left out is unknown.
type CountyRow struct {
	County        string `json:"county"`
	Residents     *int64 `json:"residents,omitempty"`
	GPs           *int64 `json:"gps,omitempty"`
	HealthWorkers *int64 `json:"health_workers,omitempty"`
}

// facts is the row as the planner takes it (-1: unknown).
func (r CountyRow) Facts() programme.CountyFacts {
	or := func(p *int64) int64 {
		if p == nil {
			return -1
		}
		return *p
	}
	return programme.CountyFacts{County: r.County, Residents: or(r.Residents), GPs: int(or(r.GPs)), HealthWorkers: int(or(r.HealthWorkers))}
}

// counties reads the county table of a scorecard run.
func (p *Programme) counties(v values) error {
	if !v.has("counties") {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(v.raw["counties"]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p.Counties); err != nil {
		return &apierr.ParamError{Param: "counties", Reason: "want a list of {county, residents, gps, health_workers} (whole numbers, left out when unknown): " + err.Error()}
	}
	if len(p.Counties) > maxPreviousCards {
		return &apierr.LimitError{Param: "counties", Reason: fmt.Sprintf("%d rows: want at most %d", len(p.Counties), maxPreviousCards)}
	}
	seen := map[string]int{}
	for i := range p.Counties {
		r := &p.Counties[i]
		r.County = strings.TrimSpace(r.County)
		if r.County == "" || !utf8.ValidString(r.County) || utf8.RuneCountInString(r.County) > maxCountyNameRune {
			return &apierr.ParamError{Param: "counties", Reason: fmt.Sprintf("row %d: want a county name of 1..%d characters", i+1, maxCountyNameRune)}
		}
		if j, dup := seen[r.County]; dup {
			return &apierr.ParamError{Param: "counties", Reason: fmt.Sprintf("row %d: county %q already in row %d", i+1, r.County, j)}
		}
		seen[r.County] = i + 1
		for _, f := range []struct {
			name string
			v    *int64
			max  int64
		}{{"residents", r.Residents, 1 << 40}, {"gps", r.GPs, math.MaxInt32}, {"health_workers", r.HealthWorkers, math.MaxInt32}} {
			if f.v != nil && (*f.v < 0 || *f.v > f.max) {
				return &apierr.LimitError{Param: "counties", Reason: fmt.Sprintf("row %d: %s %d: want 0..%d", i+1, f.name, *f.v, f.max)}
			}
		}
	}
	return nil
}

// parseProgrammeRequest validates a programme run request: its own keys
// here, the rest as a plan run (so the plan keys, their defaults and
// their errors are the plan run's).
func parseProgrammeRequest(raw map[string]json.RawMessage, kind, defaultDataset string) (*Spec, error) {
	plan := map[string]json.RawMessage{}
	own := map[string]json.RawMessage{}
	for k, b := range raw {
		kinds, ok := programmeKeys[k]
		switch {
		case !ok:
			plan[k] = b
		case !slices.Contains(kinds, kind):
			return nil, &apierr.ParamError{Param: k, Reason: fmt.Sprintf("applies to %s runs only, not to %s runs", strings.Join(kinds, " and "), kind)}
		default:
			own[k] = b
		}
	}
	if kind == KindBudget && (values{plan}).has("subcentres") {
		return nil, &apierr.ParamError{Param: "subcentres", Reason: "budget runs decide the sites per county (subcentres_total): leave out subcentres"}
	}
	plan["kind"] = json.RawMessage(`"` + KindPlan + `"`)
	body, err := json.Marshal(plan)
	if err != nil {
		return nil, err
	}
	sp, err := Parse(body, defaultDataset)
	if err != nil {
		return nil, err
	}
	if sp.Scenario.Sweep() {
		key := "radius_km"
		if len(sp.Scenario.Subcentres) > 1 {
			key = "subcentres"
		}
		return nil, &apierr.ParamError{Param: key, Reason: kind + " runs work from one plan: give one radius and one sub-centre count"}
	}
	sp.Kind = kind
	sp.Programme = &Programme{}
	v := values{own}
	switch kind {
	case KindBudget:
		err = sp.Programme.budget(v, sp.Scenario.Policy)
	case KindPhase:
		err = sp.Programme.phase(v)
	case KindQuota:
		err = sp.Programme.quota(v)
	default:
		err = sp.Programme.scorecard(v)
	}
	return sp, err
}

// bounded reads a whole number in [lo, hi]; outside is a LimitError.
func (v values) bounded(key string, lo, hi int) (int, error) {
	n, err := v.integer(key)
	if err != nil {
		return 0, err
	}
	if n < lo || n > hi {
		return 0, &apierr.LimitError{Param: key, Reason: fmt.Sprintf("%d: want %d..%d", n, lo, hi)}
	}
	return n, nil
}

func (p *Programme) budget(v values, pol planner.Policy) error {
	if !v.has("subcentres_total") {
		return &apierr.ParamError{Param: "subcentres_total", Reason: "missing: the city-wide number of sub-centres (R5: Zibo, 10 by 2026)"}
	}
	var err error
	if p.SubcentresTotal, err = v.bounded("subcentres_total", 1, maxBudgetTotal); err != nil {
		return err
	}
	lo, hi := pol.MinSubcentres.Value, pol.MaxSubcentres.Value
	if v.has("county_min") {
		if lo, err = v.bounded("county_min", 0, planner.MaxSubcentresPerCounty); err != nil {
			return err
		}
	}
	if v.has("county_max") {
		if hi, err = v.bounded("county_max", 1, planner.MaxSubcentresPerCounty); err != nil {
			return &apierr.LimitError{Param: "county_max", Reason: err.(*apierr.LimitError).Reason + " (the exact search's limit per county is " + fmt.Sprint(planner.MaxSubcentresPerCounty) + ")"}
		}
	}
	if lo > hi {
		return &apierr.LimitError{Param: "county_min", Reason: fmt.Sprintf("%d is more than county_max %d", lo, hi)}
	}
	p.CountyMin, p.CountyMax = &lo, &hi
	return nil
}

func (p *Programme) phase(v values) error {
	p.PerYear, p.StartYear, p.From = []int{530, 1060, 1048}, 2024, "facilities" // R17, Zibo
	if v.has("per_year") {
		var list []json.Number
		if err := v.decode("per_year", &list); err != nil {
			return &apierr.ParamError{Param: "per_year", Reason: "want a list of whole numbers, e.g. [530, 1060, 1048]"}
		}
		if len(list) == 0 || len(list) > maxPhaseYears {
			return &apierr.LimitError{Param: "per_year", Reason: fmt.Sprintf("%d years: want 1..%d", len(list), maxPhaseYears)}
		}
		p.PerYear = p.PerYear[:0]
		for _, n := range list {
			one := values{map[string]json.RawMessage{"per_year": json.RawMessage(n.String())}}
			k, err := one.bounded("per_year", 1, maxPhasePerYear)
			if err != nil {
				return err
			}
			p.PerYear = append(p.PerYear, k)
		}
	}
	var err error
	if v.has("start_year") {
		if p.StartYear, err = v.bounded("start_year", minStartYear, maxStartYear); err != nil {
			return err
		}
	}
	if v.has("from") {
		if p.From, err = v.str("from"); err != nil {
			return err
		}
		if p.From = strings.ToLower(p.From); p.From != "facilities" && p.From != "plan" {
			return &apierr.ParamError{Param: "from", Reason: fmt.Sprintf("%q: want \"facilities\" or \"plan\"", p.From)}
		}
	}
	d := programme.DefaultPhaseWeights()
	p.Weights = map[string]float64{"served_population": d.ServedPopulation, "doctor_gap": d.DoctorGap, "distance_to_thc": d.DistanceToTHC, "network_uncovered": d.NetworkUncovered}
	return p.weights(v, slices.Sorted(maps.Keys(p.Weights)), false)
}

// weights reads the weights object over known keys into p.Weights; keys
// not named keep their value, or become 0 with onlyNamed.
func (p *Programme) weights(v values, known []string, onlyNamed bool) error {
	if !v.has("weights") {
		return nil
	}
	var m map[string]json.Number
	if err := v.decode("weights", &m); err != nil {
		return &apierr.ParamError{Param: "weights", Reason: "want an object of key: weight, keys among " + strings.Join(known, ", ")}
	}
	if onlyNamed {
		for k := range p.Weights {
			p.Weights[k] = 0
		}
	}
	for k, n := range m {
		if !slices.Contains(known, k) {
			return &apierr.ParamError{Param: "weights", Reason: fmt.Sprintf("unknown key %q (known: %s)", k, strings.Join(known, ", "))}
		}
		x, err := toFloat("weights", n)
		if err != nil {
			return err
		}
		if x < 0 || x > maxWeight {
			return &apierr.LimitError{Param: "weights", Reason: fmt.Sprintf("%s = %g: want 0..%d", k, x, maxWeight)}
		}
		p.Weights[k] = x
	}
	for _, x := range p.Weights {
		if x > 0 {
			return nil
		}
	}
	return &apierr.LimitError{Param: "weights", Reason: "at least one weight must be positive"}
}

func (p *Programme) quota(v values) error {
	p.Staff = 500 // Zibo: at least 500 a year
	if v.has("staff") {
		var err error
		if p.Staff, err = v.bounded("staff", 1, maxQuotaStaff); err != nil {
			return err
		}
	}
	return nil
}

func (p *Programme) scorecard(v values) error {
	p.YellowCards = 2 // R16: the bottom two
	var err error
	if v.has("yellow_cards") {
		if p.YellowCards, err = v.bounded("yellow_cards", 1, maxYellowCards); err != nil {
			return err
		}
	}
	p.Weights = programme.DefaultScorecardWeights()
	if err := p.weights(v, programme.ScorecardIndicators(), true); err != nil {
		return err
	}
	if err := p.counties(v); err != nil {
		return err
	}
	if v.has("previous_yellow_cards") {
		if p.PreviousYellowCards, err = v.strs("previous_yellow_cards"); err != nil {
			return err
		}
		if len(p.PreviousYellowCards) > maxPreviousCards {
			return &apierr.LimitError{Param: "previous_yellow_cards", Reason: fmt.Sprintf("%d counties: want at most %d", len(p.PreviousYellowCards), maxPreviousCards)}
		}
		for i, c := range p.PreviousYellowCards {
			c = strings.TrimSpace(c)
			if c == "" || !utf8.ValidString(c) || utf8.RuneCountInString(c) > maxCountyNameRune {
				return &apierr.ParamError{Param: "previous_yellow_cards", Reason: fmt.Sprintf("item %d: want a county name of 1..%d characters", i+1, maxCountyNameRune)}
			}
			p.PreviousYellowCards[i] = c
		}
		p.PreviousYellowCards = slices.Compact(slices.Sorted(slices.Values(p.PreviousYellowCards)))
		p.HasPrevious = true
	}
	return nil
}

// programmeCanonical is the canonical params of a programme run: the plan
// run's (without subcentres for a budget) and the resolved programme keys.
func (sp *Spec) programmeCanonical() ([]byte, error) {
	plan := *sp
	plan.Kind, plan.Programme = KindPlan, nil
	b, err := plan.Canonical()
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if sp.Kind == KindBudget {
		delete(m, "subcentres")
	}
	own, err := json.Marshal(sp.Programme)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(own, &m); err != nil {
		return nil, err
	}
	if sp.Programme.HasPrevious && len(sp.Programme.PreviousYellowCards) == 0 {
		m["previous_yellow_cards"] = []string{}
	}
	m["kind"] = sp.Kind
	return json.Marshal(m) // map keys sorted: deterministic
}
