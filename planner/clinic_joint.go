package planner

import (
	"cmp"
	"context"
	"slices"

	"github.com/catchment/catchment/geo"
)

// clinicReach is a potential host within MergeKm of an eligible village:
// local is the host's position in the township, costM the metric's distance
// in metres from the eligible village to it.
type clinicReach struct {
	local int
	costM float64
}

// clinicScratch is per-worker memory reused across townships.
type clinicScratch struct {
	elig    []int           // local positions of eligible villages
	eligPos []int           // local position -> position in elig, or -1
	reach   [][]clinicReach // per eligible: villages within MergeKm, itself included
	covers  [][]int         // per local village: eligible positions it covers
	parent  []int           // union-find over eligible positions
	single  []bool          // per eligible: no other village within MergeKm
	chosen  []bool          // per local village: hosts a joint clinic
}

// planJointClinics decides joint_host / joint_member / single for the
// township's eligible villages (town holds village indices, ascending) and
// fills tp.Joint. *budget is the set-cover node budget left for the
// township.
//
// Any village of the township may host a joint clinic, whatever its own
// service: a small village joining the clinic of a bigger neighbour is the
// "extension service from a neighbouring village" of R6 and R8. So an
// eligible village is single only when no other village of its township
// lies within MergeKm of it (and it lies within MergeKm of no other eligible
// village, which differs for a metric that is not symmetric, such as roads
// with oneway streets). Every other eligible village is an element of the
// set cover, with every village within MergeKm of it, itself included, as a
// possible host: the optimum may let a village host only itself
// (FlagJointGroupOfOne) when that is what the minimum needs, or when its
// only neighbours are smaller villages that are not eligible.
//
// The elements split into components linked by shared potential hosts; the
// lexicographic objective (count, population, rank) is additive over
// components, so each is solved on its own.
func planJointClinics(ctx context.Context, env *clinicEnv, town []int, vs []VillageService, tp *TownshipPlan, budget *int, sc *clinicScratch) error {
	if !sc.findEligible(town, vs) {
		return nil
	}
	if err := sc.measureReach(ctx, env, town); err != nil {
		return err
	}
	roots, comps := sc.components()
	sc.chosen = slices.Grow(sc.chosen[:0], len(town))[:len(town)]
	clear(sc.chosen)
	for _, r := range roots {
		if err := solveJointComponent(ctx, env, town, comps[r], tp, budget, sc); err != nil {
			return err
		}
	}
	groups := sc.assignMembers(env.villages, town, vs)
	sc.addJointClinics(env.villages, town, vs, tp, groups)
	return nil
}

// findEligible lists the township's joint-clinic eligible villages and
// reports whether there is any.
func (sc *clinicScratch) findEligible(town []int, vs []VillageService) bool {
	sc.elig = sc.elig[:0]
	sc.eligPos = slices.Grow(sc.eligPos[:0], len(town))[:len(town)]
	for l, i := range town {
		sc.eligPos[l] = -1
		if vs[i].Service == serviceEligible {
			sc.eligPos[l] = len(sc.elig)
			sc.elig = append(sc.elig, l)
		}
	}
	return len(sc.elig) > 0
}

// measureReach fills reach (the possible hosts of each eligible village)
// and covers (the eligible villages each village could host) with one
// Metric.Within: the eligible villages are the origins (members travel to
// their host), every village of the township a target.
func (sc *clinicScratch) measureReach(ctx context.Context, env *clinicEnv, town []int) error {
	origins := make([]geo.Site, len(sc.elig))
	for e, l := range sc.elig {
		origins[e] = geo.Site{ID: env.villages[town[l]].ID, Point: env.villages[town[l]].Location}
	}
	within, err := env.metric.Within(ctx, origins, villageSites(env.villages, town), env.mergeM)
	if err != nil {
		return err
	}
	if err := metricLen(env.metric, "Within", len(within), len(town)); err != nil {
		return err
	}
	sc.reach = clinicResize(sc.reach, len(sc.elig))
	sc.covers = clinicResize(sc.covers, len(town))
	for e, l := range sc.elig {
		// A village always reaches itself, whatever the metric reports for
		// a zero distance, so that every element has a host.
		sc.reach[e] = append(sc.reach[e], clinicReach{l, 0})
		sc.covers[l] = append(sc.covers[l], e)
	}
	for j := range town { // ascending: reach lists come out ordered by host
		for _, w := range within[j] {
			if e := w.Index; sc.elig[e] != j {
				sc.reach[e] = append(sc.reach[e], clinicReach{j, w.Cost})
				sc.covers[j] = append(sc.covers[j], e)
			}
		}
	}
	for e := range sc.reach {
		slices.SortStableFunc(sc.reach[e], func(a, b clinicReach) int { return a.local - b.local })
	}
	for j := range sc.covers {
		slices.Sort(sc.covers[j])
		sc.covers[j] = slices.Compact(sc.covers[j])
	}
	return nil
}

