package planner

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

func TestClassifyClinicVillageRules(t *testing.T) {
	thc := clinicTBase
	far := clinicTAt(thc, 90, 10) // well beyond NearTHCKm
	// one returns a single village at p with the THC at clinicTBase.
	one := func(pop int, p orb.Point, extra ...Facility) ([]Village, []Facility) {
		fs := append([]Facility{clinicTFacility("thc", TownshipHealthCentre, thc, 20)}, extra...)
		return []Village{clinicTVillage("v", pop, p)}, fs
	}
	type setup func(t *testing.T) ([]Village, []Facility, ClinicOptions)
	def := func(pop int, p orb.Point, extra ...Facility) setup {
		return func(*testing.T) ([]Village, []Facility, ClinicOptions) {
			vs, fs := one(pop, p, extra...)
			return vs, fs, DefaultClinicOptions()
		}
	}
	// nearTHC places a village of pop 2 km out and sets NearTHCKm to exactly
	// its distance (inclusive case) or to the largest value below it.
	nearTHC := func(pop int, inclusive bool) setup {
		return func(t *testing.T) ([]Village, []Facility, ClinicOptions) {
			p := clinicTAt(thc, 30, 2)
			vs, fs := one(pop, p)
			opt := DefaultClinicOptions()
			d := clinicTIndexDistM(t, p, thc)
			if inclusive {
				opt.NearTHCKm = clinicTExactKm(t, d)
			} else {
				opt.NearTHCKm = clinicTBelowKm(t, d)
			}
			return vs, fs, opt
		}
	}
	// clinicAt puts a required village far from the THC with a village
	// clinic 2 km away, NearTHCKm exactly at (or just below) that distance.
	clinicAt := func(inclusive bool) setup {
		return func(t *testing.T) ([]Village, []Facility, ClinicOptions) {
			c := clinicTAt(far, 200, 2)
			vs, fs := one(800, far, clinicTFacility("vc", VillageClinic, c, 1))
			opt := DefaultClinicOptions()
			d := clinicTIndexDistM(t, far, c)
			if inclusive {
				opt.NearTHCKm = clinicTExactKm(t, d)
			} else {
				opt.NearTHCKm = clinicTBelowKm(t, d)
			}
			return vs, fs, opt
		}
	}
	tests := []struct {
		name     string
		setup    setup
		want     Service
		required bool
		flags    []string
	}{
		{"exactly OwnClinicFrom (800) is required", def(800, far, clinicTFacility("vc", VillageClinic, far, 1)), ServiceOwnClinic, true, nil},
		{"required own clinic without a clinic nearby is flagged", def(1200, far), ServiceOwnClinic, true, []string{FlagNoClinicNearby}},
		{"village clinic exactly NearTHCKm away counts (inclusive)", clinicAt(true), ServiceOwnClinic, true, nil},
		{"village clinic just beyond NearTHCKm does not", clinicAt(false), ServiceOwnClinic, true, []string{FlagNoClinicNearby}},
		{"required wins over nearness to the THC", def(800, clinicTAt(thc, 0, 0.5)), ServiceOwnClinic, true, []string{FlagNoClinicNearby}},
		{"799 keeps an own clinic, not required", def(799, far), ServiceOwnClinic, false, nil},
		{"exactly MergeBelow (500) is not joint-eligible", def(500, far), ServiceOwnClinic, false, nil},
		{"499 is joint-eligible (alone: single)", def(499, far), ServiceSingle, false, []string{FlagNoNeighbourWithinMergeKm}},
		{"exactly ItinerantBelow (200) is not itinerant", def(200, far), ServiceSingle, false, []string{FlagNoNeighbourWithinMergeKm}},
		{"199 is itinerant", def(199, far), ServiceItinerant, false, nil},
		{"0 residents is itinerant", def(0, far), ServiceItinerant, false, nil},
		{"exactly NearTHCKm from the THC is township centre (inclusive)", nearTHC(150, true), ServiceTownshipCentre, false, nil},
		{"just beyond NearTHCKm is itinerant", nearTHC(150, false), ServiceItinerant, false, nil},
		{"nearness beats joint eligibility", nearTHC(450, true), ServiceTownshipCentre, false, nil},
		{"nearness beats an unrequired own clinic", nearTHC(799, true), ServiceTownshipCentre, false, nil},
		{"THC of another county counts", func(*testing.T) ([]Village, []Facility, ClinicOptions) {
			vs, fs := one(300, clinicTAt(thc, 45, 1))
			fs[0].County = "elsewhere"
			return vs, fs, DefaultClinicOptions()
		}, ServiceTownshipCentre, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs, fs, opt := tc.setup(t)
			plan := clinicTPlan(t, vs, fs, opt)
			got := plan.Villages[0]
			if got.Service != tc.want || got.Required != tc.required || !slices.Equal(got.Flags, tc.flags) {
				t.Errorf("got %s required=%v flags=%v, want %s required=%v flags=%v",
					got.Service, got.Required, got.Flags, tc.want, tc.required, tc.flags)
			}
			if got.NearestTHCIndex != 0 || got.NearestTHCDistanceM != clinicTIndexDistM(t, vs[0].Location, fs[0].Location) {
				t.Errorf("nearest THC %d at %v m", got.NearestTHCIndex, got.NearestTHCDistanceM)
			}
		})
	}
}

