package data

import (
	"io"
	"testing"
)

// countingDiscard counts bytes and throws them away, so that the benchmark
// measures encoding, not a destination.
type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func BenchmarkWriteCoverageGeoJSON(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"1e3", 1e3}, {"1e5", 1e5}, {"1e6", 1e6}} {
		b.Run(size.name, func(b *testing.B) {
			f := syntheticRun(size.n, 11)
			var c countingDiscard
			if err := WriteCoverageGeoJSON(&c, f.villages, f.facilities, f.res); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(c.n) // MB/s of GeoJSON produced
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteCoverageGeoJSON(io.Discard, f.villages, f.facilities, f.res); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(size.n), "ns/feature")
		})
	}
}

func BenchmarkWriteCoverageCSV(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"1e3", 1e3}, {"1e5", 1e5}} {
		b.Run(size.name, func(b *testing.B) {
			f := syntheticRun(size.n, 12)
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteCoverageCSV(io.Discard, f.villages, f.facilities, f.res); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(size.n), "ns/row")
		})
	}
}
