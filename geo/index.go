package geo

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// Index is a static spatial index over points (longitude/latitude degrees)
// whose queries are exact under the WGS84 ellipsoidal metric: the answers are
// those of a brute-force scan with DistanceM. Items are identified by their
// position in the slice given to NewIndex. An Index is safe for concurrent
// queries.
//
// Points are sorted along a Hilbert curve and cut into short runs
// ("buckets", at most bucketSize points, spatially compact); the bounding
// box of each bucket is an item of an R-tree (github.com/tidwall/rtree).
// This keeps the tree about bucketSize times smaller than one entry per
// point — at 600,000 points it stays mostly in cache — and the points of a
// bucket are scanned contiguously. Buckets and points are ranked by the lower
// bounds proved in bound.go, which never exceed the true geodesic distance,
// and only candidates whose bound cannot rule them out are measured with the
// exact Karney solution, so pruning never changes a result.
type Index struct {
	tree rtree.RTreeGN[float64, int32] // data: bucket number
	// The points in Hilbert order, as parallel arrays so that scanning a
	// bucket reads two short contiguous runs. lon is reduced to
	// [-180, 180]; the reduction is exact, so DistanceM is unchanged.
	lon, lat     []float64
	idx          []int32 // position in the slice given to NewIndex
	bucketStart  []int32 // bucket b holds points bucketStart[b] to bucketStart[b+1]-1
	startRadiusM float64 // first trial radius of nearestBox
}

// bucketSize is the largest number of points in one R-tree item.
const bucketSize = 16

// ErrInvalidPoint reports a point that is not a usable longitude/latitude
// (not finite, or latitude outside [-90, 90]).
var ErrInvalidPoint = errors.New("geo: invalid point")

// ErrTooManyPoints reports an index over more points than it can address.
var ErrTooManyPoints = errors.New("geo: too many points")

// PointError names the first invalid point given to BuildIndex.
type PointError struct {
	Index int       // position in the slice given to BuildIndex
	Point orb.Point // the point as given
}

func (e *PointError) Error() string {
	return fmt.Sprintf("geo: point %d %v is not a valid longitude/latitude", e.Index, e.Point)
}

func (e *PointError) Unwrap() error { return ErrInvalidPoint }

// BuildIndex builds an index over points. The slice is copied, so later
// changes to it do not affect the index.
//
// Every point must be valid (ValidPoint): finite, latitude within
// [-90, 90]; any finite longitude is accepted and reduced. An invalid
// point is a *PointError (errors.Is ErrInvalidPoint) and no index is
// built: a point that can be neither near nor far from anything would
// otherwise make every query answer wrong without notice.
func BuildIndex(points []orb.Point) (*Index, error) {
	if len(points) > math.MaxInt32-bucketSize {
		return nil, fmt.Errorf("%w: %d", ErrTooManyPoints, len(points))
	}
	for i, p := range points {
		if !ValidPoint(p) {
			return nil, &PointError{Index: i, Point: p}
		}
	}
	return buildIndex(points), nil
}

// NewIndex is BuildIndex for points the caller has already validated
// (planner checks every facility and village before indexing it). It
// panics on an invalid point, which is a programming error there; code
// that indexes points it has not checked calls BuildIndex.
func NewIndex(points []orb.Point) *Index {
	ix, err := BuildIndex(points)
	if err != nil {
		panic("geo: NewIndex: " + err.Error())
	}
	return ix
}

func buildIndex(points []orb.Point) *Index {
	order := SpatialOrder(points)
	n := len(points)
	ix := &Index{lon: make([]float64, n), lat: make([]float64, n), idx: make([]int32, n)}
	minLon, minLat, maxLon, maxLat := 180.0, 90.0, -180.0, -90.0
	for k, i := range order {
		lon, lat := rem360(points[i][0]), points[i][1]
		ix.lon[k], ix.lat[k], ix.idx[k] = lon, lat, int32(i)
		minLon, maxLon = math.Min(minLon, lon), math.Max(maxLon, lon)
		minLat, maxLat = math.Min(minLat, lat), math.Max(maxLat, lat)
	}
	ix.startRadiusM = startRadius(minLon, minLat, maxLon, maxLat, len(points))
	ix.buildBuckets()
	return ix
}