func TestClinicOptionsValidation(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		option string
		edit   func(*ClinicOptions)
	}{
		{"itinerant-below", func(o *ClinicOptions) { o.ItinerantBelow = -1 }},
		{"merge-below", func(o *ClinicOptions) { o.MergeBelow = -5; o.ItinerantBelow = -6 }},
		{"itinerant-below", func(o *ClinicOptions) { o.ItinerantBelow = -6; o.MergeBelow = -5 }},
		{"own-clinic-from", func(o *ClinicOptions) { o.OwnClinicFrom = -1 }},
		{"merge-below", func(o *ClinicOptions) { o.ItinerantBelow = 600 }},
		{"own-clinic-from", func(o *ClinicOptions) { o.MergeBelow = 900 }},
		{"merge-km", func(o *ClinicOptions) { o.MergeKm = nan }},
		{"merge-km", func(o *ClinicOptions) { o.MergeKm = -1 }},
		{"merge-km", func(o *ClinicOptions) { o.MergeKm = math.Inf(1) }},
		{"near-thc-km", func(o *ClinicOptions) { o.NearTHCKm = nan }},
		{"near-thc-km", func(o *ClinicOptions) { o.NearTHCKm = -0.1 }},
		{"max-route-km", func(o *ClinicOptions) { o.MaxRouteKm = nan }},
		{"max-route-km", func(o *ClinicOptions) { o.MaxRouteKm = 0 }},
		{"max-route-km", func(o *ClinicOptions) { o.MaxRouteKm = 5000 }},
	}
	vs := []Village{clinicTVillage("v", 300, clinicTBase)}
	for _, tc := range tests {
		opt := DefaultClinicOptions()
		tc.edit(&opt)
		_, err := PlanClinics(context.Background(), vs, nil, opt)
		var oe *OptionError
		if !errors.Is(err, ErrInvalidOptions) || !errors.As(err, &oe) {
			t.Errorf("%+v: error %v, want an *OptionError", opt, err)
			continue
		}
		// The first bad option in validation order is reported; the
		// "merge-below" -5 case has itinerant-below -6 and reports that.
		if oe.Option != tc.option && !(tc.option == "merge-below" && oe.Option == "itinerant-below") {
			t.Errorf("%+v: option %q, want %q", opt, oe.Option, tc.option)
		}
	}
	t.Run("equal thresholds are valid", func(t *testing.T) {
		opt := DefaultClinicOptions()
		opt.ItinerantBelow, opt.MergeBelow, opt.OwnClinicFrom = 300, 300, 300
		opt.MergeKm, opt.NearTHCKm = 0, 0
		plan := clinicTPlan(t, []Village{clinicTVillage("a", 299, clinicTBase), clinicTVillage("b", 300, clinicTBase)}, nil, opt)
		if got := clinicTServices(plan); !slices.Equal(got, []string{"itinerant", "own_clinic"}) {
			t.Errorf("services %v", got)
		}
	})
}

