package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/internal/numfmt"
)

// detailCounties returns the indices of the counties described in full:
// all, or the reportDetailCounties with the largest gain, in name order.
func (r *planReport) detailCounties() []int {
	idx := make([]int, len(r.s.Counties))
	for i := range idx {
		idx[i] = i
	}
	if len(idx) > reportDetailCounties {
		cs := r.s.Counties
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(cs[b].Gain(), cs[a].Gain()) })
		idx = idx[:reportDetailCounties]
		slices.Sort(idx)
	}
	r.detail = map[string]bool{}
	for _, i := range idx {
		r.detail[r.s.Counties[i].County] = true
	}
	return idx
}

func (r *planReport) counties() {
	s := r.s
	r.p("## %s\n\n", r.l.S(pm.counties))
	detail := r.detailCounties()
	if rest := len(s.Counties) - len(detail); rest == 1 {
		r.f(pm.detailOne, len(detail))
		r.p("\n\n")
	} else if rest > 1 {
		r.f(pm.detailMany, len(detail), numfmt.GroupThousands(int64(rest)))
		r.p("\n\n")
	}
	for _, i := range detail {
		r.county(&s.Counties[i])
	}
	if len(detail) < len(s.Counties) {
		r.otherCounties()
	}
}

// otherCounties is one table row for each county not described in full.
func (r *planReport) otherCounties() {
	r.p("### %s\n\n%s", r.l.S(pm.otherCounties), r.l.S(pm.otherCountiesHead))
	for i := range r.s.Counties {
		c := &r.s.Counties[i]
		if r.detail[c.County] {
			continue
		}
		unique := r.l.S(pm.yes)
		if c.OptimalSets > 1 {
			unique = r.l.F(pm.noSets, c.OptimalSets)
		}
		sites := r.sites(c.Subcentres)
		if len(c.Subcentres) == 0 {
			unique, sites = "–", r.l.S(pm.none)
		}
		r.p("| %s | %s | %s | %s | %s | %s | %s | %s |\n", mdText(c.County), numfmt.GroupThousands(c.Population), percent(c.CountyCareTodayShare),
			percent(c.CountyCareAfterShare), numfmt.GroupThousands(c.Gain()), sites, unique, numfmt.GroupThousands(c.GreedyGap))
	}
	r.p("\n")
}

func (r *planReport) county(c *summary.PlanCounty) {
	r.p("### %s\n\n", mdText(c.County))
	r.f(pm.countyToday, r.n(c.Population, nounPerson), r.n(int64(c.Villages), nounVillage), r.radiusText(),
		r.n(c.CountyCareTodayPopulation, nounPerson), percent(c.CountyCareTodayShare),
		r.n(c.NetworkCoveredPopulation, nounPerson), percent(c.NetworkCoveredShare))
	if len(c.Explanation) == 0 {
		r.f(pm.noSubcentre)
		if c.Note != "" {
			r.f(pm.reason, mdText(notesText(r.l, c.Notes, c.Note)))
		}
		r.p("\n\n")
		return
	}
	r.f(pm.countyAfter, r.n(c.CountyCareAfterPopulation, nounPerson), percent(c.CountyCareAfterShare), numfmt.GroupThousands(c.Gain()), r.l.Agree(c.Gain(), nounPerson))
	r.p("\n\n%s\n\n%s", r.l.S(pm.ranked), r.l.S(pm.sitesHead))
	for _, e := range c.Explanation {
		hosp := r.l.S(pm.noHospital)
		if e.CountyHospitalKm != nil {
			hosp = r.km(*e.CountyHospitalKm)
		}
		r.p("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", e.Rank, r.site(e.ID), mdText(e.Township),
			numfmt.GroupThousands(e.GainPopulation), numfmt.GroupThousands(int64(e.GainVillages)), numfmt.GroupThousands(e.StandalonePopulation),
			hosp, r.km(e.SeatKm), r.count(e.Beds), r.count(e.Staff))
	}
	r.p("\n%s\n\n", r.l.S(pm.why))
	for _, e := range c.Explanation {
		r.why(&e)
	}
	r.p("\n")
	r.choice(c)
	r.p("\n\n")
	r.countyFacts(c)
}

