package geojsonio

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// AppendGeometry appends g as a GeoJSON geometry object,
// {"type":...,"coordinates":...} (a Collection as a GeometryCollection with
// "geometries"; an orb.Ring as a Polygon and an orb.Bound as its Polygon,
// as orb/geojson writes them; nil as null). Unlike the writers' 7-decimal
// coordinates it loses nothing: every number is spelled as encoding/json
// spells a float64 (shortest text that reads back to the same bits), so a
// geometry read by Walk and appended again is canonical and byte for byte
// what orb/geojson with encoding/json writes (except that an empty
// GeometryCollection stays one, where orb writes null). Coordinates must
// be finite.
func AppendGeometry(dst []byte, g orb.Geometry) []byte {
	switch g := g.(type) {
	case nil:
		return append(dst, "null"...)
	case orb.Collection:
		dst = append(dst, `{"type":"GeometryCollection","geometries":[`...)
		for i, c := range g {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendGeometry(dst, c)
		}
		return append(dst, ']', '}')
	case orb.Ring:
		return AppendGeometry(dst, orb.Polygon{g})
	case orb.Bound:
		return AppendGeometry(dst, g.ToPolygon())
	}
	dst = append(dst, `{"type":`...)
	dst = strconv.AppendQuote(dst, g.GeoJSONType())
	dst = append(dst, `,"coordinates":`...)
	switch g := g.(type) {
	case orb.Point:
		dst = appendPosition(dst, g)
	case orb.MultiPoint:
		dst = appendPositions(dst, g)
	case orb.LineString:
		dst = appendPositions(dst, g)
	case orb.MultiLineString:
		dst = appendNested(dst, len(g), g == nil, func(dst []byte, i int) []byte { return appendPositions(dst, g[i]) })
	case orb.Polygon:
		dst = appendNested(dst, len(g), g == nil, func(dst []byte, i int) []byte { return appendPositions(dst, g[i]) })
	case orb.MultiPolygon:
		dst = appendNested(dst, len(g), g == nil, func(dst []byte, i int) []byte {
			p := g[i]
			return appendNested(dst, len(p), p == nil, func(dst []byte, j int) []byte { return appendPositions(dst, p[j]) })
		})
	}
	return append(dst, '}')
}

// appendNested appends a JSON array of n elements (null for a nil slice,
// as encoding/json writes it).
func appendNested(dst []byte, n int, isNil bool, elem func([]byte, int) []byte) []byte {
	if isNil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = elem(dst, i)
	}
	return append(dst, ']')
}

func appendPositions[S ~[]orb.Point](dst []byte, ps S) []byte {
	return appendNested(dst, len(ps), ps == nil, func(dst []byte, i int) []byte { return appendPosition(dst, ps[i]) })
}

func appendPosition(dst []byte, p orb.Point) []byte {
	dst = append(dst, '[')
	dst = appendJSONFloat(dst, p[0])
	dst = append(dst, ',')
	dst = appendJSONFloat(dst, p[1])
	return append(dst, ']')
}

// appendJSONFloat spells x as encoding/json does: the shortest decimal
// that reads back to x, in exponent form below 1e-6 and from 1e21 on,
// with a two-digit negative exponent shortened (1e-07 → 1e-7).
func appendJSONFloat(dst []byte, x float64) []byte {
	abs := math.Abs(x)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, x, format, -1, 64)
	if format == 'e' {
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}
