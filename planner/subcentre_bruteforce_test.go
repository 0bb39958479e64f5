package planner

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// scRandomProvince builds counties on a grid 0.6° apart (about 55–65 km),
// each with villages within 35 km of its centre, 0–2 county hospitals near
// the centre and 0–maxTHC township health centres within 40 km, so that
// neighbouring counties' hospitals sometimes cover border villages. Small
// sets of populations and capacities, and township centres sharing a
// location, make ties at every tie-break level common.
func scRandomProvince(tb testing.TB, seed uint64, counties, maxTHC int) ([]Village, []Facility) {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, 2024))
	var vs []Village
	var fs []Facility
	disc := func(c orb.Point, km float64) orb.Point {
		return geo.Direct(c, 360*r.Float64(), 1000*km*math.Sqrt(r.Float64()))
	}
	side := int(math.Ceil(math.Sqrt(float64(counties))))
	for ci := 0; ci < counties; ci++ {
		name := fmt.Sprintf("C%03d", ci)
		centre := orb.Point{108 + 0.6*float64(ci%side), 34 + 0.6*float64(ci/side)}
		nv := 5 + r.IntN(60)
		for i := 0; i < nv; i++ {
			vs = append(vs, Village{ID: fmt.Sprintf("%s-V%d", name, i), County: name, Population: 500 * r.IntN(7), Location: disc(centre, 35)})
		}
		nh := r.IntN(3)
		if r.IntN(10) == 0 {
			nh = 0
		}
		for i := 0; i < nh; i++ {
			fs = append(fs, Facility{ID: fmt.Sprintf("%s-H%d", name, i), Type: CountyHospital, County: name, Location: disc(centre, 10), Beds: 50 * r.IntN(4), Staff: 100})
		}
		nt := r.IntN(maxTHC + 1)
		for i := 0; i < nt; i++ {
			f := Facility{ID: fmt.Sprintf("%s-T%02d", name, i), Type: TownshipHealthCentre, County: name, Location: disc(centre, 40),
				Beds: []int{0, 10, CapacityUnknown}[r.IntN(3)], Staff: []int{0, 10, 20, CapacityUnknown}[r.IntN(4)]}
			if i > 0 && r.IntN(5) == 0 { // a twin of the previous centre
				prev := fs[len(fs)-1]
				f.Location, f.Beds, f.Staff = prev.Location, prev.Beds, prev.Staff
			}
			fs = append(fs, f)
		}
		if r.IntN(8) == 0 { // clinics are never cover nor candidates by default
			fs = append(fs, Facility{ID: name + "-clinic", Type: VillageClinic, County: name, Location: disc(centre, 30), Beds: CapacityUnknown, Staff: 1})
		}
	}
	return vs, fs
}

// scBrute is an independent reference: plain loops over geo.DistanceM, all
// k-subsets enumerated.
type scBrute struct {
	vs   []Village
	fs   []Facility
	opt  SubcentreOptions
	radM float64 // the radius in the cost's unit
	// cost is the trip from a village to a facility; nil means geo.DistanceM.
	cost func(v Village, f Facility) float64
}

// within reports whether f covers v: the reference's cover test.
func (b *scBrute) within(v Village, f Facility) bool {
	if b.cost == nil {
		return geo.DistanceM(f.Location, v.Location) <= b.radM
	}
	return b.cost(v, f) <= b.radM
}

type scBruteSet struct {
	ids   []string // sorted
	value int64
	staff int64
	beds  int64
	seatM float64
}

