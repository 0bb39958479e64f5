package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/catchment/catchment/data/numfmt"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// reportDetailCounties is how many counties WritePlanReport describes in
// full; the others get one table row each.
const reportDetailCounties = 30

// WritePlanReport writes s as a Markdown report a county health bureau can
// read and forward: the policy and every figure used with its source (the
// R-rules of the policy digest), the cover before and after the proposed
// sub-centres in total, the sweep when one ran, then per county the chosen
// sites in rank order and why (people newly covered, distance from the
// county hospital and the seat, capacity, the rule), whether the choice is
// unique (the other optimal sets and the tie-break used) and how far the
// greedy choice falls short, and last the clinic plan per township: the
// rules with this run's thresholds (including the villages between
// MergeBelow and OwnClinicFrom, which keep an own clinic no rule requires),
// own and joint clinics, itinerant villages and routes, doctors and
// township health centre staff needed and missing, and the flags explained
// in words (township flags, and counts of flagged villages and route days).
//
// The report carries no date, so the same inputs give the same file. With
// more than 30 counties, the 30 with the largest gain are described in
// full (in name order) and the rest summarised in one table each for
// sub-centres and clinics; every figure is in the summary JSON and CSV
// tables. Numbers have thousands separators and agree with their nouns
// ("1 county"), shares are percentages and distances kilometres with one
// decimal. Input text is escaped only where Markdown would read it as
// structure (see mdText), so that it can change no table or heading and
// the raw file still reads as plain text.
func WritePlanReport(w io.Writer, s summary.PlanSummary) error {
	r := planReport{s: &s, w: bufio.NewWriter(w)}
	r.header()
	r.policy()
	r.totals()
	r.warnings()
	r.sweep()
	r.counties()
	r.clinics()
	return table.WrapWrite(r.w.Flush())
}

type planReport struct {
	s *summary.PlanSummary
	w *bufio.Writer
	// detail marks the counties described in full.
	detail map[string]bool
}

func (r *planReport) p(format string, args ...any) { fmt.Fprintf(r.w, format, args...) }

func (r *planReport) header() {
	s := r.s
	r.p("# County sub-centre and clinic plan\n\n")
	if s.Policy.Title != "" || s.Policy.Name != "" {
		r.p("Policy: %s (%s). ", mdText(cmp.Or(s.Policy.Title, s.Policy.Name)), mdCode(s.Policy.Name))
	}
	if m := s.Metric; m != nil {
		radius := kmText(s.RadiusKm) + " km"
		if m.RadiusMinutes > 0 {
			radius = strconv.FormatFloat(m.RadiusMinutes, 'f', -1, 64) + " minutes"
		}
		r.p("Emergency service radius: %s, measured as %s (the clinic plan's distances: %s); "+
			"a village exactly at the radius counts as covered.\n\n", radius, mdText(m.Description), mdText(m.Clinic))
		r.planMetric(m)
	} else {
		r.p("Emergency service radius: %s km, measured as straight-line geodesic distance on the WGS84 ellipsoid; "+
			"a village exactly at the radius counts as covered.\n\n", kmText(s.RadiusKm))
	}
	if len(s.Inputs) > 0 {
		r.p("Inputs:\n\n")
		for _, in := range s.Inputs {
			r.p("- %s: %s, %s used, %s rejected", mdText(in.File), quantity(int64(in.Rows), "row", "rows"), numfmt.GroupThousands(int64(in.Accepted)), numfmt.GroupThousands(int64(in.Rejected)))
			if in.Warnings > 0 {
				r.p(", %s", quantity(int64(in.Warnings), "warning", "warnings"))
			}
			r.p("\n")
		}
		r.p("\n")
	}
	switch {
	case s.RejectedCount == 1:
		r.p("1 input row was rejected and is not part of this plan; the summary JSON gives the reason.\n\n")
	case s.RejectedCount > 1:
		r.p("%s input rows were rejected and are not part of this plan; the summary JSON lists each with its reason.\n\n", numfmt.GroupThousands(int64(s.RejectedCount)))
	}
}

