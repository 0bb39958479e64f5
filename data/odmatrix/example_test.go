package odmatrix_test

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/catchment/catchment/data/odmatrix"
	"github.com/catchment/catchment/geo"
)

func ExampleRead() {
	const table = "起点,终点,公里,分钟\n" +
		"V1,F1,12.5,20\n" +
		"V1,F2,8,31\n" +
		"V2,F1,3,\n" +
		"V2,F1,4,6\n"
	pairs, rep, err := odmatrix.Read(strings.NewReader(table), "od.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rep.Rejected {
		fmt.Println(r)
	}
	m, err := geo.NewODMatrix(pairs, geo.Metres)
	if err != nil {
		fmt.Println(err)
		return
	}
	villages := []geo.Site{{ID: "V1"}, {ID: "V2"}, {ID: "V3"}}
	facilities := []geo.Site{{ID: "F1"}, {ID: "F2"}}
	near, _ := m.Nearest(context.Background(), villages, facilities, math.Inf(1))
	for i, r := range near {
		if r.Index < 0 {
			fmt.Printf("%s: not reachable\n", villages[i].ID)
			continue
		}
		fmt.Printf("%s: %s at %.1f km\n", villages[i].ID, facilities[r.Index].ID, r.Cost/1000)
	}
	// Output:
	// od.csv:5: repeats the pair "V2" → "F1" of line 4 (first kept)
	// V1: F2 at 8.0 km
	// V2: F1 at 3.0 km
	// V3: not reachable
}
