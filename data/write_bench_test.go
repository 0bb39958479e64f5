package data

import (
	"io"
	"testing"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/internal/fixture"
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
			f := fixture.SyntheticRun(size.n, 11)
			var c countingDiscard
			if err := geojsonio.WriteCoverageGeoJSON(&c, f.Villages, f.Facilities, f.Res); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(c.n) // MB/s of GeoJSON produced
			b.ReportAllocs()
			for b.Loop() {
				if err := geojsonio.WriteCoverageGeoJSON(io.Discard, f.Villages, f.Facilities, f.Res); err != nil {
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
			f := fixture.SyntheticRun(size.n, 12)
			b.ReportAllocs()
			for b.Loop() {
				if err := csvio.WriteCoverageCSV(io.Discard, f.Villages, f.Facilities, f.Res); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(size.n), "ns/row")
		})
	}
}
