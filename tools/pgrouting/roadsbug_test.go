package pgrouting

import (
	"context"
	"math"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

// TestRoadsSiteOnNodeOfOnewaySegment reproduces, on three nodes, what the
// Andorra vertex comparison found: a site exactly on a node (a junction)
// may be snapped to a oneway segment that ends or starts there, and then
// the zero-length leg between the site and that node is refused because it
// runs against the oneway (roads/legs.go: a leg is valid only when the
// segment may be travelled in its direction, even when it is 0 m long).
// The trip then detours or is unreachable. A is joined to B by a oneway
// A→B, B to C by a two-way road; every trip below exists.
func TestRoadsSiteOnNodeOfOnewaySegment(t *testing.T) {
	a, b, c := orb.Point{1.50, 42.50}, orb.Point{1.501, 42.50}, orb.Point{1.502, 42.50}
	ab, bc := geo.DistanceM(a, b), geo.DistanceM(b, c)
	oneway := roads.Way{ID: "ab", Points: []orb.Point{a, b}, Highway: "unclassified", Oneway: roads.Forward}
	twoway := roads.Way{ID: "bc", Points: []orb.Point{b, c}, Highway: "unclassified"}
	for _, order := range [][]roads.Way{{oneway, twoway}, {twoway, oneway}} {
		net, _, err := roads.Build(order, roads.BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m := roads.Metric{Net: net}
		sites := []geo.Site{{Point: a}, {Point: b}, {Point: c}}
		mat, err := m.Matrix(context.Background(), sites)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			from, to int
			want     float64
		}{{0, 1, ab}, {0, 2, ab + bc}, {1, 2, bc}, {2, 1, bc}} {
			got := mat[tc.from*3+tc.to]
			if math.Abs(got-tc.want) > 1e-6 {
				t.Errorf("ways %s,%s: trip %d→%d = %.3f m, want %.3f m", order[0].ID, order[1].ID, tc.from, tc.to, got, tc.want)
			}
		}
	}
}