// planFigureLabels names the figures for people, with their unit.
var planFigureLabels = map[string]string{
	"radius_km":              "Emergency service radius (km)",
	"sweep_radii_km":         "Radii compared in a sweep (km)",
	"min_subcentres":         "Sub-centres per county, at least",
	"max_subcentres":         "Sub-centres per county, at most",
	"min_far_km":             "Least distance of a sub-centre from a county hospital (km)",
	"itinerant_below":        "Itinerant service below (residents)",
	"merge_below":            "Joint clinic below (residents)",
	"own_clinic_from":        "Own clinic from (residents)",
	"merge_km":               "Joint clinic members within (km of the host)",
	"near_thc_km":            "Served by the township health centre within (km)",
	"max_route_km":           "Longest itinerant route a day (km)",
	"doctors_per_1000":       "Village doctors per 1,000 people served",
	"thc_staff_min_per_1000": "Township health centre staff per 1,000 residents, at least",
	"thc_staff_max_per_1000": "Township health centre staff per 1,000 residents, at most",
}

func (r *planReport) policy() {
	s := r.s
	if len(s.Policy.Figures) > 0 {
		r.p("## Planning figures and their sources\n\n")
		r.p("| Figure | Value | Source |\n|---|---:|---|\n")
		for _, f := range s.Policy.Figures {
			r.p("| %s | %s | %s |\n", mdText(cmp.Or(planFigureLabels[f.Name], f.Name)), mdText(summary.FigureText(f.Value)), mdText(f.Source))
		}
		r.p("\n")
	}
	o := &s.Options
	r.p("Other settings: ")
	switch o.Candidates {
	case "given":
		r.p("sub-centre candidates are the %s sites given", numfmt.GroupThousands(int64(o.GivenCandidates)))
	default:
		far := "?"
		if o.MinFarKm != nil {
			far = kmText(*o.MinFarKm)
		}
		r.p("sub-centre candidates are township health centres at least %s km from a county hospital", far)
	}
	types := make([]string, len(o.ExistingTypes))
	for i, t := range o.ExistingTypes {
		types[i] = strings.ReplaceAll(string(t), "_", " ") + "s"
	}
	r.p("; today's cover counts %s", mdText(strings.Join(types, " and ")))
	// The least gain (min_gain_pop) only steers the automatic choice of
	// the number of sites; say so either way, as it is easy to set it and
	// expect an effect on a fixed number.
	if o.K == 0 {
		r.p("; the number of sub-centres is chosen per county, up to %d, adding a site while it newly covers at least %s "+
			"(this least gain applies only to the automatic choice, not to a fixed number)",
			o.MaxK, quantity(int64(o.MinGainPop), "person", "people"))
	} else {
		r.p("; %s per county, fixed for this run (the least gain per added site, %s, applies only when the number is chosen automatically)",
			quantity(int64(o.K), "sub-centre", "sub-centres"), quantity(int64(o.MinGainPop), "person", "people"))
	}
	r.p("; an itinerant day's route is at most %s km.\n\n", kmText(o.MaxRouteKm))
}

func (r *planReport) totals() {
	s, t := r.s, &r.s.Total
	r.p("## Emergency cover within %s km\n\n", kmText(s.RadiusKm))
	r.p("%s %s in %s of %s.\n\n", quantity(t.Population, "person", "people"), agree(t.Population, "lives", "live"),
		quantity(int64(t.Villages), "village", "villages"), quantity(int64(len(s.Counties)), "county", "counties"))
	r.p("| | Today | With the proposed sub-centres |\n|---|---:|---:|\n")
	r.p("| People covered | %s | %s |\n", numfmt.GroupThousands(t.CoveredPopulationBefore), numfmt.GroupThousands(t.CoveredPopulationAfter))
	r.p("| Share of the population | %s | %s |\n", percent(t.ShareBefore), percent(t.ShareAfter))
	r.p("| People not covered | %s | %s |\n", numfmt.GroupThousands(t.Population-t.CoveredPopulationBefore), numfmt.GroupThousands(t.Population-t.CoveredPopulationAfter))
	r.p("| Sub-centres | | %s |\n\n", numfmt.GroupThousands(int64(t.Subcentres)))
}

