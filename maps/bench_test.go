package maps

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// benchScene is n villages in one county-sized area (about 100 km across)
// with a facility per 20 villages and a sub-centre per 500.
func benchScene(n int) *Scene {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	s := &Scene{RadiusKm: 15}
	pt := func() orb.Point { return orb.Point{111 + rng.Float64(), 37 + 0.8*rng.Float64()} }
	for i := range n {
		s.Villages = append(s.Villages, SceneVillage{ID: fmt.Sprint(i), County: fmt.Sprint("C", i%4), Location: pt(),
			Population: 50 + rng.IntN(3000), Status: VillageStatus(rng.IntN(3))})
		if i%20 == 0 {
			s.Facilities = append(s.Facilities, SceneFacility{ID: fmt.Sprint("F", i), County: "C0", Type: planner.TownshipHealthCentre, Location: pt()})
		}
		if i%500 == 0 {
			s.Subcentres = append(s.Subcentres, SceneSubcentre{ID: fmt.Sprint("S", i), County: "C0", Location: pt(), RadiusKm: 15, Rank: 1})
		}
	}
	return s
}

func BenchmarkMap(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		s := benchScene(n)
		for _, f := range []Format{PNG, SVG} {
			b.Run(fmt.Sprintf("%s/villages=%d", f, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					m, err := New(s, Options{Fonts: LatinFonts()})
					if err != nil {
						b.Fatal(err)
					}
					if err := m.Write(io.Discard, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