// components marks the singles — eligible villages that reach only
// themselves and are reached by no other element; they take no part in
// the cover — and splits the rest into components linked by shared hosts
// (union-find). It returns the component roots in order of first element
// and each component's elements.
func (sc *clinicScratch) components() ([]int, map[int][]int) {
	sc.single = slices.Grow(sc.single[:0], len(sc.elig))[:len(sc.elig)]
	for e, l := range sc.elig {
		sc.single[e] = len(sc.reach[e]) == 1 && len(sc.covers[l]) == 1
	}
	sc.parent = slices.Grow(sc.parent[:0], len(sc.elig))[:len(sc.elig)]
	for e := range sc.parent {
		sc.parent[e] = e
	}
	find := func(e int) int {
		for sc.parent[e] != e {
			sc.parent[e] = sc.parent[sc.parent[e]]
			e = sc.parent[e]
		}
		return e
	}
	for j := range sc.covers {
		c := sc.covers[j]
		for _, e := range c[min(1, len(c)):] {
			if a, b := find(c[0]), find(e); a != b {
				sc.parent[a] = b
			}
		}
	}
	comps := map[int][]int{}
	var roots []int
	for e := range sc.elig {
		if sc.single[e] {
			continue
		}
		r := find(e)
		if _, ok := comps[r]; !ok {
			roots = append(roots, r)
		}
		comps[r] = append(comps[r], e)
	}
	return roots, comps
}

// assignMembers marks the singles and assigns every covered eligible
// village to its nearest chosen host (a host serves itself); it returns the
// members of each host (local position -> village indices).
func (sc *clinicScratch) assignMembers(villages []Village, town []int, vs []VillageService) map[int][]int {
	groups := map[int][]int{}
	for e, l := range sc.elig {
		i := town[l]
		if sc.single[e] {
			vs[i].Service = ServiceSingle
			vs[i].Flags = append(vs[i].Flags, FlagNoNeighbourWithinMergeKm)
			continue
		}
		host := -1
		if sc.chosen[l] {
			host = l // a host always serves itself
		} else {
			var hd float64
			for _, r := range sc.reach[e] {
				if !sc.chosen[r.local] {
					continue
				}
				if host < 0 || clinicHostBefore(villages, town, r.local, r.costM, host, hd) {
					host, hd = r.local, r.costM
				}
			}
		}
		if host < 0 {
			panic("planner: joint-clinic cover left a village uncovered")
		}
		if host != l {
			vs[i].Service = ServiceJointMember
			vs[i].HostIndex = town[host]
			groups[host] = append(groups[host], i)
		}
	}
	return groups
}

// addJointClinics marks the chosen hosts and appends their clinics to
// tp.Joint in host order.
func (sc *clinicScratch) addJointClinics(villages []Village, town []int, vs []VillageService, tp *TownshipPlan, groups map[int][]int) {
	for l, ok := range sc.chosen {
		if !ok {
			continue
		}
		i := town[l]
		eligible := sc.eligPos[l] >= 0
		if !eligible && len(groups[l]) == 0 {
			continue // redundant host of a non-exact cover: serves nobody
		}
		vs[i].HostsJointClinic = true
		vs[i].HostIndex = i
		if eligible {
			vs[i].Service = ServiceJointHost
			if len(groups[l]) == 0 {
				vs[i].Flags = append(vs[i].Flags, FlagJointGroupOfOne)
			}
		}
		jc := JointClinic{Host: i, Members: groups[l], PopulationServed: villages[i].Population}
		for _, m := range jc.Members {
			jc.PopulationServed += villages[m].Population
		}
		jc.DoctorsNeeded = VillageDoctorsNeeded(jc.PopulationServed)
		tp.Joint = append(tp.Joint, jc)
	}
}

// solveJointComponent builds and solves the set cover of one component and
// marks its hosts in sc.chosen.
func solveJointComponent(ctx context.Context, env *clinicEnv, town []int, comp []int, tp *TownshipPlan, budget *int, sc *clinicScratch) error {
	villages := env.villages
	var hosts []int // local positions
	for _, e := range comp {
		for _, r := range sc.reach[e] {
			hosts = append(hosts, r.local)
		}
	}
	slices.Sort(hosts)
	hosts = slices.Compact(hosts)
	slices.SortFunc(hosts, func(a, b int) int {
		return cmp.Or(cmp.Compare(villages[town[a]].ID, villages[town[b]].ID), cmp.Compare(a, b))
	})
	elemOf := map[int]int{} // eligible position -> element number
	for k, e := range comp {
		elemOf[e] = k
	}
	in := clinicCoverInstance{m: len(comp), covers: make([][]int, len(hosts)), pop: make([]int64, len(hosts))}
	for h, l := range hosts {
		in.pop[h] = int64(villages[town[l]].Population)
		for _, e := range sc.covers[l] {
			if k, ok := elemOf[e]; ok {
				in.covers[h] = append(in.covers[h], k)
			}
		}
	}
	res, err := solveClinicCover(ctx, in, budget)
	if err != nil {
		return err
	}
	if !res.exact && tp.Exact {
		tp.Exact = false
		tp.Flags = append(tp.Flags, FlagCoverNotExact)
	}
	for _, h := range res.hosts {
		sc.chosen[hosts[h]] = true
	}
	return nil
}

// clinicHostBefore orders candidate hosts for a member: nearer first, then
// more populous, then smaller ID, then smaller index.
func clinicHostBefore(villages []Village, town []int, a int, ad float64, b int, bd float64) bool {
	if ad != bd {
		return ad < bd
	}
	va, vb := &villages[town[a]], &villages[town[b]]
	if va.Population != vb.Population {
		return va.Population > vb.Population
	}
	if va.ID != vb.ID {
		return va.ID < vb.ID
	}
	return a < b
}

// clinicResize returns s with n empty (but capacity-keeping) inner slices.
func clinicResize[T any](s [][]T, n int) [][]T {
	s = slices.Grow(s[:0], n)[:n]
	for i := range s {
		s[i] = s[i][:0]
	}
	return s
}
