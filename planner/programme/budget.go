package programme

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
)

// ErrBudgetBeyondExact reports a per-county maximum above what the exact
// per-county sub-centre search accepts (MaxSubcentresPerCounty sites, the
// limit of SubcentreOptions.K). AllocateSubcentres refuses such a maximum
// rather than fall back to an inexact answer; the typed error is
// *OptionError wrapping it (errors.Is works for both).
var ErrBudgetBeyondExact = errors.New("planner: per-county maximum beyond the exact sub-centre search")

// CountyBounds is the number of sub-centres one county may get.
type CountyBounds struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// BudgetOptions configures AllocateSubcentres.
type BudgetOptions struct {
	// Subcentres gives the radius, existing cover, candidate rule and
	// candidates exactly as for PlanSubcentres; its K, MaxK and MinGainPop
	// are ignored (the allocation decides K per county).
	Subcentres planner.SubcentreOptions
	// Total is the city-wide number of sub-centres (R5: Zibo, 10 by 2026).
	Total int
	// Bounds are the sites every county may get (for example R4's at least
	// one per pilot county, R2's at most 3, R3's at most 2); Max must be
	// 0..MaxSubcentresPerCounty, otherwise ErrBudgetBeyondExact.
	Bounds CountyBounds
	// PerCounty overrides Bounds for the named counties.
	PerCounty map[string]CountyBounds
}

// BudgetTieBreak is the documented rule that settles allocations covering
// the same number of people.
const BudgetTieBreak = "among allocations bringing county-level care to the same number of people: fewer sites first " +
	"(a site that brings county-level care to no one is not built, unless a county minimum needs it); then more sites to the " +
	"county with the lower county-level care share today (R17's weakest first), county name order between equal shares"

// CountyBudget is one county's share of the budget and why.
type CountyBudget struct {
	County string `json:"county"`
	// Bounds are the requested minimum and maximum; Lo and Hi the effective
	// ones: Hi = min(Max, Candidates), Lo = min(Min, Hi).
	Bounds     CountyBounds `json:"bounds"`
	Lo         int          `json:"lo"`
	Hi         int          `json:"hi"`
	Candidates int          `json:"candidates"`
	// Sites is the number of sub-centres allocated; SiteIDs the chosen
	// sites (the exact optimum for that number, PlanSubcentres' choice).
	Sites   int      `json:"sites"`
	SiteIDs []string `json:"site_ids"`
	// GainByK[k] is the most people k sites can newly cover, k = 0..Hi.
	GainByK []int64 `json:"gain_by_k"`
	// Population counts the county's people, CountyCareToday and
	// CountyCareAfter those with county-level care cover today and with
	// the allocated sites.
	Population      int64 `json:"population"`
	CountyCareToday int64 `json:"county_care_today_population"`
	CountyCareAfter int64 `json:"county_care_after_population"`
	GainPopulation  int64 `json:"gain_population"`
	// LastSiteGain is GainByK[Sites]-GainByK[Sites-1] (nil with no site);
	// NextSiteGain is GainByK[Sites+1]-GainByK[Sites] (nil at Hi).
	LastSiteGain *int64 `json:"last_site_gain"`
	NextSiteGain *int64 `json:"next_site_gain"`
	// Priority is the county's position in the tie-break order (0 first).
	Priority int `json:"priority"`
	// ReasonNotes explain the allocation in one or two sentences (codes
	// note.Budget…); Reason is them in English.
	Reason      string      `json:"reason"`
	ReasonNotes []note.Note `json:"reason_notes"`
	// Plan is PlanSubcentres' result for this county with K = Sites (the
	// zero value with Sites = 0).
	Plan planner.CountySubcentres `json:"-"`
}

// BudgetResult is the outcome of AllocateSubcentres.
type BudgetResult struct {
	RadiusKm float64 `json:"radius_km"`
	// Total is the requested budget; Allocated the sites placed; Unallocated
	// the rest, left because no further site newly covers anyone or every
	// county is at its maximum (Notes say which, Note in English).
	Total           int            `json:"total"`
	Allocated       int            `json:"allocated"`
	Unallocated     int            `json:"unallocated"`
	Population      int64          `json:"population"`
	CountyCareToday int64          `json:"county_care_today_population"`
	CountyCareAfter int64          `json:"county_care_after_population"`
	GainPopulation  int64          `json:"gain_population"`
	Counties        []CountyBudget `json:"counties"`
	TieBreak        string         `json:"tie_break"`
	Note            string         `json:"note,omitempty"`
	Notes           []note.Note    `json:"notes,omitempty"`
}

func (o *BudgetOptions) bounds(county string) CountyBounds {
	if b, ok := o.PerCounty[county]; ok {
		return b
	}
	return o.Bounds
}

