package roads

import (
	"cmp"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

const (
	bucketSize = 4     // segments per R-tree item
	firstSnapM = 100.0 // first search radius of a worker's first snap, metres (then ×4)
	minSnapM   = 50.0  // least first search radius of a snap, metres
	// Conservative metres per degree: a degree of latitude is at least
	// minDegLatM long on WGS84, a degree of longitude at least minDegLonM
	// times the cosine of the latitude (N >= a).
	minDegLatM = 110574.0
	minDegLonM = 111319.0
)

// segIndex is an R-tree over the boxes of buckets of segments that lie
// close together (Hilbert order of their midpoints), packed bottom-up in
// that order (packedTree). A segment's box is its endpoints' box padded
// by a bound on how far the geodesic bulges away from it, so every point
// of the segment lies in its bucket's box.
type segIndex struct {
	order       []int32 // segment ids, bucket by bucket
	bucketStart []int32 // bucket k is order[bucketStart[k]:bucketStart[k+1]]
	short       []bool  // bucket k has no segment longer than planarMaxSegM
	tree        packedTree
}

func newSegIndex(net *Network) segIndex {
	n := net.seg.len()
	mid := make([]orb.Point, n)
	for i := range mid {
		a, b := net.seg.a[i], net.seg.b[i]
		mid[i] = orb.Point{(net.lon[a] + net.lon[b]) / 2, (net.lat[a] + net.lat[b]) / 2}
	}
	ord := geo.SpatialOrder(mid)
	ix := segIndex{order: make([]int32, n), bucketStart: make([]int32, 0, (n+bucketSize-1)/bucketSize+1)}
	for i, s := range ord {
		ix.order[i] = int32(s)
	}
	nb := (n + bucketSize - 1) / bucketSize
	leaves := boxes{minX: make([]float64, 0, nb), minY: make([]float64, 0, nb), maxX: make([]float64, 0, nb), maxY: make([]float64, 0, nb)}
	for k := 0; k < n; k += bucketSize {
		end := min(k+bucketSize, n)
		ix.bucketStart = append(ix.bucketStart, int32(k))
		lo, hi := net.segBox(ix.order[k])
		short := true
		for _, s := range ix.order[k:end] {
			l, h := net.segBox(s)
			lo = [2]float64{math.Min(lo[0], l[0]), math.Min(lo[1], l[1])}
			hi = [2]float64{math.Max(hi[0], h[0]), math.Max(hi[1], h[1])}
			short = short && net.seg.lenM[s] <= planarMaxSegM
		}
		leaves.add(lo, hi)
		ix.short = append(ix.short, short)
	}
	ix.bucketStart = append(ix.bucketStart, int32(n))
	ix.tree = newPackedTree(leaves)
	return ix
}

// segBox is segment i's lon/lat box padded by padM: a geodesic of length L
// departs from the lon/lat rectangle of its ends by about L² tan φ / (8R);
// the pad is four times that plus a millimetre.
func (net *Network) segBox(i int32) (lo, hi [2]float64) {
	a, b := net.seg.a[i], net.seg.b[i]
	L := net.seg.lenM[i]
	latMax := math.Max(math.Abs(net.lat[a]), math.Abs(net.lat[b]))
	padM := L*L*(1+math.Tan(math.Min(latMax, 89)*math.Pi/180))/(2*meanRadiusM) + 1e-3
	dLat, dLon := degreesFor(padM, latMax)
	lo = [2]float64{math.Min(net.lon[a], net.lon[b]) - dLon, math.Max(math.Min(net.lat[a], net.lat[b])-dLat, -90)}
	hi = [2]float64{math.Max(net.lon[a], net.lon[b]) + dLon, math.Min(math.Max(net.lat[a], net.lat[b])+dLat, 90)}
	return lo, hi
}

// degreesFor returns latitude and longitude spans in degrees that contain
// every point within rM metres of a point at latitude latDeg: no curve of
// length rM changes latitude by more than rM/minDegLatM degrees, nor
// longitude by more than rM/(minDegLonM cos φmax), φmax being the highest
// latitude the curve can reach. Near the poles the longitude span is 360.
func degreesFor(rM, latDeg float64) (dLat, dLon float64) {
	dLat = rM/minDegLatM*(1+1e-9) + 1e-12
	c := math.Cos(math.Min(math.Abs(latDeg)+dLat, 90) * math.Pi / 180)
	if c < 1e-3 {
		return dLat, 360
	}
	return dLat, rM/(minDegLonM*c)*(1+1e-9) + 1e-12
}

// search calls fn with every bucket whose box meets the box of points
// within rM metres of p, once per bucket.
func (ix *segIndex) search(p orb.Point, rM float64, dst []int32, stack *[]treeRef) []int32 {
	dLat, dLon := degreesFor(rM, p[1])
	lo := [2]float64{p[0] - dLon, p[1] - dLat}
	hi := [2]float64{p[0] + dLon, p[1] + dLat}
	if dLon >= 180 {
		lo[0], hi[0] = -180, 180
	}
	dst = ix.tree.appendLeaves(lo, hi, dst, stack)
	if dLon >= 180 {
		return dst
	}
	if lo[0] < -180 { // the box wraps past the antimeridian
		dst = ix.tree.appendLeaves([2]float64{lo[0] + 360, lo[1]}, [2]float64{180, hi[1]}, dst, stack)
	}
	if hi[0] > 180 {
		dst = ix.tree.appendLeaves([2]float64{-180, lo[1]}, [2]float64{hi[0] - 360, hi[1]}, dst, stack)
	}
	return dst
}

// segHit is a snap onto a segment: the segment, the distance in metres from
// the site, the distance along the segment from its first node, the point.
type segHit struct {
	seg    int32
	distM  float64
	alongM float64
	foot   orb.Point
}

var noHit = segHit{seg: -1, distM: math.Inf(1)}

// cand is a candidate segment with a lower bound on its distance.
type cand struct {
	seg int32
	lbM float64
}

// snapScratch is one worker's scratch for nearestSegment.
type snapScratch struct {
	cands   []cand
	buckets []cand // a bucket and a lower bound for its segments
	leaves  []int32
	stack   []treeRef
	done    []int32 // segments measured in this snap
	lastM   float64 // the distance of the worker's last snap (metres), or 0
}

// firstRadius is the first search radius of a snap: twice the distance of
// the worker's last snap (sites come in spatial order, so that one was a
// neighbour, likely as far from the road), at least minSnapM; firstSnapM
// for a worker's first snap. The radius affects only the speed: a snap
// searches on until its best distance is within the radius.
func (sc *snapScratch) firstRadius() float64 {
	if sc.lastM > 0 && sc.lastM < math.Inf(1) {
		return max(2*sc.lastM, minSnapM)
	}
	return firstSnapM
}

// nearestSegment finds the segment nearest to p within maxM metres among
// those whose component allowed accepts (all when allowed is nil), and the
// nearest segment of a component it refuses when that one is nearer
// (other; seg -1 when none). Ties go to the lower segment index.
func (net *Network) nearestSegment(p orb.Point, maxM float64, allowed func(int32) bool, sc *snapScratch) (best, other segHit) {
	best, other = noHit, noHit
	lp := newLocalPlane(p)
	sc.done = sc.done[:0]
	for r := math.Min(sc.firstRadius(), maxM); ; r = nextRadius(r, best.distM, maxM) {
		net.collect(p, r, &lp, allowed, sc)
		for _, c := range sc.cands {
			// Candidates come by (bound, index): once the bound passes the
			// best distance, or meets it at a higher index (a tie at best),
			// none can win.
			if c.lbM > best.distM || c.lbM == best.distM && c.seg > best.seg {
				break
			}
			ok := allowed == nil || allowed(net.segComp(c.seg))
			if !ok && c.lbM > other.distM || measured(sc.done, c.seg) {
				continue // cannot be nearer, or measured in an earlier round
			}
			if len(sc.done) < maxRemembered {
				sc.done = append(sc.done, c.seg)
			}
			h := net.hit(p, c.seg)
			if ok && better(h, best) {
				best = h
			} else if !ok && better(h, other) {
				other = h
			}
		}
		if best.distM <= r || r >= maxM {
			break
		}
	}
	sc.lastM = best.distM
	if best.distM > maxM {
		best = noHit
	}
	if other.distM >= best.distM {
		other = noHit
	}
	return best, other
}

// maxRemembered is how many measured segments a snap remembers so as not
// to measure them again in a later round (the first few: with planar
// bounds a snap measures two or three; without them it may measure
// hundreds, and measures those again rather than search a long list).
const maxRemembered = 16

// measured reports whether seg is in done. Measuring a segment again would
// give the same hit, which could change neither best nor other.
func measured(done []int32, seg int32) bool { return slices.Contains(done, seg) }

// nextRadius is the next search radius: the best distance found so far
// (a box of that radius holds every segment that can beat it), else four
// times the last radius, never beyond maxM.
func nextRadius(r, bestM, maxM float64) float64 {
	if bestM < math.Inf(1) {
		return math.Min(math.Max(bestM, r), maxM)
	}
	return math.Min(4*r, maxM)
}

func better(h, than segHit) bool {
	return h.distM < than.distM || (h.distM == than.distM && h.seg < than.seg)
}

func (net *Network) hit(p orb.Point, s int32) segHit {
	a, b := net.seg.a[s], net.seg.b[s]
	d, along, foot := segmentDistance(p, net.Node(int(a)), net.Node(int(b)), net.seg.lenM[s])
	return segHit{seg: s, distM: d, alongM: along, foot: foot}
}

// collect fills sc.cands with the segments of the buckets near p, each
// with a lower bound on its distance, sorted by that bound, leaving out
// those whose bound exceeds the upper bound of an allowed one (the planar
// bounds of planar.go; where they do not apply the lower bound is 0 and no
// upper bound is used). Buckets are visited nearest first by their own
// lower bound (the planar distance to their box): once a bucket's bound
// exceeds the least upper bound so far, no segment of it or of any later
// bucket could be kept.
func (net *Network) collect(p orb.Point, rM float64, lp *localPlane, allowed func(int32) bool, sc *snapScratch) {
	ix := &net.index
	sc.leaves = ix.search(p, rM, sc.leaves[:0], &sc.stack)
	bs := sc.buckets[:0]
	for _, b := range sc.leaves {
		lb := 0.0
		if ix.short[b] {
			lb = lp.boxBound(&ix.tree.levels[0], b)
		}
		bs = append(bs, cand{seg: b, lbM: lb})
	}
	slices.SortFunc(bs, byBound)
	sc.buckets = bs
	cs := sc.cands[:0]
	ubMin := math.Inf(1) // the least upper bound: no farther candidate can win
	for _, bk := range bs {
		if bk.lbM > ubMin {
			break
		}
		for _, s := range ix.order[ix.bucketStart[bk.seg]:ix.bucketStart[bk.seg+1]] {
			a, b := net.Node(int(net.seg.a[s])), net.Node(int(net.seg.b[s]))
			lb, ub := lp.segBounds(a, b, net.seg.lenM[s], lp.approxDistM(a, b))
			if ub < ubMin && (allowed == nil || allowed(net.segComp(s))) {
				ubMin = ub
			}
			cs = append(cs, cand{seg: s, lbM: lb})
		}
	}
	keep := cs[:0]
	for _, c := range cs {
		if c.lbM <= ubMin {
			keep = append(keep, c)
		}
	}
	slices.SortFunc(keep, byBound)
	sc.cands = keep
}

// byBound orders candidates by bound, then index.
func byBound(x, y cand) int {
	return cmp.Or(cmp.Compare(x.lbM, y.lbM), cmp.Compare(x.seg, y.seg))
}
