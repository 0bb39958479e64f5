package planner

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestPlanClinicsSingleOnlyWithoutNeighbour: an eligible village is single
// only when no other village of its township, of any service, lies within
// MergeKm; otherwise the set cover serves it, possibly from a bigger
// neighbour that keeps its own service (R6, R8 "extension service from a
// neighbouring village").
func TestPlanClinicsSingleOnlyWithoutNeighbour(t *testing.T) {
	thc := clinicTBase
	fs := []Facility{clinicTFacility("thc", TownshipHealthCentre, thc, 10)}
	o := clinicTAt(thc, 90, 20) // far beyond NearTHCKm

	type want struct {
		services []string
		hosts    []int // HostIndex per village
		flags    [][]string
		joint    []JointClinic
		singles  int
		doctors  int
	}
	tests := []struct {
		name     string
		villages func(t *testing.T) ([]Village, ClinicOptions)
		want     want
	}{{
		// The reviewer's case from the sample: V000040 (265 people) was
		// single although V000041 (624, own clinic) is 873 m away.
		name: "sample V000040 joins the clinic of V000041",
		villages: func(*testing.T) ([]Village, ClinicOptions) {
			return []Village{
				clinicTVillage("V000040", 265, orb.Point{111.844235, 37.613513}),
				clinicTVillage("V000041", 624, orb.Point{111.854073, 37.614287}),
			}, DefaultClinicOptions()
		},
		want: want{
			services: []string{"joint_member", "own_clinic"},
			hosts:    []int{1, 1},
			flags:    [][]string{nil, nil},
			joint:    []JointClinic{{Host: 1, Members: []int{0}, PopulationServed: 889, DoctorsNeeded: 1}},
			doctors:  1, // one clinic, not 1 + 1
		},
	}, {
		name: "own-clinic neighbour exactly MergeKm away hosts (inclusive)",
		villages: func(t *testing.T) ([]Village, ClinicOptions) {
			big := clinicTAt(o, 0, 3)
			opt := DefaultClinicOptions()
			opt.MergeKm = clinicTExactKm(t, clinicTIndexDistM(t, o, big))
			return []Village{clinicTVillage("e", 265, o), clinicTVillage("big", 624, big)}, opt
		},
		want: want{
			services: []string{"joint_member", "own_clinic"},
			hosts:    []int{1, 1},
			flags:    [][]string{nil, nil},
			joint:    []JointClinic{{Host: 1, Members: []int{0}, PopulationServed: 889, DoctorsNeeded: 1}},
			doctors:  1,
		},
	}, {
		name: "own-clinic neighbour just beyond MergeKm: single",
		villages: func(t *testing.T) ([]Village, ClinicOptions) {
			big := clinicTAt(o, 0, 3)
			opt := DefaultClinicOptions()
			opt.MergeKm = clinicTBelowKm(t, clinicTIndexDistM(t, o, big))
			return []Village{clinicTVillage("e", 265, o), clinicTVillage("big", 624, big)}, opt
		},
		want: want{
			services: []string{"single", "own_clinic"},
			hosts:    []int{-1, -1},
			flags:    [][]string{{FlagNoNeighbourWithinMergeKm}, nil},
			singles:  1,
			doctors:  2,
		},
	}, {
		// A township-centre village (near the THC) 2 km from an eligible one
		// farther out is its most populous host.
		name: "township-centre neighbour hosts",
		villages: func(*testing.T) ([]Village, ClinicOptions) {
			return []Village{
				clinicTVillage("tc", 450, clinicTAt(thc, 0, 1.5)),
				clinicTVillage("e", 300, clinicTAt(thc, 0, 3.5)),
			}, DefaultClinicOptions()
		},
		want: want{
			services: []string{"township_centre", "joint_member"},
			hosts:    []int{0, 0},
			flags:    [][]string{nil, nil},
			joint:    []JointClinic{{Host: 0, Members: []int{1}, PopulationServed: 750, DoctorsNeeded: 1}},
			doctors:  1,
		},
	}, {
		// The only neighbour is a smaller itinerant village, which keeps
		// its service: the eligible village is not single, and hosts itself.
		name: "only a smaller itinerant neighbour: group of one",
		villages: func(*testing.T) ([]Village, ClinicOptions) {
			return []Village{
				clinicTVillage("e", 300, o),
				clinicTVillage("it", 150, clinicTAt(o, 45, 1)),
			}, DefaultClinicOptions()
		},
		want: want{
			services: []string{"joint_host", "itinerant"},
			hosts:    []int{0, -1},
			flags:    [][]string{{FlagJointGroupOfOne}, nil},
			joint:    []JointClinic{{Host: 0, PopulationServed: 300, DoctorsNeeded: 1}},
			doctors:  1,
		},
	}, {
		// e1 and e2 are 2.9 km apart, each with a big village 0.5 km away
		// on the far side (3.4 km from the other). One host suffices (e1 or
		// e2); the two big villages would be two. e2 is more populous.
		name: "minimum count beats big neighbours",
		villages: func(*testing.T) ([]Village, ClinicOptions) {
			e2 := clinicTAt(o, 0, 2.9)
			return []Village{
				clinicTVillage("e1", 300, o),
				clinicTVillage("e2", 350, e2),
				clinicTVillage("big1", 700, clinicTAt(o, 180, 0.5)),
				clinicTVillage("big2", 700, clinicTAt(e2, 0, 0.5)),
			}, DefaultClinicOptions()
		},
		want: want{
			services: []string{"joint_member", "joint_host", "own_clinic", "own_clinic"},
			hosts:    []int{1, 1, -1, -1},
			flags:    [][]string{nil, nil, nil, nil},
			joint:    []JointClinic{{Host: 1, Members: []int{0}, PopulationServed: 650, DoctorsNeeded: 1}},
			doctors:  3,
		},
	}, {
		// Two eligible villages out of reach of each other but each within
		// reach of its own big village: two clinics, both at big villages.
		name: "two members of two own-clinic hosts",
		villages: func(*testing.T) ([]Village, ClinicOptions) {
			return []Village{
				clinicTVillage("e1", 300, o),
				clinicTVillage("big1", 700, clinicTAt(o, 0, 1)),
				clinicTVillage("e2", 350, clinicTAt(o, 0, 8)),
				clinicTVillage("big2", 1200, clinicTAt(o, 0, 9)),
			}, DefaultClinicOptions()
		},
		want: want{
			services: []string{"joint_member", "own_clinic", "joint_member", "own_clinic"},
			hosts:    []int{1, 1, 3, 3},
			flags:    [][]string{nil, nil, nil, {FlagNoClinicNearby}},
			joint: []JointClinic{
				{Host: 1, Members: []int{0}, PopulationServed: 1000, DoctorsNeeded: 1},
				{Host: 3, Members: []int{2}, PopulationServed: 1550, DoctorsNeeded: 2},
			},
			doctors: 3,
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vs, opt := tc.villages(t)
			plan := clinicTPlan(t, vs, fs, opt)
			if got := clinicTServices(plan); !slices.Equal(got, tc.want.services) {
				t.Fatalf("services %v, want %v", got, tc.want.services)
			}
			for i, s := range plan.Villages {
				if s.HostIndex != tc.want.hosts[i] || !slices.Equal(s.Flags, tc.want.flags[i]) {
					t.Errorf("village %s: host %d flags %v, want host %d flags %v",
						vs[i].ID, s.HostIndex, s.Flags, tc.want.hosts[i], tc.want.flags[i])
				}
			}
			tp := plan.Townships[0]
			if !slices.EqualFunc(tp.Joint, tc.want.joint, clinicTJointEqual) {
				t.Errorf("joint %+v, want %+v", tp.Joint, tc.want.joint)
			}
			if tp.SingleVillages != tc.want.singles || tp.DoctorsNeeded != tc.want.doctors || !tp.Exact {
				t.Errorf("singles %d doctors %d exact %v, want %d, %d, true",
					tp.SingleVillages, tp.DoctorsNeeded, tp.Exact, tc.want.singles, tc.want.doctors)
			}
		})
	}
}
