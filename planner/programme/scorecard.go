package programme

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
)

// Scorecard indicator keys (also the weight keys of ScorecardOptions).
const (
	IndVillageDoctors = "village_doctors_per_1000" // R10
	IndTHCStaff       = "thc_staff_per_1000"       // R11
	IndPrimaryCare    = "primary_care_per_1000"    // R12
	IndGPs            = "gps_per_10000"            // R13
	IndLicensedShare  = "licensed_share"           // R18
	IndFeverClinic    = "fever_clinic_share"       // R15
	IndAmbulance      = "ambulance_share"          // R15
)

// ScorecardIndicators returns the indicator keys in report order (a fresh
// slice on every call: changing it changes nothing in the package).
func ScorecardIndicators() []string { return slices.Clone(scorecardIndicators) }

var scorecardIndicators = []string{IndVillageDoctors, IndTHCStaff, IndPrimaryCare, IndGPs, IndLicensedShare, IndFeverClinic, IndAmbulance}

// Status of one indicator for one county.
const (
	StatusMet         = "met"
	StatusNotMet      = "not met"
	StatusNotAssessed = "not assessed"
)

// R14 monthly subsidies per village doctor, yuan (Dadukou plan, task 21):
// licensed physician, licensed assistant physician, rural general assistant
// physician, village doctor.
const (
	SubsidyPhysicianYuan          = 1000
	SubsidyAssistantPhysicianYuan = 800
	SubsidyRuralAssistantYuan     = 700
	SubsidyVillageDoctorYuan      = 600
)

// Target is an indicator's policy target: at least Min (and at most Max
// when Max > 0), with its source.
type Target struct {
	Min    float64 `json:"min"`
	Max    float64 `json:"max,omitempty"`
	Source string  `json:"source"`
}

// DefaultScorecardTargets are the targets of the policy digest. The licensed
// share is Zibo's and Dadukou's 50 %; LicensedShareTarget gives Shanxi's 45 %.
func DefaultScorecardTargets() map[string]Target {
	return map[string]Target{
		IndVillageDoctors: {1, 0, "R10 Shanxi [2023] No. 51, measure 3: at least 1 village doctor per 1,000 served"},
		IndTHCStaff:       {1.2, 1.7, "R11 Dadukou plan, task 18: township centre staff 1.2‰–1.7‰ of residents"},
		IndPrimaryCare:    {3.5, 0, "R12 Dadukou plan, indicator 12: 3.5 primary-care health workers per 1,000 residents by 2025"},
		IndGPs:            {4, 0, "R13 Dadukou plan, indicator 13: 4 general practitioners per 10,000 residents by 2025"},
		IndLicensedShare:  {0.5, 0, "R18 Zibo; Dadukou indicator 14: at least 50 % of village doctors hold a (assistant) physician licence"},
		IndFeverClinic:    {1, 0, "R15 Dadukou plan, task 12: a standard fever clinic at every township health centre by 2025"},
		IndAmbulance:      {1, 0, "R15 Dadukou plan, task 12: an ambulance at every township health centre by 2025"},
	}
}

// LicensedShareTarget returns R18's target for a policy preset: 45 % for
// Shanxi (measure 29), 50 % otherwise (Zibo, Dadukou).
func LicensedShareTarget(policy string) Target {
	if strings.EqualFold(policy, "shanxi") {
		return Target{0.45, 0, "R18 Shanxi measure 29: at least 45 % of village doctors hold a (assistant) physician licence by 2025"}
	}
	return DefaultScorecardTargets()[IndLicensedShare]
}

// DefaultScorecardWeights weigh every indicator equally (R16 names a
// scored rubric without publishing it: catchment's reading, set your own).
func DefaultScorecardWeights() map[string]float64 {
	w := map[string]float64{}
	for _, k := range scorecardIndicators {
		w[k] = 1
	}
	return w
}

// CountyFacts are the figures of an optional county table. Unknown figures
// are negative.
type CountyFacts struct {
	County        string `json:"county"`
	Residents     int64  `json:"residents"`
	GPs           int    `json:"gps"`
	HealthWorkers int    `json:"health_workers"`
}

