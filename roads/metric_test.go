package roads

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
	"gonum.org/v1/gonum/graph/path"
)

// referenceCost is the cost from snap o to snap t using gonum's all-pairs
// shortest paths for the road part: the independent reference for Nearest.
func referenceCost(m Metric, all path.AllShortest, o, t segHit) float64 {
	best := math.Inf(1)
	if c, _, ok := m.viaSegment(o, t); ok {
		best = c
	}
	om, os := m.accessLeg(o)
	tm, ts := m.accessLeg(t)
	for _, e := range m.Net.exits(o) {
		for _, f := range m.Net.entries(t) {
			if !e.valid || !f.valid {
				continue
			}
			lc, _ := m.pick(om+e.m+f.m+tm, os+e.s+f.s+ts)
			best = math.Min(best, lc+all.Weight(int64(m.Net.gpoint[e.node]), int64(m.Net.gpoint[f.node])))
		}
	}
	return best
}

func TestNearestAgainstGonum(t *testing.T) {
	ctx := context.Background()
	for _, rs := range []uint64{5, 6, 7, 8} {
		net := mustBuild(t, randomWays(rs, 16, 0.7, 0.2))
		switch rs {
		case 7:
			net = contracted(t, oneClass(randomWays(rs, 16, 0.7, 0.1)))
		case 8:
			net = contracted(t, subdivide(randomWays(rs, 16, 0.7, 0.2)))
		}
		origins, targets := randomSites(rs, 120, 16), randomSites(rs+100, 7, 16)
		for _, cost := range []Cost{ByDistance, ByTime} {
			m := Metric{Net: net, Cost: cost}
			all := path.DijkstraAllPaths(gonumGraph(net, cost == ByTime))
			os, ts, err := m.snapQuery(ctx, origins, targets)
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.Nearest(ctx, origins, targets, math.Inf(1))
			if err != nil {
				t.Fatal(err)
			}
			reached := 0
			for i := range origins {
				want, wantJ := math.Inf(1), -1
				for j := range targets {
					if os[i].ok() && ts[j].ok() {
						if c := referenceCost(m, all, os[i].hit, ts[j].hit); c < want {
							want, wantJ = c, j
						}
					}
				}
				if !closeRel(got[i].Cost, want, 1e-6) || (wantJ < 0) != (got[i].Index < 0) {
					t.Fatalf("seed %d cost %d origin %d: got %+v, reference %v (target %d)", rs, cost, i, got[i], want, wantJ)
				}
				if got[i].Index >= 0 {
					reached++
				}
			}
			if reached < len(origins)/2 {
				t.Fatalf("only %d of %d origins reached: test network too sparse", reached, len(origins))
			}
		}
	}
}

func TestRoadAtLeastStraight(t *testing.T) {
	net := mustBuild(t, randomWays(8, 16, 0.75, 0.2))
	origins, targets := randomSites(8, 200, 16), randomSites(9, 6, 16)
	got, err := Metric{Net: net}.Nearest(context.Background(), origins, targets, math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.Index < 0 {
			continue
		}
		if straight := geo.DistanceM(origins[i].Point, targets[r.Index].Point); r.DistanceM < straight-1e-6 {
			t.Errorf("origin %d: road %.3f m < straight %.3f m", i, r.DistanceM, straight)
		}
		if r.DistanceM != r.Cost || !(r.Seconds > 0) {
			t.Errorf("origin %d: reach %+v", i, r)
		}
	}
}

// TestWithinAndNearestMatchMatrix compares Within and Nearest with brute
// force over Matrix on a network of one piece (so all queries snap alike).
func TestWithinAndNearestMatchMatrix(t *testing.T) {
	t.Run("mixed", func(t *testing.T) { checkWithinNearest(t, mustBuild(t, randomWays(10, 12, 1, 0.25))) })
	t.Run("contracted", func(t *testing.T) { checkWithinNearest(t, contracted(t, subdivide(randomWays(10, 12, 1, 0.25)))) })
}