// count is a capacity figure, or "unknown".
func (r *planReport) count(c summary.Count) string {
	if !c.Known() {
		return r.l.S(pm.unknown)
	}
	return c.String()
}

// why says in words why a site was chosen: R2's distance from the county
// hospital and the seat, and the people it adds to county-level care
// cover. It is written from the summary's figures (not the planner's
// English rule text), so that both languages say the same.
func (r *planReport) why(e *summary.PlanSite) {
	o := &r.s.Options
	kind := r.l.S(pm.whyTHC)
	if o.Candidates == "given" {
		kind = r.l.S(pm.whyGiven)
	}
	hosp := r.l.S(pm.whyNoHospital)
	if e.CountyHospitalKm != nil {
		hosp = r.l.F(pm.whyHospital, r.km(*e.CountyHospitalKm))
		if o.MinFarKm != nil && o.Candidates != "given" {
			hosp += r.l.F(pm.whyAtLeast, r.km(*o.MinFarKm))
		}
	}
	gain := r.l.S(pm.whyNoGain)
	if e.GainPopulation > 0 || e.GainVillages > 0 {
		gain = r.l.F(pm.whyGain, r.n(e.GainPopulation, nounPerson), r.n(int64(e.GainVillages), nounVillage))
	}
	if e.Rank > 1 {
		gain += r.l.S(pm.whyAbove)
	}
	r.f(pm.whyLine, e.Rank, r.site(e.ID), kind, hosp, r.km(e.SeatKm), gain)
	r.p("\n")
}

// choice says whether the choice is unique, and how the greedy choice
// compares.
func (r *planReport) choice(c *summary.PlanCounty) {
	sites := r.n(int64(len(c.Subcentres)), nounSite)
	if c.OptimalSets <= 1 {
		r.f(pm.unique, sites)
	} else {
		r.f(pm.tied, numfmt.GroupThousands(int64(c.OptimalSets)), sites)
		if c.TieBreak != "" {
			r.f(pm.paren, mdText(notesText(r.l, c.TieBreakNotes, c.TieBreak)))
		}
		r.f(pm.stop)
		if len(c.Alternatives) > 0 {
			alts := make([]string, len(c.Alternatives))
			for i, a := range c.Alternatives {
				alts[i] = r.sites(a)
			}
			r.f(pm.alternatives, strings.Join(alts, r.l.S(pm.setSep)))
		}
	}
	if c.GreedyGap > 0 {
		r.f(pm.greedyWorse, r.sites(c.GreedySubcentres), numfmt.GroupThousands(c.GreedyGap), r.l.Agree(c.GreedyGap, nounPerson))
	} else {
		r.f(pm.greedySame)
	}
}

// countyFacts gives the candidates, those too close, the seat and the
// planner's note.
func (r *planReport) countyFacts(c *summary.PlanCounty) {
	facts := []string{r.n(int64(c.Candidates), nounCandidate)}
	if c.TooClose > 0 {
		far := "?"
		if m := r.s.Options.MinFarKm; m != nil {
			far = r.km(*m)
		}
		facts = append(facts, r.l.F(pm.tooClose, r.n(int64(c.TooClose), nounTHC), far))
	}
	if c.SeatFromHospital {
		facts = append(facts, r.l.F(pm.seatAt, r.site(c.SeatFacilityID)))
	}
	r.p("%s%s", capitalize(strings.Join(facts, r.l.S(pm.setSep))), r.l.S(pm.stop))
	if c.Note != "" {
		r.f(pm.note, mdText(notesText(r.l, c.Notes, c.Note)))
	}
	r.p("\n\n")
}