// ScorecardOptions configures Scorecard.
type ScorecardOptions struct {
	// Clinics is the clinic plan (for the village doctors the plan needs,
	// R10, and the R14 cost); nil leaves the cost on today's doctors.
	Clinics *planner.ClinicPlan
	// Counties are the county table rows (residents, GPs, health workers);
	// a county without a row takes its residents from its villages.
	Counties []CountyFacts
	// Targets override DefaultScorecardTargets by key.
	Targets map[string]Target
	// Weights of the indicators; nil means DefaultScorecardWeights.
	Weights map[string]float64
	// YellowCards is how many of the lowest-ranked counties get one (R16:
	// 2); 0 means 2.
	YellowCards int
	// Previous lists the counties carded last year; nil means no previous
	// table (then nobody has "two in a row").
	Previous map[string]bool
}

// Indicator is one county's value of one indicator.
type Indicator struct {
	Key    string   `json:"key"`
	Value  *float64 `json:"value"` // nil when not assessed
	Target Target   `json:"target"`
	Status string   `json:"status"`
	// Score is min(1, Value/Target.Min) when assessed: 1 when met, and 1
	// above a Target.Max too (status "not met": over the quota, not short).
	Score *float64 `json:"score"`
	// Basis says what the value was computed from, or why it was not:
	// BasisNotes (codes note.Basis…) in English.
	Basis      string      `json:"basis"`
	BasisNotes []note.Note `json:"basis_notes"`
}

// SubsidyCost is R14's monthly subsidy of a county's village doctors, a
// range because the input does not say which licence each holds.
type SubsidyCost struct {
	Doctors         int   `json:"doctors"`
	Licensed        int   `json:"licensed"` // -1: unknown
	MinYuanPerMonth int64 `json:"min_yuan_per_month"`
	MaxYuanPerMonth int64 `json:"max_yuan_per_month"`
	// Basis is BasisNotes (codes note.Subsidy…) in English.
	Basis      string      `json:"basis"`
	BasisNotes []note.Note `json:"basis_notes"`
}

// CountyScore is one county's scorecard.
type CountyScore struct {
	County     string      `json:"county"`
	Residents  int64       `json:"residents"`
	Indicators []Indicator `json:"indicators"`
	// Total is the weighted mean score over the assessed indicators (nil
	// when none is); AssessedWeight the share of the weight they carry.
	Total          *float64    `json:"total"`
	AssessedWeight float64     `json:"assessed_weight"`
	Rank           int         `json:"rank"` // 0: not ranked (nothing assessed)
	YellowCard     bool        `json:"yellow_card"`
	TwoInARow      bool        `json:"two_in_a_row"`
	Subsidy        SubsidyCost `json:"subsidy"`
}

// ScorecardResult is the outcome of Scorecard.
type ScorecardResult struct {
	Counties []CountyScore      `json:"counties"` // in rank order, unranked last by name
	Weights  map[string]float64 `json:"weights"`
	// YellowCards names the carded counties, lowest first; TwoInARow those
	// carded last year too (R16: removed from the pilot list).
	YellowCards []string `json:"yellow_cards"`
	TwoInARow   []string `json:"two_in_a_row"`
	HasPrevious bool     `json:"has_previous"`
	Rule        string   `json:"rule"`
	// Notes report unreadable attribute values (treated as missing), in
	// English; Unreadable are the same as codes (note.CardNotCount,
	// note.CardNotYesNo), one for each of Notes.
	Notes      []string    `json:"notes,omitempty"`
	Unreadable []note.Note `json:"unreadable,omitempty"`
}

// ScorecardRule cites R16.
const ScorecardRule = "R16 Xinjiang notice 2022-08-31, items 1 and 3: pilot counties scored yearly; the two lowest get a yellow card, " +
	"two in a row remove the county from the pilot list. Total = weighted mean score of the assessed indicators " +
	"(each min(1, value/target)); ranks by total, ties by county name"

