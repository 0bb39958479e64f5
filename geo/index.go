package geo

import "github.com/paulmach/orb"

// PLACEHOLDER (being replaced by the R-tree implementation): brute force with
// the final API.

// Index is a static spatial index over points (longitude/latitude degrees)
// whose queries are exact under the WGS84 ellipsoidal metric. Items are
// identified by their position in the slice given to NewIndex. An Index is
// safe for concurrent queries.
type Index struct {
	pts []orb.Point
}

// NewIndex builds an index over points.
func NewIndex(points []orb.Point) *Index { return &Index{pts: points} }

// Len returns the number of indexed points.
func (ix *Index) Len() int { return len(ix.pts) }

// Nearest returns the index of the point geodesically nearest to p and its
// distance in metres; ties go to the lowest index. ok is false when the index
// is empty.
func (ix *Index) Nearest(p orb.Point) (i int, distM float64, ok bool) {
	i = -1
	for j, q := range ix.pts {
		d := DistanceM(p, q)
		if i < 0 || d < distM {
			i, distM = j, d
		}
	}
	return i, distM, i >= 0
}

// Within calls fn for every indexed point whose geodesic distance to p is at
// most radiusM (inclusive), in no particular order, until fn returns false.
func (ix *Index) Within(p orb.Point, radiusM float64, fn func(i int, distM float64) bool) {
	for j, q := range ix.pts {
		if d := DistanceM(p, q); d <= radiusM {
			if !fn(j, d) {
				return
			}
		}
	}
}