func (b *scBrute) county(name string) (pop, before int64, uncovered, cands []int, seat orb.Point) {
	existing := b.opt.ExistingTypes
	if len(existing) == 0 {
		existing = []FacilityType{CountyHospital}
	}
	var lon, lat, wsum float64
	for i, v := range b.vs {
		if v.County != name {
			continue
		}
		pop += int64(v.Population)
		lon += float64(v.Population) * v.Location[0]
		lat += float64(v.Population) * v.Location[1]
		wsum += float64(v.Population)
		covered := false
		for _, f := range b.fs {
			if slices.Contains(existing, f.Type) && b.within(v, f) {
				covered = true
			}
		}
		if covered {
			before += int64(v.Population)
		} else {
			uncovered = append(uncovered, i)
		}
	}
	if wsum == 0 {
		var n float64
		for _, v := range b.vs {
			if v.County == name {
				lon, lat, n = lon+v.Location[0], lat+v.Location[1], n+1
			}
		}
		wsum = n
	}
	seat = orb.Point{lon / wsum, lat / wsum}
	bestBeds := math.MinInt
	for _, f := range b.fs {
		if f.Type == CountyHospital && f.County == name && f.Beds > bestBeds {
			seat, bestBeds = f.Location, f.Beds
		}
	}
	minFarM := 20000.0
	if b.opt.MinFarKm != nil {
		minFarM = *b.opt.MinFarKm * 1000
	}
	for i, f := range b.fs {
		if f.Type != TownshipHealthCentre || f.County != name {
			continue
		}
		far := true
		for _, h := range b.fs {
			if h.Type == CountyHospital && geo.DistanceM(f.Location, h.Location) < minFarM {
				far = false
			}
		}
		if far {
			cands = append(cands, i)
		}
	}
	return pop, before, uncovered, cands, seat
}

// sets enumerates every k-subset of cands with its value and tie-break key,
// best first. reach[c][u] says whether cands[c] reaches uncovered[u].
func (b *scBrute) sets(uncovered, cands []int, reach [][]bool, seat orb.Point, k int) []scBruteSet {
	var out []scBruteSet
	idx := make([]int, k)
	var rec func(start, d int)
	rec = func(start, d int) {
		if d == k {
			s := scBruteSet{}
			var dists []float64
			for u, vi := range uncovered {
				for _, c := range idx {
					if reach[c][u] {
						s.value += int64(b.vs[vi].Population)
						break
					}
				}
			}
			for _, c := range idx {
				f := b.fs[cands[c]]
				s.ids = append(s.ids, f.ID)
				s.staff += int64(max(f.Staff, 0))
				s.beds += int64(max(f.Beds, 0))
				dists = append(dists, geo.DistanceM(seat, f.Location))
			}
			slices.Sort(dists)
			for _, d := range dists {
				s.seatM += d
			}
			slices.Sort(s.ids)
			out = append(out, s)
			return
		}
		for i := start; i < len(cands); i++ {
			idx[d] = i
			rec(i+1, d+1)
		}
	}
	rec(0, 0)
	slices.SortFunc(out, func(a, b scBruteSet) int {
		return cmp.Or(cmp.Compare(b.value, a.value), cmp.Compare(b.staff, a.staff), cmp.Compare(b.beds, a.beds),
			cmp.Compare(b.seatM, a.seatM), slices.Compare(a.ids, b.ids))
	})
	return out
}

// greedy is the reference greedy value with k picks.
func (b *scBrute) greedy(uncovered, cands []int, seat orb.Point, k int) int64 {
	covered := map[int]bool{}
	used := map[int]bool{}
	var total int64
	for range k {
		best, bestGain := -1, int64(-1)
		for _, c := range cands {
			if used[c] {
				continue
			}
			var g int64
			for _, vi := range uncovered {
				if !covered[vi] && b.within(b.vs[vi], b.fs[c]) {
					g += int64(b.vs[vi].Population)
				}
			}
			if best < 0 || g > bestGain || g == bestGain && b.siteBefore(c, best, seat) {
				best, bestGain = c, g
			}
		}
		used[best] = true
		total += bestGain
		for _, vi := range uncovered {
			if b.within(b.vs[vi], b.fs[best]) {
				covered[vi] = true
			}
		}
	}
	return total
}

func (b *scBrute) siteBefore(x, y int, seat orb.Point) bool {
	fx, fy := b.fs[x], b.fs[y]
	return cmp.Or(cmp.Compare(max(fy.Staff, 0), max(fx.Staff, 0)), cmp.Compare(max(fy.Beds, 0), max(fx.Beds, 0)),
		cmp.Compare(geo.DistanceM(seat, fy.Location), geo.DistanceM(seat, fx.Location)), strings.Compare(fx.ID, fy.ID)) < 0
}

