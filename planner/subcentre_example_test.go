package planner_test

import (
	"context"
	"fmt"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// A county whose hospital reaches the villages around the seat but not two
// remote valleys, each with a township health centre 30 and 45 km out.
func ExamplePlanSubcentres() {
	seat := orb.Point{113.9, 39.4}
	at := func(aziDeg, km float64) orb.Point { return geo.Direct(seat, aziDeg, km*1000) }
	villages := []planner.Village{
		{ID: "seat-town", County: "Hill County", Population: 42000, Location: at(10, 2)},
		{ID: "east-1", County: "Hill County", Population: 6100, Location: at(88, 44)},
		{ID: "east-2", County: "Hill County", Population: 3900, Location: at(92, 47)},
		{ID: "south-1", County: "Hill County", Population: 2500, Location: at(180, 31)},
	}
	facilities := []planner.Facility{
		{ID: "county-hospital", Type: planner.CountyHospital, County: "Hill County", Location: seat, Beds: 400, Staff: 520},
		{ID: "east-thc", Type: planner.TownshipHealthCentre, County: "Hill County", Location: at(90, 45), Beds: 30, Staff: 41},
		{ID: "south-thc", Type: planner.TownshipHealthCentre, County: "Hill County", Location: at(180, 30), Beds: 12, Staff: 18},
		{ID: "near-thc", Type: planner.TownshipHealthCentre, County: "Hill County", Location: at(270, 12), Beds: 20, Staff: 25},
	}
	counties, err := planner.PlanSubcentres(context.Background(), villages, facilities, planner.SubcentreOptions{RadiusKm: 15})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range counties {
		fmt.Printf("%s: %d candidates (%d too close), K = %d\n", c.County, c.Candidates, c.TooClose, c.K)
		fmt.Printf("covered %d -> %d of %d people (%.1f%% -> %.1f%%)\n", c.CountyCareToday, c.CountyCareAfter, c.Population, 100*c.CountyCareTodayShare(), 100*c.CountyCareAfterShare())
		for _, s := range c.Sites {
			fmt.Printf("%d. %s: %s\n", s.Rank, s.Facility.ID, s.Rule)
		}
		fmt.Println(c.Note)
	}
	// Output:
	// Hill County: 2 candidates (1 too close), K = 1
	// covered 42000 -> 52000 of 54500 people (77.1% -> 95.4%)
	// 1. east-thc: R2: township health centre 45.0 km from the nearest county hospital (>= 20.0 km), 45.0 km from the county seat; brings county-level care to 10,000 people in 2 villages without it today; 30 beds, 41 staff
	// K = 1 chosen automatically: a 2nd site would add only 2,500 people (< 5,000)
}
