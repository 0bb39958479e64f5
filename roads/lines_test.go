package roads

import (
	"testing"

	"github.com/paulmach/orb"
)

// segKey is a segment as an unordered pair of end points.
type segKey [2]orb.Point

func keyOf(a, b orb.Point) segKey {
	if a[0] < b[0] || a[0] == b[0] && a[1] < b[1] {
		return segKey{a, b}
	}
	return segKey{b, a}
}

func TestLinesCoverEverySegmentOnce(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		net := mustBuild(t, randomWays(seed, 30, 0.7, 0.1))
		want := map[segKey]int{}
		for i := range net.NumSegments() {
			a, b, _, _, _ := net.Segment(i)
			want[keyOf(net.Node(a), net.Node(b))]++
		}
		got := map[segKey]int{}
		lines := net.Lines(0)
		for _, ls := range lines {
			for k := 1; k < len(ls); k++ {
				got[keyOf(ls[k-1], ls[k])]++
			}
		}
		if len(got) != len(want) {
			t.Fatalf("seed %d: %d distinct segments drawn, want %d", seed, len(got), len(want))
		}
		for k, n := range want {
			if got[k] != n {
				t.Fatalf("seed %d: segment %v drawn %d times, want %d", seed, k, got[k], n)
			}
		}
		if len(lines) >= net.NumSegments() {
			t.Errorf("seed %d: %d lines for %d segments: chains not merged", seed, len(lines), net.NumSegments())
		}
	}
}

func TestLinesChainsAndSimplify(t *testing.T) {
	// A straight 5-point road crossed at its middle point by a 3-point road,
	// plus a separate closed loop: 4 lines from the junction, 1 loop.
	p := func(x, y float64) orb.Point { return orb.Point{110 + x*1e-3, 30 + y*1e-3} }
	ways := []Way{
		{Points: []orb.Point{p(0, 0), p(1, 0), p(2, 0), p(3, 0), p(4, 0)}, Highway: "primary"},
		{Points: []orb.Point{p(2, -1), p(2, 0), p(2, 1)}, Highway: "primary"},
		{Points: []orb.Point{p(10, 0), p(11, 0), p(11, 1), p(10, 0)}, Highway: "track"},
	}
	net := mustBuild(t, ways)
	tests := []struct {
		name       string
		toleranceM float64
		points     int // total points over all lines
	}{
		{"exact", 0, 3 + 3 + 2 + 2 + 4},
		{"simplified", 50, 2 + 2 + 2 + 2 + 4}, // collinear middle points dropped, the loop kept
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := net.Lines(tc.toleranceM)
			if len(lines) != 5 {
				t.Fatalf("%d lines, want 5: %v", len(lines), lines)
			}
			n := 0
			for _, ls := range lines {
				n += len(ls)
			}
			if n != tc.points {
				t.Errorf("%d points, want %d: %v", n, tc.points, lines)
			}
		})
	}
}

func TestStats(t *testing.T) {
	net := mustBuild(t, randomWays(4, 20, 0.6, 0.2))
	st := net.Stats()
	if st.Nodes != net.NumNodes() || st.Segments != net.NumSegments() || st.Edges != net.NumEdges() || st.Components != net.Components() ||
		st.GraphNodes != net.NumGraphNodes() || st.Chains != len(net.Lines(0)) {
		t.Fatalf("stats %+v disagree with the accessors", st)
	}
	largest := 0
	for v := range net.NumNodes() {
		_, n := net.Component(v)
		largest = max(largest, n)
	}
	if st.LargestComponent != largest {
		t.Errorf("largest component %d, want %d", st.LargestComponent, largest)
	}
	if min := int64(st.Nodes)*16 + int64(st.Edges)*20; st.Bytes < min {
		t.Errorf("bytes %d below the coordinate and edge arrays alone (%d)", st.Bytes, min)
	}
}

func TestRoutableClasses(t *testing.T) {
	got := RoutableClasses()
	for _, c := range got {
		if _, ok := (&BuildOptions{}).classSpeedKmh(c); !ok {
			t.Errorf("%q listed routable but the builder rejects it", c)
		}
	}
	for c := range DefaultSpeedsKmh() {
		found := false
		for _, g := range got {
			found = found || g == c
		}
		if !found && !NonRoutable(c) {
			t.Errorf("%q has a default speed but is not listed", c)
		}
	}
}
