package gpkg

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// Flags byte layout (GeoPackage 1.3, clause 2.1.3.1.1).
const (
	flagLittleEndian = 0x01
	flagEnvelopeXY   = 0x02 // envelope contents indicator 1: minx, maxx, miny, maxy
	flagEmpty        = 0x10
	flagExtended     = 0x20
	headerLen        = 8
)

// envelopeBytes is the envelope length for each contents indicator 0…4.
var envelopeBytes = [5]int{0, 32, 48, 48, 64}

// EncodeGeometry returns the GeoPackage binary form of g: header, envelope
// (for every geometry but a point) and little-endian WKB. It reports an
// error for NaN or infinite coordinates.
func EncodeGeometry(g orb.Geometry, srsID int32) ([]byte, error) {
	if err := checkFinite(g); err != nil {
		return nil, err
	}
	body, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("gpkg: wkb: %w", err)
	}
	_, isPoint := g.(orb.Point)
	empty := isEmpty(g)
	flags := byte(flagLittleEndian)
	n := headerLen
	switch {
	case empty:
		flags |= flagEmpty
	case !isPoint:
		flags |= flagEnvelopeXY
		n += 32
	}
	out := make([]byte, n, n+len(body))
	out[0], out[1], out[2], out[3] = 'G', 'P', 0, flags
	binary.LittleEndian.PutUint32(out[4:], uint32(srsID))
	if flags&flagEnvelopeXY != 0 {
		b := g.Bound()
		for i, v := range [4]float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
			binary.LittleEndian.PutUint64(out[headerLen+8*i:], math.Float64bits(v))
		}
	}
	return append(out, body...), nil
}

// DecodeGeometry parses a GeoPackage binary geometry. An empty geometry
// decodes to the empty orb geometry of its WKB type. Extended GeoPackage
// geometries (flag bit 5) are refused with ErrGeometry.
func DecodeGeometry(b []byte) (orb.Geometry, int32, error) {
	if len(b) < headerLen || b[0] != 'G' || b[1] != 'P' {
		return nil, 0, fmt.Errorf("%w: no GP magic", ErrGeometry)
	}
	if b[2] != 0 {
		return nil, 0, fmt.Errorf("%w: version %d", ErrGeometry, b[2])
	}
	flags := b[3]
	if flags&flagExtended != 0 {
		return nil, 0, fmt.Errorf("%w: extended GeoPackage geometry", ErrGeometry)
	}
	var order binary.ByteOrder = binary.BigEndian
	if flags&flagLittleEndian != 0 {
		order = binary.LittleEndian
	}
	srs := int32(order.Uint32(b[4:]))
	ind := int(flags>>1) & 0x7
	if ind >= len(envelopeBytes) {
		return nil, 0, fmt.Errorf("%w: envelope indicator %d", ErrGeometry, ind)
	}
	start := headerLen + envelopeBytes[ind]
	if len(b) < start {
		return nil, 0, fmt.Errorf("%w: truncated envelope", ErrGeometry)
	}
	g, err := wkb.Unmarshal(b[start:])
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrGeometry, err)
	}
	return g, srs, nil
}

func isEmpty(g orb.Geometry) bool {
	switch v := g.(type) {
	case orb.Point:
		return false
	case orb.MultiPoint:
		return len(v) == 0
	case orb.LineString:
		return len(v) == 0
	case orb.MultiLineString:
		return len(v) == 0
	case orb.Polygon:
		return len(v) == 0
	case orb.MultiPolygon:
		return len(v) == 0
	case orb.Collection:
		return len(v) == 0
	}
	return false
}

// checkFinite reports the first NaN or infinite coordinate of g.
func checkFinite(g orb.Geometry) error {
	bad := false
	visit(g, func(p orb.Point) {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			bad = true
		}
	})
	if bad {
		return fmt.Errorf("gpkg: geometry has a NaN or infinite coordinate")
	}
	return nil
}

// visit calls f on every vertex of g.
func visit(g orb.Geometry, f func(orb.Point)) {
	switch v := g.(type) {
	case orb.Point:
		f(v)
	case orb.MultiPoint:
		for _, p := range v {
			f(p)
		}
	case orb.LineString:
		for _, p := range v {
			f(p)
		}
	case orb.MultiLineString:
		for _, l := range v {
			visit(l, f)
		}
	case orb.Polygon:
		for _, r := range v {
			for _, p := range r {
				f(p)
			}
		}
	case orb.MultiPolygon:
		for _, p := range v {
			visit(p, f)
		}
	case orb.Collection:
		for _, c := range v {
			visit(c, f)
		}
	}
}
