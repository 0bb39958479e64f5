package planner

import (
	"context"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// RouteDay is one day of itinerant visits (巡诊): a closed tour from the
// township health centre through Stops and back.
type RouteDay struct {
	// Day numbers the days from 1.
	Day int
	// Stops are village indices in visiting order.
	Stops []int
	// LengthKm is the length of the closed tour in kilometres, measured by
	// the clinic plan's metric (geodesic by default, along the roads for a
	// road network) in the direction travelled.
	LengthKm float64
	// Path is the tour as a list of its places: centre, stops…, centre
	// (straight segments between WGS84 points).
	Path orb.LineString
	// Geometry is the line the tour follows when the metric knows its trips'
	// shapes (it implements geo.Pather, as a road network does): the legs'
	// paths joined. It is nil otherwise; Line returns whichever to draw.
	Geometry orb.LineString
	Flags    []string
}

// Line returns the line to draw the day with: Geometry when the metric gave
// one, else the straight segments of Path.
func (d *RouteDay) Line() orb.LineString {
	if d.Geometry != nil {
		return d.Geometry
	}
	return d.Path
}

// routeEpsM is the smallest improvement, in metres, a local-search move
// must bring; it keeps float noise from cycling moves forever.
const routeEpsM = 1e-6

// routeMatrix holds the costs in metres over node 0 (the depot) and the
// stops 1..n-1. d is the metric's matrix, row = from; s is its symmetric
// part, (d[i][j] + d[j][i]) / 2, on which the tour is optimised (2-opt's
// reversals assume a symmetric cost) — d itself when d is symmetric, as the
// straight line always is. Lengths reported and day limits use d.
type routeMatrix struct {
	n    int
	d, s []float64
	sym  bool // d is symmetric (s is d)
}

// newRouteMatrix wraps the n×n matrix d.
func newRouteMatrix(n int, d []float64) routeMatrix {
	m := routeMatrix{n: n, d: d, s: d, sym: true}
	for i := 0; i < n && m.sym; i++ {
		for j := i + 1; j < n; j++ {
			if d[i*n+j] != d[j*n+i] {
				m.sym = false
				break
			}
		}
	}
	if !m.sym {
		m.s = make([]float64, n*n)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				m.s[i*n+j] = (d[i*n+j] + d[j*n+i]) / 2
			}
		}
	}
	return m
}

// cost is the directed cost from node i to node j.
func (m routeMatrix) cost(i, j int) float64 { return m.d[i*m.n+j] }

// routeCostM is the closed length of tour travelled in its order.
func routeCostM(m routeMatrix, tour []int) float64 {
	var s float64
	for i := range tour {
		s += m.cost(tour[i], tour[(i+1)%len(tour)])
	}
	return s
}

// routeOrient reverses tour (keeping tour[0], the depot) when travelling it
// the other way is strictly shorter; a symmetric matrix never does.
func routeOrient(m routeMatrix, tour []int) {
	if m.sym {
		return // the same length either way, up to rounding
	}
	rev := slices.Clone(tour)
	slices.Reverse(rev[1:])
	if routeCostM(m, rev) < routeCostM(m, tour) {
		copy(tour, rev)
	}
}

// at is the symmetric cost the tour search optimises.
func (m routeMatrix) at(i, j int) float64 { return m.s[i*m.n+j] }

// routeLengthM is the closed length of tour (tour[0] is the depot) on the
// symmetric costs.
func routeLengthM(m routeMatrix, tour []int) float64 {
	var s float64
	for i := range tour {
		s += m.at(tour[i], tour[(i+1)%len(tour)])
	}
	return s
}

// routeNearestNeighbour builds a tour over nodes 0..m.n-1 from the depot,
// always going to the nearest unvisited node (ties: lowest node).
func routeNearestNeighbour(m routeMatrix) []int {
	tour := make([]int, 1, m.n)
	seen := make([]bool, m.n)
	seen[0] = true
	for cur := 0; len(tour) < m.n; {
		next := -1
		for j := 1; j < m.n; j++ {
			if !seen[j] && (next < 0 || m.at(cur, j) < m.at(cur, next)) {
				next = j
			}
		}
		seen[next] = true
		tour = append(tour, next)
		cur = next
	}
	return tour
}

// routeImprove applies 2-opt and Or-opt moves (first improvement) until
// neither finds one, keeping tour[0] (the depot) in place. It never makes
// the tour longer.
func routeImprove(m routeMatrix, tour []int) {
	for routeTwoOpt(m, tour) || routeOrOpt(m, tour) {
	}
}

