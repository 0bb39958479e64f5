package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// PLACEHOLDER (being replaced by the Karney implementation): spherical
// distances so that dependent packages compile. Signatures are final.

// DistanceM returns the WGS84 ellipsoidal geodesic distance in metres between
// a and b, given as longitude/latitude in degrees.
func DistanceM(a, b orb.Point) float64 {
	d, _, _ := Inverse(a, b)
	return d
}

// Inverse solves the inverse geodesic problem on WGS84: the distance in metres
// from a to b and the forward azimuths (degrees clockwise from north) at a and b.
func Inverse(a, b orb.Point) (distM, azi1Deg, azi2Deg float64) {
	const r = 6371008.8
	la1, la2 := a[1]*math.Pi/180, b[1]*math.Pi/180
	dl := (b[0] - a[0]) * math.Pi / 180
	h := math.Sin((la2-la1)/2)*math.Sin((la2-la1)/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h))), 0, 0
}

// Direct solves the direct geodesic problem on WGS84: the point reached from p
// after distM metres along the geodesic with initial azimuth aziDeg.
func Direct(p orb.Point, aziDeg, distM float64) orb.Point {
	const r = 6371008.8
	d := distM / r
	az := aziDeg * math.Pi / 180
	la1, lo1 := p[1]*math.Pi/180, p[0]*math.Pi/180
	la2 := math.Asin(math.Sin(la1)*math.Cos(d) + math.Cos(la1)*math.Sin(d)*math.Cos(az))
	lo2 := lo1 + math.Atan2(math.Sin(az)*math.Sin(d)*math.Cos(la1), math.Cos(d)-math.Sin(la1)*math.Sin(la2))
	return orb.Point{math.Remainder(lo2*180/math.Pi, 360), la2 * 180 / math.Pi}
}

// Circle returns a closed ring of segments+1 points approximating the
// geodesic circle of radius radiusM around center (for drawing only).
func Circle(center orb.Point, radiusM float64, segments int) orb.Ring {
	if segments < 3 {
		panic("geo: Circle needs at least 3 segments")
	}
	ring := make(orb.Ring, 0, segments+1)
	for i := 0; i < segments; i++ {
		ring = append(ring, Direct(center, 360*float64(i)/float64(segments), radiusM))
	}
	return append(ring, ring[0])
}