// Scorecard computes, per county of the villages, every indicator the
// inputs allow against its target (R10–R13, R15, R18), a weighted total,
// the rank, the bottom YellowCards counties' yellow cards and, with
// Previous, the counties carded two years in a row (R16); and R14's monthly
// subsidy cost. An indicator whose inputs are missing is "not assessed"
// (nil value), never zero; see the Basis of each.
//
// Facility columns are read from Extra (case-insensitive keys): gps,
// health_workers (township centres and village clinics), licensed_doctors
// (village clinics), fever_clinic and ambulance (township centres; yes/no,
// true/false, 1/0, 是/否, 有/无). Village doctors are the Staff of village
// clinics.
func Scorecard(villages []planner.Village, facilities []planner.Facility, opt ScorecardOptions) (*ScorecardResult, error) {
	weights, err := cardWeights(opt.Weights)
	if err != nil {
		return nil, err
	}
	targets := DefaultScorecardTargets()
	for k, t := range opt.Targets {
		if _, ok := targets[k]; !ok {
			return nil, &planner.OptionError{Option: "targets", Reason: fmt.Sprintf("unknown indicator %q", k)}
		}
		targets[k] = t
	}
	cards := opt.YellowCards
	if cards == 0 {
		cards = 2
	}
	if cards < 0 {
		return nil, &planner.OptionError{Option: "yellow-cards", Reason: fmt.Sprintf("%d must not be negative", cards)}
	}
	agg, notes, err := cardAggregate(villages, facilities, opt)
	if err != nil {
		return nil, err
	}
	res := &ScorecardResult{Weights: weights, HasPrevious: opt.Previous != nil, Rule: ScorecardRule, Unreadable: notes}
	for _, n := range notes {
		res.Notes = append(res.Notes, n.String())
	}
	for _, a := range agg {
		cs := CountyScore{County: a.county, Residents: a.residents, Subsidy: a.subsidy()}
		for _, k := range scorecardIndicators {
			cs.Indicators = append(cs.Indicators, a.indicator(k, targets[k]))
		}
		cs.Total, cs.AssessedWeight = cardTotal(cs.Indicators, weights)
		res.Counties = append(res.Counties, cs)
	}
	cardRank(res, cards, opt.Previous)
	return res, nil
}

func cardWeights(w map[string]float64) (map[string]float64, error) {
	out := DefaultScorecardWeights()
	if w == nil {
		return out, nil
	}
	for k := range out {
		out[k] = 0
	}
	for k, x := range w {
		if _, ok := out[k]; !ok {
			return nil, &planner.OptionError{Option: "scorecard-weights", Reason: fmt.Sprintf("unknown indicator %q (want one of %s)", k, strings.Join(scorecardIndicators, ", "))}
		}
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return nil, &planner.OptionError{Option: "scorecard-weights", Reason: fmt.Sprintf("%s: weight %v must be finite and non-negative", k, x)}
		}
		out[k] = x
	}
	return out, nil
}

// cardTotal is the weighted mean of the assessed scores and the share of the
// weight they carry.
func cardTotal(ind []Indicator, w map[string]float64) (*float64, float64) {
	var sum, wsum, all float64
	for _, x := range ind {
		all += w[x.Key]
		if x.Score != nil && w[x.Key] > 0 {
			sum += w[x.Key] * *x.Score
			wsum += w[x.Key]
		}
	}
	if wsum == 0 {
		return nil, 0
	}
	t := sum / wsum
	return &t, wsum / all
}

// cardRank orders the counties, gives ranks and the yellow cards.
func cardRank(res *ScorecardResult, cards int, prev map[string]bool) {
	slices.SortFunc(res.Counties, func(a, b CountyScore) int {
		switch {
		case a.Total == nil && b.Total == nil:
			return strings.Compare(a.County, b.County)
		case a.Total == nil:
			return 1
		case b.Total == nil:
			return -1
		}
		return cmp.Or(cmp.Compare(*b.Total, *a.Total), strings.Compare(a.County, b.County))
	})
	ranked := 0
	for i := range res.Counties {
		if res.Counties[i].Total != nil {
			res.Counties[i].Rank = i + 1
			ranked++
		}
	}
	res.YellowCards, res.TwoInARow = []string{}, []string{}
	for i := ranked - 1; i >= max(0, ranked-cards); i-- {
		c := &res.Counties[i]
		c.YellowCard = true
		res.YellowCards = append(res.YellowCards, c.County)
		if prev[c.County] {
			c.TwoInARow = true
			res.TwoInARow = append(res.TwoInARow, c.County)
		}
	}
}
