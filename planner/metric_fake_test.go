package planner

import (
	"context"
	"hash/fnv"
	"math"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// fakeMetric is a table-like, non-Euclidean metric in the spirit of a road
// network or an origin–destination matrix: the cost from a to b is the
// geodesic distance stretched by a factor in [1, 3) drawn from a hash of
// the ordered pair of IDs — so it is not symmetric and the nearest site by
// cost is often not the nearest in a straight line — one ordered pair in
// noRouteEvery has no route (+Inf), and the sites in isolated join
// nothing. A site reaches itself (same ID) at cost 0. Its queries are plain
// loops; the tests' references call cost directly.
type fakeMetric struct {
	unit         geo.CostUnit
	noRouteEvery uint64            // 0: every pair has a route
	isolated     map[string]string // site ID -> reason it joins nothing
}

// fakeSpeedMPS is the fake metric's travel speed (45 km/h).
const fakeSpeedMPS = 12.5

func (m *fakeMetric) Name() string       { return "od" }
func (m *fakeMetric) Unit() geo.CostUnit { return m.unit }
func (m *fakeMetric) metres(a, b geo.Site) float64 {
	if a.ID == b.ID {
		return 0
	}
	if m.isolated[a.ID] != "" || m.isolated[b.ID] != "" {
		return math.Inf(1)
	}
	h := fnv.New64a()
	h.Write([]byte(a.ID))
	h.Write([]byte{0})
	h.Write([]byte(b.ID))
	x := h.Sum64()
	if m.noRouteEvery > 0 && x%m.noRouteEvery == 0 {
		return math.Inf(1)
	}
	return geo.DistanceM(a.Point, b.Point) * (1 + 2*float64(x>>11)/(1<<53))
}

// cost is the trip from a to b in the metric's unit.
func (m *fakeMetric) cost(a, b geo.Site) float64 {
	d := m.metres(a, b)
	if m.unit == geo.Seconds {
		return d / fakeSpeedMPS
	}
	return d
}

func (m *fakeMetric) reach(i int, a, b geo.Site) geo.Reach {
	d := m.metres(a, b)
	return geo.Reach{Index: i, Cost: m.cost(a, b), DistanceM: d, Seconds: d / fakeSpeedMPS}
}

func (m *fakeMetric) Nearest(ctx context.Context, origins, targets []geo.Site, limit float64) ([]geo.Reach, error) {
	out := make([]geo.Reach, len(origins))
	for i, o := range origins {
		out[i] = geo.Reach{Index: -1, Cost: math.Inf(1), DistanceM: math.Inf(1), Seconds: math.Inf(1)}
		for j, t := range targets {
			if c := m.cost(o, t); c <= limit && c < out[i].Cost {
				out[i] = m.reach(j, o, t)
			}
		}
	}
	return out, ctx.Err()
}

func (m *fakeMetric) Within(ctx context.Context, origins, targets []geo.Site, limit float64) ([][]geo.Reach, error) {
	out := make([][]geo.Reach, len(targets))
	for j, t := range targets {
		for i, o := range origins {
			if m.cost(o, t) <= limit {
				out[j] = append(out[j], m.reach(i, o, t))
			}
		}
	}
	return out, ctx.Err()
}

func (m *fakeMetric) Matrix(ctx context.Context, sites []geo.Site) ([]float64, error) {
	n := len(sites)
	out := make([]float64, n*n)
	for i, a := range sites {
		for j, b := range sites {
			out[i*n+j] = m.cost(a, b)
		}
	}
	return out, ctx.Err()
}

func (m *fakeMetric) Access(_ context.Context, sites []geo.Site) ([]geo.Access, error) {
	out := make([]geo.Access, len(sites))
	for i, s := range sites {
		out[i] = geo.Access{SnapM: 10, Unreachable: m.isolated[s.ID]}
	}
	return out, nil
}

// fakePather is fakeMetric whose trips bend through the midpoint shifted
// north by 0.001°, so that a route's geometry differs from its stops.
type fakePather struct{ *fakeMetric }

func (p fakePather) Path(_ context.Context, from, to geo.Site) (orb.LineString, error) {
	mid := orb.Point{(from.Point[0] + to.Point[0]) / 2, (from.Point[1]+to.Point[1])/2 + 0.001}
	return orb.LineString{from.Point, mid, to.Point}, nil
}

var (
	_ geo.Metric   = (*fakeMetric)(nil)
	_ geo.Accessor = (*fakeMetric)(nil)
	_ geo.Pather   = fakePather{}
)

func vSite(v Village) geo.Site  { return geo.Site{ID: v.ID, Point: v.Location} }
func fSite(f Facility) geo.Site { return geo.Site{ID: f.ID, Point: f.Location} }
