package planner

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner/note"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// scCounty gathers one county's villages and candidates before planning.
type scCounty struct {
	name         string
	villages     []int // indices into the villages
	cands        []int // indices into scInput.candidates
	seatFacility int   // county hospital used as the seat, or -1
}

// scCand is a candidate site with what the tie-break and explanations need.
type scCand struct {
	index        int
	f            *Facility
	hospM, seatM float64
	staff, beds  int64   // unknown counts as 0
	idRank       int     // position in (id, index) order
	members      []int32 // positions in the county's uncovered villages
	gain         int64
}

// scSiteCmp is the tie-break between single sites: staff, beds (more
// first), distance from the seat (farther first), id, input order.
func scSiteCmp(a, b *scCand) int {
	return cmp.Or(
		cmp.Compare(b.staff, a.staff),
		cmp.Compare(b.beds, a.beds),
		cmp.Compare(b.seatM, a.seatM),
		cmp.Compare(a.idRank, b.idRank),
	)
}

// scSetKey is the tie-break key of a candidate set; see PlanSubcentres.
// It lives on the stack: the search compares keys of every tied set.
type scSetKey struct {
	staff, beds int64
	seatM       float64
	n           int
	ranks       [MaxSubcentresPerCounty]int // sorted idRanks
}

func scKey(cands []scCand, set []int) scSetKey {
	var k scSetKey
	var dist [MaxSubcentresPerCounty]float64
	for i, j := range set {
		c := &cands[j]
		k.staff += c.staff
		k.beds += c.beds
		dist[i], k.ranks[i] = c.seatM, c.idRank
		// insertion sort, both ascending
		for t := i; t > 0 && dist[t] < dist[t-1]; t-- {
			dist[t], dist[t-1] = dist[t-1], dist[t]
		}
		for t := i; t > 0 && k.ranks[t] < k.ranks[t-1]; t-- {
			k.ranks[t], k.ranks[t-1] = k.ranks[t-1], k.ranks[t]
		}
	}
	k.n = len(set)
	// Summing in a fixed (ascending) order makes equal multisets of
	// distances give bit-identical totals, whatever order the set is in.
	for _, d := range dist[:k.n] {
		k.seatM += d
	}
	return k
}

// scKeyCmp compares keys: negative when a is preferred. It also returns
// the criterion that decided (0 staff, 1 beds, 2 seat distance, 3 ids) so
// that the decision can be explained without formatting on every call.
func scKeyCmp(a, b scSetKey) (c, level int) {
	if c := cmp.Compare(b.staff, a.staff); c != 0 {
		return c, 0
	}
	if c := cmp.Compare(b.beds, a.beds); c != 0 {
		return c, 1
	}
	if c := cmp.Compare(b.seatM, a.seatM); c != 0 {
		return c, 2
	}
	return slices.Compare(a.ranks[:a.n], b.ranks[:b.n]), 3
}

// scTieNote says which criterion separates the chosen key a from b, when
// sets site sets reach the same people.
func scTieNote(a, b scSetKey, sets int, people int64) note.Note {
	switch _, level := scKeyCmp(a, b); level {
	case 0:
		return note.New(note.TieStaff, "sets", sets, "people", people, "chosen", a.staff, "next", b.staff)
	case 1:
		return note.New(note.TieBeds, "sets", sets, "people", people, "chosen", a.beds, "next", b.beds)
	case 2:
		return note.New(note.TieSeatKm, "sets", sets, "people", people, "chosen_km", a.seatM/1000, "next_km", b.seatM/1000)
	}
	return note.New(note.TieIDs, "sets", sets, "people", people)
}

// scRun is the state of planning one county, step by step.
type scRun struct {
	in     *scInput
	res    CountySubcentres
	notes  []note.Note
	unc    []int // the county's villages without county-level care today
	uncPop int64
	cands  []scCand
	// The search problem and the greedy picks, once the cover sets are known.
	p           *scProblem
	siteCmp     func(a, b int) int
	greedyOrder []int
	greedyGains []int64
}

// plan plans one county; the error is ctx's when it is cancelled.
func (in *scInput) plan(ctx context.Context, c *scCounty) (CountySubcentres, error) {
	r := &scRun{in: in, res: CountySubcentres{County: c.name, Villages: len(c.villages), RequestedK: in.opt.K, SeatFacility: c.seatFacility}}
	r.seat(c)
	r.today(c)
	r.candidates(c)
	if why, ok := r.emptyReason(); ok {
		return r.finish(why), nil
	}
	if err := r.coverSets(ctx); err != nil {
		return r.res, err
	}
	if !slices.ContainsFunc(r.cands, func(cd scCand) bool { return cd.gain > 0 }) {
		return r.finish(note.New(note.SubNoSitesNoneWithin, append(in.radius(), "candidates", len(r.cands), "people", r.uncPop)...)), nil
	}
	r.searchOrder()
	r.buildProblem()
	sol, k, err := r.chooseK(ctx)
	if err != nil {
		return r.res, err
	}
	r.explain(sol, k)
	if len(r.notes) > 0 {
		r.res.Notes = r.notes
		r.res.Note = note.Text(r.notes)
	}
	return r.res, nil
}

