package geo

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// Straight is the straight-line Metric: the WGS84 geodesic distance
// (DistanceM) between the sites' points, in metres. Nearest and Within are
// answered with an Index, so they are exactly what a brute-force scan with
// DistanceM would return (ties to the lowest index, inclusive limits, the
// antimeridian and the poles handled). Reach.DistanceM equals Reach.Cost;
// Reach.Seconds is NaN, as a straight line has no travel time. Site.ID is
// ignored.
//
// Every site must have a valid point (see ValidPoint); Straight may panic on
// an invalid one, as NewIndex does, or find it reached by nothing. The zero
// value is ready to use.
type Straight struct{}

var _ Metric = Straight{}

// Name returns "straight".
func (Straight) Name() string { return "straight" }

// Unit returns Metres.
func (Straight) Unit() CostUnit { return Metres }

// straightChunk is how many queries a worker takes at a time.
const straightChunk = 4096

// Nearest returns, for each origin, the geodesically nearest target within
// limit metres (inclusive; math.Inf(1) for none), ties to the lowest index.
// The origins are queried in Hilbert order on all CPUs; a progress function
// attached with WithProgress is called with the origins finished.
func (Straight) Nearest(ctx context.Context, origins, targets []Site, limit float64) ([]Reach, error) {
	ix := NewIndex(sitePoints(targets))
	out := make([]Reach, len(origins))
	err := parallelQueries(ctx, sitePoints(origins), func(i int, p orb.Point) {
		out[i] = unreached
		if j, d, ok := ix.Nearest(p); ok && d <= limit {
			out[i] = Reach{Index: j, Cost: d, DistanceM: d, Seconds: math.NaN()}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Within returns, for each target, the origins within limit metres of it
// (inclusive), ordered by origin index. The larger of the two sets is
// indexed and one Index.Within query runs from each site of the other (in
// Hilbert order, on all CPUs; a progress function attached with
// WithProgress is called with the queries finished); DistanceM is
// symmetric, so either way gives the origin-to-target cost. Tiny inputs are
// measured pair by pair.
func (Straight) Within(ctx context.Context, origins, targets []Site, limit float64) ([][]Reach, error) {
	if len(origins)*len(targets) <= straightBrute {
		return withinBrute(ctx, origins, targets, limit)
	}
	out := make([][]Reach, len(targets))
	if len(origins) >= len(targets) {
		ix := NewIndex(sitePoints(origins))
		err := parallelQueries(ctx, sitePoints(targets), func(t int, p orb.Point) {
			var rs []Reach
			ix.Within(p, limit, func(i int, d float64) bool {
				rs = append(rs, Reach{Index: i, Cost: d, DistanceM: d, Seconds: math.NaN()})
				return true
			})
			slices.SortFunc(rs, func(a, b Reach) int { return a.Index - b.Index })
			out[t] = rs
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	}
	// More targets than origins: index the targets, query from each origin
	// (in input order, so that every target's list comes out ordered).
	ix := NewIndex(sitePoints(targets))
	for i := range origins {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		ix.Within(origins[i].Point, limit, func(t int, d float64) bool {
			out[t] = append(out[t], Reach{Index: i, Cost: d, DistanceM: d, Seconds: math.NaN()})
			return true
		})
	}
	if fn := ProgressFunc(ctx); fn != nil && len(origins) > 0 {
		fn(len(origins), len(origins))
	}
	return out, nil
}

// straightBrute is the largest number of origin–target pairs Within
// measures one by one rather than through an index.
const straightBrute = 64

// withinBrute is Within by measuring every pair that the chord lower bound
// does not rule out. It returns exactly what the index does: Index.Within
// measures DistanceM from the query point to each indexed point (the
// longitude reduction it applies is exact, and DistanceM is symmetric).
func withinBrute(ctx context.Context, origins, targets []Site, limit float64) ([][]Reach, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([][]Reach, len(targets))
	for t := range targets {
		for i := range origins {
			a, b := targets[t].Point, origins[i].Point
			if !validPoint(a) || !validPoint(b) || LowerBoundM(a, b) > limit {
				continue
			}
			if d := DistanceM(a, b); d <= limit {
				out[t] = append(out[t], Reach{Index: i, Cost: d, DistanceM: d, Seconds: math.NaN()})
			}
		}
	}
	if fn := ProgressFunc(ctx); fn != nil && len(targets) > 0 {
		fn(len(targets), len(targets))
	}
	return out, nil
}

// Matrix returns the geodesic distances in metres among sites, row-major.
// Each pair is measured once, so the matrix is exactly symmetric with a zero
// diagonal. It costs len(sites)² / 2 geodesics: callers bound len(sites).
func (Straight) Matrix(ctx context.Context, sites []Site) ([]float64, error) {
	n := len(sites)
	m := make([]float64, n*n)
	for i := 0; i < n; i++ {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		for j := i + 1; j < n; j++ {
			d := DistanceM(sites[i].Point, sites[j].Point)
			m[i*n+j], m[j*n+i] = d, d
		}
	}
	return m, nil
}

// unreached is the Reach of an origin with no target within the limit.
var unreached = Reach{Index: -1, Cost: math.Inf(1), DistanceM: math.Inf(1), Seconds: math.Inf(1)}

func sitePoints(sites []Site) []orb.Point {
	pts := make([]orb.Point, len(sites))
	for i := range sites {
		pts[i] = sites[i].Point
	}
	return pts
}

// parallelQueries calls query(i, pts[i]) for every point, in Hilbert order
// (which keeps an index's memory in cache), in chunks on GOMAXPROCS
// goroutines. It reports progress through the context's progress function
// and returns ctx.Err() when ctx is cancelled. query must only write state
// of its own i.
func parallelQueries(ctx context.Context, pts []orb.Point, query func(i int, p orb.Point)) error {
	progress := ProgressFunc(ctx)
	if len(pts) <= straightChunk/16 { // small: in input order, on this goroutine
		if err := ctx.Err(); err != nil {
			return err
		}
		for i, p := range pts {
			query(i, p)
		}
		if progress != nil && len(pts) > 0 {
			progress(len(pts), len(pts))
		}
		return ctx.Err()
	}
	order := SpatialOrder(pts)
	var (
		mu   sync.Mutex
		next int
		done int
		wg   sync.WaitGroup
	)
	workers := min(runtime.GOMAXPROCS(0), (len(pts)+straightChunk-1)/straightChunk)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				mu.Lock()
				lo := next
				next += straightChunk
				mu.Unlock()
				if lo >= len(pts) {
					return
				}
				hi := min(lo+straightChunk, len(pts))
				for _, i := range order[lo:hi] {
					query(i, pts[i])
				}
				if progress != nil {
					mu.Lock()
					done += hi - lo
					d := done
					mu.Unlock()
					progress(d, len(pts))
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

type progressKey struct{}

// WithProgress returns a copy of ctx carrying fn, which a Metric's Nearest
// and Within may call, from any goroutine, with the number of queries
// finished so far (origins for Nearest, targets for Within) and their total.
// Metrics whose queries take long (Straight does; a road network should)
// report through it, so that callers can show progress without the Metric
// interface knowing about it. A nil fn leaves ctx as it is.
func WithProgress(ctx context.Context, fn func(done, total int)) context.Context {
	if fn == nil {
		return ctx
	}
	return context.WithValue(ctx, progressKey{}, fn)
}

// ProgressFunc returns the function attached to ctx by WithProgress, or nil.
func ProgressFunc(ctx context.Context) func(done, total int) {
	fn, _ := ctx.Value(progressKey{}).(func(done, total int))
	return fn
}
