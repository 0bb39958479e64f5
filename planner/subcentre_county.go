package planner

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

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

// scKeyWhy says which criterion separates the chosen key a from b.
func scKeyWhy(a, b scSetKey) string {
	switch _, level := scKeyCmp(a, b); level {
	case 0:
		return fmt.Sprintf("total staff %d vs %d", a.staff, b.staff)
	case 1:
		return fmt.Sprintf("total beds %d vs %d", a.beds, b.beds)
	case 2:
		return fmt.Sprintf("total distance from the county seat %s km vs %s km", scKm(a.seatM), scKm(b.seatM))
	}
	return "ids (equal staff, beds and distance from the seat)"
}

// plan plans one county; the error is ctx's when it is cancelled.
func (in *scInput) plan(ctx context.Context, c *scCounty) (CountySubcentres, error) {
	res := CountySubcentres{County: c.name, Villages: len(c.villages), RequestedK: in.opt.K, SeatFacility: c.seatFacility}
	var notes []string

	if c.seatFacility >= 0 {
		res.Seat, res.SeatFromHospital = in.facilities[c.seatFacility].Location, true
	} else {
		res.Seat = in.centroid(c.villages)
		notes = append(notes, "the county has no county hospital, so its seat is taken as the population-weighted centre of its villages")
	}

	var unc []int // villages not covered today
	var uncPop int64
	for _, vi := range c.villages {
		v := &in.villages[vi]
		pop := int64(v.Population)
		res.Population += pop
		covered := false
		in.existing.Within(v.Location, in.radiusM, func(int, float64) bool {
			covered = true
			return false // one facility is enough
		})
		if covered {
			res.CoveredBefore += pop
		} else {
			unc = append(unc, vi)
			uncPop += pop
		}
	}
	res.CoveredAfter, res.GreedyCoveredAfter = res.CoveredBefore, res.CoveredBefore

	cands := make([]scCand, 0, len(c.cands))
	for _, ci := range c.cands {
		f := &in.candidates[ci]
		hospM := math.Inf(1)
		if _, d, ok := in.hosp.Nearest(f.Location); ok {
			hospM = d
		}
		if !in.explicit && hospM < in.minFarM {
			res.TooClose++
			continue
		}
		cands = append(cands, scCand{
			index: ci, f: f, hospM: hospM, seatM: geo.DistanceM(res.Seat, f.Location),
			staff: int64(max(f.Staff, 0)), beds: int64(max(f.Beds, 0)),
		})
	}
	res.Candidates = len(cands)
	done := func(reason string) (CountySubcentres, error) {
		res.Note = strings.Join(append([]string{reason}, notes...), "; ")
		return res, nil
	}
	switch {
	case len(cands) == 0 && in.explicit:
		return done("no sites: the candidate list has no site in this county")
	case len(cands) == 0 && res.TooClose > 0:
		return done(fmt.Sprintf("no sites: all %d township health centres are less than %s km from a county hospital", res.TooClose, scKm(in.minFarM)))
	case len(cands) == 0:
		return done("no sites: the county has no township health centre")
	case uncPop == 0:
		return done(fmt.Sprintf("no sites: all %s people are already within %s km of an existing facility", GroupThousands(res.Population), scKm(in.radiusM)))
	}

	// Which uncovered villages each candidate reaches.
	pts := make([]orb.Point, len(unc))
	for i, vi := range unc {
		pts[i] = in.villages[vi].Location
	}
	ix := geo.NewIndex(pts)
	for i := range cands {
		cd := &cands[i]
		ix.Within(cd.f.Location, in.radiusM, func(u int, _ float64) bool {
			cd.members = append(cd.members, int32(u))
			cd.gain += int64(in.villages[unc[u]].Population)
			return true
		})
		slices.Sort(cd.members)
	}
	if !slices.ContainsFunc(cands, func(cd scCand) bool { return cd.gain > 0 }) {
		return done(fmt.Sprintf("no sites: none of the %d candidates is within %s km of the %s people not covered today", len(cands), scKm(in.radiusM), GroupThousands(uncPop)))
	}

	// Search order: stand-alone gain, then the site tie-break.
	byID := make([]int, len(cands))
	for i := range byID {
		byID[i] = i
	}
	slices.SortFunc(byID, func(a, b int) int {
		return cmp.Or(strings.Compare(cands[a].f.ID, cands[b].f.ID), cmp.Compare(cands[a].index, cands[b].index))
	})
	for r, i := range byID {
		cands[i].idRank = r
	}
	slices.SortFunc(cands, func(a, b scCand) int {
		return cmp.Or(cmp.Compare(b.gain, a.gain), scSiteCmp(&a, &b))
	})

	// Compress the universe to the villages some candidate reaches.
	elem := make([]int32, len(unc))
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
				w = append(w, int64(in.villages[unc[u]].Population))
			}
			m[t] = elem[u]
		}
		slices.Sort(m)
		members[i] = m
	}
	p := newSCProblem(members, w, func(a, b []int) int {
		c, _ := scKeyCmp(scKey(cands, a), scKey(cands, b))
		return c
	})
	siteCmp := func(a, b int) int { return scSiteCmp(&cands[a], &cands[b]) }

	kmax := in.opt.maxK()
	if in.opt.K > 0 {
		kmax = in.opt.K
	}
	fewer := ""
	if len(cands) < kmax {
		fewer = fmt.Sprintf("only %d candidate%s, so at most %d site%s", len(cands), scPlural(len(cands)), len(cands), scPlural(len(cands)))
		kmax = len(cands)
	}
	all := make([]int, len(cands))
	for i := range all {
		all[i] = i
	}
	greedyOrder, greedyGains := p.greedy(all, kmax, siteCmp)
	greedyVal := func(k int) (v int64) {
		for _, g := range greedyGains[:k] {
			v += g
		}
		return v
	}
	keep := 1 + max(min(in.maxAlt, math.MaxInt32), 1) // the runner-up names the deciding tie-break
	solve := func(k int) (scSolution, error) {
		s, err := p.solve(ctx, k, keep, greedyVal(k))
		if err == nil {
			res.OptimumByK = append(res.OptimumByK, res.CoveredBefore+s.value)
		}
		return s, err
	}

	var sol scSolution
	k := 1
	if in.opt.K > 0 {
		for k = 1; k <= kmax; k++ {
			s, err := solve(k)
			if err != nil {
				return res, err
			}
			sol = s
		}
		k = kmax
		if fewer != "" {
			notes = append(notes, fewer)
		}
	} else {
		s, err := solve(1)
		if err != nil {
			return res, err
		}
		sol = s
		for k < kmax {
			s, err := solve(k + 1)
			if err != nil {
				return res, err
			}
			if add := s.value - sol.value; add < in.minGain {
				notes = append(notes, fmt.Sprintf("K = %d chosen automatically: a %s site would add only %s people (< %s)", k, scOrdinal(k+1), GroupThousands(add), GroupThousands(in.minGain)))
				break
			}
			sol, k = s, k+1
		}
		switch {
		case k == kmax && fewer != "":
			notes = append(notes, fmt.Sprintf("K = %d chosen automatically: %s", k, fewer))
		case k == kmax:
			notes = append(notes, fmt.Sprintf("K = %d chosen automatically: each site up to the limit of %d adds at least %s people", k, kmax, GroupThousands(in.minGain)))
		}
	}

	res.K = k
	res.CoveredAfter = res.CoveredBefore + sol.value
	res.GreedyCoveredAfter = res.CoveredBefore + greedyVal(k)
	for _, j := range greedyOrder[:k] {
		res.GreedyIDs = append(res.GreedyIDs, cands[j].f.ID)
	}
	res.OptimalSets = sol.count
	for _, set := range sol.top[1:min(len(sol.top), 1+in.maxAlt)] {
		ids := make([]string, len(set))
		for i, j := range set {
			ids[i] = cands[j].f.ID
		}
		slices.Sort(ids)
		res.Alternatives = append(res.Alternatives, ids)
	}
	if sol.count > 1 {
		why := scKeyWhy(scKey(cands, sol.top[0]), scKey(cands, sol.top[1]))
		res.TieBreak = fmt.Sprintf("%d site sets cover the same %s people; chosen by %s", sol.count, GroupThousands(sol.value), why)
	}

	// Explain the choice in selection order.
	order, _ := p.greedy(sol.top[0], k, siteCmp)
	covered := make([]bool, len(unc))
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
				sc.NewlyCovered = append(sc.NewlyCovered, unc[u])
				sc.GainPopulation += int64(in.villages[unc[u]].Population)
			}
		}
		sc.GainVillages = len(sc.NewlyCovered)
		sc.Rule = in.rule(&sc)
		res.Sites = append(res.Sites, sc)
	}
	if len(notes) > 0 {
		res.Note = strings.Join(notes, "; ")
	}
	return res, nil
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
		above = " or by the sites ranked above"
	}
	if sc.GainPopulation == 0 && sc.GainVillages == 0 {
		fmt.Fprintf(&b, "covers no one not covered today%s", above)
	} else {
		fmt.Fprintf(&b, "covers %s people in %d village%s not covered today%s", GroupThousands(sc.GainPopulation), sc.GainVillages, scPlural(sc.GainVillages), above)
	}
	fmt.Fprintf(&b, "; %s beds, %s staff", scCapacity(sc.Facility.Beds), scCapacity(sc.Facility.Staff))
	return b.String()
}

func scCapacity(n int) string {
	if n < 0 {
		return "unknown"
	}
	return GroupThousands(int64(n))
}

// scKm formats metres as kilometres with one decimal.
func scKm(m float64) string { return fmt.Sprintf("%.1f", m/1000) }

func scOrdinal(n int) string {
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

func scPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
