package data_test

import (
	"fmt"
	"strings"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/table"
)

// A planner's spreadsheet with Chinese headers, an extra column, a
// population typed with a thousands separator, two bad rows and a total
// row: the good rows are read, the bad ones reported with their lines, the
// total row skipped and the separator read, each with a warning.
func ExampleReadVillages() {
	in := "编号,村名,县,乡镇,常住人口,经度,纬度,备注\n" +
		"140121001,东关村,清徐县,清源镇,2310,112.3581,37.6072,城郊\n" +
		"140121002,西关村,清徐县,清源镇,\"1,875\",112.3402,37.6049,\n" +
		"140121003,南营村,清徐县,孟封镇,642,37.5533,112.4012,\n" +
		"140121004,北营村,清徐县,孟封镇,\"6,42\",112.4012,37.5533,\n" +
		",合计,,,\"5,469\",,,\n"
	villages, report, err := data.ReadVillages(strings.NewReader(in), "villages.csv", table.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range villages {
		fmt.Println(v.ID, v.Name, v.Population, v.Location, v.Extra)
	}
	fmt.Printf("%d rows, %d accepted\n", report.Rows, report.Accepted)
	for _, r := range report.Rejected {
		fmt.Printf("%s:%d %s: %s\n", r.File, r.Line, r.ID, r.Reason)
	}
	for _, w := range report.Warnings {
		fmt.Printf("%s: warning: %s\n", w.Position(), w.Reason)
	}
	// Output:
	// 140121001 东关村 2310 [112.3581 37.6072] [{备注 城郊}]
	// 140121002 西关村 1875 [112.3402 37.6049] [{备注 }]
	// 4 rows, 2 accepted
	// villages.csv:4 140121003: latitude and longitude appear swapped (longitude "37.5533", latitude "112.4012")
	// villages.csv:5 140121004: population "6,42" has a comma that is not a thousands separator (groups of three digits, as in 2,731 or 2 731); a decimal comma is not read: write plain digits such as 1234
	// villages.csv:6: warning: total row "合计" skipped (name)
	// villages.csv: warning: 1 row with numbers written with thousands separators or full-width digits, read as plain numbers (line 3 population "1,875" as 1875)
}
