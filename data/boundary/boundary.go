package boundary

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// ErrInvalid reports boundary input that yields no usable region.
var ErrInvalid = errors.New("boundary: invalid boundaries")

// Region is one administrative area: its division code (6 digits for a
// county, 9 for a township; may be empty), its name (may be empty, not
// both) and its shape in WGS84 longitude/latitude degrees.
type Region struct {
	Code, Name string
	Shape      orb.MultiPolygon
}

// Boundaries is an immutable point-in-region index, safe for concurrent
// use.
type Boundaries struct {
	regions []Region
	tree    rtree.RTreeG[int]
}

// New indexes regions (kept in the given order; the slice is not copied
// deeply, so do not modify it afterwards). A region without code and name
// or without any ring is an error naming its index.
func New(regions []Region) (*Boundaries, error) {
	b := &Boundaries{regions: regions}
	for i, r := range regions {
		if r.Code == "" && r.Name == "" {
			return nil, fmt.Errorf("%w: region %d has neither code nor name", ErrInvalid, i)
		}
		if len(r.Shape) == 0 {
			return nil, fmt.Errorf("%w: region %d (%s %s) has no polygon", ErrInvalid, i, r.Code, r.Name)
		}
		bd := r.Shape.Bound()
		b.tree.Insert(bd.Min, bd.Max, i)
	}
	return b, nil
}

// Len is the number of regions.
func (b *Boundaries) Len() int { return len(b.regions) }

// Region returns region i in input order.
func (b *Boundaries) Region(i int) Region { return b.regions[i] }

// Locate returns the code and name of the region containing p (see the
// package documentation for the rule and for ties); ok is false when no
// region contains p.
func (b *Boundaries) Locate(p orb.Point) (code, name string, ok bool) {
	i, ok := b.LocateIndex(p)
	if !ok {
		return "", "", false
	}
	return b.regions[i].Code, b.regions[i].Name, true
}

// LocateIndex is Locate returning the region's index.
func (b *Boundaries) LocateIndex(p orb.Point) (int, bool) {
	best := -1
	b.tree.Search(p, p, func(_, _ [2]float64, i int) bool {
		if (best < 0 || b.less(i, best)) && Contains(b.regions[i].Shape, p) {
			best = i
		}
		return true
	})
	return best, best >= 0
}

// LocateAll returns the indices of every region containing p, ascending.
func (b *Boundaries) LocateAll(p orb.Point) []int {
	var out []int
	b.tree.Search(p, p, func(_, _ [2]float64, i int) bool {
		if Contains(b.regions[i].Shape, p) {
			out = append(out, i)
		}
		return true
	})
	slices.Sort(out)
	return out
}

// less orders regions for ties: code, name, index.
func (b *Boundaries) less(i, j int) bool {
	ri, rj := &b.regions[i], &b.regions[j]
	if c := cmp.Compare(ri.Code, rj.Code); c != 0 {
		return c < 0
	}
	if c := cmp.Compare(ri.Name, rj.Name); c != 0 {
		return c < 0
	}
	return i < j
}

// Contains reports whether p is inside mp by the package's rule: inside
// any polygon, each by the even-odd rule over all its rings.
func Contains(mp orb.MultiPolygon, p orb.Point) bool {
	for _, poly := range mp {
		if polygonContains(poly, p) {
			return true
		}
	}
	return false
}

// polygonContains is the even-odd crossing test over all rings of poly.
func polygonContains(poly orb.Polygon, p orb.Point) bool {
	x, y := p[0], p[1]
	inside := false
	for _, ring := range poly {
		n := len(ring)
		if n < 3 {
			continue
		}
		a := ring[n-1]
		for _, c := range ring {
			if (a[1] > y) != (c[1] > y) {
				xc := a[0] + (y-a[1])*(c[0]-a[0])/(c[1]-a[1])
				if x < xc {
					inside = !inside
				}
			}
			a = c
		}
	}
	return inside
}
