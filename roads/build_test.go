package roads

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestBuildReportsBadWays(t *testing.T) {
	ok := []orb.Point{{100, 30}, {100.01, 30}, {100.02, 30.01}}
	ways := []Way{
		{ID: "good", Points: ok, Highway: "primary"},
		{ID: "foot", Points: ok, Highway: "footway"},
		{ID: "short", Points: ok[:1], Highway: "primary"},
		{ID: "nan", Points: []orb.Point{{100, 30}, {math.NaN(), 30}}, Highway: "track"},
		{ID: "lat", Points: []orb.Point{{100, 30}, {100, 95}}, Highway: "track"},
		{ID: "ids", Points: ok, NodeIDs: []int64{1}, Highway: "track"},
		{ID: "speed", Points: ok, Highway: "track", SpeedKmh: -3},
		{ID: "same", Points: []orb.Point{{101, 30}, {101, 30}}, Highway: "track"},
		{ID: "unknown", Points: ok, Highway: "spaceway"},
		{ID: "wrap", Points: []orb.Point{{179.99, 0}, {-179.99, 0}}, Highway: "track"},
		{ID: "unclassed", Points: []orb.Point{{100.02, 30.01}, {100.03, 30.01}}},
	}
	net, rep, err := Build(ways, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantDropped := map[string]string{
		"short": "at least 2", "nan": "invalid coordinate", "lat": "invalid coordinate",
		"ids": "node ids", "speed": "not a positive", "same": "no segment", "wrap": "antimeridian",
	}
	got := map[string]string{}
	for _, d := range rep.Dropped {
		got[d.ID] = d.Reason
	}
	for id, frag := range wantDropped {
		if !strings.Contains(got[id], frag) {
			t.Errorf("way %s: reason %q, want it to mention %q", id, got[id], frag)
		}
	}
	if rep.NonRoutable["footway"] != 1 || rep.NonRoutable["spaceway"] != 1 {
		t.Errorf("non-routable %v", rep.NonRoutable)
	}
	if rep.Ways != len(ways) || rep.Routable != 2 || net.NumNodes() != 4 || net.NumSegments() != 3 || net.Components() != 1 {
		t.Errorf("report %+v, %d nodes", rep, net.NumNodes())
	}
}

func TestBuildSpeedsAndOneway(t *testing.T) {
	a, b := orb.Point{100, 30}, orb.Point{100.01, 30}
	ways := []Way{
		{Points: []orb.Point{a, b}, Highway: "track"},
		{Points: []orb.Point{b, {100.02, 30}}, Highway: "track", SpeedKmh: 60},
		{Points: []orb.Point{{100.02, 30}, {100.03, 30}}, Highway: "path", Oneway: Backward},
	}
	net, rep, _ := Build(ways, BuildOptions{SpeedsKmh: map[string]float64{"track": 10, "path": 4}})
	if rep.Routable != 3 {
		t.Fatalf("report %+v", rep)
	}
	for i, want := range []float64{10, 60, 4} {
		if _, _, _, v, _ := net.Segment(i); v != want {
			t.Errorf("segment %d: %v km/h, want %v", i, v, want)
		}
	}
	if net.NumEdges() != 5 {
		t.Errorf("%d directed edges, want 5", net.NumEdges())
	}
	for i := range net.NumSegments() {
		a, b, lenM, v, _ := net.Segment(i)
		ga, gb := net.gnode[a], net.gnode[b]
		for k := net.fwd.off[ga]; k < net.fwd.off[ga+1]; k++ {
			if net.fwd.to[k] == gb && math.Abs(net.fwd.secs[k]-lenM*3.6/v) > 1e-9 {
				t.Errorf("segment %d: edge time %v s for %v m at %v km/h", i, net.fwd.secs[k], lenM, v)
			}
		}
	}
	if table := SpeedTable(BuildOptions{SpeedsKmh: map[string]float64{"track": 0}}); len(table) != len(DefaultSpeedsKmh())-1 {
		t.Errorf("speed table %v", table)
	}
}

func TestBuildJoinsByNodeID(t *testing.T) {
	ways := []Way{
		{Points: []orb.Point{{100, 30}, {100.01, 30}}, NodeIDs: []int64{1, 2}, Highway: "track"},
		{Points: []orb.Point{{100.01, 30.0000001}, {100.02, 30}}, NodeIDs: []int64{2, 3}, Highway: "track"},
	}
	net, rep, _ := Build(ways, BuildOptions{})
	if net.NumNodes() != 3 || net.Components() != 1 || rep.NodeConflicts != 1 {
		t.Fatalf("%d nodes, %d components, report %+v", net.NumNodes(), net.Components(), rep)
	}
}

func TestComponentsLabelled(t *testing.T) {
	ways := []Way{
		{Points: []orb.Point{{100, 30}, {100.01, 30}, {100.02, 30}}, Highway: "track"},
		{Points: []orb.Point{{100.02, 30}, {100.02, 30.01}}, Highway: "track", Oneway: Forward},
		{Points: []orb.Point{{101, 30}, {101.01, 30}}, Highway: "track"},
	}
	net, rep, _ := Build(ways, BuildOptions{})
	if rep.Components != 2 || rep.LargestComponent != 4 {
		t.Fatalf("report %+v", rep)
	}
	sizes := map[int]int{}
	for v := range net.NumNodes() {
		c, n := net.Component(v)
		sizes[c] = n
	}
	if len(sizes) != 2 || sizes[0]+sizes[1] != 6 {
		t.Fatalf("components %v", sizes)
	}
}
