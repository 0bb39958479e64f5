package roadlines

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
)

// synthetic writes n LineString features of 12 points each, about the
// shape of a county road layer.
func synthetic(n int) []byte {
	rng := rand.New(rand.NewPCG(3, 4))
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	classes := []string{"国道", "省道", "县道", "乡道", "村道"}
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"type":"Feature","id":%d,"properties":{"class":%q,"speed_kmh":%d,"oneway":%d},"geometry":{"type":"LineString","coordinates":[`,
			i, classes[rng.IntN(len(classes))], 20+rng.IntN(60), rng.IntN(2))
		x, y := 110+rng.Float64(), 35+rng.Float64()
		for k := range 12 {
			if k > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "[%.7f,%.7f]", x, y)
			x, y = x+rng.Float64()*1e-3, y+rng.Float64()*1e-3
		}
		b.WriteString("]}}")
	}
	b.WriteString("]}")
	return b.Bytes()
}

// BenchmarkRead measures Read (the fast path), the general path
// (encoding/json and orb/geojson, one feature at a time), and
// encoding/json into the plainest structs with no validation.
func BenchmarkRead(b *testing.B) {
	for _, n := range []int{1000, 20000} {
		data := synthetic(n)
		b.Run(fmt.Sprintf("read/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := Read(bytes.NewReader(data), "bench", Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("general/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := Read(bytes.NewReader(data), "bench", Options{general: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("plainjson/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var fc struct {
					Features []struct {
						Properties map[string]any
						Geometry   struct{ Coordinates [][2]float64 }
					}
				}
				if err := json.Unmarshal(data, &fc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
