package roads_test

import (
	"context"
	"fmt"
	"math"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

// A village reaches a clinic along an L-shaped road: the road trip is
// longer than the straight line. By hand: 4.82 km of county road at
// 50 km/h (5.8 min), 4.43 km of village road at 30 km/h (8.9 min) and
// 70 m on foot at 5 km/h (0.8 min).
func ExampleMetric_Nearest() {
	ways := []roads.Way{
		{ID: "county road", Highway: "secondary", Points: []orb.Point{{110, 30}, {110.05, 30}}},
		{ID: "village road", Highway: "unclassified", Points: []orb.Point{{110.05, 30}, {110.05, 30.04}}},
	}
	net, report, err := roads.Build(ways, roads.BuildOptions{})
	if err != nil {
		panic(err)
	}
	village := geo.Site{ID: "v", Point: orb.Point{110.0505, 30.04}}
	clinic := geo.Site{ID: "c", Point: orb.Point{110, 30.0002}}
	for _, cost := range []roads.Cost{roads.ByDistance, roads.ByTime} {
		m := roads.Metric{Net: net, Cost: cost}
		r, err := m.Nearest(context.Background(), []geo.Site{village}, []geo.Site{clinic}, math.Inf(1))
		if err != nil {
			panic(err)
		}
		fmt.Printf("cost %d: clinic %d, road %.2f km, %.1f min\n", cost, r[0].Index, r[0].DistanceM/1000, r[0].Seconds/60)
	}
	fmt.Printf("straight %.2f km; %d nodes, %d segments\n",
		geo.DistanceM(village.Point, clinic.Point)/1000, report.Nodes, report.Segments)
	// Output:
	// cost 0: clinic 0, road 9.33 km, 15.5 min
	// cost 1: clinic 0, road 9.33 km, 15.5 min
	// straight 6.57 km; 3 nodes, 2 segments
}
