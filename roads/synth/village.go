package synth

import (
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

// villageTree joins every village towards its nearest hub (township or
// county seat): to the nearest village within a few kilometres that is
// nearer the hub, else to the hub itself. Each village's parent is nearer
// the hub than it, so the roads form a tree per hub.
func (g *gen) villageTree(villages, hubs []orb.Point) {
	if len(hubs) == 0 || len(villages) == 0 {
		return
	}
	hix := geo.NewIndex(hubs)
	hub := make([]int, len(villages))
	toHub := make([]float64, len(villages))
	for i, v := range villages {
		hub[i], toHub[i], _ = hix.Nearest(v)
	}
	vix := geo.NewIndex(villages)
	for i, v := range villages {
		parent, best := hubs[hub[i]], toHub[i]
		vix.Within(v, 3000, func(j int, d float64) bool {
			if hub[j] == hub[i] && toHub[j] < toHub[i] && d < best {
				parent, best = villages[j], d
			}
			return true
		})
		class := "unclassified"
		if best < 400 {
			class = "residential"
		}
		g.road(v, parent, class, 1, roads.BothWays)
	}
}

// extras adds dead-end tracks from villages, stray fragments near
// villages, and oneway loops at hubs.
func (g *gen) extras(villages, hubs []orb.Point) {
	for _, v := range villages {
		if g.rng.Float64() < g.opt.TrackShare {
			end := geo.Direct(v, g.rng.Float64()*360, 300+g.rng.Float64()*1200)
			g.road(v, end, "track", 0.5, roads.BothWays)
		}
		if g.rng.Float64() < g.opt.FragmentShare {
			a := geo.Direct(v, g.rng.Float64()*360, 150+g.rng.Float64()*300)
			b := geo.Direct(a, g.rng.Float64()*360, 100+g.rng.Float64()*400)
			g.road(a, b, "service", 0.2, roads.BothWays)
		}
	}
	for _, h := range hubs {
		if g.rng.Float64() >= g.opt.OnewayShare {
			continue
		}
		azi := g.rng.Float64() * 360
		p1 := geo.Direct(h, azi, 400)
		p2 := geo.Direct(h, azi+math.Copysign(60, g.rng.Float64()-0.5), 400)
		g.road(h, p1, "residential", 0, roads.Forward)
		g.road(p1, p2, "residential", 0, roads.Forward)
		g.road(p2, h, "residential", 0, roads.Forward)
	}
}

// Province lays out a synthetic province for benchmarks: counties county
// seats on a jittered grid around centre, townships per county and villages
// per township scattered around them, spacing in metres between
// neighbouring townships. Deterministic for seed.
func Province(seed uint64, centre orb.Point, counties, townships, villages int, townSpacingM float64) []Place {
	g := &gen{rng: newRand(seed)}
	var out []Place
	side := int(math.Ceil(math.Sqrt(float64(counties))))
	countyM := townSpacingM * math.Sqrt(float64(townships))
	for c := range counties {
		dx := (float64(c%side) - float64(side)/2 + g.rng.Float64()*0.3) * countyM
		dy := (float64(c/side) - float64(side)/2 + g.rng.Float64()*0.3) * countyM
		seat := offset(centre, dx, dy)
		out = append(out, Place{seat, CountySeat})
		for range townships {
			t := geo.Direct(seat, g.rng.Float64()*360, math.Sqrt(g.rng.Float64())*countyM/2)
			out = append(out, Place{t, Township})
			for range villages {
				v := geo.Direct(t, g.rng.Float64()*360, math.Sqrt(g.rng.Float64())*townSpacingM*0.6)
				out = append(out, Place{v, Village})
			}
		}
	}
	return out
}

// offset moves p by dx metres east and dy metres north.
func offset(p orb.Point, dx, dy float64) orb.Point {
	return geo.Direct(geo.Direct(p, 90, dx), 0, dy)
}

// Sites returns a site at each place, the villages apart from the township
// centres and county seats (the facilities), each moved up to offM metres
// in a random direction, as settlements lie off the road (0 keeps each on
// its place, a road vertex of Generate's network). Site IDs are the
// places' indices. Deterministic for seed.
func Sites(places []Place, offM float64, seed uint64) (villages, facilities []geo.Site) {
	rng := rand.New(rand.NewPCG(seed, 3))
	for i, p := range places {
		s := geo.Site{ID: strconv.Itoa(i), Point: p.Point}
		if offM > 0 {
			s.Point = geo.Direct(p.Point, rng.Float64()*360, rng.Float64()*offM)
		}
		if p.Tier == Village {
			villages = append(villages, s)
		} else {
			facilities = append(facilities, s)
		}
	}
	return villages, facilities
}