func (r *planReport) sweep() {
	if len(r.s.Sweep) == 0 {
		return
	}
	r.p("## Sweep: radius and number of sub-centres\n\n")
	r.p("Each row plans every county again with one radius and one number of sub-centres per county "+
		"(auto: chosen per county with the least gain per added site given above; a fixed number ignores it); "+
		"the rest of this report is for %s km.\n\n", kmText(r.s.RadiusKm))
	r.p("| Radius (km) | Sub-centres per county | Sub-centres | Covered today | Covered after | Share today | Share after |\n")
	r.p("|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, row := range r.s.Sweep {
		r.p("| %s | %s | %s | %s | %s | %s | %s |\n", kmText(row.RadiusKm), row.K, numfmt.GroupThousands(int64(row.Subcentres)),
			numfmt.GroupThousands(row.CoveredPopulationBefore), numfmt.GroupThousands(row.CoveredPopulationAfter), percent(row.ShareBefore), percent(row.ShareAfter))
	}
	r.p("\n")
}

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
	r.p("## Sub-centres by county\n\n")
	detail := r.detailCounties()
	if rest := len(s.Counties) - len(detail); rest > 0 {
		others := "the other " + numfmt.GroupThousands(int64(rest)) + " are"
		if rest == 1 {
			others = "the other county is"
		}
		r.p("The %d counties whose proposed sub-centres cover the most additional people are described below; "+
			"%s summarised in the last table of this section. counties.csv and subcentres.csv have every county.\n\n",
			len(detail), others)
	}
	for _, i := range detail {
		r.county(&s.Counties[i])
	}
	if len(detail) == len(s.Counties) {
		return
	}
	r.p("### Other counties\n\n")
	r.p("| County | Population | Covered today | Covered after | Gain | Sub-centres | Unique choice | Greedy shortfall |\n")
	r.p("|---|---:|---:|---:|---:|---|---|---:|\n")
	for i := range s.Counties {
		c := &s.Counties[i]
		if r.detail[c.County] {
			continue
		}
		unique := "yes"
		if c.OptimalSets > 1 {
			unique = fmt.Sprintf("no (%d sets)", c.OptimalSets)
		}
		if len(c.Subcentres) == 0 {
			unique = "–"
		}
		r.p("| %s | %s | %s | %s | %s | %s | %s | %s |\n", mdText(c.County), numfmt.GroupThousands(c.Population), percent(c.ShareBefore),
			percent(c.ShareAfter), numfmt.GroupThousands(c.Gain()), mdText(cmp.Or(strings.Join(c.Subcentres, ", "), "none")), unique, numfmt.GroupThousands(c.GreedyGap))
	}
	r.p("\n")
}

