package planner

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
)

// clinicTBase is an arbitrary rural point in Shanxi (lon, lat degrees).
var clinicTBase = orb.Point{112.0, 37.0}

// clinicTAt is the point km kilometres from p along azimuth azDeg.
func clinicTAt(p orb.Point, azDeg, km float64) orb.Point { return geo.Direct(p, azDeg, km*1000) }

// clinicTIndexDistM measures the distance from p to q the way the planner
// does: through a geo.Index query centred on p.
func clinicTIndexDistM(t testing.TB, p, q orb.Point) float64 {
	t.Helper()
	_, d, ok := geo.NewIndex([]orb.Point{q}).Nearest(p)
	if !ok {
		t.Fatal("empty index")
	}
	return d
}

// clinicTExactKm returns a km figure whose km*1000 equals distM exactly, so
// that a radius of that many km lies exactly on the boundary.
func clinicTExactKm(t testing.TB, distM float64) float64 {
	t.Helper()
	km := distM / 1000
	for range 64 {
		switch m := km * 1000; {
		case m == distM:
			return km
		case m < distM:
			km = math.Nextafter(km, math.Inf(1))
		default:
			km = math.Nextafter(km, math.Inf(-1))
		}
	}
	t.Fatalf("no km value maps exactly to %v m", distM)
	return 0
}

// clinicTBelowKm returns the largest km figure whose km*1000 is below distM.
func clinicTBelowKm(t testing.TB, distM float64) float64 {
	t.Helper()
	km := clinicTExactKm(t, distM)
	for km*1000 >= distM {
		km = math.Nextafter(km, math.Inf(-1))
	}
	return km
}

func clinicTVillage(id string, pop int, p orb.Point) Village {
	return Village{ID: id, Name: id, County: "C", Township: "T", Population: pop, Location: p}
}

func clinicTFacility(id string, typ FacilityType, p orb.Point, staff int) Facility {
	return Facility{ID: id, Name: id, Type: typ, County: "C", Township: "T", Location: p, Beds: CapacityUnknown, Staff: staff}
}

func clinicTPlan(t testing.TB, vs []Village, fs []Facility, opt ClinicOptions) *ClinicPlan {
	t.Helper()
	plan, err := PlanClinics(context.Background(), vs, fs, opt)
	if err != nil {
		t.Fatalf("PlanClinics: %v", err)
	}
	clinicTCheckPlan(t, vs, plan)
	return plan
}

// clinicTCheckPlan asserts the invariants every plan must satisfy whatever
// the input: a known service per village, consistent host links and joint
// lists, and township totals that add up.
func clinicTCheckPlan(t testing.TB, vs []Village, plan *ClinicPlan) {
	t.Helper()
	if len(plan.Villages) != len(vs) {
		t.Fatalf("plan has %d villages, input %d", len(plan.Villages), len(vs))
	}
	counts := make([]map[Service]int, len(plan.Townships))
	for i := range counts {
		counts[i] = map[Service]int{}
	}
	ownDoctors := make([]int, len(plan.Townships)) // own clinics and singles
	for i, s := range plan.Villages {
		if s.Service == ServiceSingle || s.Service == ServiceOwnClinic && !s.HostsJointClinic {
			ownDoctors[s.TownshipIndex] += max(1, (vs[i].Population+999)/1000)
		}
		tp := &plan.Townships[s.TownshipIndex]
		if tp.County != vs[i].County || tp.Township != vs[i].Township {
			t.Fatalf("village %d in township %q/%q, plan says %q/%q", i, vs[i].County, vs[i].Township, tp.County, tp.Township)
		}
		counts[s.TownshipIndex][s.Service]++
		switch s.Service {
		case ServiceOwnClinic, ServiceItinerant, ServiceTownshipCentre, ServiceSingle:
			if s.HostsJointClinic != (s.HostIndex == i) || (!s.HostsJointClinic && s.HostIndex != -1) {
				t.Fatalf("village %d (%s): HostIndex %d, HostsJointClinic %v", i, s.Service, s.HostIndex, s.HostsJointClinic)
			}
			if s.Service == ServiceSingle && s.HostsJointClinic {
				t.Fatalf("single village %d hosts a clinic", i)
			}
		case ServiceJointHost:
			if !s.HostsJointClinic || s.HostIndex != i {
				t.Fatalf("joint host %d: HostIndex %d, HostsJointClinic %v", i, s.HostIndex, s.HostsJointClinic)
			}
		case ServiceJointMember:
			h := s.HostIndex
			if h < 0 || h == i || !plan.Villages[h].HostsJointClinic || plan.Villages[h].TownshipIndex != s.TownshipIndex {
				t.Fatalf("joint member %d: bad host %d", i, h)
			}
		default:
			t.Fatalf("village %d: unexpected service %q", i, s.Service)
		}
		if s.Required && s.Service != ServiceOwnClinic {
			t.Fatalf("village %d: Required on %s", i, s.Service)
		}
	}
	for ti := range plan.Townships {
		tp := &plan.Townships[ti]
		c := counts[ti]
		if tp.OwnClinics != c[ServiceOwnClinic] || tp.JointMembers != c[ServiceJointMember] ||
			tp.ItinerantVillages != c[ServiceItinerant] || tp.TownshipCentreVillages != c[ServiceTownshipCentre] ||
			tp.SingleVillages != c[ServiceSingle] || tp.JointClinics != len(tp.Joint) {
			t.Fatalf("township %s/%s: totals %+v do not match services %v", tp.County, tp.Township, tp, c)
		}
		members, doctors := 0, ownDoctors[ti]
		for _, jc := range tp.Joint {
			pop := vs[jc.Host].Population
			for _, m := range jc.Members {
				if plan.Villages[m].Service != ServiceJointMember || plan.Villages[m].HostIndex != jc.Host {
					t.Fatalf("joint clinic at %d lists %d which is %+v", jc.Host, m, plan.Villages[m])
				}
				pop += vs[m].Population
			}
			members += len(jc.Members)
			if jc.PopulationServed != pop || jc.DoctorsNeeded != max(1, (pop+999)/1000) {
				t.Fatalf("joint clinic at %d: served %d doctors %d, want %d", jc.Host, jc.PopulationServed, jc.DoctorsNeeded, pop)
			}
			doctors += jc.DoctorsNeeded
		}
		if members != tp.JointMembers {
			t.Fatalf("township %s: %d members listed, %d counted", tp.Township, members, tp.JointMembers)
		}
		if doctors != tp.DoctorsNeeded {
			t.Fatalf("township %s: DoctorsNeeded %d, recomputed %d", tp.Township, tp.DoctorsNeeded, doctors)
		}
		if ti > 0 {
			p := &plan.Townships[ti-1]
			if p.County > tp.County || p.County == tp.County && p.Township >= tp.Township {
				t.Fatalf("townships out of order: %s/%s before %s/%s", p.County, p.Township, tp.County, tp.Township)
			}
		}
	}
}

func clinicTServices(plan *ClinicPlan) []string {
	out := make([]string, len(plan.Villages))
	for i, s := range plan.Villages {
		out[i] = fmt.Sprint(s.Service)
	}
	return out
}
