package geo

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// CRS names a geographic coordinate system that input coordinates may be
// given in. Chinese web maps do not publish WGS84: AMap (高德) and Tencent use
// GCJ-02, Baidu uses BD-09. Both are deliberately obfuscated offsets of
// WGS84 of a few hundred metres, enough to move a village across a 10 km
// coverage boundary, so input in those systems must be converted before any
// distance is measured.
//
// The zero CRS is not valid; obtain a CRS from ParseCRS or the constants.
type CRS string

// The coordinate systems catchment converts between. CGCS2000 (China's
// national datum) is treated as WGS84: the two differ by well under a
// millimetre at these scales.
const (
	WGS84 CRS = "wgs84"
	GCJ02 CRS = "gcj02"
	BD09  CRS = "bd09"
)

// ErrUnknownCRS is returned (wrapped) by ParseCRS for an unrecognised name.
var ErrUnknownCRS = errors.New("geo: unknown coordinate system")

// crsAliases maps lower-cased names to systems. EPSG:4490 is CGCS2000.
var crsAliases = map[string]CRS{
	"wgs84":     WGS84,
	"wgs-84":    WGS84,
	"wgs 84":    WGS84,
	"cgcs2000":  WGS84,
	"epsg:4326": WGS84,
	"epsg:4490": WGS84,
	"gcj02":     GCJ02,
	"gcj-02":    GCJ02,
	"bd09":      BD09,
	"bd-09":     BD09,
	"bd09ll":    BD09,
}

// ParseCRS returns the coordinate system named by s, ignoring case and
// surrounding space. Besides the constants' own names it accepts wgs-84,
// cgcs2000, epsg:4326 and epsg:4490 (all WGS84), gcj-02, bd-09 and bd09ll
// (Baidu's own name for its longitude/latitude system). Other names give an
// error wrapping ErrUnknownCRS.
func ParseCRS(s string) (CRS, error) {
	if c, ok := crsAliases[strings.ToLower(strings.TrimSpace(s))]; ok {
		return c, nil
	}
	return "", fmt.Errorf("%w %q (want wgs84, cgcs2000, epsg:4326, epsg:4490, gcj02 or bd09)", ErrUnknownCRS, s)
}

// Valid reports whether c is one of WGS84, GCJ02 and BD09.
func (c CRS) Valid() bool {
	switch c {
	case WGS84, GCJ02, BD09:
		return true
	}
	return false
}

// ToWGS84 converts p (longitude, latitude in degrees) from c to WGS84.
// It panics if c is not Valid: a CRS should come from ParseCRS.
func ToWGS84(c CRS, p orb.Point) orb.Point {
	switch c {
	case WGS84:
		return p
	case GCJ02:
		return GCJ02ToWGS84(p)
	case BD09:
		return BD09ToWGS84(p)
	}
	panic(fmt.Sprintf("geo: ToWGS84 with invalid CRS %q", string(c)))
}

// FromWGS84 converts p (longitude, latitude in degrees) from WGS84 to c.
// It panics if c is not Valid: a CRS should come from ParseCRS.
func FromWGS84(c CRS, p orb.Point) orb.Point {
	switch c {
	case WGS84:
		return p
	case GCJ02:
		return WGS84ToGCJ02(p)
	case BD09:
		return WGS84ToBD09(p)
	}
	panic(fmt.Sprintf("geo: FromWGS84 with invalid CRS %q", string(c)))
}

// Constants of the published GCJ-02 formula: the Krasovsky 1940 ellipsoid.
const (
	gcjA  = 6378245.0
	gcjEE = 0.00669342162296594323
)

// bdXPi is the angular frequency of Baidu's BD-09 perturbation.
const bdXPi = math.Pi * 3000.0 / 180.0

// Iterative inverses stop once the forward image of the estimate is within
// invTolDeg of the target in both coordinates (1e-10° is about 0.01 mm),
// or after invMaxIter steps. Both forward maps are the identity (plus a
// shift) perturbed by terms whose Jacobian is of order 1e-2 or less, so the
// fixed-point step below contracts the error by that factor each time and
// converges in 3 to 5 steps; the bound only matters for input at the edge of
// GCJ-02's domain, where the forward map is discontinuous.
const (
	invTolDeg  = 1e-10
	invMaxIter = 30
)

// inChina reports whether p lies inside the rectangle in which the common
// GCJ-02 implementations apply the offset. Non-finite input is outside.
func inChina(p orb.Point) bool {
	return p[0] >= 72.004 && p[0] <= 137.8347 && p[1] >= 0.8293 && p[1] <= 55.8271
}

