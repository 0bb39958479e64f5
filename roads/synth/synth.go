package synth

import (
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

// Tier is a settlement's rank.
type Tier int8

const (
	// Village is a natural or administrative village.
	Village Tier = iota
	// Township is a township (乡镇) centre.
	Township
	// CountySeat is a county seat (县城).
	CountySeat
)

// Place is a settlement the network must serve.
type Place struct {
	Point orb.Point
	Tier  Tier
}

// Options tunes the generator. Zero values take the defaults.
type Options struct {
	// Seed makes the output deterministic.
	Seed uint64
	// SpacingM is the distance in metres between consecutive vertices of
	// the most winding roads, the village roads (default 350); gentler roads
	// get proportionally fewer vertices (a trunk road, wiggling a tenth as
	// much, one every 1.4 km), as in mapped data where vertices sit where a
	// road bends. Smaller gives more nodes.
	SpacingM float64
	// WiggleM is the typical sideways wander of village roads in metres
	// (default 150).
	WiggleM float64
	// TrackShare is the share of villages with a dead-end track (default
	// 0.3), FragmentShare with a stray fragment nearby (default 0.02),
	// OnewayShare of townships with a oneway loop (default 0.2).
	TrackShare, FragmentShare, OnewayShare float64
}

func (o *Options) defaults() {
	def := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.SpacingM, 350)
	def(&o.WiggleM, 150)
	def(&o.TrackShare, 0.3)
	def(&o.FragmentShare, 0.02)
	def(&o.OnewayShare, 0.2)
}

// gen carries the generator's state.
type gen struct {
	opt  Options
	rng  *rand.Rand
	ways []roads.Way
}

// Generate returns the road network for places. Ways join at exactly equal
// end points (NodeIDs are nil). Places with invalid coordinates are ignored.
func Generate(places []Place, opt Options) []roads.Way {
	opt.defaults()
	g := &gen{opt: opt, rng: newRand(opt.Seed)}
	var seats, towns, villages []orb.Point
	for _, p := range places {
		if !geo.ValidPoint(p.Point) {
			continue
		}
		switch p.Tier {
		case CountySeat:
			seats = append(seats, p.Point)
		case Township:
			towns = append(towns, p.Point)
		default:
			villages = append(villages, p.Point)
		}
	}
	g.linkNeighbours(seats, 2, "trunk", 0.1)
	g.linkToNearest(towns, seats, "secondary")
	g.linkNeighbours(towns, 1, "tertiary", 0.3)
	hubs := append(append([]orb.Point{}, towns...), seats...)
	g.villageTree(villages, hubs)
	g.extras(villages, hubs)
	return g.ways
}

// road adds a way from a to b winding sideways by up to wiggle·WiggleM.
func (g *gen) road(a, b orb.Point, class string, wiggle float64, dir roads.Oneway) {
	d, azi, _ := geo.Inverse(a, b)
	if !(d > 0) {
		return
	}
	n := max(1, int(math.Ceil(d/g.spacingM(wiggle))))
	pts := make([]orb.Point, 0, n+1)
	pts = append(pts, a)
	phase, freq := g.rng.Float64()*2*math.Pi, 1+g.rng.Float64()*2
	amp := wiggle * g.opt.WiggleM * math.Min(1, d/2000)
	for k := 1; k < n; k++ {
		t := float64(k) / float64(n)
		c := geo.Direct(a, azi, t*d)
		off := amp * math.Sin(math.Pi*t) * math.Sin(phase+freq*math.Pi*t)
		pts = append(pts, geo.Direct(c, azi+90, off))
	}
	pts = append(pts, b)
	g.ways = append(g.ways, roads.Way{
		ID: class + "/" + strconv.Itoa(len(g.ways)), Points: pts, Highway: class, Oneway: dir,
	})
}

// spacingM is the vertex spacing of a road that winds by wiggle·WiggleM:
// SpacingM for wiggle 1 (village roads), longer for straighter roads, up
// to 4·SpacingM.
func (g *gen) spacingM(wiggle float64) float64 {
	return g.opt.SpacingM / math.Min(1, math.Max(wiggle, 0.25))
}

// linkNeighbours joins each point to its k nearest others.
func (g *gen) linkNeighbours(pts []orb.Point, k int, class string, wiggle float64) {
	if len(pts) < 2 {
		return
	}
	done := map[[2]int]bool{}
	for i, p := range pts {
		for _, j := range kNearest(pts, p, i, k) {
			key := [2]int{min(i, j), max(i, j)}
			if !done[key] {
				done[key] = true
				g.road(p, pts[j], class, wiggle, roads.BothWays)
			}
		}
	}
}

// linkToNearest joins each point to the nearest of hubs.
func (g *gen) linkToNearest(pts, hubs []orb.Point, class string) {
	if len(hubs) == 0 {
		return
	}
	ix := geo.NewIndex(hubs)
	for _, p := range pts {
		if j, _, ok := ix.Nearest(p); ok {
			g.road(p, hubs[j], class, 0.3, roads.BothWays)
		}
	}
}

// kNearest returns up to k indices of pts nearest p, excluding self (a
// scan: county seats and townships are few).
func kNearest(pts []orb.Point, p orb.Point, self, k int) []int {
	var out []int
	var dist []float64
	for j, q := range pts {
		if j == self {
			continue
		}
		d := geo.DistanceM(p, q)
		pos := len(out)
		for pos > 0 && dist[pos-1] > d {
			pos--
		}
		if pos >= k {
			continue
		}
		out = append(out[:pos], append([]int{j}, out[pos:]...)...)
		dist = append(dist[:pos], append([]float64{d}, dist[pos:]...)...)
		if len(out) > k {
			out, dist = out[:k], dist[:k]
		}
	}
	return out
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }
