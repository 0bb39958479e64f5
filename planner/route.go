package planner

import (
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
	// LengthKm is the geodesic length of the closed tour in kilometres.
	LengthKm float64
	// Path is the tour as drawn: centre, stops…, centre (straight segments
	// between WGS84 points; the length is geodesic, not along Path's lines).
	Path  orb.LineString
	Flags []string
}

// routeEpsM is the smallest improvement, in metres, a local-search move
// must bring; it keeps float noise from cycling moves forever.
const routeEpsM = 1e-6

// routeMatrix is a symmetric geodesic distance matrix in metres over node 0
// (the depot) and the stops 1..n-1.
type routeMatrix struct {
	n int
	d []float64
}

func newRouteMatrix(pts []orb.Point) routeMatrix {
	n := len(pts)
	m := routeMatrix{n: n, d: make([]float64, n*n)}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			// One evaluation per pair keeps the matrix exactly symmetric,
			// which 2-opt's reversals rely on.
			d := geo.DistanceM(pts[i], pts[j])
			m.d[i*n+j], m.d[j*n+i] = d, d
		}
	}
	return m
}

func (m routeMatrix) at(i, j int) float64 { return m.d[i*m.n+j] }

// routeLengthM is the closed length of tour (tour[0] is the depot).
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
// stops (village indices): one optimised tour (nearest neighbour, then
// 2-opt and Or-opt on the geodesic distance matrix), split into days of at
// most maxRouteM metres. The split walks the tour's cyclic order, in both
// directions and from every starting stop, and greedily starts a new day
// whenever the next stop would make the day's closed tour too long; the
// split with fewest days, then shortest total, wins, and each day is then
// re-optimised on its own (which can only shorten it). A stop whose round
// trip alone exceeds maxRouteM gets a day of its own, flagged.
func planItinerantRoute(depot orb.Point, stops []int, villages []Village, maxRouteM float64) (tourKm float64, days []RouteDay) {
	if len(stops) == 0 {
		return 0, nil
	}
	pts := make([]orb.Point, 1, len(stops)+1)
	pts[0] = depot
	for _, i := range stops {
		pts = append(pts, villages[i].Location)
	}
	m := newRouteMatrix(pts)
	tour := routeNearestNeighbour(m)
	routeImprove(m, tour)
	tourM := routeLengthM(m, tour)

	var segs [][]int
	if tourM <= maxRouteM {
		segs = [][]int{tour[1:]}
	} else {
		segs = routeSplit(m, tour[1:], maxRouteM)
	}
	for d, seg := range segs {
		sub := append([]int{0}, seg...)
		routeImprove(m, sub)
		day := RouteDay{Day: d + 1, LengthKm: routeLengthM(m, sub) / 1000}
		day.Path = make(orb.LineString, 0, len(sub)+1)
		for _, node := range sub {
			day.Path = append(day.Path, pts[node])
			if node > 0 {
				day.Stops = append(day.Stops, stops[node-1])
			}
		}
		day.Path = append(day.Path, depot)
		if len(seg) == 1 && 2*m.at(0, seg[0]) > maxRouteM {
			day.Flags = append(day.Flags, FlagRoundTripExceedsMaxRoute)
		}
		days = append(days, day)
	}
	return tourM / 1000, days
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
// maxRouteM, returning them and their total length in metres.
func routeGreedyDays(m routeMatrix, seq []int, maxRouteM float64) ([][]int, float64) {
	var segs [][]int
	var total float64
	lo := 0
	open := 0.0 // depot -> seq[lo..k], without the way back
	for k := 0; k < len(seq); k++ {
		if k == lo {
			open = m.at(0, seq[k])
			continue
		}
		if ext := open + m.at(seq[k-1], seq[k]); ext+m.at(seq[k], 0) <= maxRouteM {
			open = ext
			continue
		}
		segs = append(segs, seq[lo:k:k])
		total += open + m.at(seq[k-1], 0)
		lo, open = k, m.at(0, seq[k])
	}
	segs = append(segs, seq[lo:len(seq):len(seq)])
	total += open + m.at(seq[len(seq)-1], 0)
	// seq is reused by the caller: copy out.
	out := make([][]int, len(segs))
	for i, s := range segs {
		out[i] = append([]int(nil), s...)
	}
	return out, total
}
