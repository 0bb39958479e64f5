package programme_test

import (
	"fmt"

	"github.com/catchment/catchment/planner/programme"
)

// 500 staff over three counties by need (doctor gap + township centre staff
// gap): exact shares 227.27, 181.82 and 90.91; the floors leave two staff,
// which go to the largest remainders (0.91 and 0.82).
func ExampleQuotaStaff() {
	res, err := programme.QuotaStaff(500, []programme.CountyNeed{
		{County: "A", DoctorGap: 40, THCStaffGap: 10},
		{County: "B", DoctorGap: 30, THCStaffGap: 10},
		{County: "C", DoctorGap: 20},
	})
	if err != nil {
		panic(err)
	}
	for _, q := range res.Counties {
		fmt.Println(q.County, q.Need, q.Exact, q.Quota)
	}
	// Output:
	// A 50 227.273 227
	// B 40 181.818 182
	// C 20 90.909 91
}
