package shanxi

import "testing"

// BenchmarkGenerate: the whole province (21,895 villages) and one city.
func BenchmarkGenerate(b *testing.B) {
	for _, c := range []struct{ name, city string }{{"province", ""}, {"taiyuan", "太原市"}} {
		b.Run(c.name, func(b *testing.B) {
			Counties(false) // load once, outside the timing
			for b.Loop() {
				if _, err := Generate(Options{Seed: 1, City: c.city}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
