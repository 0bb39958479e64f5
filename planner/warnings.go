package planner

import (
	"context"
	"math"
	"strings"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner/note"
)

// Warning codes: which policy bound a plan does not meet.
const (
	// WarnMinSubcentresUnmet: a county gets fewer sub-centres than the
	// policy's least per county (R2–R4: at least 1).
	WarnMinSubcentresUnmet = "min_subcentres_unmet"
	// WarnMaxSubcentresExceeded: a county gets more sub-centres than the
	// policy's most per county (R2: 3, R3: 2), because an explicit number
	// per county or a budget's county maximum asked for more.
	WarnMaxSubcentresExceeded = "max_subcentres_exceeded"
)

// Warning is a policy rule a plan does not meet, stated so that a planner
// can act on it: what is wrong and why (Reason), and what would meet the
// rule (Suggestion). Options are named as command-line flags
// (--min-far-km), whose names a scenario file and the HTTP API share.
// ReasonNotes and SuggestionNotes are the same sentences as codes with
// their values (note.WarnBelowMin, note.FixRelax, …); Reason and
// Suggestion are them in English (note.Text).
type Warning struct {
	Code   string `json:"code"`   // WarnMinSubcentresUnmet, WarnMaxSubcentresExceeded
	County string `json:"county"` // the county concerned
	// Rule is the rule of the policy digest the bound comes from ("R4"),
	// "" when its figure cites none.
	Rule            string      `json:"rule"`
	Reason          string      `json:"reason"`
	Suggestion      string      `json:"suggestion"`
	ReasonNotes     []note.Note `json:"reason_notes"`
	SuggestionNotes []note.Note `json:"suggestion_notes"`
}

// with sets the notes of w and their English text.
func (w Warning) with(reason, suggestion note.Note) Warning {
	w.ReasonNotes, w.SuggestionNotes = []note.Note{reason}, []note.Note{suggestion}
	w.Reason, w.Suggestion = note.Text(w.ReasonNotes), note.Text(w.SuggestionNotes)
	return w
}

// RuleOf returns the rule a figure's Source starts with ("R4" of "R4
// Xinjiang health commission …"), or "" when it starts with none.
func RuleOf(source string) string {
	word, _, _ := strings.Cut(source, " ")
	if len(word) < 2 || word[0] != 'R' {
		return ""
	}
	for _, r := range word[1:] {
		if r < '0' || r > '9' {
			return ""
		}
	}
	return word
}

// PolicyWarnings checks each county's number of sites against
// opt.MinSubcentres and opt.MaxSubcentres (a zero Value checks nothing).
// For a county below the minimum it says why and, when township health
// centres were left out for being nearer than MinFarKm to a county
// hospital, which of them would be the best site without that rule (one
// more PlanSubcentres over those counties). budget says the sites came
// from a city-wide budget, whose county maximum the suggestion then names.
func PolicyWarnings(ctx context.Context, villages []Village, facilities []Facility, opt PlanOptions, counties []CountySubcentres, budget bool) ([]Warning, error) {
	lo, hi := opt.MinSubcentres.Value, opt.MaxSubcentres.Value
	var ws []Warning
	var relax []string // counties whose best site without the distance rule is wanted
	var unmet [][2]int // a minimum warning's index in ws and its county's in counties
	for i := range counties {
		c := &counties[i]
		switch k := len(c.Sites); {
		case k < lo:
			unmet = append(unmet, [2]int{len(ws), i})
			ws = append(ws, Warning{Code: WarnMinSubcentresUnmet, County: c.County, Rule: RuleOf(opt.MinSubcentres.Source)})
			if opt.Subcentres.Candidates == nil && c.TooClose > 0 {
				relax = append(relax, c.County)
			}
		case hi > 0 && k > hi:
			ws = append(ws, maxWarning(c, opt.MaxSubcentres, budget))
		}
	}
	best, err := relaxedBest(ctx, villages, facilities, opt.Subcentres, relax)
	if err != nil {
		return nil, err
	}
	w := warnWords{opt: &opt, facilities: facilities}
	for _, u := range unmet {
		c := &counties[u[1]]
		ws[u[0]] = ws[u[0]].with(w.minUnmet(c, best[c.County]))
	}
	return ws, nil
}

func maxWarning(c *CountySubcentres, most Figure[int], budget bool) Warning {
	fix := note.New(note.FixAtMost, "max", most.Value)
	if budget {
		fix = note.New(note.FixCountyMax, "max", most.Value)
	}
	w := Warning{Code: WarnMaxSubcentresExceeded, County: c.County, Rule: RuleOf(most.Source)}
	return w.with(note.New(note.WarnAboveMax, "sites", len(c.Sites), "max", most.Value), fix)
}

