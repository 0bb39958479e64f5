package data_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// A plan run: the county hospital covers the county town; a township
// health centre 30 km east becomes the sub-centre for the villages around
// it. The summary feeds the report, the CSV tables and the terminal table;
// the GeoJSON layers come from the plan itself.
func ExampleNewPlanSummary() {
	villages := []planner.Village{
		{ID: "V1", Name: "城关村", County: "甲县", Township: "城关镇", Population: 3000, Location: orb.Point{112.01, 37.0}},
		{ID: "V2", Name: "东村", County: "甲县", Township: "东镇", Population: 1200, Location: orb.Point{112.36, 37.0}},
		{ID: "V3", Name: "李家庄", County: "甲县", Township: "东镇", Population: 150, Location: orb.Point{112.40, 37.05}},
	}
	facilities := []planner.Facility{
		{ID: "H1", Type: planner.CountyHospital, County: "甲县", Township: "城关镇", Location: orb.Point{112.0, 37.0}, Beds: 500, Staff: 600},
		{ID: "T1", Type: planner.TownshipHealthCentre, County: "甲县", Township: "东镇", Location: orb.Point{112.34, 37.0}, Beds: 40, Staff: 30},
	}
	policy, err := planner.LookupPolicy("shanxi")
	if err != nil {
		log.Fatal(err)
	}
	opt := planner.PlanOptions{RadiusKm: policy.RadiusKm.Value, Clinics: planner.DefaultClinicOptions()}
	res, err := planner.Plan(context.Background(), villages, facilities, opt)
	if err != nil {
		log.Fatal(err)
	}
	s, err := summary.NewPlanSummary(villages, facilities, res, policy, opt, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range s.Counties {
		fmt.Printf("%s: sub-centres %v, county-level care %.1f%% -> %.1f%%\n", c.County, c.Subcentres, 100*c.CountyCareTodayShare, 100*c.CountyCareAfterShare)
	}
	for _, t := range s.Townships {
		fmt.Printf("%s: own clinics %d, itinerant villages %d, route days %d\n", t.Township, t.OwnClinics, t.ItinerantVillages, t.RouteDays)
	}

	dir, err := os.MkdirTemp("", "plan")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	layers, err := geojsonio.WritePlanLayers(dir, villages, facilities, res)
	if err != nil {
		log.Fatal(err)
	}
	tables, err := csvio.WritePlanCSVTables(dir, s)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range append(layers, tables...) {
		fmt.Print(filepath.Base(p), " ")
	}
	fmt.Println()
	// Output:
	// 甲县: sub-centres [T1], county-level care 69.0% -> 100.0%
	// 东镇: own clinics 1, itinerant villages 1, route days 1
	// 城关镇: own clinics 1, itinerant villages 0, route days 0
	// villages.geojson subcentres.geojson joint_clinics.geojson itinerant_routes.geojson facilities.geojson subcentre_circles.geojson counties.csv subcentres.csv townships.csv villages.csv
}
