package planner

import (
	"cmp"
	"context"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// clinicTBruteCover enumerates every host subset in increasing size and
// returns the best cover by (fewest hosts, largest population, smallest
// sorted host list), with hosts numbered in rank order.
func clinicTBruteCover(m int, covers [][]int, pop []int64) (hosts []int, total int64) {
	k := len(covers)
	masks := make([]uint64, k)
	for h, c := range covers {
		for _, e := range c {
			masks[h] |= 1 << e
		}
	}
	all := uint64(1)<<m - 1
	for size := 0; size <= k; size++ {
		var best []int
		var bestPop int64
		for set := uint64(0); set < 1<<k; set++ {
			if bits.OnesCount64(set) != size {
				continue
			}
			var got uint64
			var p int64
			var hs []int
			for h := 0; h < k; h++ {
				if set&(1<<h) != 0 {
					got |= masks[h]
					p += pop[h]
					hs = append(hs, h)
				}
			}
			if got&all != all {
				continue
			}
			if best == nil || p > bestPop || p == bestPop && slices.Compare(hs, best) < 0 {
				best, bestPop = hs, p
			}
		}
		if best != nil || size == 0 && m == 0 {
			return best, bestPop
		}
	}
	panic("instance without a cover")
}

func TestSolveClinicCoverBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(20240601, 7))
	pops := []int64{100, 200, 200, 300, 300, 300, 450}
	for trial := range 1500 {
		m := 1 + rng.IntN(14)
		k := 1 + rng.IntN(14)
		in := clinicCoverInstance{m: m, covers: make([][]int, k), pop: make([]int64, k)}
		density := 0.1 + 0.4*rng.Float64()
		for h := range k {
			for e := range m {
				if rng.Float64() < density {
					in.covers[h] = append(in.covers[h], e)
				}
			}
			if trial%2 == 0 {
				in.pop[h] = pops[rng.IntN(len(pops))] // many ties: the rank tie-break decides
			} else {
				in.pop[h] = int64(rng.IntN(1000))
			}
		}
		for e := range m { // every element needs at least one host
			if !slices.ContainsFunc(in.covers, func(c []int) bool { return slices.Contains(c, e) }) {
				h := rng.IntN(k)
				in.covers[h] = append(in.covers[h], e)
				slices.Sort(in.covers[h])
			}
		}
		wantHosts, wantPop := clinicTBruteCover(m, in.covers, in.pop)
		budget := clinicCoverBudget
		got, err := solveClinicCover(context.Background(), in, &budget)
		if err != nil {
			t.Fatal(err)
		}
		if !got.exact || !slices.Equal(got.hosts, wantHosts) || got.pop != wantPop {
			t.Fatalf("trial %d: m=%d covers=%v pop=%v\ngot %v pop %d exact %v\nwant %v pop %d",
				trial, m, in.covers, in.pop, got.hosts, got.pop, got.exact, wantHosts, wantPop)
		}
	}
}

func TestSolveClinicCoverBudget(t *testing.T) {
	// A 60-element instance with many overlapping hosts: a budget of one
	// node's work leaves the greedy cover, which must still be a cover.
	rng := rand.New(rand.NewPCG(3, 4))
	const m, k = 60, 80
	in := clinicCoverInstance{m: m, covers: make([][]int, k), pop: make([]int64, k)}
	for h := range k {
		for e := range m {
			if rng.IntN(8) == 0 || e == h%m {
				in.covers[h] = append(in.covers[h], e)
			}
		}
		in.pop[h] = int64(rng.IntN(500))
	}
	for _, budget := range []int{1, 10_000, clinicCoverBudget} {
		b := budget
		got, err := solveClinicCover(context.Background(), in, &b)
		if err != nil {
			t.Fatal(err)
		}
		covered := make([]bool, m)
		var pop int64
		for _, h := range got.hosts {
			pop += in.pop[h]
			for _, e := range in.covers[h] {
				covered[e] = true
			}
		}
		if slices.Contains(covered, false) || pop != got.pop {
			t.Fatalf("budget %d: not a cover or wrong population: %v", budget, got)
		}
		if budget == 1 && got.exact {
			t.Errorf("budget 1 claims an exact answer")
		}
		t.Logf("budget %d: %d hosts, exact=%v, work left %d", budget, len(got.hosts), got.exact, b)
	}
}

