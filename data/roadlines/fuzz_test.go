package roadlines

import (
	"bytes"
	"os"
	"testing"
)

// FuzzRead: any input gives ways or an error, never a panic; the report
// adds up and every way has at least two distinct consecutive points.
func FuzzRead(f *testing.F) {
	fixture, err := os.ReadFile("testdata/roads.geojson")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fixture)
	f.Add([]byte(`{"type":"FeatureCollection","crs":{"properties":{"name":"EPSG:3857"}},"features":[{"type":"Feature","properties":{"oneway":"TF"},"geometry":{"type":"MultiLineString","coordinates":[]}}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		ways, rep, err := Read(bytes.NewReader(in), "fuzz.geojson", Options{})
		if rep == nil {
			t.Fatal("nil report")
		}
		if err != nil {
			return
		}
		if rep.Features != rep.Accepted+len(rep.Rejected) || rep.Ways != len(ways) {
			t.Fatalf("report does not add up: %+v", rep)
		}
		for _, w := range ways {
			if len(w.Points) < 2 {
				t.Fatalf("way %s has %d points", w.ID, len(w.Points))
			}
			for k := 1; k < len(w.Points); k++ {
				if w.Points[k] == w.Points[k-1] {
					t.Fatalf("way %s repeats point %d", w.ID, k)
				}
			}
		}
	})
}
