package programme

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// budgetInstance is a random province for the budget checks: counties on a
// grid, 0–4 township health centres each (candidates), 0–1 county hospital,
// populations from a small set (ties), twin centres (ties), and no village
// whose distance to any facility is within 1 % of the radius, so that a
// spherical distance (the MILP script's) decides cover exactly as the
// ellipsoidal one does.
type budgetInstance struct {
	villages   []planner.Village
	facilities []planner.Facility
	radiusKm   float64
	opt        BudgetOptions
}

func randomBudgetInstance(tb testing.TB, seed uint64, counties int) budgetInstance {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, 11))
	const radiusKm = 15.0
	in := budgetInstance{radiusKm: radiusKm}
	disc := func(c orb.Point, km float64) orb.Point {
		return geo.Direct(c, 360*r.Float64(), 1000*km*math.Sqrt(r.Float64()))
	}
	centres := make([]orb.Point, counties)
	for ci := range centres {
		name := fmt.Sprintf("C%d", ci)
		centres[ci] = orb.Point{110 + 0.5*float64(ci%3), 35 + 0.5*float64(ci/3)}
		if r.IntN(2) == 0 {
			in.facilities = append(in.facilities, planner.Facility{ID: name + "-H", Type: planner.CountyHospital, County: name, Location: disc(centres[ci], 8), Beds: 100, Staff: 100})
		}
		for t := range r.IntN(5) {
			f := planner.Facility{ID: fmt.Sprintf("%s-T%d", name, t), Type: planner.TownshipHealthCentre, County: name, Location: disc(centres[ci], 30), Beds: 10, Staff: 10}
			if t > 0 && r.IntN(4) == 0 {
				f.Location = in.facilities[len(in.facilities)-1].Location // a twin
			}
			in.facilities = append(in.facilities, f)
		}
	}
	clear := func(p orb.Point) bool {
		for _, f := range in.facilities {
			d := geo.DistanceM(p, f.Location) / (1000 * radiusKm)
			if d > 0.99 && d < 1.01 {
				return false
			}
		}
		return true
	}
	for ci, c := range centres {
		for i := range 4 + r.IntN(10) {
			p := disc(c, 30)
			for !clear(p) {
				p = disc(c, 30)
			}
			in.villages = append(in.villages, planner.Village{ID: fmt.Sprintf("C%d-V%d", ci, i), County: fmt.Sprintf("C%d", ci), Population: 100 * (1 + r.IntN(3)), Location: p})
		}
	}
	noFilter := 0.0
	in.opt = BudgetOptions{
		Subcentres: planner.SubcentreOptions{RadiusKm: radiusKm, MinFarKm: &noFilter},
		Bounds:     CountyBounds{Min: r.IntN(2), Max: 1 + r.IntN(3)},
		PerCounty:  map[string]CountyBounds{},
	}
	if r.IntN(2) == 0 {
		in.opt.PerCounty["C0"] = CountyBounds{Min: 0, Max: r.IntN(3)}
	}
	in.opt.Total = r.IntN(2 * counties)
	return in
}

// bruteBudget is an independent reference: cover by direct distances, the
// best gain of every county for every k by enumerating site subsets, the
// allocation by enumerating every vector, the tie-break as documented.
// ok is false when the minimums do not fit in the total.
func bruteBudget(in budgetInstance) (alloc map[string]int, gain int64, ok bool) {
	return bruteAllocate(in, bruteCounties(in))
}

// bruteCounty is one county of the brute-force reference.
type bruteCounty struct {
	name        string
	pop, before int64
	cands       [][]int // uncovered village indices each candidate reaches
	gains       []int64 // best gain of k sites, k = 0..hi, by enumeration
	lo, hi      int
}

