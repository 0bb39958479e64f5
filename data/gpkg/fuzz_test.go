package gpkg

import (
	"testing"

	"github.com/paulmach/orb"
)

// FuzzDecodeGeometry: arbitrary bytes never panic, and whatever decodes
// re-encodes to a blob that decodes to the same geometry.
func FuzzDecodeGeometry(f *testing.F) {
	for _, g := range []orb.Geometry{
		orb.Point{112.5, 37.8},
		orb.LineString{{1, 2}, {3, 4}},
		orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}},
		orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
		orb.MultiPolygon{},
	} {
		b, err := EncodeGeometry(g, 4326)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("GP\x00\x03\xe6\x10\x00\x00"))
	f.Add([]byte("GP\x00\x0f"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, srs, err := DecodeGeometry(b)
		if err != nil {
			return
		}
		again, err := EncodeGeometry(g, srs)
		if err != nil {
			return // NaN coordinates decode but are refused on write
		}
		g2, srs2, err := DecodeGeometry(again)
		if err != nil || srs2 != srs || !orb.Equal(g, g2) {
			t.Fatalf("re-encode of %v: %v %v %v", g, g2, srs2, err)
		}
	})
}
