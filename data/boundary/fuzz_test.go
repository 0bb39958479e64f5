package boundary_test

import (
	"bytes"
	"testing"

	"github.com/catchment/catchment/data/boundary"
	"github.com/paulmach/orb"
)

// FuzzFromGeoJSON: arbitrary input never panics; whatever loads can be
// queried anywhere, including at NaN.
func FuzzFromGeoJSON(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":140105,"name":"小店区"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0]]],[]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, _, err := boundary.FromGeoJSON(bytes.NewReader(data), "f.geojson", boundary.Options{MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		for _, p := range []orb.Point{{0, 0}, {1, 1}, {0.5, 1.5}, {1e308, -1e308}, {nan(), 0}} {
			b.Locate(p)
			b.LocateAll(p)
		}
	})
}

func nan() float64 { var z float64; return z / z }
