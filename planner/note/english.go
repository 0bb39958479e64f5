package note

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/catchment/catchment/internal/numfmt"
)

// English returns the English catalogue: the sentences the planner's
// string fields (Note, TieBreak, Reason, Suggestion, Source, Basis) are
// made of.
func English() *Catalogue { return english }

var english = NewCatalogue(Language{Sep: "; ", Say: englishSay, Words: englishWords}, nil)

// Ordinal writes n as an English ordinal: 1st, 2nd, 3rd, 4th … (used up to
// the handful of sub-centres a county gets).
func Ordinal(n int64) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", n)
}

// plural is "s" unless n is 1; verbS is the "s" of a verb whose subject
// counts n ("1 site brings", "2 sites bring").
func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func verbS(n int64) string {
	if n == 1 {
		return "s"
	}
	return ""
}

// Group is a count of people with thousands separators (12,345).
func (v V) Group(key string) string { return numfmt.GroupThousands(v.Int(key)) }

// Km1 is kilometres with one decimal, as the sub-centre notes give them.
func (v V) Km1(key string) string { return strconv.FormatFloat(v.Float(key), 'f', 1, 64) }

// G is a number as given (%g: 15, 2.5).
func (v V) G(key string) string { return strconv.FormatFloat(v.Float(key), 'g', -1, 64) }

// subRadius is a sub-centre note's radius: "15.0 km" or "30 minutes".
func subRadius(v V) string {
	if v.Has("radius_minutes") {
		return v.G("radius_minutes") + " minutes"
	}
	return v.Km1("radius_km") + " km"
}

// planRadius is a warning's radius, as the plan gives it: "15 km" or "30
// minutes".
func planRadius(v V) string {
	if v.Has("radius_minutes") {
		return v.G("radius_minutes") + " minutes"
	}
	return v.G("radius_km") + " km"
}

// siteName is "name [id]", or the id when the name is empty or the id.
func siteName(v V) string {
	id, name := v.Str("id"), v.Str("name")
	if name == "" || name == id {
		return id
	}
	return name + " [" + id + "]"
}

const enGiven = "give candidate sites with --candidates"

var englishSay = Merge(enSubcentre, enBudget, enWarning, enCite, enScorecard)