func (r *planReport) county(c *summary.PlanCounty) {
	radius := kmText(r.s.RadiusKm)
	r.p("### %s\n\n", mdText(c.County))
	r.p("%s in %s. Covered within %s km today: %s (%s)",
		quantity(c.Population, "person", "people"), quantity(int64(c.Villages), "village", "villages"), radius,
		numfmt.GroupThousands(c.CoveredPopulationBefore), percent(c.ShareBefore))
	if len(c.Explanation) == 0 {
		r.p(". No sub-centre is proposed.")
		if c.Note != "" {
			r.p(" Reason: %s.", mdText(c.Note))
		}
		r.p("\n\n")
		return
	}
	r.p("; with the proposed sub-centres: %s (%s), %s more %s.\n\n", numfmt.GroupThousands(c.CoveredPopulationAfter), percent(c.ShareAfter),
		numfmt.GroupThousands(c.Gain()), agree(c.Gain(), "person", "people"))
	r.p("Proposed sub-centres, in the order they were ranked:\n\n")
	r.p("| Rank | Site | Township | Newly covered people | Villages | Alone | From county hospital | From county seat | Beds | Staff |\n")
	r.p("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, e := range c.Explanation {
		hosp := "no hospital"
		if e.CountyHospitalKm != nil {
			hosp = kmText(*e.CountyHospitalKm) + " km"
		}
		site := mdText(e.ID)
		if e.Name != "" {
			site = mdText(e.Name) + " (" + site + ")"
		}
		r.p("| %d | %s | %s | %s | %s | %s | %s | %s km | %s | %s |\n", e.Rank, site, mdText(e.Township),
			numfmt.GroupThousands(e.GainPopulation), numfmt.GroupThousands(int64(e.GainVillages)), numfmt.GroupThousands(e.StandalonePopulation), hosp, kmText(e.SeatKm), e.Beds, e.Staff)
	}
	r.p("\nWhy:\n\n")
	for _, e := range c.Explanation {
		r.p("%d. %s: %s\n", e.Rank, mdText(e.ID), mdText(e.Rule))
	}
	r.p("\n")
	sites := quantity(int64(len(c.Subcentres)), "site", "sites")
	if c.OptimalSets <= 1 {
		r.p("The choice is unique: no other set of %s covers as many people.", sites)
	} else {
		r.p("%s sets of %s cover the same number of people", numfmt.GroupThousands(int64(c.OptimalSets)), sites)
		if c.TieBreak != "" {
			r.p(" (%s)", mdText(c.TieBreak))
		}
		r.p(".")
		if len(c.Alternatives) > 0 {
			alts := make([]string, len(c.Alternatives))
			for i, a := range c.Alternatives {
				alts[i] = mdText(strings.Join(a, ", "))
			}
			r.p(" Other sets that do as well: %s.", strings.Join(alts, "; "))
		}
	}
	switch {
	case c.GreedyGap > 0:
		r.p(" Picking the largest gain one site at a time would choose %s and cover %s fewer %s.",
			mdText(strings.Join(c.GreedySubcentres, ", ")), numfmt.GroupThousands(c.GreedyGap), agree(c.GreedyGap, "person", "people"))
	default:
		r.p(" Picking the largest gain one site at a time reaches the same cover.")
	}
	r.p("\n\n")
	var facts []string
	facts = append(facts, quantity(int64(c.Candidates), "candidate site", "candidate sites"))
	if c.TooClose > 0 {
		facts = append(facts, quantity(int64(c.TooClose), "township health centre", "township health centres")+" left out as too close to a county hospital")
	}
	if c.SeatFromHospital {
		facts = append(facts, "county seat at "+mdText(c.SeatFacilityID))
	}
	r.p("%s.", capitalize(strings.Join(facts, "; ")))
	if c.Note != "" {
		r.p(" Note: %s.", mdText(c.Note))
	}
	r.p("\n\n")
}

// planFlagWords explains the planner's flags.
var planFlagWords = map[string]string{
	planner.FlagNoClinicNearby:            "villages that must have a clinic of their own (R9) but have no village clinic nearby",
	planner.FlagNoNeighbourWithinMergeKm:  "small villages with no neighbour close enough to share a joint clinic; each is counted as needing a clinic of its own",
	planner.FlagJointGroupOfOne:           "joint-clinic hosts to which no other village was assigned",
	planner.FlagRoundTripExceedsMaxRoute:  "itinerant days to a single village whose round trip alone is longer than a day's route allows",
	planner.FlagTHCNotInTownship:          "the township has no township health centre of its own; the nearest one elsewhere runs its itinerant route",
	planner.FlagMultipleTHC:               "several township health centres carry the township's name; the first in the input is used",
	planner.FlagNoTHC:                     "there is no township health centre in the input at all, so no itinerant route could be planned",
	planner.FlagCoverNotExact:             "the joint-clinic hosts are the best found within the work limit, not a proven minimum",
	planner.FlagRouteTooManyStops:         "too many itinerant villages for one route (the township column is probably missing or wrong); no route was planned",
	planner.FlagVillageClinicStaffPartial: "some village clinics have no staff figure, so the doctor gap may be smaller than shown",
}

