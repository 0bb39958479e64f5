package pgrouting

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

// TestAndorraAgreesWithPgRouting compares catchment's road distances with
// pgRouting's on the real Andorra extract, both routing on the same OSM
// ways (see importAndorra).
func TestAndorraAgreesWithPgRouting(t *testing.T) {
	needCluster(t)
	ways, _, net := loadAndorra(t)
	c := startCluster(t, "andorra")
	importAndorra(t, c, "andorra", ways)
	vs := vertices(t, c, "andorra")
	if mm := onewayMismatches(t, c, "andorra", ways); len(mm) > 0 {
		t.Errorf("%d ways with other permitted directions in pgRouting: %v", len(mm), mm[:min(10, len(mm))])
	}
	t.Logf("catchment: %d nodes, %d segments, %d components; pgRouting: %d vertices in use",
		net.NumNodes(), net.NumSegments(), net.Components(), len(vs))
	facilities, fnames := readSites(t, "testdata/facilities.csv")
	villages, vnames := readSites(t, "testdata/villages.csv")
	t.Run("vertices", func(t *testing.T) { vertexPlaced(t, c, net, vs, facilities) })
	t.Run("settlements", func(t *testing.T) { settlements(t, c, net, vs, villages, vnames, facilities, fnames) })
}

// e7 is a coordinate in units of 1e-7 degree, the OSM precision.
type e7 [2]int64

func toE7(p orb.Point) e7 { return e7{int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))} }

// mainPiece returns the vertices whose catchment node lies in the largest
// weakly connected component, moved onto that node's coordinates. OSM
// stores coordinates in units of 1e-7°; the PBF decoder and osm2pgrouting
// (reading osmium's decimal XML) may turn them into float64 values one ulp
// apart, so vertices are matched to nodes at 1e-7° and the sites take
// catchment's value (a difference of ~1e-16°, nanometres). It fails if a
// vertex is not a catchment node.
func mainPiece(t *testing.T, net *roads.Network, vs []vertex) []vertex {
	t.Helper()
	node := make(map[e7]int, net.NumNodes())
	for v := range net.NumNodes() {
		node[toE7(net.Node(v))] = v
	}
	largest := 0
	var out []vertex
	for _, v := range vs {
		n, ok := node[toE7(v.pt)]
		if !ok {
			t.Fatalf("pgRouting vertex %d at %v is no catchment node", v.id, v.pt)
		}
		v.pt = net.Node(n)
		if _, size := net.Component(n); size > largest {
			largest, out = size, out[:0]
		}
		if _, size := net.Component(n); size == largest {
			out = append(out, v)
		}
	}
	return out
}

// vertexPlaced puts origins and targets exactly on pgRouting vertices (of
// the main network piece, where catchment never re-snaps a site), so that
// neither side snaps, and compares every distance and nearest target.
//
// Tolerance: 1 mm per pair plus 1e-9 of the distance. Both sides measure
// every edge on the WGS84 ellipsoid (catchment: Karney geodesics per
// segment; osm2pgrouting: ST_Length(geography), the spheroidal length of
// the same straight pieces), which agree far below a millimetre per
// segment; what remains is the order of summation of float64 lengths.
func vertexPlaced(t *testing.T, c *Cluster, net *roads.Network, vs []vertex, facilities []geo.Site) {
	main := mainPiece(t, net, vs)
	rng := rand.New(rand.NewPCG(9, 2026))
	var sites []geo.Site
	var ids []int64
	for range 300 {
		v := main[rng.IntN(len(main))]
		sites = append(sites, geo.Site{Point: v.pt})
		ids = append(ids, v.id)
	}
	nO := len(sites)
	var tids []int64
	for _, f := range facilities {
		v, _ := nearestVertex(main, f.Point)
		sites = append(sites, geo.Site{Point: v.pt})
		tids = append(tids, v.id)
	}
	m := roads.Metric{Net: net}
	ctx := context.Background()
	acc, err := m.Access(ctx, sites)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range acc {
		if a.SnapM > 1e-6 || a.Unreachable != "" { // nanometres of rounding at a segment end
			t.Fatalf("site %d on a vertex snaps %v m (%q)", i, a.SnapM, a.Unreachable)
		}
	}
	mat, err := m.Matrix(ctx, sites)
	if err != nil {
		t.Fatal(err)
	}
	pg := dijkstraCost(t, c, "andorra", ids, tids, false)
	n := len(sites)
	var worst, worstRel float64
	pairs, unreachable, agree := 0, 0, 0
	worstAgree := 0.0
	for i := range nO {
		for j := range tids {
			got := mat[i*n+nO+j]
			want, ok := pg[[2]int64{ids[i], tids[j]}]
			if ids[i] == tids[j] {
				want, ok = 0, true // pgRouting returns no row for a vertex to itself
			}
			pairs++
			if !ok {
				unreachable++
				if !math.IsInf(got, 1) {
					t.Errorf("vertex %d → %d: pgRouting finds no path, catchment %.3f m", ids[i], tids[j], got)
				}
				continue
			}
			d := math.Abs(got - want)
			worst = max(worst, d)
			if want > 0 {
				worstRel = max(worstRel, d/want)
			}
			if d <= 1e-3+1e-9*want {
				agree++
				worstAgree = max(worstAgree, d)
			} else {
				t.Errorf("vertex %d → %d: catchment %.6f m, pgRouting %.6f m", ids[i], tids[j], got, want)
			}
		}
	}
	t.Logf("%d pairs (%d unreachable on both sides): largest difference %.3g m (%.3g relative); %d reachable pairs agree within tolerance, largest difference among them %.3g m",
		pairs, unreachable, worst, worstRel, agree, worstAgree)
	near, err := m.Nearest(ctx, sites[:nO], sites[nO:], math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	ties := 0
	for i, r := range near {
		best, bestM := -1, math.Inf(1)
		for j := range tids {
			if d, ok := pg[[2]int64{ids[i], tids[j]}]; ok && d < bestM || ids[i] == tids[j] && 0 < bestM {
				best, bestM = j, min(d, bestM)
				if ids[i] == tids[j] {
					bestM = 0
				}
			}
		}
		if r.Index == best {
			if math.Abs(r.DistanceM-bestM) > 1e-3+1e-9*bestM {
				t.Errorf("origin %d: nearest %d at %.6f m, pgRouting %.6f m", i, best, r.DistanceM, bestM)
			}
			continue
		}
		// Only an exact tie may differ: two facilities whose nearest vertex
		// is the same, or at equal road distance.
		if best < 0 || r.Index < 0 || math.Abs(r.DistanceM-bestM) > 1e-3+1e-9*bestM {
			t.Errorf("origin %d: catchment nearest %d at %.6f m, pgRouting %d at %.6f m", i, r.Index, r.DistanceM, best, bestM)
		}
		ties++
	}
	t.Logf("nearest target: %d origins, %d differ only by an exact tie", len(near), ties)
}
