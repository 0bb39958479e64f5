package maps

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"gonum.org/v1/plot/vg"
)

func TestClinicOfService(t *testing.T) {
	for _, c := range []struct {
		service string
		hosts   bool
		want    VillageClinic
		ok      bool
	}{
		{"own_clinic", false, OwnClinic, true},
		{"single", false, OwnClinic, true},
		{"joint_host", false, JointClinicHost, true},
		{"joint_host", true, JointClinicHost, true},
		{"joint_member", false, NoClinic, true},
		{"itinerant", false, NoClinic, true},
		{"township_centre", false, NoClinic, true},
		{"", false, NoClinic, true},
		{"", true, JointClinicHost, true},
		{"hospital", false, NoClinic, false},
	} {
		got, ok := clinicOfService(c.service, c.hosts)
		if got != c.want || ok != c.ok {
			t.Errorf("clinicOfService(%q, %v) = %v, %v; want %v, %v", c.service, c.hosts, got, ok, c.want, c.ok)
		}
	}
}

// TestSceneFromPlanClinics checks that the scene's village clinics are
// the clinic plan's: own clinics (and single villages) and joint clinic
// hosts.
func TestSceneFromPlanClinics(t *testing.T) {
	_, _, res, s := smallPlan(t)
	for i, vs := range res.Clinics.Villages {
		want := NoClinic
		switch {
		case vs.HostsJointClinic:
			want = JointClinicHost
		case vs.Service == "own_clinic" || vs.Service == "single":
			want = OwnClinic
		}
		if s.Villages[i].Clinic != want {
			t.Errorf("village %s (%s): clinic %v, want %v", s.Villages[i].ID, vs.Service, s.Villages[i].Clinic, want)
		}
	}
}

// TestPlanClinicsHiddenWhenCrowded draws a plan where every village has a
// clinic: on a small page the crosses are left out and the legend says so;
// on a large one they are drawn.
func TestPlanClinicsHiddenWhenCrowded(t *testing.T) {
	s := &Scene{RadiusKm: 15}
	for i := range 2000 {
		s.Villages = append(s.Villages, SceneVillage{ID: fmt.Sprint(i), County: "C", Population: 900,
			Location: orb.Point{110 + float64(i%50)*0.01, 35 + float64(i/50)*0.01}, Clinic: VillageClinic(1 + i%2)})
	}
	legend := func(m *Map) string {
		var b strings.Builder
		for _, e := range m.planClinicEntries() {
			b.WriteString(e.label + ": " + e.counts + "\n")
		}
		return b.String()
	}
	for _, c := range []struct {
		name   string
		widthM float64 // page side in cm
		hidden bool
	}{{"small page", 10, true}, {"large page", 60, false}} {
		m, err := New(s, Options{Width: vg.Length(c.widthM) * vg.Centimeter, Height: vg.Length(c.widthM) * vg.Centimeter})
		if err != nil {
			t.Fatal(err)
		}
		if m.layout.hidePlanClinics != c.hidden {
			t.Errorf("%s: hidden %v, want %v", c.name, m.layout.hidePlanClinics, c.hidden)
		}
		want := "Own village clinic: 1,000 villages\nJoint clinic, in its host village: 1,000 villages\n"
		if c.hidden {
			want = strings.ReplaceAll(want, "villages\n", "villages, not drawn at this scale\n")
		}
		if got := legend(m); got != want {
			t.Errorf("%s: legend\n%s\nwant\n%s", c.name, got, want)
		}
	}
}
