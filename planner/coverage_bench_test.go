package planner_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/catchment/catchment/data/synth"
	"github.com/catchment/catchment/planner"
)

// BenchmarkCoverage measures the nearest-facility step and the tallies on
// synthetic provinces; 1000 counties is about 275,000 villages and 165,000
// facilities (the PostGIS comparison: ~11 s there).
func BenchmarkCoverage(b *testing.B) {
	for _, counties := range []int{10, 100, 1000} {
		villages, facilities, err := synth.Synth(synth.SynthOptions{Counties: counties, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("villages=%d", len(villages)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := planner.Coverage(context.Background(), villages, facilities, planner.CoverageOptions{RadiiKm: []float64{15}}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(villages)), "ns/village")
		})
	}
}

// BenchmarkPlan measures the whole plan (sub-centres with automatic K and
// the clinic plan) for a synthetic province.
func BenchmarkPlan(b *testing.B) {
	for _, counties := range []int{100, 1000} {
		villages, facilities, err := synth.Synth(synth.SynthOptions{Counties: counties, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		rs, err := planner.Scenario{}.Resolve()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("villages=%d", len(villages)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := planner.RunScenario(context.Background(), villages, facilities, rs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
