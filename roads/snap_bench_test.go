package roads_test

import (
	"context"
	"testing"

	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/roads/synth"
	"github.com/paulmach/orb"
)

// BenchmarkSnap measures AccessTo (the snapping of Nearest: every village,
// then every facility, onto the nearest point of the nearest segment of an
// allowed piece) on the network of tools/pgrouting's comparison (roads/synth
// at 100 m vertex spacing, 11,520 villages, 208 facilities). "on-vertex"
// puts each site on a road vertex, as that comparison does; "off-road"
// moves it 0–400 m in a random direction, as real settlements lie.
func BenchmarkSnap(b *testing.B) {
	places := synth.Province(1, orb.Point{112, 37}, 16, 12, 60, 6000)
	ways := synth.Generate(places, synth.Options{Seed: 1, SpacingM: 100})
	net, _, err := roads.Build(ways, roads.BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	m := roads.Metric{Net: net}
	for _, offM := range []float64{0, 400} {
		name := "on-vertex"
		if offM > 0 {
			name = "off-road"
		}
		b.Run(name, func(b *testing.B) {
			villages, facilities := synth.Sites(places, offM, 2)
			cpu0 := cpuSeconds()
			b.ResetTimer()
			for range b.N {
				if _, _, err := m.AccessTo(context.Background(), villages, facilities); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			sites := float64(len(villages) + len(facilities))
			b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
			b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N)/sites*1e9, "cpu-ns/site")
		})
	}
}