// clinicTTownships lays out n townships of 3–14 villages in a 6 km square
// each (1° apart, so they never interact), every one with its own THC.
func clinicTTownships(seed uint64, n int) ([]Village, []Facility) {
	rng := rand.New(rand.NewPCG(seed, 11))
	coarse := []int{150, 250, 300, 300, 350, 450, 450, 600, 900}
	var vs []Village
	var fs []Facility
	for tn := range n {
		origin := orb.Point{100 + float64(tn%30), 25 + float64(tn/30)}
		town := fmt.Sprintf("T%03d", tn)
		at := func() orb.Point {
			return clinicTAt(clinicTAt(origin, 0, 6*rng.Float64()), 90, 6*rng.Float64())
		}
		fs = append(fs, Facility{ID: town + "-thc", Type: TownshipHealthCentre, County: "C", Township: town,
			Location: clinicTAt(origin, 225, 1.5*rng.Float64()), Staff: 20})
		for v := range 3 + rng.IntN(12) {
			pop := 50 + rng.IntN(1150)
			if tn%2 == 0 {
				pop = coarse[rng.IntN(len(coarse))]
			}
			id := fmt.Sprintf("%s-v%02d", town, v)
			vs = append(vs, Village{ID: id, County: "C", Township: town, Population: pop, Location: at()})
		}
	}
	return vs, fs
}

func TestPlanClinicsJointBruteForce(t *testing.T) {
	const townships = 400
	vs, fs := clinicTTownships(42, townships)
	opt := DefaultClinicOptions()
	plan := clinicTPlan(t, vs, fs, opt)
	straight := func(a, b geo.Site) float64 { return geo.DistanceM(a.Point, b.Point) }
	n := clinicTCheckJoint(t, vs, fs, opt, plan, straight)
	if n.withJoint < townships/3 {
		t.Errorf("only %d townships exercise joint clinics", n.withJoint)
	}
	if n.singles == 0 || n.aloneAmongEligible == 0 || n.otherServiceHosts == 0 || n.groupsOfOne == 0 {
		t.Errorf("a case is not exercised: %+v", n)
	}
}

// clinicTJointCounts counts the shapes clinicTCheckJoint met, so that
// tests fail if their data stop exercising them.
type clinicTJointCounts struct {
	checked, withJoint                                          int
	singles, aloneAmongEligible, otherServiceHosts, groupsOfOne int
}