// check compares one county's result with the reference.
func (b *scBrute) check(t *testing.T, got *CountySubcentres) {
	t.Helper()
	pop, before, uncovered, cands, seat := b.county(got.County)
	var uncPop int64
	for _, vi := range uncovered {
		uncPop += int64(b.vs[vi].Population)
	}
	if got.Population != pop || got.CountyCareToday != before || got.Candidates != len(cands) || got.Seat != seat {
		t.Fatalf("%s: population %d before %d candidates %d seat %v, want %d %d %d %v", got.County, got.Population, got.CountyCareToday, got.Candidates, got.Seat, pop, before, len(cands), seat)
	}
	kmax := b.opt.K
	if kmax == 0 {
		kmax = cmp.Or(b.opt.MaxK, 3)
	}
	kmax = min(kmax, len(cands))
	reach := make([][]bool, len(cands))
	for c, fi := range cands {
		for _, vi := range uncovered {
			reach[c] = append(reach[c], b.within(b.vs[vi], b.fs[fi]))
		}
	}
	var all [][]scBruteSet
	var anyGain bool
	for k := 1; k <= kmax; k++ {
		sets := b.sets(uncovered, cands, reach, seat, k)
		all = append(all, sets)
		anyGain = anyGain || sets[0].value > 0
	}
	if len(cands) == 0 || uncPop == 0 || !anyGain {
		if len(got.Sites) != 0 || got.K != 0 || got.CountyCareAfter != before || !strings.HasPrefix(got.Note, "no sites: ") {
			t.Fatalf("%s: want no sites, got %v (K %d, after %d, note %q)", got.County, got.ChosenIDs(), got.K, got.CountyCareAfter, got.Note)
		}
		return
	}
	k := b.opt.K
	if k == 0 {
		minGain := int64(b.opt.MinGainPop)
		if minGain == 0 {
			minGain = 5000
		}
		k = 1
		for k < kmax && all[k][0].value-all[k-1][0].value >= minGain {
			k++
		}
	}
	k = min(k, kmax)
	sets := all[k-1]
	opt := sets[0]
	if got.K != k || got.CountyCareAfter != before+opt.value {
		t.Fatalf("%s: K %d after %d, want K %d after %d", got.County, got.K, got.CountyCareAfter, k, before+opt.value)
	}
	wantLen := k
	if b.opt.K == 0 {
		wantLen = min(k+1, kmax)
	}
	if len(got.OptimumByK) != wantLen {
		t.Fatalf("%s: OptimumByK %v, want %d entries", got.County, got.OptimumByK, wantLen)
	}
	for i, v := range got.OptimumByK {
		if v != before+all[i][0].value {
			t.Fatalf("%s: OptimumByK[%d] = %d, want %d", got.County, i, v, before+all[i][0].value)
		}
	}
	chosen := slices.Sorted(slices.Values(got.ChosenIDs()))
	if !slices.Equal(chosen, opt.ids) {
		t.Fatalf("%s: chosen %v, want %v (value %d, staff %d, beds %d, seat %v); next %+v", got.County, chosen, opt.ids, opt.value, opt.staff, opt.beds, opt.seatM, sets[1:min(3, len(sets))])
	}
	ties := 0
	for ties < len(sets) && sets[ties].value == opt.value {
		ties++
	}
	if got.OptimalSets != ties {
		t.Fatalf("%s: %d optimal sets, want %d", got.County, got.OptimalSets, ties)
	}
	maxAlt := b.opt.MaxAlternatives
	if maxAlt == 0 {
		maxAlt = 3
	}
	maxAlt = max(maxAlt, 0)
	var wantAlt [][]string
	for _, s := range sets[1:min(ties, 1+maxAlt)] {
		wantAlt = append(wantAlt, s.ids)
	}
	if !slices.EqualFunc(got.Alternatives, wantAlt, slices.Equal) {
		t.Fatalf("%s: alternatives %v, want %v", got.County, got.Alternatives, wantAlt)
	}
	if (ties > 1) != (got.TieBreak != "") {
		t.Fatalf("%s: tie-break %q with %d optimal sets", got.County, got.TieBreak, ties)
	}
	if g := b.greedy(uncovered, cands, seat, k); got.GreedyCountyCareAfter != before+g || got.GreedyGap() != opt.value-g {
		t.Fatalf("%s: greedy %d gap %d, want %d", got.County, got.GreedyCountyCareAfter, got.GreedyGap(), before+g)
	}
	// Selection order: each site has the largest gain given those ranked
	// before it, and the gains add up.
	covered := map[int]bool{}
	var sum int64
	for i, s := range got.Sites {
		gainOf := func(f Facility) (g int64, n int) {
			for _, vi := range uncovered {
				if !covered[vi] && b.within(b.vs[vi], f) {
					g, n = g+int64(b.vs[vi].Population), n+1
				}
			}
			return g, n
		}
		g, n := gainOf(s.Facility)
		if s.Rank != i+1 || s.GainPopulation != g || s.GainVillages != n || len(s.NewlyCovered) != n {
			t.Fatalf("%s: site %s rank %d gain %d in %d villages, want %d in %d", got.County, s.Facility.ID, s.Rank, s.GainPopulation, s.GainVillages, g, n)
		}
		for _, later := range got.Sites[i+1:] {
			if lg, _ := gainOf(later.Facility); lg > g {
				t.Fatalf("%s: site %s ranked after %s gains more (%d > %d)", got.County, later.Facility.ID, s.Facility.ID, lg, g)
			}
		}
		for _, vi := range s.NewlyCovered {
			covered[vi] = true
		}
		sum += g
	}
	if sum != opt.value {
		t.Fatalf("%s: site gains add to %d, want %d", got.County, sum, opt.value)
	}
}

