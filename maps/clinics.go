package maps

import (
	"fmt"

	"github.com/catchment/catchment/data/i18n"
	"gonum.org/v1/plot/vg"
)

// VillageClinic is the village clinic a plan puts in a village.
type VillageClinic uint8

// The village clinics of a plan, drawn on the village's dot, whose colour
// (its cover) stays visible: a white cross for a clinic (the medical
// sign), and a ring in the joint-clinic colour around the dot of a joint
// clinic's host.
const (
	// NoClinic: served by a joint clinic elsewhere, itinerant visits or the
	// township health centre (or no clinic plan).
	NoClinic VillageClinic = iota
	// OwnClinic: the village has (or needs) a clinic of its own; a village
	// with no neighbour to share one (service "single") counts here, as
	// the planner counts it.
	OwnClinic
	// JointClinicHost: a joint clinic stands in this village.
	JointClinicHost
)

func (c VillageClinic) String() string {
	switch c {
	case NoClinic:
		return "none"
	case OwnClinic:
		return "own_clinic"
	case JointClinicHost:
		return "joint_host"
	}
	return fmt.Sprintf("VillageClinic(%d)", uint8(c))
}

// clinicOfService is the clinic of a village by its plan service (the
// "service" property of a plan file, planner.Service) and whether it hosts
// a joint clinic; ok is false for a service the planner does not know.
func clinicOfService(service string, hostsJoint bool) (VillageClinic, bool) {
	if hostsJoint {
		return JointClinicHost, true
	}
	switch service {
	case "own_clinic", "single":
		return OwnClinic, true
	case "joint_host":
		return JointClinicHost, true
	case "", "joint_member", "itinerant", "township_centre":
		return NoClinic, true
	}
	return NoClinic, false
}

// Plan clinic symbols: the cross spans planClinicCross of the dot's
// radius, with lines planClinicLinePt wide; a joint host's ring is
// planClinicRingPt wide, just outside the dot.
const (
	planClinicCross  = 0.62
	planClinicLinePt = 0.65
	planClinicRingPt = 0.9
)

// planClinic draws a plan clinic on a village dot of radius r at at.
func planClinic(c vg.Canvas, at vg.Point, r vg.Length, kind VillageClinic) {
	plus(c, at, r*planClinicCross, palette.Background, planClinicLinePt)
	if kind == JointClinicHost {
		stroke(c, circlePath(at, r+planClinicRingPt/2), palette.JointClinic, planClinicRingPt)
	}
}

// planClinicCounts counts the scene's villages with an own clinic and with
// a joint clinic.
func (s *Scene) planClinicCounts() (own, joint int) {
	for _, v := range s.Villages {
		switch v.Clinic {
		case OwnClinic:
			own++
		case JointClinicHost:
			joint++
		}
	}
	return own, joint
}

// drawPlanClinics draws the plan's village clinics over the village dots,
// unless the map is too crowded for them (layout.hidePlanClinics).
func (m *Map) drawPlanClinics(c vg.Canvas) {
	if m.layout.hidePlanClinics {
		return
	}
	for _, v := range m.scene.Villages {
		if v.Clinic != NoClinic {
			planClinic(c, m.proj.Point(v.Location), VillageRadius(v.Population)*m.layout.markerScale, v.Clinic)
		}
	}
}

// planClinicEntries are the legend rows of the plan's village clinics.
func (m *Map) planClinicEntries() []legendEntry {
	own, joint := m.scene.planClinicCounts()
	l := m.lang()
	var out []legendEntry
	for _, e := range []struct {
		kind  VillageClinic
		n     int
		label string
	}{{OwnClinic, own, l.S(i18n.Msg{En: "Own village clinic", Zh: "本村村卫生室"})},
		{JointClinicHost, joint, l.S(i18n.Msg{En: "Joint clinic, in its host village", Zh: "联办村卫生室（设在所在村）"})}} {
		if e.n == 0 {
			continue
		}
		what := m.count(e.n, nounVillage)
		if m.layout.hidePlanClinics {
			what += l.S(mw.notDrawn)
		}
		kind := e.kind
		out = append(out, legendEntry{func(c vg.Canvas, at vg.Point, size vg.Length) {
			// Any village colour: a neutral grey dot.
			marker(c, circlePath(at, size*0.3), palette.TextMuted, palette.Village.Outline, 0.35)
			planClinic(c, at, size*0.3, kind)
		}, e.label, what})
	}
	return out
}