// finish ends a county that gets no sites, with reason first in its Notes.
func (r *scRun) finish(reason note.Note) CountySubcentres {
	r.res.Notes = append([]note.Note{reason}, r.notes...)
	r.res.Note = note.Text(r.res.Notes)
	return r.res
}

// seat places the county seat: its biggest county hospital, else the
// population-weighted centre of its villages.
func (r *scRun) seat(c *scCounty) {
	if p, ok := r.in.opt.Seats[c.name]; ok {
		r.res.Seat = p
		return
	}
	if c.seatFacility >= 0 {
		r.res.Seat, r.res.SeatFromHospital = r.in.facilities[c.seatFacility].Location, true
		return
	}
	r.res.Seat = r.in.centroid(c.villages)
	r.notes = append(r.notes, note.New(note.SubSeatFromVillages))
}

// today counts the county's people, those with county-level care cover
// today and those with emergency network cover, and lists the villages
// without county-level care today.
func (r *scRun) today(c *scCounty) {
	for _, vi := range c.villages {
		pop := int64(r.in.villages[vi].Population)
		r.res.Population += pop
		if r.in.networkCovered[vi] {
			r.res.NetworkCovered += pop
		}
		if r.in.countyCareToday[vi] {
			r.res.CountyCareToday += pop
		} else {
			r.unc = append(r.unc, vi)
			r.uncPop += pop
		}
	}
	r.res.CountyCareAfter, r.res.GreedyCountyCareAfter = r.res.CountyCareToday, r.res.CountyCareToday
}

// candidates measures each candidate's geodesic distance to the nearest
// county hospital and to the seat, leaving out township health centres
// nearer than MinFarKm to a hospital.
func (r *scRun) candidates(c *scCounty) {
	in := r.in
	r.cands = make([]scCand, 0, len(c.cands))
	for _, ci := range c.cands {
		f := &in.candidates[ci]
		hospM := math.Inf(1)
		if _, d, ok := in.hosp.Nearest(f.Location); ok {
			hospM = d
		}
		if !in.explicit && hospM < in.minFarM {
			r.res.TooClose++
			continue
		}
		r.cands = append(r.cands, scCand{
			index: ci, f: f, hospM: hospM, seatM: geo.DistanceM(r.res.Seat, f.Location),
			staff: int64(max(f.Staff, 0)), beds: int64(max(f.Beds, 0)),
		})
	}
	r.res.Candidates = len(r.cands)
}

// emptyReason says why the county gets no sites before any cover set is
// measured; ok is false when it may get some.
func (r *scRun) emptyReason() (why note.Note, ok bool) {
	in := r.in
	switch {
	case len(r.cands) == 0 && in.explicit:
		return note.New(note.SubNoSitesNotListed), true
	case len(r.cands) == 0 && r.res.TooClose > 0:
		return note.New(note.SubNoSitesTooClose, "thcs", r.res.TooClose, "min_far_km", in.minFarM/1000), true
	case len(r.cands) == 0:
		return note.New(note.SubNoSitesNoTHC), true
	case r.uncPop == 0:
		return note.New(note.SubNoSitesAllCovered, append(in.radius(), "people", r.res.Population)...), true
	}
	return note.Note{}, false
}

// coverSets finds which uncovered villages each candidate would cover: one
// Metric.Within with the villages as origins and the candidates as targets.
func (r *scRun) coverSets(ctx context.Context) error {
	in := r.in
	targets := make([]geo.Site, len(r.cands))
	for i := range r.cands {
		targets[i] = facilitySite(r.cands[i].f)
	}
	within, err := in.metric.Within(ctx, villageSites(in.villages, r.unc), targets, in.limit)
	if err != nil {
		return err
	}
	if err := metricLen(in.metric, "Within", len(within), len(targets)); err != nil {
		return err
	}
	for i := range r.cands {
		cd := &r.cands[i]
		for _, w := range within[i] {
			cd.members = append(cd.members, int32(w.Index))
		}
		// Within orders by origin; this guards the search against a metric
		// that does not.
		slices.Sort(cd.members)
		cd.members = slices.Compact(cd.members)
		for _, u := range cd.members {
			cd.gain += int64(in.villages[r.unc[u]].Population)
		}
	}
	return nil
}