func TestPlanClinicsBadInput(t *testing.T) {
	good := clinicTVillage("ok", 300, clinicTBase)
	tests := []struct {
		name      string
		villages  []Village
		fac       []Facility
		village   int
		facility  int
		wantError bool
	}{
		{"NaN village", []Village{good, clinicTVillage("nan", 300, orb.Point{math.NaN(), 37})}, nil, 1, -1, true},
		{"latitude out of range", []Village{clinicTVillage("x", 300, orb.Point{112, 91})}, nil, 0, -1, true},
		{"negative population", []Village{good, good, clinicTVillage("neg", -3, clinicTBase)}, nil, 2, -1, true},
		{"THC at infinity", []Village{good}, []Facility{clinicTFacility("f", TownshipHealthCentre, orb.Point{math.Inf(1), 0}, 3)}, -1, 0, true},
		{"negative clinic staff", []Village{good}, []Facility{clinicTFacility("f", VillageClinic, clinicTBase, -4)}, -1, 0, true},
		{"county hospital is not used, not checked", []Village{good}, []Facility{clinicTFacility("f", CountyHospital, orb.Point{math.NaN(), 0}, 3)}, 0, 0, false},
		{"no input at all", nil, nil, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := PlanClinics(context.Background(), tc.villages, tc.fac, DefaultClinicOptions())
			if !tc.wantError {
				if err != nil {
					t.Fatal(err)
				}
				clinicTCheckPlan(t, tc.villages, plan)
				return
			}
			var ie *InputError
			if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) {
				t.Fatalf("error %v, want an *InputError", err)
			}
			kind, index := "village", tc.village
			if tc.village < 0 {
				kind, index = "facility", tc.facility
			}
			if ie.Kind != kind || ie.Index != index {
				t.Errorf("error names %s %d, want %s %d", ie.Kind, ie.Index, kind, index)
			}
		})
	}
}

func TestPlanClinicsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	vs, fs := clinicTProvince(1, 3)
	if _, err := PlanClinics(ctx, vs, fs, DefaultClinicOptions()); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestPlanClinicsJoint(t *testing.T) {
	thc := clinicTBase
	fs := []Facility{clinicTFacility("thc", TownshipHealthCentre, thc, 10)}
	o := clinicTAt(thc, 90, 20) // far from the THC

	t.Run("exactly MergeKm apart share one clinic at the more populous", func(t *testing.T) {
		b := clinicTAt(o, 0, 3)
		vs := []Village{clinicTVillage("a", 300, o), clinicTVillage("b", 350, b)}
		opt := DefaultClinicOptions()
		// Inclusive in both directions: each village is queried from itself.
		opt.MergeKm = clinicTExactKm(t, max(clinicTIndexDistM(t, o, b), clinicTIndexDistM(t, b, o)))
		plan := clinicTPlan(t, vs, fs, opt)
		if got := clinicTServices(plan); !slices.Equal(got, []string{"joint_member", "joint_host"}) {
			t.Fatalf("services %v", got)
		}
		tp := plan.Townships[0]
		want := JointClinic{Host: 1, Members: []int{0}, PopulationServed: 650, DoctorsNeeded: 1}
		if len(tp.Joint) != 1 || !clinicTJointEqual(tp.Joint[0], want) || !tp.Exact {
			t.Fatalf("joint %+v exact %v", tp.Joint, tp.Exact)
		}
		if plan.Villages[0].HostIndex != 1 {
			t.Errorf("member host %d", plan.Villages[0].HostIndex)
		}
	})
	t.Run("just beyond MergeKm both are single", func(t *testing.T) {
		b := clinicTAt(o, 0, 3)
		vs := []Village{clinicTVillage("a", 300, o), clinicTVillage("b", 350, b)}
		opt := DefaultClinicOptions()
		opt.MergeKm = clinicTBelowKm(t, min(clinicTIndexDistM(t, o, b), clinicTIndexDistM(t, b, o)))
		plan := clinicTPlan(t, vs, fs, opt)
		for i, s := range plan.Villages {
			if s.Service != ServiceSingle || !slices.Equal(s.Flags, []string{FlagNoNeighbourWithinMergeKm}) {
				t.Errorf("village %d: %+v", i, s)
			}
		}
		if tp := plan.Townships[0]; tp.SingleVillages != 2 || tp.DoctorsNeeded != 2 {
			t.Errorf("township %+v", tp)
		}
	})
	t.Run("equal populations: smaller ID hosts", func(t *testing.T) {
		vs := []Village{clinicTVillage("z", 300, o), clinicTVillage("m", 300, clinicTAt(o, 0, 1))}
		plan := clinicTPlan(t, vs, fs, DefaultClinicOptions())
		if got := clinicTServices(plan); !slices.Equal(got, []string{"joint_member", "joint_host"}) {
			t.Fatalf("services %v", got)
		}
	})
	t.Run("village outside the eligible set hosts", func(t *testing.T) {
		// e1 and e2 are 5 km apart; only the big village between them
		// reaches both, so one clinic there is the unique minimum.
		big := clinicTAt(o, 0, 2.5)
		vs := []Village{
			clinicTVillage("e1", 300, o),
			clinicTVillage("big", 900, big),
			clinicTVillage("e2", 400, clinicTAt(big, 0, 2.5)),
		}
		fsc := append(slices.Clone(fs), clinicTFacility("vc", VillageClinic, big, 2))
		plan := clinicTPlan(t, vs, fsc, DefaultClinicOptions())
		if got := clinicTServices(plan); !slices.Equal(got, []string{"joint_member", "own_clinic", "joint_member"}) {
			t.Fatalf("services %v", got)
		}
		h := plan.Villages[1]
		if !h.HostsJointClinic || h.HostIndex != 1 || !h.Required {
			t.Errorf("host %+v", h)
		}
		tp := plan.Townships[0]
		want := JointClinic{Host: 1, Members: []int{0, 2}, PopulationServed: 1600, DoctorsNeeded: 2}
		if len(tp.Joint) != 1 || !clinicTJointEqual(tp.Joint[0], want) {
			t.Fatalf("joint %+v", tp.Joint)
		}
		// The host's own clinic is the joint clinic: 2 doctors, not 1 + 2.
		if tp.DoctorsNeeded != 2 || tp.VillageClinicStaff != 2 || tp.DoctorGap != 0 || tp.OwnClinics != 1 {
			t.Errorf("township %+v", tp)
		}
	})
	t.Run("members go to the nearest host", func(t *testing.T) {
		// Two clusters 2.5 km apart need two hosts; the middle village m is
		// within reach of both hosts and must join the nearer.
		a := clinicTAt(o, 0, 0)
		vs := []Village{
			clinicTVillage("a1", 450, a),
			clinicTVillage("a2", 250, clinicTAt(a, 270, 2.9)),
			clinicTVillage("m", 210, clinicTAt(a, 90, 1.0)),
			clinicTVillage("b1", 460, clinicTAt(a, 90, 2.8)),
			clinicTVillage("b2", 240, clinicTAt(a, 90, 5.7)),
		}
		plan := clinicTPlan(t, vs, fs, DefaultClinicOptions())
		if got := clinicTServices(plan); !slices.Equal(got, []string{"joint_host", "joint_member", "joint_member", "joint_host", "joint_member"}) {
			t.Fatalf("services %v", got)
		}
		if plan.Villages[2].HostIndex != 0 || plan.Villages[4].HostIndex != 3 {
			t.Errorf("hosts %d %d", plan.Villages[2].HostIndex, plan.Villages[4].HostIndex)
		}
	})
}

func clinicTJointEqual(a, b JointClinic) bool {
	return a.Host == b.Host && slices.Equal(a.Members, b.Members) && a.PopulationServed == b.PopulationServed && a.DoctorsNeeded == b.DoctorsNeeded
}