// WGS84ToGCJ02 applies the published GCJ-02 offset to a WGS84 point. Points
// outside China's bounding rectangle (lon 72.004–137.8347, lat
// 0.8293–55.8271) are returned unchanged, as every GCJ-02 implementation
// does. Inside it the offset is about 25–700 m, mostly over 100 m.
func WGS84ToGCJ02(p orb.Point) orb.Point {
	if !inChina(p) {
		return p
	}
	lon, lat := p[0], p[1]
	x, y := lon-105.0, lat-35.0
	dLat := gcjTransformLat(x, y)
	dLon := gcjTransformLon(x, y)
	radLat := lat / 180.0 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - gcjEE*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = (dLat * 180.0) / ((gcjA * (1 - gcjEE)) / (magic * sqrtMagic) * math.Pi)
	dLon = (dLon * 180.0) / (gcjA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return orb.Point{lon + dLon, lat + dLat}
}

func gcjTransformLat(x, y float64) float64 {
	r := -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	r += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	r += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	r += (160.0*math.Sin(y/12.0*math.Pi) + 320*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	return r
}

func gcjTransformLon(x, y float64) float64 {
	r := 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	r += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	r += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	r += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	return r
}

// GCJ02ToWGS84 inverts WGS84ToGCJ02. The offset has no closed-form inverse,
// and the one-step approximation most libraries use (2g − f(g)) is off by
// up to a few metres, so this iterates w ← w − (f(w) − g) until f(w) matches
// g to 1e-10°; the result is well within a millimetre of the true preimage.
// Points outside China's bounding rectangle are returned unchanged. Within a
// kilometre of that rectangle's edge (open sea, Russia, the Pamirs) a point
// may have no exact preimage; the closest estimate found is returned.
func GCJ02ToWGS84(g orb.Point) orb.Point {
	if !inChina(g) {
		return g
	}
	return invert(WGS84ToGCJ02, g, g)
}

// GCJ02ToBD09 applies Baidu's published BD-09 perturbation to a GCJ-02
// point. Unlike GCJ-02 it has no China-only rectangle.
func GCJ02ToBD09(g orb.Point) orb.Point {
	x, y := g[0], g[1]
	z := math.Sqrt(x*x+y*y) + 0.00002*math.Sin(y*bdXPi)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*bdXPi)
	return orb.Point{z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006}
}

// BD09ToGCJ02 inverts GCJ02ToBD09. It starts from Baidu's published
// approximate inverse (which is off by up to a few decimetres) and refines
// it by the same fixed-point iteration as GCJ02ToWGS84, so round trips
// through BD-09 are exact to well under a millimetre.
func BD09ToGCJ02(b orb.Point) orb.Point {
	x, y := b[0]-0.0065, b[1]-0.006
	z := math.Sqrt(x*x+y*y) - 0.00002*math.Sin(y*bdXPi)
	theta := math.Atan2(y, x) - 0.000003*math.Cos(x*bdXPi)
	return invert(GCJ02ToBD09, b, orb.Point{z * math.Cos(theta), z * math.Sin(theta)})
}

// WGS84ToBD09 converts a WGS84 point to BD-09 by way of GCJ-02.
func WGS84ToBD09(p orb.Point) orb.Point { return GCJ02ToBD09(WGS84ToGCJ02(p)) }

// BD09ToWGS84 converts a BD-09 point to WGS84 by way of GCJ-02.
func BD09ToWGS84(b orb.Point) orb.Point { return GCJ02ToWGS84(BD09ToGCJ02(b)) }

// invert solves forward(w) = target for w by the fixed-point iteration
// w ← w − (forward(w) − target) from start, which converges because forward
// is a translation plus a perturbation with a small Jacobian (see
// invTolDeg). It returns the iterate whose image was closest to target.
func invert(forward func(orb.Point) orb.Point, target, start orb.Point) orb.Point {
	w, best, bestErr := start, start, math.Inf(1)
	for range invMaxIter {
		f := forward(w)
		dx, dy := f[0]-target[0], f[1]-target[1]
		e := math.Max(math.Abs(dx), math.Abs(dy))
		if e < bestErr {
			best, bestErr = w, e
		}
		if !(e >= invTolDeg) { // also stops on NaN input
			break
		}
		w = orb.Point{w[0] - dx, w[1] - dy}
	}
	return best
}
