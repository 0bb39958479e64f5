package planner

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// clinicTProvince builds a synthetic province of the given number of
// counties (about 275 villages each): 14–22 townships per county, each a
// township health centre with 10–21 villages within 7 km, populations
// log-normal around 400 (so every service class occurs), a county hospital
// per county and village clinics in most villages of 300 or more.
func clinicTProvince(seed uint64, counties int) ([]Village, []Facility) {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var vs []Village
	var fs []Facility
	offset := func(p orb.Point, km float64) orb.Point {
		r := km * math.Sqrt(rng.Float64())
		az := 2 * math.Pi * rng.Float64()
		return orb.Point{
			p[0] + r*math.Sin(az)/(111.32*math.Cos(p[1]*math.Pi/180)),
			p[1] + r*math.Cos(az)/110.6,
		}
	}
	for c := range counties {
		county := fmt.Sprintf("C%04d", c)
		seat := orb.Point{100 + float64(c%40)*0.6, 25 + float64(c/40)*0.5}
		fs = append(fs, Facility{ID: county + "-H", Type: CountyHospital, County: county, Location: seat, Beds: 300, Staff: 400})
		towns := 14 + rng.IntN(9)
		for tn := range towns {
			town := fmt.Sprintf("T%02d", tn)
			centre := offset(seat, 22)
			staff := 15 + rng.IntN(45)
			if rng.IntN(10) == 0 {
				staff = CapacityUnknown
			}
			fs = append(fs, Facility{ID: county + town + "-THC", Type: TownshipHealthCentre, County: county, Township: town,
				Location: centre, Beds: 40, Staff: staff})
			for vn := range 10 + rng.IntN(12) {
				id := fmt.Sprintf("%s%sV%02d", county, town, vn)
				p := offset(centre, 7)
				pop := int(math.Exp(6 + 0.7*rng.NormFloat64()))
				vs = append(vs, Village{ID: id, Name: id, County: county, Township: town, Population: pop, Location: p})
				if pop >= 300 && rng.IntN(10) < 7 {
					st := 1 + rng.IntN(3)
					if rng.IntN(7) == 0 {
						st = CapacityUnknown
					}
					fs = append(fs, Facility{ID: id + "-VC", Type: VillageClinic, County: county, Township: town,
						Location: p, Beds: CapacityUnknown, Staff: st})
				}
			}
		}
	}
	return vs, fs
}

func BenchmarkPlanClinics(b *testing.B) {
	for _, counties := range []int{10, 100, 1000} {
		vs, fs := clinicTProvince(1, counties)
		b.Run(fmt.Sprintf("counties=%d/villages=%d", counties, len(vs)), func(b *testing.B) {
			b.ReportAllocs()
			var plan *ClinicPlan
			for b.Loop() {
				var err error
				if plan, err = PlanClinics(context.Background(), vs, fs, DefaultClinicOptions()); err != nil {
					b.Fatal(err)
				}
			}
			// Plan shape, so that a change of the joint-clinic rules shows
			// in the benchmark output next to its cost.
			var single, joint, members, groupOfOne int
			for _, tp := range plan.Townships {
				single += tp.SingleVillages
				joint += tp.JointClinics
				members += tp.JointMembers
			}
			for _, s := range plan.Villages {
				if slices.Contains(s.Flags, FlagJointGroupOfOne) {
					groupOfOne++
				}
			}
			b.ReportMetric(float64(single), "singles")
			b.ReportMetric(float64(joint), "joint_clinics")
			b.ReportMetric(float64(members), "joint_members")
			b.ReportMetric(float64(groupOfOne), "groups_of_one")
		})
	}
}