func TestPlanClinicsTownships(t *testing.T) {
	thcA := clinicTBase
	thcB := clinicTAt(thcA, 90, 30)
	fs := []Facility{
		clinicTFacility("thcA", TownshipHealthCentre, thcA, 5),
		{ID: "thcB", Type: TownshipHealthCentre, County: "C", Township: "B", Location: thcB, Staff: CapacityUnknown, Beds: CapacityUnknown},
		{ID: "vc1", Type: VillageClinic, County: "C", Township: "T", Location: thcA, Staff: 2, Beds: CapacityUnknown},
		{ID: "vc2", Type: VillageClinic, County: "C", Township: "T", Location: thcA, Staff: CapacityUnknown, Beds: CapacityUnknown},
	}
	vs := []Village{
		clinicTVillage("t1", 5000, clinicTAt(thcA, 0, 5)),  // own clinic, 5 doctors
		clinicTVillage("t2", 100, clinicTAt(thcA, 90, 8)),  // itinerant
		clinicTVillage("t3", 100, clinicTAt(thcA, 180, 8)), // itinerant
		{ID: "n1", County: "C", Township: "None", Population: 150, Location: clinicTAt(thcB, 0, 9)},
		{ID: "b1", County: "C", Township: "B", Population: 2000, Location: clinicTAt(thcB, 0, 1)},
		{ID: "z1", County: "A", Township: "Z", Population: 100, Location: clinicTAt(thcB, 90, 3)},
	}
	plan := clinicTPlan(t, vs, fs, DefaultClinicOptions())
	var names []string
	for _, tp := range plan.Townships {
		names = append(names, tp.County+"/"+tp.Township)
	}
	if !slices.Equal(names, []string{"A/Z", "C/B", "C/None", "C/T"}) {
		t.Fatalf("townships %v", names)
	}
	z, b, none, tt := plan.Townships[0], plan.Townships[1], plan.Townships[2], plan.Townships[3]

	// Own THC with known staff: 5,200 residents -> quota ceil(6.24)=7 .. floor(8.84)=8.
	if tt.THC != 0 || tt.THCStaff != 5 || tt.THCStaffMin != 7 || tt.THCStaffMax != 8 || tt.THCStaffGap != 2 || tt.Population != 5200 {
		t.Errorf("T staffing %+v", tt)
	}
	if tt.DoctorsNeeded != 5 || tt.VillageClinics != 2 || tt.VillageClinicStaff != 2 || tt.DoctorGap != 3 ||
		!slices.Contains(tt.Flags, FlagVillageClinicStaffPartial) {
		t.Errorf("T doctors %+v", tt)
	}
	if tt.ItinerantVillages != 2 || len(tt.Route) != 1 || len(tt.Route[0].Stops) != 2 || tt.RouteKm < 27 || tt.RouteKm > 27.7 || tt.RouteKm != tt.Route[0].LengthKm {
		t.Errorf("T route %+v", tt.Route)
	}
	// B: own THC, staff unknown.
	if b.THC != 1 || b.THCStaff != CapacityUnknown || b.THCStaffGap != CapacityUnknown || b.THCStaffMin != 3 || b.THCStaffMax != 3 {
		t.Errorf("B staffing %+v", b)
	}
	// None and A/Z have no THC of their own: they borrow the nearest (thcB),
	// and their staffing is unknown.
	for _, tp := range []TownshipPlan{none, z} {
		if tp.THC != 1 || !slices.Contains(tp.Flags, FlagTHCNotInTownship) || tp.THCStaff != CapacityUnknown || len(tp.Route) != 1 {
			t.Errorf("%s: %+v", tp.Township, tp)
		}
	}
	// No village clinics at all: staff 0 known, the whole need is the gap.
	if b.VillageClinics != 0 || b.VillageClinicStaff != 0 || b.DoctorsNeeded != 2 || b.DoctorGap != 2 {
		t.Errorf("B doctors %+v", b)
	}

	t.Run("no THC anywhere", func(t *testing.T) {
		plan := clinicTPlan(t, vs[:3], fs[2:], DefaultClinicOptions())
		tp := plan.Townships[0]
		if tp.THC != -1 || !slices.Contains(tp.Flags, FlagNoTHC) || tp.Route != nil || tp.ItinerantVillages != 2 {
			t.Errorf("%+v", tp)
		}
		if s := plan.Villages[1]; s.NearestTHCIndex != -1 || !math.IsInf(s.NearestTHCDistanceM, 1) {
			t.Errorf("village %+v", s)
		}
	})
	t.Run("two THCs in one township", func(t *testing.T) {
		fs2 := append(slices.Clone(fs), clinicTFacility("thcA2", TownshipHealthCentre, clinicTAt(thcA, 0, 40), 50))
		plan := clinicTPlan(t, vs[:3], fs2, DefaultClinicOptions())
		if tp := plan.Townships[0]; tp.THC != 0 || !slices.Contains(tp.Flags, FlagMultipleTHC) {
			t.Errorf("%+v", tp)
		}
	})
}