// clinicTCheckJoint checks every township's joint clinics against an
// independent classification and a brute-force minimum cover, with cost
// the metric's trip cost in metres (from a member to its host, from a
// village to a township health centre).
func clinicTCheckJoint(t *testing.T, vs []Village, fs []Facility, opt ClinicOptions, plan *ClinicPlan, cost func(a, b geo.Site) float64) clinicTJointCounts {
	t.Helper()
	if len(plan.Townships) == 0 {
		t.Fatal("no townships")
	}
	mergeM := opt.MergeKm * 1000
	var n clinicTJointCounts
	site := func(i int) geo.Site { return geo.Site{ID: vs[i].ID, Point: vs[i].Location} }
	for ti, tp := range plan.Townships {
		var town []int
		for i := range vs {
			if plan.Villages[i].TownshipIndex == ti {
				town = append(town, i)
			}
		}
		// Independent classification with brute-force distances.
		eligible := map[int]bool{}
		for _, i := range town {
			near := false
			for _, f := range fs {
				near = near || cost(site(i), geo.Site{ID: f.ID, Point: f.Location}) <= opt.NearTHCKm*1000
			}
			p := vs[i].Population
			if p < opt.OwnClinicFrom && !near && p >= opt.ItinerantBelow && p < opt.MergeBelow {
				eligible[i] = true
			}
		}
		within := func(e, h int) bool { return cost(site(e), site(h)) <= mergeM }
		var targets []int
		for _, e := range town {
			if !eligible[e] {
				continue
			}
			// Single: no other village of the township, of any service,
			// within MergeKm (nor an eligible one that reaches it, which
			// differs when the metric is not symmetric).
			single := true
			for _, u := range town {
				if u != e && (within(e, u) || eligible[u] && within(u, e)) {
					single = false
				}
			}
			if got := plan.Villages[e].Service; single != (got == ServiceSingle) {
				t.Fatalf("%s: village %s single=%v but service %s", tp.Township, vs[e].ID, single, got)
			}
			if single {
				n.singles++
				continue
			}
			targets = append(targets, e)
			// No other eligible village shares a potential host with e:
			// the old rule called it single, now a bigger neighbour (or e
			// itself) hosts it.
			alone := true
			for _, h := range town {
				for _, u := range town {
					if u != e && eligible[u] && within(e, h) && within(u, h) {
						alone = false
					}
				}
			}
			if alone {
				n.aloneAmongEligible++
			}
		}
		for _, i := range town {
			if s := plan.Villages[i].Service; (s == ServiceJointHost || s == ServiceJointMember || s == ServiceSingle) != eligible[i] {
				t.Fatalf("%s: village %s eligible=%v but service %s", tp.Township, vs[i].ID, eligible[i], s)
			}
		}
		// Brute force over all villages of the township as hosts, in ID order.
		hosts := slices.Clone(town)
		slices.SortFunc(hosts, func(a, b int) int { return cmp.Compare(vs[a].ID, vs[b].ID) })
		covers := make([][]int, len(hosts))
		pop := make([]int64, len(hosts))
		for h, hv := range hosts {
			pop[h] = int64(vs[hv].Population)
			for k, e := range targets {
				if within(e, hv) {
					covers[h] = append(covers[h], k)
				}
			}
		}
		best, bestPop := clinicTBruteCover(len(targets), covers, pop)
		var want []string
		for _, h := range best {
			want = append(want, vs[hosts[h]].ID)
		}
		var got []string
		var gotPop int64
		for _, jc := range tp.Joint {
			got = append(got, vs[jc.Host].ID)
			gotPop += int64(vs[jc.Host].Population)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) || gotPop != bestPop || !tp.Exact {
			t.Fatalf("%s: hosts %v (pop %d, exact %v), brute force %v (pop %d)", tp.Township, got, gotPop, tp.Exact, want, bestPop)
		}
		for _, jc := range tp.Joint {
			hs := plan.Villages[jc.Host]
			if !eligible[jc.Host] {
				n.otherServiceHosts++
			}
			oneFlag := slices.Contains(hs.Flags, FlagJointGroupOfOne)
			if oneFlag != (eligible[jc.Host] && len(jc.Members) == 0) {
				t.Fatalf("%s: host %s (%s) with %d members, flags %v", tp.Township, vs[jc.Host].ID, hs.Service, len(jc.Members), hs.Flags)
			}
			if oneFlag {
				n.groupsOfOne++
			}
		}
		// Members within MergeKm of, and nearest to, their host.
		for _, e := range targets {
			h := plan.Villages[e].HostIndex
			if !within(e, h) {
				t.Fatalf("%s: %s is %v m from its host", tp.Township, vs[e].ID, cost(site(e), site(h)))
			}
			for _, jc := range tp.Joint {
				if jc.Host != h && !plan.Villages[e].HostsJointClinic && cost(site(e), site(jc.Host)) < cost(site(e), site(h)) {
					t.Fatalf("%s: %s assigned to %s but %s is nearer", tp.Township, vs[e].ID, vs[h].ID, vs[jc.Host].ID)
				}
			}
		}
		n.checked++
		if len(tp.Joint) > 0 {
			n.withJoint++
		}
	}
	t.Logf("%d townships checked against brute force, %d with joint clinics; %d singles, %d covered villages sharing no host with another eligible one, %d hosts of another service, %d groups of one",
		n.checked, n.withJoint, n.singles, n.aloneAmongEligible, n.otherServiceHosts, n.groupsOfOne)
	return n
}