// buildBuckets cuts the Hilbert-ordered points into runs of at most
// bucketSize points and inserts their bounding boxes into the tree. A run is
// also cut where the curve jumps: when adding the next point would stretch
// the box beyond maxSpan degrees (a few times the typical spacing), so that
// sparse regions and gaps between clusters do not produce long thin boxes.
// The cut points only affect speed.
func (ix *Index) buildBuckets() {
	maxSpan := math.Max(0.05, 16*ix.startRadiusM/(SemiMajorAxisM*degree))
	ix.bucketStart = make([]int32, 0, len(ix.lon)/bucketSize*2+2)
	var lo, hi [2]float64
	flush := func(start int) {
		ix.bucketStart = append(ix.bucketStart, int32(start))
		ix.tree.Insert(lo, hi, int32(len(ix.bucketStart)-1))
	}
	start := 0
	for k := range ix.lon {
		c := [2]float64{ix.lon[k], ix.lat[k]}
		if k > start {
			nlo := [2]float64{math.Min(lo[0], c[0]), math.Min(lo[1], c[1])}
			nhi := [2]float64{math.Max(hi[0], c[0]), math.Max(hi[1], c[1])}
			if k-start < bucketSize && nhi[0]-nlo[0] <= maxSpan && nhi[1]-nlo[1] <= maxSpan {
				lo, hi = nlo, nhi
				continue
			}
			flush(start)
			start = k
		}
		lo, hi = c, c
	}
	if len(ix.lon) > 0 {
		flush(start)
	}
	ix.bucketStart = append(ix.bucketStart, int32(len(ix.lon)))
}

// point returns indexed point k (Hilbert position) with reduced longitude.
func (ix *Index) point(k int32) orb.Point { return orb.Point{ix.lon[k], ix.lat[k]} }

// inBox reports whether point k lies in the box b (as min, max corners).
func (ix *Index) inBox(k int32, b *[2][2]float64) bool {
	lon, lat := ix.lon[k], ix.lat[k]
	return lat >= b[0][1] && lat <= b[1][1] && lon >= b[0][0] && lon <= b[1][0]
}

// SpatialOrder returns the indices of points sorted along a Hilbert curve
// (ties by index), so that consecutive points are usually close together.
// Running many Nearest or Within queries in this order keeps the index's
// memory in cache and is about twice as fast as a random order for large
// indexes; NewIndex uses the same order internally. Invalid points sort
// first.
func SpatialOrder(points []orb.Point) []int {
	keys := make([]uint32, len(points))
	for i, p := range points {
		if validPoint(p) {
			keys[i] = hilbertKey(rem360(p[0]), p[1])
		}
	}
	if len(points) >= radixMin {
		return radixOrder(keys)
	}
	order := make([]int, len(points))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if keys[a] != keys[b] {
			if keys[a] < keys[b] {
				return -1
			}
			return 1
		}
		return a - b
	})
	return order
}

// radixMin is the size from which SpatialOrder sorts by radix.
const radixMin = 1 << 12

// radixOrder returns the indices of keys in ascending key order, ties by
// index: a stable least-significant-digit radix sort in two passes of 16
// bits.
func radixOrder(keys []uint32) []int {
	n := len(keys)
	tmp, order := make([]int, n), make([]int, n)
	count := make([]int, 1<<16+1)
	for i := range n {
		tmp[i] = i
	}
	for _, shift := range [2]uint{0, 16} {
		clear(count)
		for _, k := range keys {
			count[(k>>shift)&0xFFFF+1]++
		}
		for d := 1; d < len(count); d++ {
			count[d] += count[d-1]
		}
		for _, i := range tmp {
			d := (keys[i] >> shift) & 0xFFFF
			order[count[d]] = i
			count[d]++
		}
		tmp, order = order, tmp
	}
	return tmp
}

// ValidPoint reports whether p is a usable WGS84 longitude/latitude: both
// coordinates finite and the latitude within [-90, 90]. Longitudes outside
// [-180, 180] are valid and are reduced by the geodesic routines.
func ValidPoint(p orb.Point) bool { return validPoint(p) }

// Len returns the number of indexed points.
func (ix *Index) Len() int { return len(ix.lon) }

