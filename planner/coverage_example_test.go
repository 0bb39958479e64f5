package planner_test

import (
	"context"
	"fmt"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// Two villages and a county hospital: the first village lies 5.5 km from the
// hospital, the second 44.8 km away (distances agree with pyproj to the millimetre).
func ExampleCoverage() {
	villages := []planner.Village{
		{ID: "V1", County: "Pingyao", Population: 300, Location: orb.Point{112.0, 37.0}},
		{ID: "V2", County: "Pingyao", Population: 900, Location: orb.Point{112.5, 37.0}},
	}
	facilities := []planner.Facility{
		{ID: "H1", Type: planner.CountyHospital, Location: orb.Point{112.0, 37.05}, Beds: 300, Staff: 420},
	}
	res, err := planner.Coverage(context.Background(), villages, facilities, planner.CoverageOptions{RadiiKm: []float64{10, 50}})
	if err != nil {
		panic(err)
	}
	for i, v := range res.Villages {
		fmt.Printf("%s: nearest %s at %.3f km, covered within 10 km: %v, within 50 km: %v\n",
			villages[i].ID, facilities[v.Nearest].ID, v.DistanceM/1000, v.Covered[0], v.Covered[1])
	}
	fmt.Printf("covered population within 10 km: %d of %d\n", res.Total.CoveredPopulation[0], res.Total.Population)
	// Output:
	// V1: nearest H1 at 5.549 km, covered within 10 km: true, within 50 km: true
	// V2: nearest H1 at 44.836 km, covered within 10 km: false, within 50 km: true
	// covered population within 10 km: 300 of 1200
}
