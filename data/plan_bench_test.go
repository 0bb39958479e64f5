package data

import (
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/catchment/catchment/data/geojsonio"

	"github.com/catchment/catchment/data/internal/fixture"
)

// benchPlans caches the synthetic plans: planning 1,000 counties takes
// far longer than writing them.
var benchPlans sync.Map // counties -> fixture.Plan

func benchPlan(b *testing.B, counties int) fixture.Plan {
	b.Helper()
	if f, ok := benchPlans.Load(counties); ok {
		return f.(fixture.Plan)
	}
	f := fixture.SynthPlan(b, counties)
	benchPlans.Store(counties, f)
	return f
}

// countingWriter counts bytes, so that the benchmark measures encoding
// rather than a buffer growing.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

// BenchmarkWritePlanGeoJSON writes a whole synthetic plan: 1,000 counties
// is about 275,000 villages (data.Synth), the size of a province.
func BenchmarkWritePlanGeoJSON(b *testing.B) {
	for _, counties := range []int{10, 100, 1000} {
		f := benchPlan(b, counties)
		b.Run(fmt.Sprintf("villages=%d", len(f.Villages)), func(b *testing.B) {
			var w countingWriter
			if err := geojsonio.WritePlanGeoJSON(&w, f.Villages, f.Facilities, f.Res); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(w.n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := geojsonio.WritePlanGeoJSON(&w, f.Villages, f.Facilities, f.Res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