// Nearest returns the index of the point geodesically nearest to p and its
// distance in metres; ties go to the lowest index. ok is false when the index
// is empty or p is not a valid point (see ValidPoint).
//
// The answer is exact: it is what a scan of all points with DistanceM would
// return. See nearest.go for the two search strategies used.
func (ix *Index) Nearest(p orb.Point) (i int, distM float64, ok bool) {
	if len(ix.lon) == 0 || !validPoint(p) {
		return -1, 0, false
	}
	q := newBoundQuery(p)
	if i, d, ok := ix.nearestBox(p, &q); ok {
		return i, d, true
	}
	i, d := ix.nearestBestFirst(p, &q)
	return i, d, true
}

// Within calls fn for every indexed point whose geodesic distance to p is at
// most radiusM (inclusive), in no particular order, until fn returns false.
// Nothing is reported when p is invalid or radiusM is negative or NaN; an
// infinite radius reports every point.
//
// The R-tree is searched with longitude/latitude boxes that provably contain
// every point within radiusM (split at the antimeridian, widened to all
// longitudes when the circle reaches a pole); candidates are then screened
// with the chord lower bound and decided by the exact distance.
func (ix *Index) Within(p orb.Point, radiusM float64, fn func(i int, distM float64) bool) {
	if len(ix.lon) == 0 || !validPoint(p) || !(radiusM >= 0) {
		return
	}
	q := newBoundQuery(p)
	sigma := radiusAngle(radiusM)
	maxKey := keyLimit(sigma)
	boxes, n := searchBoxes(q.lon, q.lat, sigma)
	stopped := false
	var box [2][2]float64 // the box being searched (a copy: no escaping address)
	// Coincident points are common (several facilities at one address);
	// they are adjacent in Hilbert order, so remembering the last exact
	// distance avoids recomputing it.
	lastP, lastD := orb.Point{math.NaN(), math.NaN()}, 0.0
	visit := func(_, _ [2]float64, b int32) bool {
		for k := ix.bucketStart[b]; k < ix.bucketStart[b+1]; k++ {
			if !ix.inBox(k, &box) || q.pointKey(ix.lon[k], ix.lat[k]) > maxKey {
				continue
			}
			if c := ix.point(k); c != lastP {
				lastP, lastD = c, DistanceM(p, c)
			}
			if lastD <= radiusM && !fn(int(ix.idx[k]), lastD) {
				stopped = true
				return false
			}
		}
		return true
	}
	for _, box = range boxes[:n] {
		ix.tree.Search(box[0], box[1], visit)
		if stopped {
			return
		}
	}
}

// searchBoxes returns up to two longitude/latitude boxes (as min, max
// corners, longitudes within [-180, 180]) that together contain every point
// whose central angle from (lon, lat) is at most sigma radians.
//
// On the sphere the points within sigma of latitude phi0 have latitudes in
// [phi0 - sigma, phi0 + sigma]; if that range reaches a pole, every longitude
// occurs, otherwise the longitude offset is at most asin(sin sigma / cos phi0)
// (the meridian tangent to the circle). All limits are widened by round-off
// margins.
func searchBoxes(lon, lat, sigma float64) (boxes [2][2][2]float64, n int) {
	const margin = 1e-9 // degrees, far above the round-off in the limits
	full := func(latMin, latMax float64) ([2][2][2]float64, int) {
		boxes[0] = [2][2]float64{{-180, math.Max(latMin, -90)}, {180, math.Min(latMax, 90)}}
		return boxes, 1
	}
	if !(sigma < math.Pi) {
		return full(-90, 90)
	}
	dLat := sigma/degree*(1+1e-12) + margin
	latMin, latMax := lat-dLat, lat+dLat
	if latMin <= -90 || latMax >= 90 {
		return full(latMin, latMax)
	}
	ratio := math.Sin(sigma) / math.Cos(lat*degree) * (1 + 1e-12)
	if ratio >= 1 {
		return full(latMin, latMax)
	}
	dLon := math.Asin(ratio)/degree*(1+1e-12) + margin
	if dLon >= 180 {
		return full(latMin, latMax)
	}
	west, east := lon-dLon, lon+dLon
	switch {
	case west < -180:
		boxes[0] = [2][2]float64{{west + 360, latMin}, {180, latMax}}
		boxes[1] = [2][2]float64{{-180, latMin}, {east, latMax}}
		return boxes, 2
	case east > 180:
		boxes[0] = [2][2]float64{{west, latMin}, {180, latMax}}
		boxes[1] = [2][2]float64{{-180, latMin}, {east - 360, latMax}}
		return boxes, 2
	}
	boxes[0] = [2][2]float64{{west, latMin}, {east, latMax}}
	return boxes, 1
}