// bruteCounties finds cover by direct distances and each county's best
// gain for every k by enumerating its site subsets.
func bruteCounties(in budgetInstance) []*bruteCounty {
	type county = bruteCounty
	radiusM := in.radiusKm * 1000
	var cs []*county
	byName := map[string]*county{}
	var unc []int
	for i, v := range in.villages {
		c := byName[v.County]
		if c == nil {
			c = &county{name: v.County}
			byName[v.County] = c
			cs = append(cs, c)
		}
		c.pop += int64(v.Population)
		covered := false
		for _, f := range in.facilities {
			if f.Type == planner.CountyHospital && geo.DistanceM(v.Location, f.Location) <= radiusM {
				covered = true
			}
		}
		if covered {
			c.before += int64(v.Population)
		} else {
			unc = append(unc, i)
		}
	}
	for _, f := range in.facilities {
		c := byName[f.County]
		if f.Type != planner.TownshipHealthCentre || c == nil {
			continue
		}
		var m []int
		for _, i := range unc {
			if in.villages[i].County == f.County && geo.DistanceM(in.villages[i].Location, f.Location) <= radiusM {
				m = append(m, i)
			}
		}
		c.cands = append(c.cands, m)
	}
	for _, c := range cs {
		b := in.opt.bounds(c.name)
		c.hi = min(b.Max, len(c.cands))
		c.lo = min(b.Min, c.hi)
		c.gains = make([]int64, c.hi+1)
		for mask := 0; mask < 1<<len(c.cands); mask++ {
			k := popcount(mask)
			if k > c.hi {
				continue
			}
			seen := map[int]bool{}
			var g int64
			for j, m := range c.cands {
				if mask&(1<<j) == 0 {
					continue
				}
				for _, i := range m {
					if !seen[i] {
						seen[i] = true
						g += int64(in.villages[i].Population)
					}
				}
			}
			c.gains[k] = max(c.gains[k], g)
		}
	}
	return cs
}