func (r *planReport) clinics() {
	s := r.s
	r.p("## Clinic plan by township\n\n")
	r.clinicRules()
	if len(r.detail) < len(s.Counties) {
		r.p("Townships are listed for the counties described above; the other counties are totalled per county in the last table. townships.csv has every township.\n\n")
	}
	r.p("| County | Township | Villages | Own clinics | Joint clinics (members) | Itinerant villages | Route | Served by THC | Single | Doctors needed | Doctor gap | THC staff quota | THC staff | THC gap | Flags |\n")
	r.p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	seen := map[string]bool{}
	for i := range s.Townships {
		t := &s.Townships[i]
		if !r.detail[t.County] {
			continue
		}
		route := "–"
		if t.RouteDays > 0 {
			route = kmText(t.RouteKm) + " km, " + quantity(int64(t.RouteDays), "day", "days")
		}
		flags := slices.Concat(t.Flags, slices.Sorted(maps.Keys(t.FlagCounts)))
		for _, f := range flags {
			seen[f] = true
		}
		codes := make([]string, len(flags))
		for j, f := range flags {
			codes[j] = mdCode(f)
			if n, ok := t.FlagCounts[f]; ok {
				codes[j] += fmt.Sprintf(" ×%d", n)
			}
		}
		quota := numfmt.GroupThousands(int64(t.THCStaffMin))
		if t.THCStaffMax != t.THCStaffMin {
			quota += "–" + numfmt.GroupThousands(int64(t.THCStaffMax))
		}
		r.p("| %s | %s | %s | %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			mdText(t.County), mdText(t.Township), numfmt.GroupThousands(int64(t.Villages)), numfmt.GroupThousands(int64(t.OwnClinics)),
			numfmt.GroupThousands(int64(t.JointClinics)), numfmt.GroupThousands(int64(t.JointMembers)), numfmt.GroupThousands(int64(t.ItinerantVillages)), route,
			numfmt.GroupThousands(int64(t.TownshipCentreVillages)), numfmt.GroupThousands(int64(t.SingleVillages)), numfmt.GroupThousands(int64(t.StaffNeeded)), t.DoctorGap,
			quota, t.THCStaff, t.THCStaffGap, strings.Join(codes, ", "))
	}
	r.p("\nDoctor gap: village doctors needed minus the staff of the township's village clinics; THC gap: staff missing to reach the lower end of the quota. " +
		"Unknown where the input has no staff figure.\n\n")
	if len(seen) > 0 {
		r.p("Flags: a flag without a count concerns the township as a whole (the township's `flags` in the summary JSON); " +
			"×n counts the township's villages or itinerant route days that carry the flag (`flag_counts`).\n\n")
		for _, f := range slices.Sorted(maps.Keys(seen)) {
			r.p("- %s: %s.\n", mdCode(f), mdText(cmp.Or(planFlagWords[f], "see the planner documentation")))
		}
		r.p("\n")
	}
	if len(r.detail) < len(s.Counties) {
		r.otherClinics()
	}
}

// clinicRules states the rules of the clinic plan with this run's
// thresholds, in the order the planner applies them, including the band
// between MergeBelow and OwnClinicFrom that no rule covers: those villages
// show as own_clinic with required_clinic false, and a reader needs to know
// that this is a default and not a requirement.
func (r *planReport) clinicRules() {
	o := &r.s.Options
	r.p("Villages of %s residents or more must have a clinic of their own (R9). Smaller villages within %s km of a township health centre are served by it (R6).",
		numfmt.GroupThousands(int64(o.OwnClinicFrom)), kmText(o.NearTHCKm))
	if o.ItinerantBelow > 0 {
		r.p(" Of the others, villages below %s residents get itinerant visits from the township health centre (R6).", numfmt.GroupThousands(int64(o.ItinerantBelow)))
	}
	if o.MergeBelow > o.ItinerantBelow {
		r.p(" Villages of %s residents share a joint clinic with neighbouring villages within %s km (R7, R8); "+
			"one with no other village of its township that close is single and counted as needing a clinic of its own.",
			rangeText(o.ItinerantBelow, o.MergeBelow-1), kmText(o.MergeKm))
	}
	if o.OwnClinicFrom > o.MergeBelow {
		r.p(" Villages of %s residents keep or set up their own clinic: no rule requires it (R9 requires one from %s). "+
			"In villages.csv and the village layer of the plan GeoJSON they have service `own_clinic` and `required_clinic` false; they are counted in Own clinics.",
			rangeText(o.MergeBelow, o.OwnClinicFrom-1), numfmt.GroupThousands(int64(o.OwnClinicFrom)))
	}
	r.p(" A clinic needs a village doctor per 1,000 people served (R10); a township health centre needs 1.2‰–1.7‰ of the township's residents as staff (R11).\n\n")
}

// rangeText is an inclusive range of residents: "500–799", or "500" when
// lo == hi.
func rangeText(lo, hi int) string {
	if lo == hi {
		return numfmt.GroupThousands(int64(lo))
	}
	return numfmt.GroupThousands(int64(lo)) + "–" + numfmt.GroupThousands(int64(hi))
}