// searchOrder ranks the candidates by id (the last tie-break) and sorts
// them into search order: stand-alone gain, then the site tie-break.
func (r *scRun) searchOrder() {
	cands := r.cands
	byID := make([]int, len(cands))
	for i := range byID {
		byID[i] = i
	}
	slices.SortFunc(byID, func(a, b int) int {
		return cmp.Or(strings.Compare(cands[a].f.ID, cands[b].f.ID), cmp.Compare(cands[a].index, cands[b].index))
	})
	for rk, i := range byID {
		cands[i].idRank = rk
	}
	slices.SortFunc(cands, func(a, b scCand) int {
		return cmp.Or(cmp.Compare(b.gain, a.gain), scSiteCmp(&a, &b))
	})
}

// buildProblem compresses the universe to the villages some candidate
// reaches and builds the maximum-coverage problem.
func (r *scRun) buildProblem() {
	cands := r.cands
	elem := make([]int32, len(r.unc))
	for i := range elem {
		elem[i] = -1
	}
	var w []int64
	members := make([][]int32, len(cands))
	for i := range cands {
		m := make([]int32, len(cands[i].members))
		for t, u := range cands[i].members {
			if elem[u] < 0 {
				elem[u] = int32(len(w))
				w = append(w, int64(r.in.villages[r.unc[u]].Population))
			}
			m[t] = elem[u]
		}
		slices.Sort(m)
		members[i] = m
	}
	r.p = newSCProblem(members, w, func(a, b []int) int {
		c, _ := scKeyCmp(scKey(cands, a), scKey(cands, b))
		return c
	})
	r.siteCmp = func(a, b int) int { return scSiteCmp(&cands[a], &cands[b]) }
}

// greedyVal is what greedy's first k picks cover.
func (r *scRun) greedyVal(k int) (v int64) {
	for _, g := range r.greedyGains[:k] {
		v += g
	}
	return v
}

// chooseK solves the exact optimum for each K up to the fixed K, or, for
// automatic K, while one more site adds at least MinGainPop people. It
// records OptimumByK and the notes on K.
func (r *scRun) chooseK(ctx context.Context) (scSolution, int, error) {
	in := r.in
	kmax := in.opt.maxK()
	if in.opt.K > 0 {
		kmax = in.opt.K
	}
	fewer := 0 // candidates, when fewer than the sites asked for
	if n := len(r.cands); n < kmax {
		fewer, kmax = n, n
	}
	all := make([]int, len(r.cands))
	for i := range all {
		all[i] = i
	}
	r.greedyOrder, r.greedyGains = r.p.greedy(all, kmax, r.siteCmp)
	keep := 1 + max(min(in.maxAlt, math.MaxInt32), 1) // the runner-up names the deciding tie-break
	solve := func(k int) (scSolution, error) {
		s, err := r.p.solve(ctx, k, keep, r.greedyVal(k))
		if err == nil {
			r.res.OptimumByK = append(r.res.OptimumByK, r.res.CountyCareToday+s.value)
		}
		return s, err
	}
	if in.opt.K > 0 {
		var sol scSolution
		for k := 1; k <= kmax; k++ {
			s, err := solve(k)
			if err != nil {
				return sol, 0, err
			}
			sol = s
		}
		if fewer > 0 {
			r.notes = append(r.notes, note.New(note.SubFewCandidates, "candidates", fewer))
		}
		return sol, kmax, nil
	}
	return r.autoK(solve, kmax, fewer)
}

// autoK is chooseK's automatic K: at least one site, and one more while it
// adds at least MinGainPop people, up to kmax.
func (r *scRun) autoK(solve func(k int) (scSolution, error), kmax, fewer int) (scSolution, int, error) {
	in := r.in
	sol, err := solve(1)
	if err != nil {
		return sol, 0, err
	}
	k := 1
	for k < kmax {
		s, err := solve(k + 1)
		if err != nil {
			return sol, 0, err
		}
		if add := s.value - sol.value; add < in.minGain {
			r.notes = append(r.notes, note.New(note.SubAutoSmallGain, "k", k, "gain", add, "min_gain", in.minGain))
			break
		}
		sol, k = s, k+1
	}
	switch {
	case k == kmax && fewer > 0:
		r.notes = append(r.notes, note.New(note.SubAutoFewCandidates, "k", k, "candidates", fewer))
	case k == kmax:
		r.notes = append(r.notes, note.New(note.SubAutoLimit, "k", k, "limit", kmax, "min_gain", in.minGain))
	}
	return sol, k, nil
}