// bruteAllocate enumerates every allocation vector and applies the
// documented tie-break.
func bruteAllocate(in budgetInstance, cs []*bruteCounty) (alloc map[string]int, gain int64, ok bool) {
	type county = bruteCounty
	// Priority: lower share covered today first, then name.
	slices.SortFunc(cs, func(a, b *county) int {
		sa, sb := 1.0, 1.0
		if a.pop > 0 {
			sa = float64(a.before) / float64(a.pop)
		}
		if b.pop > 0 {
			sb = float64(b.before) / float64(b.pop)
		}
		if sa != sb {
			if sa < sb {
				return -1
			}
			return 1
		}
		if a.name < b.name {
			return -1
		}
		return 1
	})
	k := make([]int, len(cs))
	var best []int
	var bestGain int64
	bestSites := 0
	var rec func(i, used int, g int64)
	rec = func(i, used int, g int64) {
		if i == len(cs) {
			if best == nil || g > bestGain || g == bestGain && used < bestSites ||
				g == bestGain && used == bestSites && slices.Compare(k, best) > 0 {
				best, bestGain, bestSites = slices.Clone(k), g, used
			}
			return
		}
		for k[i] = cs[i].lo; k[i] <= cs[i].hi && used+k[i] <= in.opt.Total; k[i]++ {
			rec(i+1, used+k[i], g+cs[i].gains[k[i]])
		}
	}
	rec(0, 0, 0)
	if best == nil {
		return nil, 0, false
	}
	alloc = map[string]int{}
	for i, c := range cs {
		alloc[c.name] = best[i]
	}
	return alloc, bestGain, true
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

func TestAllocateSubcentresBruteForce(t *testing.T) {
	ctx := context.Background()
	feasible := 0
	for seed := range uint64(150) {
		in := randomBudgetInstance(t, seed, 2+int(seed%4))
		want, wantGain, ok := bruteBudget(in)
		got, err := AllocateSubcentres(ctx, in.villages, in.facilities, in.opt)
		if !ok {
			if !errors.Is(err, planner.ErrInvalidOptions) {
				t.Fatalf("seed %d: minimums above the total: err = %v, want an option error", seed, err)
			}
			continue
		}
		feasible++
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if got.GainPopulation != wantGain {
			t.Fatalf("seed %d: gain %d, brute force %d", seed, got.GainPopulation, wantGain)
		}
		sum := 0
		for _, c := range got.Counties {
			if c.Sites != want[c.County] {
				t.Fatalf("seed %d: county %s gets %d sites, brute force (with the tie-break) %d; all %v", seed, c.County, c.Sites, want[c.County], want)
			}
			if len(c.SiteIDs) > c.Sites {
				t.Fatalf("seed %d: county %s: %d site ids for %d sites", seed, c.County, len(c.SiteIDs), c.Sites)
			}
			if c.Sites > 0 && c.Plan.CountyCareAfter-c.Plan.CountyCareToday != c.GainPopulation {
				t.Fatalf("seed %d: county %s: chosen sites cover %d, gain says %d", seed, c.County, c.Plan.CountyCareAfter-c.Plan.CountyCareToday, c.GainPopulation)
			}
			sum += c.Sites
		}
		if sum != got.Allocated || got.Allocated+got.Unallocated != in.opt.Total {
			t.Fatalf("seed %d: allocated %d (sum %d) + unallocated %d != total %d", seed, got.Allocated, sum, got.Unallocated, in.opt.Total)
		}
	}
	if feasible < 100 {
		t.Fatalf("only %d of 150 instances feasible: the generator no longer tests much", feasible)
	}
}

// TestPlanWithBudget: the plan carries the budget's sites, and its village
// flags and totals agree with the allocation.
func TestPlanWithBudget(t *testing.T) {
	in := randomBudgetInstance(t, 7, 5)
	in.opt.Total, in.opt.Bounds, in.opt.PerCounty = 4, CountyBounds{0, 3}, nil
	res, b, err := PlanWithBudget(context.Background(), in.villages, in.facilities,
		planner.PlanOptions{RadiusKm: in.radiusKm, Subcentres: in.opt.Subcentres, Clinics: planner.DefaultClinicOptions()}, in.opt)
	if err != nil {
		t.Fatal(err)
	}
	if b.Allocated == 0 || b.GainPopulation == 0 {
		t.Fatalf("the instance allocates nothing: %+v", b)
	}
	if res.Total.Subcentres != b.Allocated-unnamed(b) || res.Total.CountyCareAfter != b.CountyCareAfter {
		t.Fatalf("plan: %d sites covering %d after; budget %d sites covering %d", res.Total.Subcentres, res.Total.CountyCareAfter, b.Allocated, b.CountyCareAfter)
	}
	var after int64
	for i, vp := range res.Villages {
		if vp.CountyCareAfter {
			after += int64(in.villages[i].Population)
		}
	}
	if after != b.CountyCareAfter {
		t.Fatalf("villages covered after sum to %d, budget says %d", after, b.CountyCareAfter)
	}
}

func unnamed(b *BudgetResult) int {
	n := 0
	for _, c := range b.Counties {
		n += c.Sites - len(c.SiteIDs)
	}
	return n
}

func TestAllocateSubcentresOptions(t *testing.T) {
	in := randomBudgetInstance(t, 3, 4)
	ctx := context.Background()
	beyond := in.opt
	beyond.Bounds = CountyBounds{0, planner.MaxSubcentresPerCounty + 1}
	if _, err := AllocateSubcentres(ctx, in.villages, in.facilities, beyond); !errors.Is(err, ErrBudgetBeyondExact) || !errors.Is(err, planner.ErrInvalidOptions) {
		t.Errorf("max %d: err = %v, want ErrBudgetBeyondExact and ErrInvalidOptions", beyond.Bounds.Max, err)
	}
	over := in.opt
	over.PerCounty = map[string]CountyBounds{"C1": {0, 4}}
	if _, err := AllocateSubcentres(ctx, in.villages, in.facilities, over); !errors.Is(err, ErrBudgetBeyondExact) {
		t.Errorf("per-county max 4: err = %v", err)
	}
	for _, b := range []BudgetOptions{{Total: -1}, {Bounds: CountyBounds{2, 1}}, {Bounds: CountyBounds{-1, 1}}} {
		b.Subcentres = in.opt.Subcentres
		if _, err := AllocateSubcentres(ctx, in.villages, in.facilities, b); !errors.Is(err, planner.ErrInvalidOptions) {
			t.Errorf("%+v: err = %v", b, err)
		}
	}
	// A per-county override caps that county.
	capped := in.opt
	capped.Total, capped.Bounds, capped.PerCounty = 12, CountyBounds{0, 3}, map[string]CountyBounds{"C0": {0, 0}}
	res, err := AllocateSubcentres(ctx, in.villages, in.facilities, capped)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Counties {
		if c.County == "C0" && (c.Sites != 0 || c.Hi != 0 || c.NextSiteGain != nil) {
			t.Errorf("C0 capped at 0: %+v", c)
		}
		if c.County != "C0" && c.Sites > c.Hi {
			t.Errorf("%s: %d sites above %d", c.County, c.Sites, c.Hi)
		}
	}
}
