package boundary_test

import (
	"fmt"
	"strings"

	"github.com/catchment/catchment/data/boundary"
	"github.com/paulmach/orb"
)

func ExampleFromGeoJSON() {
	src := `{"type":"FeatureCollection","features":[
	 {"type":"Feature","properties":{"code":"140105","name":"小店区"},
	  "geometry":{"type":"Polygon","coordinates":[[[112.5,37.6],[112.8,37.6],[112.8,37.9],[112.5,37.9],[112.5,37.6]]]}}]}`
	b, warnings, err := boundary.FromGeoJSON(strings.NewReader(src), "counties.geojson", boundary.Options{})
	if err != nil {
		panic(err)
	}
	code, name, ok := b.Locate(orb.Point{112.6, 37.7})
	fmt.Println(code, name, ok, len(warnings))
	_, _, ok = b.Locate(orb.Point{113, 37.7})
	fmt.Println(ok)
	// Output:
	// 140105 小店区 true 0
	// false
}
