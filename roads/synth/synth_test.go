package synth

import (
	"context"
	"math"
	"reflect"
	"slices"
	"strconv"
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

// TestSites checks the split of places into villages and facilities, the
// IDs, and that sites move by up to offM metres (not at all for 0).
func TestSites(t *testing.T) {
	places := Province(3, orb.Point{110, 35}, 2, 5, 20, 6000)
	for _, offM := range []float64{0, 400} {
		villages, facilities := Sites(places, offM, 2)
		if len(villages) != 2*5*20 || len(facilities) != 2+2*5 {
			t.Fatalf("off %g m: %d villages, %d facilities, want 200 and 12", offM, len(villages), len(facilities))
		}
		moved := 0
		for _, s := range append(villages, facilities...) {
			i, err := strconv.Atoi(s.ID)
			if err != nil || i < 0 || i >= len(places) {
				t.Fatalf("site ID %q is no place index", s.ID)
			}
			if (places[i].Tier == Village) != slices.Contains(villages, s) {
				t.Errorf("place %d (tier %d) in the wrong list", i, places[i].Tier)
			}
			d := geo.DistanceM(s.Point, places[i].Point)
			if d > offM+1e-6 {
				t.Errorf("off %g m: site %d moved %.3f m", offM, i, d)
			}
			if d > 0 {
				moved++
			}
		}
		if offM > 0 && moved < len(places)*9/10 || offM == 0 && moved > 0 {
			t.Errorf("off %g m: %d of %d sites moved", offM, moved, len(places))
		}
	}
	a, _ := Sites(places, 400, 2)
	b, _ := Sites(places, 400, 2)
	if !reflect.DeepEqual(a, b) {
		t.Error("Sites not deterministic")
	}
}