// otherClinics totals the clinic plan per county for the counties not
// described in full.
func (r *planReport) otherClinics() {
	r.p("### Clinic plan of the other counties\n\n")
	r.p("| County | Townships | Own clinics | Joint clinics (members) | Itinerant villages | Route km | Doctors needed | Doctor gap | THC staff gap | Flagged townships |\n")
	r.p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	ts := r.s.Townships
	for lo := 0; lo < len(ts); {
		hi := lo
		for hi < len(ts) && ts[hi].County == ts[lo].County {
			hi++
		}
		if !r.detail[ts[lo].County] {
			var c clinicTotals
			c.add(ts[lo:hi])
			r.p("| %s | %s | %s | %s (%s) | %s | %s | %s | %s | %s | %s |\n", mdText(ts[lo].County), numfmt.GroupThousands(int64(hi-lo)),
				numfmt.GroupThousands(c.own), numfmt.GroupThousands(c.joint), numfmt.GroupThousands(c.members), numfmt.GroupThousands(c.itinerant), kmText(c.routeKm),
				numfmt.GroupThousands(c.doctors), c.doctorGap.text(), c.thcGap.text(), numfmt.GroupThousands(c.flagged))
		}
		lo = hi
	}
	r.p("\n")
}

// clinicTotals adds up townships' clinic plans.
type clinicTotals struct {
	townships, own, joint, members, itinerant, single, days, doctors, flagged int64
	routeKm                                                                   float64
	doctorGap, thcGap                                                         gapTotal
	thcShort                                                                  int64 // townships whose centre is below quota
}

// gapTotal sums known gaps and counts the unknown ones.
type gapTotal struct{ sum, unknown int64 }

func (g *gapTotal) add(c summary.Count) {
	if c.Known() {
		g.sum += int64(c)
	} else {
		g.unknown++
	}
}

// text is the sum, saying how many townships are unknown: "12 (3
// townships unknown)".
func (g gapTotal) text() string {
	if g.unknown > 0 {
		return fmt.Sprintf("%s (%s unknown)", numfmt.GroupThousands(g.sum), quantity(g.unknown, "township", "townships"))
	}
	return numfmt.GroupThousands(g.sum)
}

func (c *clinicTotals) add(ts []summary.PlanTownship) {
	for i := range ts {
		t := &ts[i]
		c.townships++
		c.own += int64(t.OwnClinics)
		c.joint += int64(t.JointClinics)
		c.members += int64(t.JointMembers)
		c.itinerant += int64(t.ItinerantVillages)
		c.single += int64(t.SingleVillages)
		c.days += int64(t.RouteDays)
		c.routeKm += t.RouteKm
		c.doctors += int64(t.StaffNeeded)
		c.doctorGap.add(t.DoctorGap)
		c.thcGap.add(t.THCStaffGap)
		if t.THCStaffGap.Known() && t.THCStaffGap > 0 {
			c.thcShort++
		}
		if len(t.Flags) > 0 || len(t.FlagCounts) > 0 {
			c.flagged++
		}
	}
}

// kmText formats kilometres for people: whole numbers as they are (options
// such as 15 km), others with one decimal, with thousands separators:
// 15, 2.5, 12,955.5.
func kmText(km float64) string {
	if km == math.Trunc(km) && math.Abs(km) < 1e15 {
		return numfmt.GroupThousands(int64(km))
	}
	s := strconv.FormatFloat(km, 'f', 1, 64)
	dot := strings.IndexByte(s, '.')
	if dot < 0 { // Inf or NaN
		return s
	}
	sign, digits := "", s[:dot]
	if strings.HasPrefix(digits, "-") {
		sign, digits = "-", digits[1:]
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return s
	}
	return sign + numfmt.GroupThousands(n) + s[dot:]
}

// quantity is n with thousands separators and the noun in the number n
// takes: "1 county", "0 counties", "1,200 people".
func quantity(n int64, one, many string) string {
	return numfmt.GroupThousands(n) + " " + agree(n, one, many)
}

// agree is the form of a word that agrees with a count of n: "person" or
// "people", "lives" or "live".
func agree(n int64, one, many string) string {
	if n == 1 || n == -1 {
		return one
	}
	return many
}

func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