func checkWithinNearest(t *testing.T, net *Network) {
	t.Helper()
	ctx := context.Background()
	if net.Components() != 1 {
		t.Fatalf("want one piece, got %d", net.Components())
	}
	origins, targets := randomSites(10, 60, 12), randomSites(11, 8, 12)
	sites := append(slices.Clone(origins), targets...)
	for _, cost := range []Cost{ByDistance, ByTime} {
		m := Metric{Net: net, Cost: cost}
		mat, err := m.Matrix(ctx, sites)
		if err != nil {
			t.Fatal(err)
		}
		n, no := len(sites), len(origins)
		col := func(i, j int) float64 { return mat[i*n+no+j] }
		// A small limit settles fewer nodes than the origins have exits, a
		// large one more: Within finds origins both ways.
		for _, f := range []float64{0.2, 1.3, math.Inf(1)} {
			checkWithin(t, m, origins, targets, col, col(0, 0)*f)
		}
		limit := col(0, 0) * 1.3
		near, err := m.Nearest(ctx, origins, targets, limit)
		if err != nil {
			t.Fatal(err)
		}
		for i := range origins {
			want, wantJ := math.Inf(1), -1
			for j := range targets {
				if c := col(i, j); c <= limit && c < want {
					want, wantJ = c, j
				}
			}
			if near[i].Index != wantJ || !closeRel(near[i].Cost, want, 1e-9) {
				t.Fatalf("cost %d origin %d: nearest %+v, matrix %v at %d", cost, i, near[i], want, wantJ)
			}
		}
	}
}

// checkWithin compares Within at limit with the matrix columns col.
func checkWithin(t *testing.T, m Metric, origins, targets []geo.Site, col func(i, j int) float64, limit float64) {
	t.Helper()
	ctx := context.Background()
	within, err := m.Within(ctx, origins, targets, limit)
	if err != nil {
		t.Fatal(err)
	}
	for j := range targets {
		var want []int
		for i := range origins {
			if col(i, j) <= limit {
				want = append(want, i)
			}
		}
		var gotIx []int
		for _, r := range within[j] {
			gotIx = append(gotIx, r.Index)
			if !closeRel(r.Cost, col(r.Index, j), 1e-9) {
				t.Fatalf("cost %d target %d origin %d: within %v, matrix %v", m.Cost, j, r.Index, r.Cost, col(r.Index, j))
			}
		}
		if !slices.Equal(gotIx, want) {
			t.Fatalf("cost %d target %d: within %v, matrix filtered %v", m.Cost, j, gotIx, want)
		}
	}
}

// line is a one-segment road of class tertiary.
func line(a, b orb.Point, dir Oneway) Way {
	return Way{ID: "l", Points: []orb.Point{a, b}, Highway: "tertiary", Oneway: dir}
}

func TestOnewayRespected(t *testing.T) {
	ctx := context.Background()
	a, b := orb.Point{100, 30}, orb.Point{100.05, 30}
	net := mustBuild(t, []Way{line(a, b, Forward)})
	m := Metric{Net: net}
	nearA := []geo.Site{{ID: "A", Point: orb.Point{100.001, 30.001}}}
	nearB := []geo.Site{{ID: "B", Point: orb.Point{100.049, 30.001}}}
	fwd, _ := m.Nearest(ctx, nearA, nearB, math.Inf(1))
	back, _ := m.Nearest(ctx, nearB, nearA, math.Inf(1))
	if fwd[0].Index != 0 || back[0].Index != -1 || !math.IsInf(back[0].Cost, 1) {
		t.Fatalf("with the oneway: %+v, against it: %+v", fwd[0], back[0])
	}
	mat, _ := m.Matrix(ctx, append(slices.Clone(nearA), nearB...))
	if math.IsInf(mat[1], 1) || !math.IsInf(mat[2], 1) {
		t.Fatalf("matrix %v", mat)
	}
	if _, err := m.Path(ctx, nearB[0], nearA[0]); err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("path against the oneway: %v", err)
	}
}

