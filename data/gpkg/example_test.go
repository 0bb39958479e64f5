package gpkg_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/catchment/catchment/data/gpkg"
	"github.com/paulmach/orb"
)

func Example() {
	dir, _ := os.MkdirTemp("", "gpkg")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "plan.gpkg")
	err := gpkg.Write(context.Background(), path, []gpkg.Layer{{
		Name: "villages", GeometryType: gpkg.Point,
		Fields:   []gpkg.Field{{Name: "name", Type: gpkg.Text}, {Name: "population", Type: gpkg.Integer}},
		Features: []gpkg.Feature{{Geometry: orb.Point{112.55, 37.75}, Values: []any{"北格村", 1800}}},
	}})
	if err != nil {
		panic(err)
	}
	l, err := gpkg.ReadLayer(path, "villages")
	if err != nil {
		panic(err)
	}
	f := l.Features[0]
	fmt.Println(l.GeometryType, l.SRS, f.FID, f.Geometry, f.Values)
	_, err = gpkg.ReadLayer(path, "roads")
	fmt.Println(err != nil)
	// Output:
	// POINT 4326 1 [112.55 37.75] [北格村 1800]
	// true
}