// Merge joins the tables of a catalogue, which name distinct codes.
func Merge(ms ...map[Code]func(V) string) map[Code]func(V) string {
	out := map[Code]func(V) string{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

var enSubcentre = map[Code]func(V) string{
	SubNoSitesTooClose: func(v V) string {
		return fmt.Sprintf("no sites: all %d township health centres are less than %s km from a county hospital", v.Int("thcs"), v.Km1("min_far_km"))
	},
	SubNoSitesAllCovered: func(v V) string {
		return fmt.Sprintf("no sites: all %s people are already within %s of an existing facility", v.Group("people"), subRadius(v))
	},
	SubNoSitesNoneWithin: func(v V) string {
		return fmt.Sprintf("no sites: none of the %d candidates is within %s of the %s people without county-level care today",
			v.Int("candidates"), subRadius(v), v.Group("people"))
	},
	SubNoSitesNoTHC:     func(V) string { return "no sites: the county has no township health centre" },
	SubNoSitesNotListed: func(V) string { return "no sites: the candidate list has no site in this county" },
	SubSeatFromVillages: func(V) string {
		return "the county has no county hospital, so its seat is taken as the population-weighted centre of its villages"
	},
	SubFewCandidates: func(v V) string { return fewCandidates(v.Int("candidates")) },
	SubAutoFewCandidates: func(v V) string {
		return fmt.Sprintf("K = %d chosen automatically: %s", v.Int("k"), fewCandidates(v.Int("candidates")))
	},
	SubAutoSmallGain: func(v V) string {
		return fmt.Sprintf("K = %d chosen automatically: a %s site would add only %s people (< %s)", v.Int("k"), Ordinal(v.Int("k")+1), v.Group("gain"), v.Group("min_gain"))
	},
	SubAutoLimit: func(v V) string {
		return fmt.Sprintf("K = %d chosen automatically: each site up to the limit of %d adds at least %s people", v.Int("k"), v.Int("limit"), v.Group("min_gain"))
	},
	TieStaff: func(v V) string { return tie(v, fmt.Sprintf("total staff %d vs %d", v.Int("chosen"), v.Int("next"))) },
	TieBeds:  func(v V) string { return tie(v, fmt.Sprintf("total beds %d vs %d", v.Int("chosen"), v.Int("next"))) },
	TieSeatKm: func(v V) string {
		return tie(v, fmt.Sprintf("total distance from the county seat %s km vs %s km", v.Km1("chosen_km"), v.Km1("next_km")))
	},
	TieIDs: func(v V) string { return tie(v, "ids (equal staff, beds and distance from the seat)") },
}

func fewCandidates(n int64) string {
	return fmt.Sprintf("only %d candidate%s, so at most %d site%s", n, plural(n), n, plural(n))
}

func tie(v V, why string) string {
	return fmt.Sprintf("%d site sets bring county-level care to the same %s people; chosen by %s", v.Int("sets"), v.Group("people"), why)
}

var enBudget = map[Code]func(V) string{
	BudgetCounty:      func(v V) string { return "budget (R5): " + v.Parts() },
	BudgetNoCandidate: func(V) string { return "no candidate site" },
	BudgetNoSite:      func(V) string { return "no site" },
	BudgetSitesGain: func(v V) string {
		n := v.Int("sites")
		return fmt.Sprintf("%d site%s bring%s county-level care to %s people (the last adds %s)", n, plural(n), verbS(n), v.Group("people"), v.Group("last"))
	},
	BudgetUnnamed: func(v V) string {
		n := v.Int("sites")
		return fmt.Sprintf("%d site%s for the minimum bring%s county-level care to no one: any candidate will do", n, plural(n), verbS(n))
	},
	BudgetMinUnmet: func(v V) string {
		return fmt.Sprintf("the minimum of %d cannot be met: only %d candidate%s", v.Int("min"), v.Int("candidates"), plural(v.Int("candidates")))
	},
	BudgetHeldAtMin: func(v V) string { return fmt.Sprintf("held at its minimum of %d", v.Int("min")) },
	BudgetNextNone:  func(v V) string { return fmt.Sprintf("a %s site would add no one", Ordinal(v.Int("next_site"))) },
	BudgetNextSpent: func(v V) string {
		return fmt.Sprintf("a %s site would add %s people, but the whole budget is spent where it covers more in total", Ordinal(v.Int("next_site")), v.Group("people"))
	},
	BudgetAtMax: func(v V) string { return fmt.Sprintf("at its maximum of %d", v.Int("max")) },
	BudgetAllUsed: func(v V) string {
		return fmt.Sprintf("all %d candidate%s used", v.Int("candidates"), plural(v.Int("candidates")))
	},
	BudgetLeftFull: func(v V) string {
		return fmt.Sprintf("%d site%s not placed: every county is at its maximum or has no further candidate", v.Int("sites"), plural(v.Int("sites")))
	},
	BudgetLeftNoGain: func(v V) string {
		return fmt.Sprintf("%d site%s not placed: no further site brings county-level care to anyone", v.Int("sites"), plural(v.Int("sites")))
	},
}

var enWarning = map[Code]func(V) string{
	WarnBelowMin: func(v V) string {
		proposed := "no sub-centre"
		if k := v.Int("sites"); k > 0 {
			proposed = fmt.Sprintf("%d sub-centre%s", k, plural(k))
		}
		return fmt.Sprintf("%s proposed, below the least of %d per county: %s", proposed, v.Int("min"), v.Parts())
	},
	WarnAboveMax: func(v V) string {
		return fmt.Sprintf("%d sub-centres proposed, above the most of %d per county", v.Int("sites"), v.Int("max"))
	},
	WarnWhyNotListed: func(V) string { return "the --candidates list has no site in this county" },
	WarnWhyTooClose: func(v V) string {
		return fmt.Sprintf("no candidate at least %s km from a county hospital (--min-far-km): the farthest of its %d township health centre%s is %s km",
			v.G("min_far_km"), v.Int("thcs"), plural(v.Int("thcs")), v.Km1("farthest_km"))
	},
	WarnWhyNoTHC: func(V) string { return "the county has no township health centre" },
	WarnWhyAllCovered: func(v V) string {
		return fmt.Sprintf("all %s people already have county-level care within %s, so no candidate adds anyone", v.Group("people"), planRadius(v))
	},
	WarnWhyNoneWithin: func(v V) string {
		return fmt.Sprintf("none of its %d candidate%s is within %s of the %s people without county-level care today",
			v.Int("candidates"), plural(v.Int("candidates")), planRadius(v), v.Group("people"))
	},
	FixAddToList:      func(V) string { return "add sites of this county to the --candidates list" },
	FixGiveCandidates: func(V) string { return enGiven },
	FixRelax: func(v V) string {
		return fmt.Sprintf("set --min-far-km to %s or less: the best site is then %s, %s km from a county hospital, newly giving %s people county-level care within %s; or %s",
			v.Km1("min_far_km"), siteName(v), strconv.FormatFloat(v.Float("hospital_km"), 'f', 2, 64), v.Group("people"), planRadius(v), enGiven)
	},
	FixRelaxNone: func(v V) string {
		return fmt.Sprintf("even without the distance rule no township health centre would newly give anyone county-level care within %s; %s", planRadius(v), enGiven)
	},
	FixAnyCandidate: func(v V) string {
		who := fmt.Sprintf("any of its %d candidates", v.Int("candidates"))
		if v.Int("candidates") == 1 {
			who = "its one candidate"
		}
		return fmt.Sprintf("%s meets the minimum, though it would newly cover no one: choose by capacity; or %s", who, enGiven)
	},
	FixAtMost: func(v V) string {
		return fmt.Sprintf("ask for at most %d per county (--subcentres %d, or auto)", v.Int("max"), v.Int("max"))
	},
	FixCountyMax: func(v V) string { return fmt.Sprintf("lower --county-max to %d", v.Int("max")) },
}

var enCite = map[Code]func(V) string{
	FigureCited: func(v V) string { return v.Cited("source") },
	FigureSet:   func(V) string { return "set for this run" },
	FigureSetOver: func(v V) string {
		return fmt.Sprintf("set for this run; the %s policy gives %s (%s)", v.Str("policy"), FigureText(v.Value("value")), v.Cited("source"))
	},
	FigureNotApplied: func(V) string { return "not applied: candidate sites were given" },
	CiteBudget: func(v V) string {
		return fmt.Sprintf("budget: %d sub-centres city-wide (R5 Zibo three-year action plan 2024–2026: 10 by 2026; here %s)", v.Int("sites"), v.Cited("by"))
	},
	CiteCountyMin: func(v V) string { return fmt.Sprintf("at least %d per county: %s", v.Int("min"), v.Cited("source")) },
	CiteCountyMax: func(v V) string { return fmt.Sprintf("at most %d per county: %s", v.Int("max"), v.Cited("source")) },
	CiteCapsZibo: func(v V) string {
		return fmt.Sprintf("caps %s from %d: R17 Zibo action plan 2024–2026: 530 (2024), 1,060 (2025), 1,048 (2026)", Caps(v), v.Int("start_year"))
	},
	CiteCapsGiven: func(v V) string {
		return fmt.Sprintf("caps %s from %d: given for this run (R17's Zibo figures are 530, 1,060, 1,048 from 2024)", Caps(v), v.Int("start_year"))
	},
	CiteScore: func(v V) string {
		return fmt.Sprintf("score = %s·served/max + %s·doctor gap/max (R10) + %s·distance to THC/max + %s·no emergency network cover (no county hospital or township health centre within %s km, %s): %s",
			v.G("served"), v.G("doctor_gap"), v.G("distance_to_thc"), v.G("network_uncovered"), v.G("radius_km"), v.Cited("radius_source"), v.Cited("source"))
	},
	CiteTies:              func(v V) string { return "ties: " + v.Cited("rule") },
	CiteClinicsFacilities: func(V) string { return "clinics: village clinics of the facilities file" },
	CiteClinicsPlan:       func(V) string { return "clinics: the plan's own and joint clinics" },
	CiteStaffZibo: func(v V) string {
		return fmt.Sprintf("%d staff: Zibo action plan 2024–2026, at least 500 medical staff a year sent down to villages", v.Int("staff"))
	},
	CiteStaffGiven: func(v V) string {
		return fmt.Sprintf("%d staff: given for this run (Zibo's figure is at least 500 a year)", v.Int("staff"))
	},
	CiteRule:     func(v V) string { return v.Cited("rule") },
	CiteRounding: func(v V) string { return "rounding: " + v.Cited("rule") },
}

// Caps are the caps of a phasing as Go prints a list: [530 1060 1048].
func Caps(v V) string {
	caps := v.Ints("caps")
	parts := make([]string, len(caps))
	for i, c := range caps {
		parts[i] = strconv.FormatInt(c, 10)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

var enScorecard = map[Code]func(V) string{
	BasisNoFigure: func(v V) string { return fmt.Sprintf("no %s figure", v.Word("what")) },
	BasisUnknownFor: func(v V) string {
		return fmt.Sprintf("%s unknown for %d of %d %s", v.Word("what"), v.Int("unknown"), v.Int("total"), v.Word("of"))
	},
	BasisNone: func(v V) string { return "no " + v.Word("of") },
	BasisPer: func(v V) string {
		return fmt.Sprintf("%d %s / %s %s", v.Int("count"), v.Word("what"), v.Group("per_count"), v.Word("per"))
	},
	BasisShare: func(v V) string { return fmt.Sprintf("%d of %d %s", v.Int("count"), v.Int("total"), v.Word("of")) },
	SubsidyPlan: func(v V) string {
		return fmt.Sprintf("the plan's %d village doctors (R10) or today's %d, whichever is more", v.Int("needed"), v.Int("today"))
	},
	SubsidyToday:        func(v V) string { return fmt.Sprintf("today's %d village doctors (no clinic plan)", v.Int("today")) },
	SubsidyStaffUnknown: func(v V) string { return fmt.Sprintf("staff unknown at %d village clinics", v.Int("clinics")) },
	SubsidyLicensed:     func(V) string { return "R14: licensed 800–1,000 yuan, others 600" },
	SubsidyFullRange:    func(V) string { return "licences not known for every clinic, so R14's full range 600–1,000 yuan" },
	CardNotCount: func(v V) string {
		return fmt.Sprintf("facility %s: %s %s is not a whole number ≥ 0; counted as missing", v.Str("facility"), v.Str("column"), strconv.Quote(v.Str("value")))
	},
	CardNotYesNo: func(v V) string {
		return fmt.Sprintf("facility %s: %s %s is not yes/no; counted as missing", v.Str("facility"), v.Str("column"), strconv.Quote(v.Str("value")))
	},
}

var englishWords = map[string]string{
	WordVillageDoctorsStaff:   "village doctors (village clinic staff)",
	WordTHCStaff:              "township centre staff",
	WordHealthWorkers:         "health workers",
	WordGPs:                   "general practitioners",
	WordLicensedDoctors:       "licensed doctors",
	WordFeverClinic:           "fever clinic",
	WordAmbulance:             "ambulance",
	WordPeopleServed:          "people served",
	WordResidentsVillages:     "residents (the sum of its village populations)",
	WordResidentsTable:        "residents (the county table)",
	WordVillageDoctors:        "village doctors",
	WordTownshipHealthCentres: "township health centres",
	WordFacilities:            "facilities",
}