func TestAlongSegment(t *testing.T) {
	ctx := context.Background()
	a, b := orb.Point{100, 30}, orb.Point{100.05, 30.01}
	for _, dir := range []Oneway{BothWays, Forward, Backward} {
		net := mustBuild(t, []Way{line(a, b, dir)})
		m := Metric{Net: net}
		sites := []geo.Site{{Point: orb.Point{100.01, 30.0035}}, {Point: orb.Point{100.04, 30.0065}}}
		mat, err := m.Matrix(ctx, sites)
		if err != nil {
			t.Fatal(err)
		}
		ss, _ := m.snapSites(ctx, sites)
		want := ss[0].hit.distM + geo.DistanceM(ss[0].hit.foot, ss[1].hit.foot) + ss[1].hit.distM
		fwd, back := mat[1], mat[2]
		if dir != Backward && !closeRel(fwd, want, 1e-9) {
			t.Errorf("dir %d: forward %v, want %v", dir, fwd, want)
		}
		if dir != Forward && !closeRel(back, want, 1e-9) {
			t.Errorf("dir %d: backward %v, want %v", dir, back, want)
		}
		if (dir == Backward) != math.IsInf(fwd, 1) || (dir == Forward) != math.IsInf(back, 1) {
			t.Errorf("dir %d: matrix %v", dir, mat)
		}
	}
}

func TestFragmentPassedOver(t *testing.T) {
	ctx := context.Background()
	main := Way{ID: "main", Highway: "secondary", Points: []orb.Point{{100, 30}, {100.03, 30}, {100.06, 30}, {100.1, 30}}}
	frag := line(orb.Point{100.05, 30.01}, orb.Point{100.051, 30.01}, BothWays)
	net := mustBuild(t, []Way{frag, main})
	m := Metric{Net: net}
	origins := []geo.Site{{ID: "town", Point: orb.Point{100.0505, 30.009}}}
	targets := []geo.Site{{ID: "clinic", Point: orb.Point{100.09, 30.0001}}}
	got, err := m.Nearest(ctx, origins, targets, math.Inf(1))
	if err != nil || got[0].Index != 0 {
		t.Fatalf("town next to a fragment: %+v, %v", got, err)
	}
	oa, _, err := m.AccessTo(ctx, origins, targets)
	if err != nil {
		t.Fatal(err)
	}
	wantPassed := geo.DistanceM(origins[0].Point, orb.Point{100.0505, 30.01})
	if math.Abs(oa[0].PassedOverM-wantPassed) > 0.5 || oa[0].SnapM < 900 || oa[0].Unreachable != "" {
		t.Fatalf("access %+v, want passed over ≈ %.1f m", oa[0], wantPassed)
	}
}

func TestUnreachableReported(t *testing.T) {
	ctx := context.Background()
	net := mustBuild(t, []Way{line(orb.Point{100, 30}, orb.Point{100.1, 30}, BothWays)})
	m := Metric{Net: net}
	origins := []geo.Site{
		{ID: "far", Point: orb.Point{100.05, 30.1}},
		{ID: "bad", Point: orb.Point{math.NaN(), 30}},
		{ID: "near", Point: orb.Point{100.05, 30.001}},
	}
	targets := []geo.Site{{Point: orb.Point{100.02, 30}}}
	got, err := m.Nearest(ctx, origins, targets, math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Index != -1 || got[1].Index != -1 || got[2].Index != 0 {
		t.Fatalf("reaches %+v", got)
	}
	acc, _, _ := m.AccessTo(ctx, origins, targets)
	if !strings.Contains(acc[0].Unreachable, "no road within 5 km") || !strings.Contains(acc[1].Unreachable, "invalid") || acc[2].Unreachable != "" {
		t.Fatalf("access %+v", acc)
	}
	far := Metric{Net: net, MaxSnapKm: 20}
	if got, _ := far.Nearest(ctx, origins[:1], targets, math.Inf(1)); got[0].Index != 0 {
		t.Fatalf("with MaxSnapKm 20: %+v", got)
	}
}

func TestTiesToLowestTarget(t *testing.T) {
	net := mustBuild(t, []Way{line(orb.Point{100, 30}, orb.Point{100.1, 30}, BothWays)})
	p := orb.Point{100.08, 30.001}
	targets := []geo.Site{{Point: orb.Point{100.01, 30.001}}, {Point: p}, {Point: p}}
	got, _ := Metric{Net: net}.Nearest(context.Background(), []geo.Site{{Point: orb.Point{100.07, 30}}}, targets, math.Inf(1))
	if got[0].Index != 1 {
		t.Fatalf("got %+v, want target 1", got[0])
	}
}

func TestPathFollowsRoads(t *testing.T) {
	t.Run("mixed", func(t *testing.T) { checkPaths(t, mustBuild(t, randomWays(12, 10, 1, 0.2))) })
	t.Run("contracted", func(t *testing.T) { checkPaths(t, contracted(t, subdivide(randomWays(13, 10, 1, 0.2)))) })
}

// checkPaths checks that every path's length is the Matrix distance.
func checkPaths(t *testing.T, net *Network) {
	t.Helper()
	ctx := context.Background()
	sites := randomSites(12, 8, 10)
	m := Metric{Net: net}
	mat, err := m.Matrix(ctx, sites)
	if err != nil {
		t.Fatal(err)
	}
	for i := range sites {
		for j := range sites {
			ls, err := m.Path(ctx, sites[i], sites[j])
			if err != nil {
				t.Fatalf("%d→%d: %v", i, j, err)
			}
			if i == j {
				if len(ls) != 2 || ls[0] != ls[1] {
					t.Fatalf("path to itself %v", ls)
				}
				continue
			}
			length := 0.0
			for k := 1; k < len(ls); k++ {
				length += geo.DistanceM(ls[k-1], ls[k])
			}
			if ls[0] != sites[i].Point || ls[len(ls)-1] != sites[j].Point || !closeRel(length, mat[i*len(sites)+j], 1e-6) {
				t.Fatalf("%d→%d: path of %d points, %.3f m, matrix %.3f m", i, j, len(ls), length, mat[i*len(sites)+j])
			}
		}
	}
}

func TestCancelled(t *testing.T) {
	net := mustBuild(t, randomWays(13, 8, 1, 0))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Metric{Net: net}).Nearest(ctx, randomSites(1, 2000, 8), randomSites(2, 3, 8), math.Inf(1)); err == nil {
		t.Fatal("no error from a cancelled context")
	}
	if _, err := (Metric{}).Matrix(context.Background(), nil); err != ErrNoNetwork {
		t.Fatalf("nil network: %v", err)
	}
}