// routeTwoOpt makes one pass of 2-opt moves and reports whether any helped.
func routeTwoOpt(m routeMatrix, tour []int) bool {
	n := len(tour)
	improved := false
	for i := 0; i < n-2; i++ {
		for j := i + 2; j < n; j++ {
			if i == 0 && j == n-1 {
				continue // the two edges share the depot
			}
			a, b, c, d := tour[i], tour[i+1], tour[j], tour[(j+1)%n]
			if m.at(a, c)+m.at(b, d) < m.at(a, b)+m.at(c, d)-routeEpsM {
				for l, r := i+1, j; l < r; l, r = l+1, r-1 {
					tour[l], tour[r] = tour[r], tour[l]
				}
				improved = true
			}
		}
	}
	return improved
}

// routeOrOpt moves one segment of 1–3 stops, possibly reversed, to its best
// other place; it reports whether it found an improving move.
func routeOrOpt(m routeMatrix, tour []int) bool {
	n := len(tour)
	for seg := 1; seg <= 3; seg++ {
		for s := 1; s+seg <= n; s++ {
			e := s + seg - 1 // segment tour[s..e], never the depot
			prev, next := tour[s-1], tour[(e+1)%n]
			first, last := tour[s], tour[e]
			gain := m.at(prev, first) + m.at(last, next) - m.at(prev, next)
			bestDelta, bestPos, bestRev := -routeEpsM, -1, false
			// Insert between tour[p] and tour[p+1] for p outside s-1..e.
			for p := 0; p < n; p++ {
				if p >= s-1 && p <= e {
					continue
				}
				u, w := tour[p], tour[(p+1)%n]
				if fwd := m.at(u, first) + m.at(last, w) - m.at(u, w) - gain; fwd < bestDelta {
					bestDelta, bestPos, bestRev = fwd, p, false
				}
				if rev := m.at(u, last) + m.at(first, w) - m.at(u, w) - gain; rev < bestDelta {
					bestDelta, bestPos, bestRev = rev, p, true
				}
			}
			if bestPos < 0 {
				continue
			}
			moved := append([]int(nil), tour[s:e+1]...)
			if bestRev {
				for l, r := 0, len(moved)-1; l < r; l, r = l+1, r-1 {
					moved[l], moved[r] = moved[r], moved[l]
				}
			}
			rest := make([]int, 0, n)
			for p := 0; p < n; p++ {
				if p >= s && p <= e {
					continue
				}
				rest = append(rest, tour[p])
				if p == bestPos {
					rest = append(rest, moved...)
				}
			}
			copy(tour, rest)
			return true
		}
	}
	return false
}

// planItinerantRoute plans the closed tours from depot through the villages
// stops (village indices), measured by metric (one Metric.Matrix): one
// optimised tour (nearest neighbour, then 2-opt and Or-opt), split into
// days of at most maxRouteM metres. The split walks the tour's cyclic order,
// in both directions and from every starting stop, and greedily starts a new
// day whenever the next stop would make the day's closed tour too long; the
// split with fewest days, then shortest total, wins, and each day is then
// re-optimised on its own (kept only if that does not lengthen it). A stop
// whose round trip alone exceeds maxRouteM gets a day of its own, flagged.
// Stops the metric cannot reach from the depot or return from (an infinite
// cost) are left out of the route and returned in unreachable. tourKm is 0
// when the single tour has a leg without a route (only the days are
// finite then).
func planItinerantRoute(ctx context.Context, metric geo.Metric, depot geo.Site, stops []int, villages []Village, maxRouteM float64) (tourKm float64, days []RouteDay, unreachable []int, err error) {
	if len(stops) == 0 {
		return 0, nil, nil, nil
	}
	sites := append([]geo.Site{depot}, villageSites(villages, stops)...)
	d, err := metric.Matrix(ctx, sites)
	if err != nil {
		return 0, nil, nil, err
	}
	if err := metricLen(metric, "Matrix", len(d), len(sites)*len(sites)); err != nil {
		return 0, nil, nil, err
	}
	m, stops, unreachable := routeReachable(newRouteMatrix(len(sites), d), stops)
	if len(stops) == 0 {
		return 0, nil, unreachable, nil
	}
	tour := routeNearestNeighbour(m)
	routeImprove(m, tour)
	routeOrient(m, tour)
	tourM := routeCostM(m, tour)

	var segs [][]int
	if tourM <= maxRouteM {
		segs = [][]int{tour[1:]}
	} else {
		segs = routeSplit(m, tour[1:], maxRouteM)
	}
	pather, _ := metric.(geo.Pather)
	for n, seg := range segs {
		day, err := routeDay(ctx, m, pather, n+1, seg, stops, sites[0], villages, maxRouteM)
		if err != nil {
			return 0, nil, nil, err
		}
		days = append(days, day)
	}
	if math.IsInf(tourM, 0) {
		tourM = 0 // no finite single tour: some leg between stops has no route
	}
	return tourM / 1000, days, unreachable, nil
}