func TestPlanSubcentresMatchesBruteForce(t *testing.T) {
	counties := 0
	for _, tc := range []struct {
		seed uint64
		opt  SubcentreOptions
	}{
		{1, SubcentreOptions{RadiusKm: 15, K: 1}},
		{2, SubcentreOptions{RadiusKm: 10, K: 2, MaxAlternatives: 5}},
		{3, SubcentreOptions{RadiusKm: 15, K: 3}},
		{4, SubcentreOptions{RadiusKm: 20, K: 3, MinFarKm: new(0.0), MaxAlternatives: -1}},
		{5, SubcentreOptions{RadiusKm: 12, MinGainPop: 2000}},
		{7, SubcentreOptions{RadiusKm: 15, MaxK: 2, MinGainPop: 1000}},
		{6, SubcentreOptions{RadiusKm: 15, K: 3, MinFarKm: new(10.0), ExistingTypes: []FacilityType{CountyHospital, VillageClinic}}},
	} {
		t.Run(fmt.Sprint("seed", tc.seed), func(t *testing.T) {
			vs, fs := scRandomProvince(t, tc.seed, 45, 14)
			res, err := PlanSubcentres(context.Background(), vs, fs, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 45 || !slices.IsSortedFunc(res, func(a, b CountySubcentres) int { return strings.Compare(a.County, b.County) }) {
				t.Fatalf("%d counties, sorted %v", len(res), res)
			}
			b := &scBrute{vs: vs, fs: fs, opt: tc.opt, radM: tc.opt.RadiusKm * 1000}
			var ties, gaps int
			for i := range res {
				b.check(t, &res[i])
				if res[i].OptimalSets > 1 {
					ties++
				}
				if res[i].GreedyGap() > 0 {
					gaps++
				}
			}
			counties += len(res)
			t.Logf("%d counties, %d with tied optima, %d where greedy falls short", len(res), ties, gaps)
		})
	}
	if counties < 200 {
		t.Errorf("only %d counties checked", counties)
	}
}

// TestPlanSubcentresMatchesBruteForceLarge checks counties with 40
// candidates, where pruning matters, against full enumeration.
func TestPlanSubcentresMatchesBruteForceLarge(t *testing.T) {
	vs, fs := scRandomProvince(t, 99, 4, 0)
	r := rand.New(rand.NewPCG(99, 1))
	for ci := 0; ci < 4; ci++ {
		name := fmt.Sprintf("C%03d", ci)
		centre := orb.Point{108 + 0.6*float64(ci%2), 34 + 0.6*float64(ci/2)}
		for i := 0; i < 40; i++ {
			fs = append(fs, Facility{ID: fmt.Sprintf("%s-T%02d", name, i), Type: TownshipHealthCentre, County: name,
				Location: geo.Direct(centre, 360*r.Float64(), 40000*math.Sqrt(r.Float64())), Beds: r.IntN(2), Staff: r.IntN(2)})
		}
	}
	opt := SubcentreOptions{RadiusKm: 12, K: 3, MinFarKm: new(0.0)}
	res, err := PlanSubcentres(context.Background(), vs, fs, opt)
	if err != nil {
		t.Fatal(err)
	}
	b := &scBrute{vs: vs, fs: fs, opt: opt, radM: 12000}
	for i := range res {
		if res[i].Candidates != 40 {
			t.Fatalf("%s: %d candidates", res[i].County, res[i].Candidates)
		}
		b.check(t, &res[i])
	}
}

// TestSCProblemSolve checks the search alone against enumeration on
// abstract instances with many equal weights and duplicate sets.
func TestSCProblemSolve(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for trial := 0; trial < 300; trial++ {
		n := 1 + r.IntN(30)
		ne := 1 + r.IntN(150)
		w := make([]int64, ne)
		for e := range w {
			w[e] = int64(r.IntN(4))
		}
		members := make([][]int32, n)
		for j := range members {
			if j > 0 && r.IntN(6) == 0 {
				members[j] = slices.Clone(members[j-1])
				continue
			}
			for e := range ne {
				if r.IntN(10) == 0 {
					members[j] = append(members[j], int32(e))
				}
			}
		}
		gainOf := func(m []int32) (g int64) {
			for _, e := range m {
				g += w[e]
			}
			return g
		}
		slices.SortStableFunc(members, func(a, b []int32) int { return cmp.Compare(gainOf(b), gainOf(a)) })
		// Tie-break: lexicographically smallest positions first.
		p := newSCProblem(members, w, slices.Compare[[]int])
		for k := 1; k <= min(3, n); k++ {
			keep := 1 + r.IntN(4)
			type set struct {
				pos []int
				v   int64
			}
			var all []set
			var rec func(start int, pos []int)
			rec = func(start int, pos []int) {
				if len(pos) == k {
					seen := map[int32]bool{}
					var v int64
					for _, j := range pos {
						for _, e := range members[j] {
							if !seen[e] {
								seen[e], v = true, v+w[e]
							}
						}
					}
					all = append(all, set{slices.Clone(pos), v})
					return
				}
				for j := start; j < n; j++ {
					rec(j+1, append(pos, j))
				}
			}
			rec(0, nil)
			slices.SortStableFunc(all, func(a, b set) int { return cmp.Compare(b.v, a.v) }) // enumeration order is lexicographic
			ties := 0
			for ties < len(all) && all[ties].v == all[0].v {
				ties++
			}
			order, gains := p.greedy(slices.Collect(func(yield func(int) bool) {
				for j := range n {
					if !yield(j) {
						return
					}
				}
			}), k, func(a, b int) int { return cmp.Compare(a, b) })
			var lower int64
			for _, g := range gains {
				lower += g
			}
			if len(order) != k {
				t.Fatalf("trial %d: greedy picked %v", trial, order)
			}
			sol, err := p.solve(context.Background(), k, keep, lower)
			if err != nil {
				t.Fatal(err)
			}
			if sol.value != all[0].v || sol.count != ties || len(sol.top) != min(keep, ties) {
				t.Fatalf("trial %d n %d k %d: value %d count %d top %d, want %d %d %d", trial, n, k, sol.value, sol.count, len(sol.top), all[0].v, ties, min(keep, ties))
			}
			for i, s := range sol.top {
				if !slices.Equal(s, all[i].pos) {
					t.Fatalf("trial %d n %d k %d: top[%d] = %v, want %v", trial, n, k, i, s, all[i].pos)
				}
			}
		}
	}
}

func TestSCProblemSolveCancelled(t *testing.T) {
	members := make([][]int32, 50)
	for j := range members {
		members[j] = []int32{0}
	}
	p := newSCProblem(members, []int64{1}, slices.Compare[[]int])
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.solve(ctx, 3, 1, 1); err != context.Canceled {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