// explain fills the result from the chosen solution: totals, greedy,
// alternatives, the tie-break and the sites in selection order.
func (r *scRun) explain(sol scSolution, k int) {
	res, cands := &r.res, r.cands
	res.K = k
	res.CountyCareAfter = res.CountyCareToday + sol.value
	res.GreedyCountyCareAfter = res.CountyCareToday + r.greedyVal(k)
	for _, j := range r.greedyOrder[:k] {
		res.GreedyIDs = append(res.GreedyIDs, cands[j].f.ID)
	}
	res.OptimalSets = sol.count
	for _, set := range sol.top[1:min(len(sol.top), 1+r.in.maxAlt)] {
		ids := make([]string, len(set))
		for i, j := range set {
			ids[i] = cands[j].f.ID
		}
		slices.Sort(ids)
		res.Alternatives = append(res.Alternatives, ids)
	}
	if sol.count > 1 {
		res.TieBreakNotes = []note.Note{scTieNote(scKey(cands, sol.top[0]), scKey(cands, sol.top[1]), sol.count, sol.value)}
		res.TieBreak = note.Text(res.TieBreakNotes)
	}
	order, _ := r.p.greedy(sol.top[0], k, r.siteCmp)
	covered := make([]bool, len(r.unc))
	for rank, j := range order {
		cd := &cands[j]
		sc := SiteChoice{
			Facility: *cd.f, Index: cd.index, Rank: rank + 1,
			StandalonePopulation:    cd.gain,
			CountyHospitalDistanceM: cd.hospM, SeatDistanceM: cd.seatM,
		}
		for _, u := range cd.members {
			if !covered[u] {
				covered[u] = true
				sc.NewlyCovered = append(sc.NewlyCovered, r.unc[u])
				sc.GainPopulation += int64(r.in.villages[r.unc[u]].Population)
			}
		}
		sc.GainVillages = len(sc.NewlyCovered)
		sc.Rule = r.in.rule(&sc)
		res.Sites = append(res.Sites, sc)
	}
}

// centroid is the population-weighted mean of the villages' longitudes and
// latitudes (the plain mean when nobody lives there). Averaging degrees is
// adequate for a county-sized area away from the antimeridian, which holds
// for China.
func (in *scInput) centroid(vs []int) orb.Point {
	var lon, lat, wsum float64
	for _, vi := range vs {
		v := &in.villages[vi]
		w := float64(v.Population)
		lon += w * v.Location[0]
		lat += w * v.Location[1]
		wsum += w
	}
	if wsum == 0 {
		for _, vi := range vs {
			lon += in.villages[vi].Location[0]
			lat += in.villages[vi].Location[1]
		}
		wsum = float64(len(vs))
	}
	return orb.Point{lon / wsum, lat / wsum}
}

// rule writes the one-line justification of a chosen site.
func (in *scInput) rule(sc *SiteChoice) string {
	var b strings.Builder
	b.WriteString("R2: ")
	switch {
	case in.explicit:
		b.WriteString("candidate site from the given list, ")
	default:
		b.WriteString("township health centre ")
	}
	if math.IsInf(sc.CountyHospitalDistanceM, 1) {
		b.WriteString("with no county hospital in the input")
	} else {
		fmt.Fprintf(&b, "%s km from the nearest county hospital", scKm(sc.CountyHospitalDistanceM))
		if !in.explicit {
			fmt.Fprintf(&b, " (>= %s km)", scKm(in.minFarM))
		}
	}
	fmt.Fprintf(&b, ", %s km from the county seat; ", scKm(sc.SeatDistanceM))
	above := ""
	if sc.Rank > 1 {
		above = " or from the sites ranked above"
	}
	if sc.GainPopulation == 0 && sc.GainVillages == 0 {
		fmt.Fprintf(&b, "brings county-level care to no one who lacks it today%s", above)
	} else {
		village := "villages"
		if sc.GainVillages == 1 {
			village = "village"
		}
		fmt.Fprintf(&b, "brings county-level care to %s people in %d %s without it today%s", numfmt.GroupThousands(sc.GainPopulation), sc.GainVillages, village, above)
	}
	fmt.Fprintf(&b, "; %s beds, %s staff", scCapacity(sc.Facility.Beds), scCapacity(sc.Facility.Staff))
	return b.String()
}

func scCapacity(n int) string {
	if n < 0 {
		return "unknown"
	}
	return numfmt.GroupThousands(int64(n))
}

// scKm formats metres as kilometres with one decimal.
func scKm(m float64) string { return fmt.Sprintf("%.1f", m/1000) }
