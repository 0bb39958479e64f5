package pgrouting

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
)

// pgNearest is pgRouting's answer for one village: the nearest facility by
// road with both ends snapped to their nearest vertex, the off-road legs
// counted straight.
type pgNearest struct {
	index int     // facility, -1 when no facility is reachable
	distM float64 // snap legs + road
}

// settlements runs the real job: each of the 66 villages to its nearest of
// the 13 facilities by road. pgRouting snaps each site to its nearest
// vertex (a junction or a way's end: ways_vertices_pgr), catchment to the
// nearest point of the nearest segment, so the two answers differ by
// snapping only, and the difference is bounded by geometry: with q the
// catchment snap point, u the pgRouting vertex, s_c and s_p the two snap
// legs, R road distance and M catchment's trip (snap leg + road),
//
//	D_c − D_p ≤ [M(v→u_v) − s_p(v)] + [M(u_f→f) − s_p(f)]        (f = pgRouting's facility)
//	D_p − D_c ≤ [s_p(v) + M(u_v→v) − 2s_c(v)] + [s_p(f) + M(f→u_f) − 2s_c(f)]   (f = catchment's)
//
// by the triangle inequality of shortest paths (R(q→q') ≤ R(q→u)+R(u→u')+
// R(u'→q')); each bracket is at most the two snap legs plus the road
// between q and u. The test asserts the bound for every village (plus
// 1 mm of summation) and prints the table under -v.
func settlements(t *testing.T, c *Cluster, net *roads.Network, vs []vertex, villages []geo.Site, vnames []string,
	facilities []geo.Site, fnames []string) {
	ctx := context.Background()
	m := roads.Metric{Net: net}
	near, err := m.Nearest(ctx, villages, facilities, math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	accV, accF, err := m.AccessTo(ctx, villages, facilities)
	if err != nil {
		t.Fatal(err)
	}
	nV, nF := len(villages), len(facilities)
	uV, uF := make([]vertex, nV), make([]vertex, nF)
	spV, spF := make([]float64, nV), make([]float64, nF)
	for i, v := range villages {
		uV[i], spV[i] = nearestVertex(vs, v.Point)
	}
	for j, f := range facilities {
		uF[j], spF[j] = nearestVertex(vs, f.Point)
	}
	pg := pgNearestAll(t, c, uV, spV, uF, spF)

	// Catchment's trips between each site and its pgRouting vertex, in one
	// matrix so that every site joins the main network as in Nearest.
	sites := slices.Concat(villages, facilities)
	for _, u := range slices.Concat(uV, uF) {
		sites = append(sites, geo.Site{Point: u.pt})
	}
	mat, err := m.Matrix(ctx, sites)
	if err != nil {
		t.Fatal(err)
	}
	accM, err := m.Access(ctx, sites)
	if err != nil {
		t.Fatal(err)
	}
	accAll := slices.Concat(accV, accF)
	n := len(sites)
	trip := func(a, b int) float64 { return mat[a*n+b] }
	vertexOf := func(site int) int { return site + nV + nF }

	checkFacilityAccess(t, accF, fnames)
	t.Logf("%-28s %9s %9s %8s %8s %9s %4s %4s %9s", "village", "catchment", "pgRouting", "snap_c", "snap_p", "|diff|", "f_c", "f_p", "bound")
	var ratiosC, ratiosP, ratiosS, ratiosN []float64
	diffC, diffP, noPg := 0, 0, 0
	for i, r := range near {
		if r.Index < 0 {
			t.Errorf("village %s: catchment finds no facility (%q)", vnames[i], accV[i].Unreachable)
			continue
		}
		sj := straightNearest(villages[i], facilities)
		ratiosN = append(ratiosN, r.DistanceM/geo.DistanceM(villages[i].Point, facilities[sj].Point))
		if rs, err := m.Nearest(ctx, villages[i:i+1], facilities[sj:sj+1], math.Inf(1)); err == nil && rs[0].Index == 0 {
			ratiosS = append(ratiosS, rs[0].DistanceM/geo.DistanceM(villages[i].Point, facilities[sj].Point))
		}
		ratiosC = append(ratiosC, r.DistanceM/geo.DistanceM(villages[i].Point, facilities[r.Index].Point))
		if sj != r.Index {
			diffC++
		}
		p := pg[i]
		if p.index < 0 {
			noPg++
			t.Logf("%-28s %9.0f %9s %8.0f %8.0f  pgRouting's nearest vertex reaches no facility", trunc(vnames[i]), r.DistanceM, "—", accV[i].SnapM, spV[i])
			continue
		}
		ratiosP = append(ratiosP, p.distM/geo.DistanceM(villages[i].Point, facilities[p.index].Point))
		if sj != p.index {
			diffP++
		}
		fc, fp := nV+r.Index, nV+p.index
		// The bound uses the matrix's trips: each site must join the road
		// where it does in Nearest.
		for _, k := range []int{i, fc} {
			if math.Abs(accM[k].SnapM-accAll[k].SnapM) > 1e-9 {
				t.Errorf("site %d: snaps %.3f m in the matrix, %.3f m in Nearest", k, accM[k].SnapM, accAll[k].SnapM)
			}
		}
		up := (trip(i, vertexOf(i)) - spV[i]) + (trip(vertexOf(fp), fp) - spF[p.index])
		down := (spV[i] + trip(vertexOf(i), i) - 2*accV[i].SnapM) + (spF[r.Index] + trip(fc, vertexOf(fc)) - 2*accF[r.Index].SnapM)
		d := r.DistanceM - p.distM
		bound := up
		if d < 0 {
			bound = down
		}
		t.Logf("%-28s %9.0f %9.0f %8.0f %8.0f %9.1f %4d %4d %9.1f", trunc(vnames[i]), r.DistanceM, p.distM, accV[i].SnapM, spV[i], math.Abs(d), r.Index, p.index, bound)
		if !(d <= up+1e-3) || !(-d <= down+1e-3) {
			t.Errorf("village %s: catchment %.3f m, pgRouting %.3f m: difference outside the snapping bound [-%.3f, %.3f]",
				vnames[i], r.DistanceM, p.distM, down, up)
		}
	}
	t.Logf("road/straight to the nearest facility by road: catchment median %.2f p90 %.2f max %.2f; pgRouting median %.2f p90 %.2f max %.2f",
		quantile(ratiosC, 0.5), quantile(ratiosC, 0.9), quantile(ratiosC, 1), quantile(ratiosP, 0.5), quantile(ratiosP, 0.9), quantile(ratiosP, 1))
	t.Logf("catchment, road to the straight-line nearest facility / its straight line: median %.2f p90 %.2f max %.2f; "+
		"road to the nearest by road / straight to the nearest in a straight line: median %.2f p90 %.2f max %.2f",
		quantile(ratiosS, 0.5), quantile(ratiosS, 0.9), quantile(ratiosS, 1), quantile(ratiosN, 0.5), quantile(ratiosN, 0.9), quantile(ratiosN, 1))
	var all []float64
	for i := range nV {
		for j := range nF {
			if d := trip(i, nV+j); !math.IsInf(d, 1) {
				all = append(all, d/geo.DistanceM(villages[i].Point, facilities[j].Point))
			}
		}
	}
	t.Logf("catchment, road/straight over all %d reachable village–facility pairs: median %.2f p90 %.2f max %.2f",
		len(all), quantile(all, 0.5), quantile(all, 0.9), quantile(all, 1))
	t.Logf("nearest facility by road differs from straight line: catchment %d of %d villages, pgRouting %d of %d (%d with no pgRouting answer)",
		diffC, nV, diffP, nV-noPg, noPg)
	for _, r := range ratiosC {
		if r < 1-1e-9 {
			t.Errorf("road distance shorter than the straight line: ratio %v", r)
		}
	}
}

// pgNearestAll asks pgRouting for every vertex-to-vertex distance and adds
// the snap legs.
func pgNearestAll(t *testing.T, c *Cluster, uV []vertex, spV []float64, uF []vertex, spF []float64) []pgNearest {
	var from, to []int64
	for _, u := range uV {
		from = append(from, u.id)
	}
	for _, u := range uF {
		to = append(to, u.id)
	}
	pg := dijkstraCost(t, c, "andorra", from, to, false)
	out := make([]pgNearest, len(uV))
	for i := range uV {
		out[i] = pgNearest{index: -1, distM: math.Inf(1)}
		for j := range uF {
			road, ok := pg[[2]int64{uV[i].id, uF[j].id}]
			if uV[i].id == uF[j].id {
				road, ok = 0, true
			}
			if d := spV[i] + road + spF[j]; ok && d < out[i].distM {
				out[i] = pgNearest{index: j, distM: d}
			}
		}
	}
	return out
}

// checkFacilityAccess asserts that no facility is dropped: the ones on
// ski slopes far from a road get their snap distance reported.
func checkFacilityAccess(t *testing.T, acc []geo.Access, names []string) {
	far := 0
	for j, a := range acc {
		if a.Unreachable != "" {
			t.Errorf("facility %d %q unreachable: %s", j, names[j], a.Unreachable)
		}
		if a.SnapM >= 500 {
			far++
		}
		t.Logf("facility %2d %-40q snap %6.0f m, passed over a fragment at %.0f m", j, names[j], a.SnapM, a.PassedOverM)
	}
	t.Logf("%d facilities 500 m or more from the nearest usable road, all reached", far)
}

func straightNearest(v geo.Site, fs []geo.Site) int {
	best, bestM := -1, math.Inf(1)
	for j, f := range fs {
		if d := geo.DistanceM(v.Point, f.Point); d < bestM {
			best, bestM = j, d
		}
	}
	return best
}

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[int(math.Ceil(q*float64(len(s)-1)))]
}

func trunc(s string) string {
	if s == "" {
		return "(unnamed)"
	}
	r := []rune(strings.TrimSpace(s))
	if len(r) > 28 {
		r = r[:28]
	}
	return string(r)
}