// relaxedBest plans the named counties again with no distance rule and
// one site each, and returns each county's result by name.
func relaxedBest(ctx context.Context, villages []Village, facilities []Facility, so SubcentreOptions, names []string) (map[string]*CountySubcentres, error) {
	if len(names) == 0 {
		return nil, nil
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var sub []Village
	for i := range villages {
		if want[villages[i].County] {
			sub = append(sub, villages[i])
		}
	}
	so.MinFarKm, so.K, so.MaxK, so.MaxAlternatives = new(0.0), 1, 1, -1
	cs, err := PlanSubcentres(ctx, sub, facilities, so)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*CountySubcentres, len(cs))
	for i := range cs {
		out[cs[i].County] = &cs[i]
	}
	return out, nil
}

// warnWords writes the reasons and suggestions of the warnings.
type warnWords struct {
	opt        *PlanOptions
	facilities []Facility
}

// radius is the plan radius as a note states it: "radius_minutes" when
// the metric counts time, else "radius_km".
func (w warnWords) radius() []any {
	if metricOr(w.opt.Metric).Unit() == geo.Seconds {
		return []any{"radius_minutes", w.opt.RadiusMinutes}
	}
	return []any{"radius_km", w.opt.RadiusKm}
}

// minUnmet explains a county below the minimum and what would meet it;
// best is its plan without the distance rule (nil when not planned).
func (w warnWords) minUnmet(c *CountySubcentres, best *CountySubcentres) (reason, suggestion note.Note) {
	reason = note.New(note.WarnBelowMin, "sites", len(c.Sites), "min", w.opt.MinSubcentres.Value)
	given := note.New(note.FixGiveCandidates)
	switch {
	case w.opt.Subcentres.Candidates != nil && c.Candidates == 0:
		return reason.With(note.New(note.WarnWhyNotListed)), note.New(note.FixAddToList)
	case c.Candidates == 0 && c.TooClose > 0:
		far, n := w.farthestCentre(c.County)
		why := note.New(note.WarnWhyTooClose, "min_far_km", w.opt.Subcentres.minFarKm(), "thcs", n, "farthest_km", far/1000)
		return reason.With(why), w.relaxed(best)
	case c.Candidates == 0:
		return reason.With(note.New(note.WarnWhyNoTHC)), given
	case c.CountyCareToday == c.Population:
		reason = reason.With(note.New(note.WarnWhyAllCovered, append(w.radius(), "people", c.Population)...))
	default:
		reason = reason.With(note.New(note.WarnWhyNoneWithin, append(w.radius(), "candidates", c.Candidates, "people", c.Population-c.CountyCareToday)...))
	}
	suggestion = note.New(note.FixAnyCandidate, "candidates", c.Candidates)
	if best != nil && len(best.Sites) > 0 && best.Sites[0].GainPopulation > 0 {
		suggestion = w.relaxed(best)
	}
	return reason, suggestion
}

// relaxed names the best site without the distance rule, and the
// --min-far-km that would admit it.
func (w warnWords) relaxed(best *CountySubcentres) note.Note {
	if best == nil || len(best.Sites) == 0 || best.Sites[0].GainPopulation == 0 {
		return note.New(note.FixRelaxNone, w.radius()...)
	}
	s := &best.Sites[0]
	// Rounded down to 0.1 km, so that the distance given admits the site.
	km := math.Floor(s.CountyHospitalDistanceM/100) / 10
	return note.New(note.FixRelax, append(w.radius(), "min_far_km", km, "id", s.Facility.ID, "name", s.Facility.Name,
		"hospital_km", s.CountyHospitalDistanceM/1000, "people", s.GainPopulation)...)
}

// farthestCentre is the largest geodesic distance in metres from a
// township health centre of county to the nearest county hospital, and
// the number of its township health centres.
func (w warnWords) farthestCentre(county string) (farM float64, n int) {
	var hosp []int
	for i := range w.facilities {
		if w.facilities[i].Type == CountyHospital {
			hosp = append(hosp, i)
		}
	}
	for i := range w.facilities {
		f := &w.facilities[i]
		if f.Type != TownshipHealthCentre || f.County != county {
			continue
		}
		n++
		d := math.Inf(1)
		for _, h := range hosp {
			d = min(d, geo.DistanceM(f.Location, w.facilities[h].Location))
		}
		if !math.IsInf(d, 1) {
			farM = max(farM, d)
		}
	}
	return farM, n
}
