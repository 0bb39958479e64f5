package geo_test

import (
	"fmt"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

func ExampleDistanceM() {
	beijing := orb.Point{116.4074, 39.9042} // longitude, latitude
	shanghai := orb.Point{121.4737, 31.2304}
	// pyproj.Geod(ellps="WGS84").inv gives the same 1065.846 km.
	fmt.Printf("%.3f km\n", geo.DistanceM(beijing, shanghai)/1000)
	// Output: 1065.846 km
}

func ExampleInverse() {
	d, azi1, azi2 := geo.Inverse(orb.Point{116.4074, 39.9042}, orb.Point{121.4737, 31.2304})
	fmt.Printf("%.0f m, leaving at %.2f°, arriving at %.2f°\n", d, azi1, azi2)
	// Output: 1065846 m, leaving at 152.97°, arriving at 155.93°
}

func ExampleIndex_Nearest() {
	facilities := []orb.Point{
		{111.02, 35.03}, // township health centre A
		{111.10, 35.10}, // township health centre B
		{111.25, 34.98}, // county hospital
	}
	ix := geo.NewIndex(facilities)
	village := orb.Point{111.07, 35.06}
	i, d, ok := ix.Nearest(village)
	fmt.Printf("facility %d at %.0f m (found %v)\n", i, d, ok)

	// Within reports every facility inside a 15 km emergency radius.
	n := 0
	ix.Within(village, 15000, func(i int, distM float64) bool {
		n++
		return true
	})
	fmt.Printf("%d facilities within 15 km\n", n)
	// Output:
	// facility 1 at 5213 m (found true)
	// 2 facilities within 15 km
}

func ExampleCircle() {
	ring := geo.Circle(orb.Point{116.4074, 39.9042}, 15000, 64)
	fmt.Println(len(ring), ring.Closed(), ring.Orientation() == orb.CCW)
	// Output: 65 true true
}