func (o *BudgetOptions) validate() error {
	if o.Total < 0 {
		return &planner.OptionError{Option: "subcentres-total", Reason: fmt.Sprintf("%d sites must not be negative", o.Total)}
	}
	check := func(name string, b CountyBounds) error {
		switch {
		case b.Min < 0 || b.Max < 0:
			return &planner.OptionError{Option: "county-bounds", Reason: fmt.Sprintf("%s: minimum %d and maximum %d must not be negative", name, b.Min, b.Max)}
		case b.Min > b.Max:
			return &planner.OptionError{Option: "county-bounds", Reason: fmt.Sprintf("%s: minimum %d is above maximum %d", name, b.Min, b.Max)}
		case b.Max > planner.MaxSubcentresPerCounty:
			return fmt.Errorf("%w: %w", &planner.OptionError{Option: "county-bounds", Reason: fmt.Sprintf(
				"%s: maximum %d is above %d, the most sites per county the exact search (SubcentreOptions.K) accepts",
				name, b.Max, planner.MaxSubcentresPerCounty)}, ErrBudgetBeyondExact)
		}
		return nil
	}
	if err := check("every county", o.Bounds); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(o.PerCounty)) {
		if err := check(fmt.Sprintf("county %q", name), o.PerCounty[name]); err != nil {
			return err
		}
	}
	return nil
}

// AllocateSubcentres spreads a city-wide budget of Total sub-centres over the
// counties of the villages (policy digest R5), each county getting between
// its bounds, so that the most people of the whole area are newly covered
// within the radius. Sites with no gain are not placed (see BudgetTieBreak),
// so Allocated may fall short of Total; Note says why.
//
// The answer is exact in two steps: for every county and every k up to its
// maximum, the best gain of k sites is PlanSubcentres' exact optimum (branch
// and bound, limited to MaxSubcentresPerCounty sites per county); then a
// group-knapsack dynamic programme over counties (O(counties × Total × max))
// picks each county's k. Per-county gains need not be concave, so a greedy
// split by marginal gain could be wrong; the programme is not.
//
// A county whose minimum exceeds its candidates gets all of them and a
// Reason saying so; a sum of minima above Total is an *OptionError.
func AllocateSubcentres(ctx context.Context, villages []planner.Village, facilities []planner.Facility, opt BudgetOptions) (*BudgetResult, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	runs, err := budgetRuns(ctx, villages, facilities, opt)
	if err != nil {
		return nil, err
	}
	cs, err := budgetCounties(runs, &opt)
	if err != nil {
		return nil, err
	}
	res := &BudgetResult{RadiusKm: opt.Subcentres.RadiusKm, Total: opt.Total, TieBreak: BudgetTieBreak}
	need := 0
	for i := range cs {
		need += cs[i].Lo
	}
	if need > opt.Total {
		return nil, &planner.OptionError{Option: "subcentres-total", Reason: fmt.Sprintf("%d sites cannot meet the county minimums, which need %d", opt.Total, need)}
	}
	order := budgetPriority(cs)
	ks := allocate(budgetGains(cs, order), opt.Total)
	for pos, i := range order {
		cs[i].Priority = pos
		cs[i].Sites = ks[pos]
	}
	for i := range cs {
		c := &cs[i]
		budgetExplain(c, runs)
		res.Allocated += c.Sites
		res.Population += c.Population
		res.CountyCareToday += c.CountyCareToday
		res.CountyCareAfter += c.CountyCareAfter
		res.GainPopulation += c.GainPopulation
	}
	res.Counties = cs
	res.Unallocated = opt.Total - res.Allocated
	if res.Unallocated > 0 {
		res.Notes = []note.Note{budgetShortNote(cs, res.Unallocated)}
		res.Note = note.Text(res.Notes)
	}
	return res, nil
}

// budgetRuns plans every county with K = 1..kmax sites: runs[k-1] holds the
// counties (in name order) planned with K = k. runs[kmax-1] has OptimumByK
// for every k up to kmax. With kmax = 0 one run with K = 1 still gives each
// county's population and cover.
func budgetRuns(ctx context.Context, villages []planner.Village, facilities []planner.Facility, opt BudgetOptions) ([][]planner.CountySubcentres, error) {
	kmax := opt.Bounds.Max
	for _, b := range opt.PerCounty {
		kmax = max(kmax, b.Max)
	}
	runs := make([][]planner.CountySubcentres, max(kmax, 1))
	for k := range runs {
		so := opt.Subcentres
		so.K, so.MaxK, so.MaxAlternatives = k+1, k+1, -1
		r, err := planner.PlanSubcentres(ctx, villages, facilities, so)
		if err != nil {
			return nil, err
		}
		runs[k] = r
	}
	return runs, nil
}