// TestPlanClinicsExactOnRealisticTownships: townships of 15–40 villages
// (the real range), including dense ones where whole townships form one
// component, must always be solved exactly.
func TestPlanClinicsExactOnRealisticTownships(t *testing.T) {
	rng := rand.New(rand.NewPCG(99, 1))
	var vs []Village
	var fs []Facility
	for tn := range 120 {
		origin := orb.Point{100 + float64(tn%20), 30 + float64(tn/20)}
		town := fmt.Sprintf("T%03d", tn)
		side := 4 + 8*rng.Float64() // km: 4 is very dense, 12 sparse
		fs = append(fs, Facility{ID: town, Type: TownshipHealthCentre, County: "C", Township: town, Location: origin, Staff: 10})
		for v := range 15 + rng.IntN(26) {
			p := clinicTAt(clinicTAt(origin, 0, 3+side*rng.Float64()), 90, 3+side*rng.Float64())
			pop := 200 + rng.IntN(300) // mostly eligible: the hardest case
			if rng.IntN(4) == 0 {
				pop = 50 + rng.IntN(1500)
			}
			vs = append(vs, Village{ID: fmt.Sprintf("%s-%02d", town, v), County: "C", Township: town, Population: pop, Location: p})
		}
	}
	plan := clinicTPlan(t, vs, fs, DefaultClinicOptions())
	maxJoint := 0
	for _, tp := range plan.Townships {
		if !tp.Exact || slices.Contains(tp.Flags, FlagCoverNotExact) {
			t.Errorf("%s (%d villages): not exact", tp.Township, tp.Villages)
		}
		maxJoint = max(maxJoint, tp.JointClinics)
	}
	t.Logf("%d townships exact; up to %d joint clinics in one", len(plan.Townships), maxJoint)
}

func TestPlanClinicsCoverBudgetFlag(t *testing.T) {
	vs, fs := clinicTTownships(5, 30)
	plan, err := planClinics(context.Background(), vs, fs, DefaultClinicOptions(), 1)
	if err != nil {
		t.Fatal(err)
	}
	clinicTCheckPlan(t, vs, plan)
	flagged := 0
	for _, tp := range plan.Townships {
		if tp.Exact == slices.Contains(tp.Flags, FlagCoverNotExact) {
			t.Fatalf("%s: Exact %v but flags %v", tp.Township, tp.Exact, tp.Flags)
		}
		if !tp.Exact {
			flagged++
		}
	}
	if flagged == 0 {
		t.Fatal("a budget of 1 left every township exact")
	}
	// Even when not exact, every eligible village is served.
	for i, s := range plan.Villages {
		if s.Service == ServiceJointMember && plan.Villages[s.HostIndex].TownshipIndex != s.TownshipIndex {
			t.Fatalf("village %d: host in another township", i)
		}
	}
}

// TestPlanClinicsOneHugeTownship: input without township names puts a whole
// region in one "township"; the plan must still come back, valid, with the
// degradation flagged rather than hidden.
func TestPlanClinicsOneHugeTownship(t *testing.T) {
	vs, fs := clinicTProvince(9, 10)
	for i := range vs {
		vs[i].County, vs[i].Township = "", ""
	}
	plan := clinicTPlan(t, vs, fs, DefaultClinicOptions())
	if len(plan.Townships) != 1 {
		t.Fatalf("%d townships", len(plan.Townships))
	}
	tp := plan.Townships[0]
	if tp.Exact == slices.Contains(tp.Flags, FlagCoverNotExact) || !slices.Contains(tp.Flags, FlagTHCNotInTownship) {
		t.Errorf("flags %v exact %v", tp.Flags, tp.Exact)
	}
	stops := 0
	for _, d := range tp.Route {
		stops += len(d.Stops)
	}
	if stops != tp.ItinerantVillages {
		t.Errorf("route visits %d of %d itinerant villages", stops, tp.ItinerantVillages)
	}
	t.Logf("%d villages in one township: exact=%v, %d joint clinics, %d route days, flags %v",
		len(vs), tp.Exact, tp.JointClinics, len(tp.Route), tp.Flags)
}
