package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Nearest-neighbour search. Two exact strategies share the lower bounds of
// bound.go:
//
//  1. nearestBox (the fast path): search the R-tree with the boxes that
//     contain every point within a trial radius r, starting from a radius
//     derived from the index's density and doubling while nothing is found.
//     Points of the buckets found are screened by box containment and the
//     point bound.
//     Candidates are ranked by their lower bound and measured exactly until
//     the bound exceeds the best distance. If that best distance d <= r, every
//     point at distance <= d was a candidate, so it is the answer; otherwise
//     one more search with r = d settles it. Typically this costs one tree
//     search and one Karney solution, with no priority queue.
//  2. nearestBestFirst (the fallback, used when a trial box holds more than
//     nearCap candidates, e.g. a query far from all the data or hundreds of
//     coincident points): best-first traversal with rtree.Nearby, where
//     nodes are keyed by the box bound and points by the point bound; points
//     are measured exactly as they come off the queue and the traversal stops
//     when the next key's bound exceeds the best distance.
//
// Both break ties towards the lowest index by measuring every point whose
// lower bound does not exceed the best distance found.

// nearCap is the largest candidate set nearestBox handles (on the stack);
// beyond it the best-first search is cheaper.
const nearCap = 128

type candidate struct {
	key float64 // pointKey from the query
	k   int32   // Hilbert position of the point in the Index
}

// startRadius returns the first trial radius for nearestBox: half the
// spacing of n points spread evenly over the spherical area of their bounding
// box, at least 1 m. Its value only affects speed; half the spacing measured
// fastest on clustered (rural China-like) data.
func startRadius(minLon, minLat, maxLon, maxLat float64, n int) float64 {
	if n == 0 {
		return 1
	}
	area := SemiMajorAxisM * SemiMajorAxisM * (maxLon - minLon) * degree *
		(math.Sin(maxLat*degree) - math.Sin(minLat*degree))
	r := 0.5 * math.Sqrt(area/float64(n))
	if !(r >= 1) {
		r = 1
	}
	return r
}

// nearestBox is strategy 1. ok is false when the candidate set overflowed or
// the trial radius grew to cover the globe; the caller then falls back.
func (ix *Index) nearestBox(p orb.Point, q *boundQuery) (best int, bestD float64, ok bool) {
	var buf [nearCap]candidate
	n := 0
	overflow := false
	maxKey := 0.0
	var box [2][2]float64 // the box being searched (a copy: no escaping address)
	visit := func(_, _ [2]float64, b int32) bool {
		for k := ix.bucketStart[b]; k < ix.bucketStart[b+1]; k++ {
			if !ix.inBox(k, &box) {
				continue
			}
			key := q.pointKey(ix.lon[k], ix.lat[k])
			if key > maxKey {
				continue
			}
			if n == nearCap {
				overflow = true
				return false
			}
			buf[n] = candidate{key, k}
			n++
		}
		return true
	}
	r := ix.startRadiusM
	for range 64 { // r at least doubles each round: 64 rounds exceed the globe
		sigma := radiusAngle(r)
		if !(sigma < math.Pi) {
			return -1, 0, false
		}
		maxKey = keyLimit(sigma)
		boxes, nb := searchBoxes(q.lon, q.lat, sigma)
		n = 0
		for _, box = range boxes[:nb] {
			ix.tree.Search(box[0], box[1], visit)
			if overflow {
				return -1, 0, false
			}
		}
		if n == 0 {
			r *= 2
			continue
		}
		best, bestD = ix.closest(p, buf[:n])
		if bestD <= r {
			return best, bestD, true
		}
		// The best candidate is beyond the trial radius, so a nearer point
		// may lie outside the boxes: search once more out to its distance.
		r = bestD
	}
	return -1, 0, false
}

// closest returns the exact nearest of the candidates (lowest index on
// ties), measuring only those whose lower bound does not rule them out.
func (ix *Index) closest(p orb.Point, cands []candidate) (best int, bestD float64) {
	// Measure the candidate with the smallest bound first, then keep only
	// the candidates that could still beat or tie it.
	m := 0
	for j := range cands {
		if cands[j].key < cands[m].key {
			m = j
		}
	}
	first := cands[m].k
	d1 := DistanceM(p, ix.point(first))
	cut := keyLimit(radiusAngle(d1))
	kept := cands[:0]
	for _, c := range cands {
		if c.key <= cut {
			kept = append(kept, c)
		}
	}
	// Insertion sort by (key, position): coincident points end up adjacent.
	for j := 1; j < len(kept); j++ {
		for l := j; l > 0 && (kept[l].key < kept[l-1].key ||
			kept[l].key == kept[l-1].key && kept[l].k < kept[l-1].k); l-- {
			kept[l], kept[l-1] = kept[l-1], kept[l]
		}
	}
	bestIdx := int32(-1)
	bestD = math.Inf(1)
	lastP, lastD := ix.point(first), d1
	for _, c := range kept {
		if bestIdx >= 0 && keyToLowerBoundM(c.key) > bestD {
			break
		}
		if pt := ix.point(c.k); pt != lastP {
			lastP, lastD = pt, DistanceM(p, pt)
		}
		if idx := ix.idx[c.k]; lastD < bestD || (lastD == bestD && idx < bestIdx) {
			bestIdx, bestD = idx, lastD
		}
	}
	return int(bestIdx), bestD
}

// nearestBestFirst is strategy 2, the classic best-first nearest neighbour
// search over the R-tree with rtree.Nearby. Tree nodes and buckets are keyed
// by the box bound; when a bucket comes off the queue its points are screened
// with the point bound against the best distance so far and measured.
func (ix *Index) nearestBestFirst(p orb.Point, q *boundQuery) (best int, bestD float64) {
	bestIdx := int32(-1)
	bestD = math.Inf(1)
	cut := math.Inf(1) // points with a larger key cannot beat or tie bestD
	lastP, lastD := orb.Point{math.NaN(), math.NaN()}, 0.0
	ix.tree.Nearby(
		func(lo, hi [2]float64, _ int32, _ bool) float64 {
			return q.boxKey(lo[0], lo[1], hi[0], hi[1])
		},
		func(_, _ [2]float64, b int32, key float64) bool {
			// Every entry still queued has a key >= this one, so once this
			// bound is beyond the best distance nothing left can win or tie.
			if key > cut {
				return false
			}
			for k := ix.bucketStart[b]; k < ix.bucketStart[b+1]; k++ {
				if q.pointKey(ix.lon[k], ix.lat[k]) > cut {
					continue
				}
				if pt := ix.point(k); pt != lastP {
					lastP, lastD = pt, DistanceM(p, pt)
				}
				if idx := ix.idx[k]; lastD < bestD || (lastD == bestD && idx < bestIdx) {
					bestIdx, bestD = idx, lastD
					cut = keyLimit(radiusAngle(bestD))
				}
			}
			return true
		},
	)
	return int(bestIdx), bestD
}