// budgetCounties reads each county's bounds and gains from the runs.
func budgetCounties(runs [][]planner.CountySubcentres, opt *BudgetOptions) ([]CountyBudget, error) {
	last := runs[len(runs)-1]
	cs := make([]CountyBudget, len(last))
	for i := range last {
		r := &last[i]
		c := &cs[i]
		c.County, c.Bounds, c.Candidates = r.County, opt.bounds(r.County), r.Candidates
		c.Population, c.CountyCareToday, c.CountyCareAfter = r.Population, r.CountyCareToday, r.CountyCareToday
		c.Hi = min(c.Bounds.Max, c.Candidates)
		c.Lo = min(c.Bounds.Min, c.Hi)
		c.GainByK = make([]int64, c.Hi+1)
		for k := 1; k <= c.Hi; k++ {
			// With fewer reachable sites than k the solver stops early; the
			// best of k sites is then the best of the sites it could place.
			if n := len(r.OptimumByK); n > 0 {
				c.GainByK[k] = r.OptimumByK[min(k, n)-1] - r.CountyCareToday
			}
			if c.GainByK[k] < c.GainByK[k-1] {
				return nil, fmt.Errorf("planner: county %q: optimum with %d sites (%d) below %d sites (%d)", c.County, k, c.GainByK[k], k-1, c.GainByK[k-1])
			}
		}
	}
	return cs, nil
}

// budgetPriority orders the counties for the tie-break: lower county-level
// care share today first (compared exactly, as cross products), then name.
func budgetPriority(cs []CountyBudget) []int {
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &cs[a], &cs[b]
		// x.before/x.pop < y.before/y.pop; an empty county counts as fully served.
		l, r := x.CountyCareToday*max(y.Population, 1), y.CountyCareToday*max(x.Population, 1)
		if x.Population == 0 {
			l = max(y.Population, 1)
		}
		if y.Population == 0 {
			r = max(x.Population, 1)
		}
		if c := compareInt64(l, r); c != 0 {
			return c
		}
		return strings.Compare(x.County, y.County)
	})
	return order
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// budgetGains lists, in priority order, each county's gains for k = Lo..Hi.
func budgetGains(cs []CountyBudget, order []int) []budgetGroup {
	gs := make([]budgetGroup, len(order))
	for pos, i := range order {
		gs[pos] = budgetGroup{lo: cs[i].Lo, gain: cs[i].GainByK}
	}
	return gs
}

// budgetExplain fills a county's result from the run with K = Sites.
func budgetExplain(c *CountyBudget, runs [][]planner.CountySubcentres) {
	k := c.Sites
	c.GainPopulation = c.GainByK[k]
	c.CountyCareAfter = c.CountyCareToday + c.GainPopulation
	if k > 0 {
		for _, r := range runs[k-1] {
			if r.County == c.County {
				c.Plan = r
				c.SiteIDs = r.ChosenIDs()
				break
			}
		}
		g := c.GainByK[k] - c.GainByK[k-1]
		c.LastSiteGain = &g
	}
	if k < c.Hi {
		g := c.GainByK[k+1] - c.GainByK[k]
		c.NextSiteGain = &g
	}
	c.ReasonNotes = budgetReason(c)
	c.Reason = note.Text(c.ReasonNotes)
}

func budgetReason(c *CountyBudget) []note.Note {
	var parts []note.Note
	switch {
	case c.Candidates == 0:
		parts = append(parts, note.New(note.BudgetNoCandidate))
	case c.Sites == 0:
		parts = append(parts, note.New(note.BudgetNoSite))
	default:
		parts = append(parts, note.New(note.BudgetSitesGain, "sites", c.Sites, "people", c.GainPopulation, "last", *c.LastSiteGain))
	}
	if unnamed := c.Sites - len(c.SiteIDs); unnamed > 0 {
		parts = append(parts, note.New(note.BudgetUnnamed, "sites", unnamed))
	}
	if c.Bounds.Min > c.Hi {
		parts = append(parts, note.New(note.BudgetMinUnmet, "min", c.Bounds.Min, "candidates", c.Candidates))
	} else if c.Sites == c.Lo && c.Lo > 0 && c.NextSiteGain != nil {
		parts = append(parts, note.New(note.BudgetHeldAtMin, "min", c.Lo))
	}
	switch {
	case c.NextSiteGain != nil && *c.NextSiteGain == 0:
		parts = append(parts, note.New(note.BudgetNextNone, "next_site", c.Sites+1))
	case c.NextSiteGain != nil:
		parts = append(parts, note.New(note.BudgetNextSpent, "next_site", c.Sites+1, "people", *c.NextSiteGain))
	case c.Hi == c.Bounds.Max && c.Hi > 0:
		parts = append(parts, note.New(note.BudgetAtMax, "max", c.Bounds.Max))
	case c.Hi < c.Bounds.Max && c.Candidates > 0:
		parts = append(parts, note.New(note.BudgetAllUsed, "candidates", c.Candidates))
	}
	return parts
}

func budgetShortNote(cs []CountyBudget, left int) note.Note {
	full := true
	for i := range cs {
		if cs[i].Sites < cs[i].Hi {
			full = false
		}
	}
	if full {
		return note.New(note.BudgetLeftFull, "sites", left)
	}
	return note.New(note.BudgetLeftNoGain, "sites", left)
}
