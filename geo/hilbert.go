package geo

// hilbertKey maps a longitude/latitude to its position along a Hilbert curve
// on a 2^16 x 2^16 grid. NewIndex inserts points in this order: neighbouring
// points then sit in the same tree nodes and in nearby slots of the item
// array, which makes both the build and the queries cache-friendly. Any
// order gives the same query results.
func hilbertKey(lon, lat float64) uint32 {
	const n = 1 << 16
	x := gridCoord((lon + 180) / 360 * n)
	y := gridCoord((lat + 90) / 180 * n)
	var d uint32
	for s := uint32(n / 2); s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		// Rotate the quadrant so the curve stays continuous. Flipping all
		// bits is fine: later steps only read the lower ones.
		if ry == 0 {
			if rx == 1 {
				x = n - 1 - x
				y = n - 1 - y
			}
			x, y = y, x
		}
	}
	return d
}

// gridCoord clamps a grid coordinate to [0, 2^16).
func gridCoord(v float64) uint32 {
	switch {
	case !(v >= 0):
		return 0
	case v >= 1<<16-1:
		return 1<<16 - 1
	}
	return uint32(v)
}