// TestFacilityPassesOverFragment: a clinic whose nearest road is a stray
// piece no village uses joins the main network instead.
func TestFacilityPassesOverFragment(t *testing.T) {
	ctx := context.Background()
	main := Way{ID: "main", Highway: "secondary", Points: []orb.Point{{100, 30}, {100.03, 30}, {100.06, 30}, {100.1, 30}}}
	frag := line(orb.Point{100.08, 30.01}, orb.Point{100.081, 30.01}, BothWays)
	net := mustBuild(t, []Way{frag, main})
	m := Metric{Net: net}
	origins := []geo.Site{{Point: orb.Point{100.01, 30.001}}, {Point: orb.Point{100.02, 29.999}}}
	targets := []geo.Site{{ID: "ski clinic", Point: orb.Point{100.0805, 30.0095}}}
	got, err := m.Nearest(ctx, origins, targets, math.Inf(1))
	if err != nil || got[0].Index != 0 || got[1].Index != 0 {
		t.Fatalf("%+v, %v", got, err)
	}
	_, ta, _ := m.AccessTo(ctx, origins, targets)
	if ta[0].PassedOverM < 50 || ta[0].PassedOverM > 60 || ta[0].SnapM < 1000 {
		t.Fatalf("clinic access %+v", ta[0])
	}
}

func TestEmptyInputs(t *testing.T) {
	ctx := context.Background()
	empty, rep, err := Build(nil, BuildOptions{})
	if err != nil || rep.Nodes != 0 {
		t.Fatal(err, rep)
	}
	sites := []geo.Site{{Point: orb.Point{100, 30}}, {Point: orb.Point{100.01, 30}}}
	for _, net := range []*Network{empty, mustBuild(t, []Way{line(orb.Point{100, 30}, orb.Point{100.1, 30}, BothWays)})} {
		m := Metric{Net: net}
		if r, err := m.Nearest(ctx, sites, nil, math.Inf(1)); err != nil || r[0].Index != -1 || r[1].Index != -1 {
			t.Fatalf("no targets: %+v %v", r, err)
		}
		if r, err := m.Within(ctx, nil, sites, math.Inf(1)); err != nil || len(r) != 2 || len(r[0]) != 0 {
			t.Fatalf("no origins: %+v %v", r, err)
		}
		if r, err := m.Matrix(ctx, nil); err != nil || len(r) != 0 {
			t.Fatalf("no sites: %v %v", r, err)
		}
		acc, err := m.Access(ctx, sites)
		if err != nil || (net == empty) != (acc[0].Unreachable != "") {
			t.Fatalf("access %+v %v", acc, err)
		}
	}
}
