package data_test

import (
	"fmt"
	"os"

	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

func ExampleWriteCoverageGeoJSON() {
	villages := []planner.Village{
		{ID: "V1", Name: "东村", County: "甲县", Township: "东镇", Population: 1200, Location: orb.Point{113.1, 23.2},
			Extra: []planner.Attr{{Key: "id", Value: "old"}}},
		{ID: "V2", Name: "远村", County: "甲县", Township: "西镇", Population: 300, Location: orb.Point{113.6, 23.35}},
	}
	facilities := []planner.Facility{{ID: "H1", Type: planner.CountyHospital, Location: orb.Point{113.05, 23.15}}}
	// Normally from planner.Coverage; spelled out here.
	res := &planner.CoverageResult{
		RadiiKm: []float64{15, 20},
		Villages: []planner.VillageCoverage{
			{Nearest: 0, DistanceM: 7456.1234, Covered: []bool{true, true}},
			{Nearest: 0, DistanceM: 58012.5, Covered: []bool{false, false}},
		},
	}
	if err := geojsonio.WriteCoverageGeoJSON(os.Stdout, villages, facilities, res); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"type":"Feature","geometry":{"type":"Point","coordinates":[113.1,23.2]},"properties":{"id":"V1","name":"东村","county":"甲县","township":"东镇","population":1200,"nearest_facility_id":"H1","nearest_facility_km":7.456123,"network_covered_15km":true,"network_covered_20km":true,"extra_id":"old"}},
	// {"type":"Feature","geometry":{"type":"Point","coordinates":[113.6,23.35]},"properties":{"id":"V2","name":"远村","county":"甲县","township":"西镇","population":300,"nearest_facility_id":"H1","nearest_facility_km":58.012500,"network_covered_15km":false,"network_covered_20km":false}}
	// ]}
}

func ExampleNetworkCoveredColumns() {
	one, _ := table.NetworkCoveredColumns([]float64{15})
	several, _ := table.NetworkCoveredColumns([]float64{10, 12.5, 20})
	_, err := table.NetworkCoveredColumns([]float64{10, 10})
	fmt.Println(one)
	fmt.Println(several)
	fmt.Println(err)
	// Output:
	// [network_covered]
	// [network_covered_10km network_covered_12_5km network_covered_20km]
	// data: cannot write: radius 10 km is listed twice
}

func ExampleWriteCoverageTable() {
	s := summary.CoverageSummary{
		RadiiKm: []float64{15},
		Counties: []summary.CountySummary{{County: "甲县", SummaryTally: summary.SummaryTally{Villages: 2, Population: 1500,
			Covered: []summary.RadiusCoverage{{RadiusKm: 15, Villages: 1, Population: 1200, Share: 0.8}}}}},
		Total: summary.SummaryTally{Villages: 2, Population: 1500,
			Covered: []summary.RadiusCoverage{{RadiusKm: 15, Villages: 1, Population: 1200, Share: 0.8}}},
		Uncovered: []summary.UncoveredVillage{{ID: "V2", Name: "远村", County: "甲县", Township: "西镇", Population: 300,
			NearestFacilityID: "H1", NearestFacilityKm: 58.0125}},
		RejectedCount: 1,
	}
	if err := report.WriteCoverageTable(os.Stdout, s); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Emergency network cover within 15 km (geodesic distance to the nearest emergency facility)
	//
	//                               within 15 km
	// County  Villages  Population  Villages  Population  Share
	// 甲县           2       1,500         1       1,200  80.0%
	// ---------------------------------------------------------
	// Total          2       1,500         1       1,200  80.0%
	//
	// Villages without emergency network cover within 15 km: 1 (300 people):
	// ID  Name  County  Township  Population  Nearest facility  Distance km
	// V2  远村  甲县    西镇             300  H1                      58.01
	//
	// Rejected input rows: 1
}
