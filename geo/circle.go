package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Circle returns a closed ring approximating the geodesic circle of radius
// radiusM metres around center (for drawing only; coverage is decided by
// exact distances). The vertices are the end points of geodesics of length
// radiusM at azimuths spaced 360/segments degrees apart, starting due north
// and running counter-clockwise on the map, as RFC 7946 wants for exterior
// rings. The ring has segments+1 points, the last equal to the first.
//
// Longitudes are continuous around the centre rather than reduced: a circle
// around (179.9, 30) has vertices east of 180 with longitudes above 180, so
// the ring never jumps across the map. Splitting at the antimeridian, if a
// consumer needs it, is left to the caller. A circle that contains a pole is
// returned as a polar cap: the vertices span 360 degrees of longitude
// (starting within [-180, 180)), and the ring is closed through two extra
// corners at the pole, giving segments+4 points. A circle containing both poles (radius above about
// 10,000 km) cannot be drawn as one longitude/latitude ring; its vertices
// are returned as for a cap without the pole corners.
//
// The sign of radiusM is ignored. An invalid center or non-finite radius
// gives NaN coordinates. Circle panics if segments < 3.
func Circle(center orb.Point, radiusM float64, segments int) orb.Ring {
	if segments < 3 {
		panic("geo: Circle needs at least 3 segments")
	}
	r := math.Abs(radiusM)
	ring := make(orb.Ring, 0, segments+4)
	for i := range segments {
		// Decreasing azimuth from north: counter-clockwise with east to the
		// right of north.
		azi := 360 * float64(segments-i) / float64(segments)
		lat, lon, _ := direct(center[1], center[0], azi, r, true)
		if i > 0 {
			// Keep each longitude within 180 of the previous vertex's.
			lon = ring[i-1][0] + angNormalize(lon-ring[i-1][0])
		}
		ring = append(ring, orb.Point{lon, lat})
	}
	// Around a pole the longitudes wind once: the closing edge would need a
	// 360-degree jump.
	first, last := ring[0], ring[segments-1]
	winding := (last[0] - first[0]) + angNormalize(first[0]-last[0])
	if math.Abs(winding) > 180 && validPoint(center) {
		north := DistanceM(center, orb.Point{center[0], 90}) <= r
		south := DistanceM(center, orb.Point{center[0], -90}) <= r
		if north != south {
			poleLat := 90.0
			if south {
				poleLat = -90
			}
			end := first[0] + math.Copysign(360, winding)
			ring = append(ring,
				orb.Point{end, first[1]},
				orb.Point{end, poleLat},
				orb.Point{first[0], poleLat},
			)
			// Move the 360-degree window to start within [-180, 180).
			shift := 360 * math.Floor((math.Min(first[0], end)+180)/360)
			for i := range ring {
				ring[i][0] -= shift
			}
		}
	}
	ring = append(ring, ring[0])
	if len(ring) > segments+1 && ring.Orientation() == orb.CW {
		ring.Reverse()
	}
	return ring
}
