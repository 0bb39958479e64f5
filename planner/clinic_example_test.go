package planner_test

import (
	"context"
	"fmt"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

func ExamplePlanClinics() {
	thc := orb.Point{112.0, 37.0}
	at := func(azDeg, km float64) orb.Point { return geo.Direct(thc, azDeg, km*1000) }
	villages := []planner.Village{
		{ID: "dazhai", County: "Xiyang", Township: "Dazhai", Population: 1500, Location: at(0, 6)},
		{ID: "nanling", County: "Xiyang", Township: "Dazhai", Population: 420, Location: at(0, 1.5)},
		{ID: "wujiaping", County: "Xiyang", Township: "Dazhai", Population: 150, Location: at(90, 9)},
		{ID: "shitou", County: "Xiyang", Township: "Dazhai", Population: 120, Location: at(180, 12)},
		{ID: "jinshi", County: "Xiyang", Township: "Dazhai", Population: 300, Location: at(270, 8)},
		{ID: "beiyao", County: "Xiyang", Township: "Dazhai", Population: 250, Location: at(270, 10)},
		{ID: "xigou", County: "Xiyang", Township: "Dazhai", Population: 650, Location: at(300, 15)},
	}
	facilities := []planner.Facility{
		{ID: "dazhai-thc", Type: planner.TownshipHealthCentre, County: "Xiyang", Township: "Dazhai",
			Location: thc, Beds: 30, Staff: 3},
		{ID: "dazhai-vc", Type: planner.VillageClinic, County: "Xiyang", Township: "Dazhai",
			Location: at(0, 6), Beds: planner.CapacityUnknown, Staff: 1},
	}
	plan, err := planner.PlanClinics(context.Background(), villages, facilities, planner.DefaultClinicOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, s := range plan.Villages {
		host := ""
		if s.HostIndex >= 0 && s.HostIndex != i {
			host = " -> " + villages[s.HostIndex].ID
		}
		fmt.Printf("%-9s %-15s%s %v\n", villages[i].ID, s.Service, host, s.Flags)
	}
	tp := plan.Townships[0]
	fmt.Printf("own %d, joint %d (+%d members), single %d, itinerant %d in %d day(s) of %.0f km\n",
		tp.OwnClinics, tp.JointClinics, tp.JointMembers, tp.SingleVillages, tp.ItinerantVillages, len(tp.Route), tp.RouteKm)
	fmt.Printf("village doctors needed %d, have %d, gap %d\n", tp.DoctorsNeeded, tp.VillageClinicStaff, tp.DoctorGap)
	fmt.Printf("centre staff quota %d..%d, have %d, gap %d\n", tp.THCStaffMin, tp.THCStaffMax, tp.THCStaff, tp.THCStaffGap)
	// Output:
	// dazhai    own_clinic      []
	// nanling   township_centre []
	// wujiaping itinerant       []
	// shitou    itinerant       []
	// jinshi    joint_host      []
	// beiyao    joint_member    -> jinshi []
	// xigou     own_clinic      []
	// own 2, joint 1 (+1 members), single 0, itinerant 2 in 1 day(s) of 36 km
	// village doctors needed 4, have 1, gap 3
	// centre staff quota 5..5, have 3, gap 2
}