// routeReachable drops the stops whose trip from or back to the depot has
// no finite cost, returning the matrix over the rest, the rest and the
// dropped stops (village indices).
func routeReachable(m routeMatrix, stops []int) (routeMatrix, []int, []int) {
	keep := []int{0}
	var gone []int
	for k := 1; k < m.n; k++ {
		if math.IsInf(m.cost(0, k), 0) || math.IsInf(m.cost(k, 0), 0) || math.IsNaN(m.cost(0, k)+m.cost(k, 0)) {
			gone = append(gone, stops[k-1])
		} else {
			keep = append(keep, k)
		}
	}
	if gone == nil {
		return m, stops, nil
	}
	n := len(keep)
	d := make([]float64, n*n)
	kept := make([]int, 0, n-1)
	for a, i := range keep {
		for b, j := range keep {
			d[a*n+b] = m.cost(i, j)
		}
		if i > 0 {
			kept = append(kept, stops[i-1])
		}
	}
	return newRouteMatrix(n, d), kept, gone
}

// routeDay re-optimises one day's segment seg (nodes of m) and describes
// it; with a Pather the legs' paths make its Geometry.
func routeDay(ctx context.Context, m routeMatrix, pather geo.Pather, n int, seg, stops []int, depot geo.Site, villages []Village, maxRouteM float64) (RouteDay, error) {
	sub := append([]int{0}, seg...)
	better := slices.Clone(sub)
	routeImprove(m, better)
	routeOrient(m, better)
	if routeCostM(m, better) <= routeCostM(m, sub) {
		sub = better
	}
	day := RouteDay{Day: n, LengthKm: routeCostM(m, sub) / 1000}
	day.Path = make(orb.LineString, 0, len(sub)+1)
	for _, node := range sub {
		if node == 0 {
			day.Path = append(day.Path, depot.Point)
			continue
		}
		day.Path = append(day.Path, villages[stops[node-1]].Location)
		day.Stops = append(day.Stops, stops[node-1])
	}
	day.Path = append(day.Path, depot.Point)
	if len(seg) == 1 && m.cost(0, seg[0])+m.cost(seg[0], 0) > maxRouteM {
		day.Flags = append(day.Flags, FlagRoundTripExceedsMaxRoute)
	}
	if pather != nil {
		g, err := routeGeometry(ctx, pather, depot, day.Stops, villages)
		if err != nil {
			return day, err
		}
		day.Geometry = g
	}
	return day, nil
}

// routeGeometry joins the paths of the legs depot → stops… → depot.
func routeGeometry(ctx context.Context, pather geo.Pather, depot geo.Site, stops []int, villages []Village) (orb.LineString, error) {
	places := append([]geo.Site{depot}, villageSites(villages, stops)...)
	places = append(places, depot)
	var line orb.LineString
	for k := 0; k+1 < len(places); k++ {
		leg, err := pather.Path(ctx, places[k], places[k+1])
		if err != nil {
			return nil, err
		}
		if len(line) > 0 && len(leg) > 0 && line[len(line)-1] == leg[0] {
			leg = leg[1:]
		}
		line = append(line, leg...)
	}
	return line, nil
}

// routeSplit cuts the cyclic stop order into consecutive day segments,
// trying every start and both directions (see planItinerantRoute).
func routeSplit(m routeMatrix, order []int, maxRouteM float64) [][]int {
	n := len(order)
	var best [][]int
	bestM := 0.0
	seq := make([]int, n)
	for dir := 0; dir < 2; dir++ {
		for start := 0; start < n; start++ {
			for k := range seq {
				if dir == 0 {
					seq[k] = order[(start+k)%n]
				} else {
					seq[k] = order[((start-k)%n+n)%n]
				}
			}
			segs, total := routeGreedyDays(m, seq, maxRouteM)
			if best == nil || len(segs) < len(best) || len(segs) == len(best) && total < bestM-routeEpsM {
				best, bestM = segs, total
			}
		}
	}
	return best
}

// routeGreedyDays packs seq into consecutive closed tours of at most
// maxRouteM (travelled in seq's order), returning them and their total
// length in metres.
func routeGreedyDays(m routeMatrix, seq []int, maxRouteM float64) ([][]int, float64) {
	var segs [][]int
	var total float64
	lo := 0
	open := 0.0 // depot -> seq[lo..k], without the way back
	for k := 0; k < len(seq); k++ {
		if k == lo {
			open = m.cost(0, seq[k])
			continue
		}
		if ext := open + m.cost(seq[k-1], seq[k]); ext+m.cost(seq[k], 0) <= maxRouteM {
			open = ext
			continue
		}
		segs = append(segs, seq[lo:k:k])
		total += open + m.cost(seq[k-1], 0)
		lo, open = k, m.cost(0, seq[k])
	}
	segs = append(segs, seq[lo:len(seq):len(seq)])
	total += open + m.cost(seq[len(seq)-1], 0)
	// seq is reused by the caller: copy out.
	out := make([][]int, len(segs))
	for i, s := range segs {
		out[i] = append([]int(nil), s...)
	}
	return out, total
}
