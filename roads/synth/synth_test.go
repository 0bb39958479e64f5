package synth

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

func TestGenerateDeterministic(t *testing.T) {
	places := Province(3, orb.Point{110, 35}, 2, 5, 20, 6000)
	a := Generate(places, Options{Seed: 4})
	b := Generate(places, Options{Seed: 4})
	c := Generate(places, Options{Seed: 5})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different networks")
	}
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds, same network")
	}
	if !reflect.DeepEqual(places, Province(3, orb.Point{110, 35}, 2, 5, 20, 6000)) {
		t.Fatal("Province not deterministic")
	}
}

// TestGenerateRealistic checks the features the generator promises: every
// way valid, trunk and village classes, oneway links, dead ends, stray
// fragments, and every village reaching a township by road.
func TestGenerateRealistic(t *testing.T) {
	places := Province(1, orb.Point{112, 37}, 2, 8, 40, 8000)
	ways := Generate(places, Options{Seed: 1, FragmentShare: 0.1})
	net, rep, err := roads.Build(ways, roads.BuildOptions{})
	if err != nil || len(rep.Dropped) != 0 || rep.Routable != len(ways) {
		t.Fatalf("build: %v, report %+v", err, rep)
	}
	classes := map[string]int{}
	oneway := 0
	for _, w := range ways {
		classes[w.Highway]++
		if w.Oneway != roads.BothWays {
			oneway++
		}
	}
	for _, c := range []string{"trunk", "secondary", "tertiary", "unclassified", "track", "service"} {
		if classes[c] == 0 {
			t.Errorf("no %s roads: %v", c, classes)
		}
	}
	if oneway == 0 || net.Components() < 2 {
		t.Errorf("%d oneway ways, %d components", oneway, net.Components())
	}
	if deadEnds(net) < 10 {
		t.Errorf("only %d dead ends", deadEnds(net))
	}
	var villages, towns []geo.Site
	for _, p := range places {
		if p.Tier == Village {
			villages = append(villages, geo.Site{Point: p.Point})
		} else {
			towns = append(towns, geo.Site{Point: p.Point})
		}
	}
	got, err := roads.Metric{Net: net}.Nearest(context.Background(), villages, towns, math.Inf(1))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.Index < 0 {
			t.Fatalf("village %d reaches no township", i)
		}
	}
}

// deadEnds counts nodes with a single neighbour.
func deadEnds(net *roads.Network) int {
	deg := make([]int, net.NumNodes())
	for i := range net.NumSegments() {
		a, b, _, _, _ := net.Segment(i)
		deg[a]++
		deg[b]++
	}
	n := 0
	for _, d := range deg {
		if d == 1 {
			n++
		}
	}
	return n
}
