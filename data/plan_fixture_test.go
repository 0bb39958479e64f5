package data

import (
	"context"
	"flag"
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// updatePlanGolden rewrites the plan writers' golden files:
// go test ./data -run Plan -update-plan (-update rewrites them too).
var updatePlanGolden = flag.Bool("update-plan", false, "rewrite data/testdata/golden/plan* from the plan writers' current output")

// checkPlanGolden is checkGolden, updating with -update-plan as well.
func checkPlanGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	if *updatePlanGolden && !*updateGolden {
		*updateGolden = true
		defer func() { *updateGolden = false }()
	}
	checkGolden(t, name, got)
}

// planFixture is a small plan run through planner.Plan, laid out so that
// every part of the writers has something to show (distances below are
// rough; the margins are kilometres, not metres):
//
//   - 甲县 has a county hospital H1 covering 城关镇 within 15 km; 东镇 and
//     北镇 lie 26–40 km east. Their health centres T1 (31 km from H1) and
//     T3 (36 km, capacity unknown) are the candidates; T2 in 城关镇 is too
//     close. With a 100-person automatic-K threshold both are chosen, T3
//     first (it alone reaches 4,800 people, T1 2,920).
//   - 东镇 has a required own clinic (V03, with a village clinic), a joint
//     clinic of V04 and V05 (2 km apart), two itinerant villages V06 and
//     V07 on one day's route from T1, V08 served by T1 (1.8 km) and V09,
//     a small village with no neighbour (single), beyond every sub-centre.
//   - 北镇's V12 needs its own clinic and has none nearby (flagged).
//   - 城关镇 has two required clinics, one village clinic of unknown staff.
//   - 乙县, 100 km further east, has no hospital and no health centre: no
//     sub-centre (with a note), a seat taken from its villages, and an
//     itinerant village whose round trip from the borrowed centre exceeds
//     a day's route (flagged).
//
// Names carry the characters the writers must escape.
type planFixture struct {
	villages   []planner.Village
	facilities []planner.Facility
	opt        planner.PlanOptions
	policy     planner.Policy
	res        *planner.PlanResult
	sweep      []planner.SweepRow
}

func planFixtureVillages() []planner.Village {
	v := func(id, name, county, town string, pop int, lon, lat float64, extra ...planner.Attr) planner.Village {
		return planner.Village{ID: id, Name: name, County: county, Township: town, Population: pop,
			Location: orb.Point{lon, lat}, Extra: extra}
	}
	note := func(s string) planner.Attr { return planner.Attr{Key: "备注", Value: s} }
	rank := func(s string) planner.Attr { return planner.Attr{Key: "rank", Value: s} }
	return []planner.Village{
		v("V01", "城关村", "甲县", "城关镇", 3000, 112.01, 37.01, note("县城"), rank("a")),
		v("V02", "南关村", "甲县", "城关镇", 900, 112.05, 37.03, note(""), rank("b")),
		v("V03", "东村", "甲县", "东镇", 1500, 112.36, 37.01, note("集镇"), rank("c")),
		v("V04", `Name "q", x`, "甲县", "东镇", 300, 112.40, 37.05),
		v("V05", "李家庄", "甲县", "东镇", 250, 112.42, 37.06, note("多行\n备注")),
		v("V06", "石沟村", "甲县", "东镇", 150, 112.30, 37.08),
		v("V07", "后沟村", "甲县", "东镇", 120, 112.45, 36.95),
		v("V08", "前营村", "甲县", "东镇", 600, 112.33, 37.00),
		v("V09", `Hill | *Top*`, "甲县", "东镇", 450, 112.55, 37.20),
		v("V12", "北庄村", "甲县", "北镇", 2000, 112.40, 37.16),
		v("V10", "西乡村", "乙县", "西乡", 700, 113.00, 37.00),
		v("V11", "bad\xffbyte", "乙县", "西乡", 100, 113.02, 37.01),
	}
}

func planFixtureFacilities() []planner.Facility {
	f := func(id, name string, typ planner.FacilityType, county, town string, lon, lat float64, beds, staff int) planner.Facility {
		return planner.Facility{ID: id, Name: name, Type: typ, County: county, Township: town,
			Location: orb.Point{lon, lat}, Beds: beds, Staff: staff}
	}
	u := planner.CapacityUnknown
	return []planner.Facility{
		f("H1", "甲县人民医院", planner.CountyHospital, "甲县", "城关镇", 112.0, 37.0, 500, 600),
		f("T1", "东镇卫生院", planner.TownshipHealthCentre, "甲县", "东镇", 112.35, 37.0, 40, 30),
		f("T2", "城关镇卫生院", planner.TownshipHealthCentre, "甲县", "城关镇", 112.02, 37.0, 20, 3),
		f("T3", "北镇卫生院", planner.TownshipHealthCentre, "甲县", "北镇", 112.38, 37.12, u, u),
		f("C1", "东村卫生室", planner.VillageClinic, "甲县", "东镇", 112.36, 37.01, 0, 2),
		f("C2", "城关村卫生室", planner.VillageClinic, "甲县", "城关镇", 112.01, 37.01, 0, u),
	}
}

func newPlanFixture(t testing.TB) planFixture {
	t.Helper()
	pol, err := planner.LookupPolicy("shanxi")
	if err != nil {
		t.Fatal(err)
	}
	minFar := pol.MinFarKm.Value
	f := planFixture{
		villages:   planFixtureVillages(),
		facilities: planFixtureFacilities(),
		policy:     pol,
		opt: planner.PlanOptions{
			RadiusKm:   pol.RadiusKm.Value,
			Subcentres: planner.SubcentreOptions{MinFarKm: &minFar, MinGainPop: 100, MaxK: pol.MaxSubcentres.Value},
			Clinics: planner.ClinicOptions{
				ItinerantBelow: pol.ItinerantBelow.Value, MergeBelow: pol.MergeBelow.Value, OwnClinicFrom: pol.OwnClinicFrom.Value,
				MergeKm: pol.MergeKm.Value, NearTHCKm: pol.NearTHCKm.Value, MaxRouteKm: 60,
			},
		},
	}
	ctx := context.Background()
	if f.res, err = planner.Plan(ctx, f.villages, f.facilities, f.opt); err != nil {
		t.Fatal(err)
	}
	if f.sweep, err = planner.Sweep(ctx, f.villages, f.facilities, []float64{10, 15}, []int{0, 1}, f.opt.Subcentres); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f planFixture) summary() PlanSummary {
	return NewPlanSummary(f.villages, f.facilities, f.res, f.policy, f.opt, f.sweep, fixtureReports()...)
}
