package programme

import (
	"fmt"

	"github.com/catchment/catchment/internal/numfmt"
)

// indicator computes one indicator of the county.
func (a *cardAgg) indicator(key string, t Target) Indicator {
	ind := Indicator{Key: key, Target: t, Status: StatusNotAssessed}
	per := func(num cardCount, what string, scale float64, denom int64, denomWhat string) {
		switch {
		case num.known == 0:
			ind.Basis = fmt.Sprintf("no %s figure", what)
		case num.absent > 0:
			ind.Basis = fmt.Sprintf("%s unknown for %d of %d facilities", what, num.absent, num.known+num.absent)
		case denom <= 0:
			ind.Basis = fmt.Sprintf("no %s", denomWhat)
		default:
			ind.set(float64(num.sum)*scale/float64(denom), fmt.Sprintf("%d %s / %s %s", num.sum, what, numfmt.GroupThousands(denom), denomWhat))
		}
	}
	share := func(num, den cardCount, what, of string) {
		switch {
		case den.known+den.absent == 0:
			ind.Basis = "no " + of
		case num.known == 0:
			ind.Basis = fmt.Sprintf("no %s figure", what)
		case num.absent > 0 || den.absent > 0:
			ind.Basis = fmt.Sprintf("%s unknown for %d of %d %s", what, max(num.absent, den.absent), num.known+num.absent, of)
		case den.sum == 0:
			ind.Basis = "no " + of
		default:
			ind.set(float64(num.sum)/float64(den.sum), fmt.Sprintf("%d of %d %s", num.sum, den.sum, of))
		}
	}
	residents := "residents (" + a.residentsFrom + ")"
	switch key {
	case IndVillageDoctors:
		per(a.doctors, "village doctors (village clinic staff)", 1000, a.served, "people served")
	case IndTHCStaff:
		per(a.thcStaff, "township centre staff", 1000, a.residents, residents)
	case IndPrimaryCare:
		per(a.tableOr(a.tableWorkers, a.workers), "health workers", 1000, a.residents, residents)
	case IndGPs:
		per(a.tableOr(a.tableGPs, a.gps), "general practitioners", 10000, a.residents, residents)
	case IndLicensedShare:
		share(a.licensed, a.doctors, "licensed doctors", "village doctors")
	case IndFeverClinic:
		share(a.fever, cardCount{sum: int64(a.thcs), known: a.thcs}, "fever clinic", "township health centres")
		if a.fever.absent > 0 {
			ind.Basis = fmt.Sprintf("fever clinic unknown for %d of %d township health centres", a.fever.absent, a.thcs)
		}
	case IndAmbulance:
		share(a.amb, cardCount{sum: int64(a.thcs), known: a.thcs}, "ambulance", "township health centres")
		if a.amb.absent > 0 {
			ind.Basis = fmt.Sprintf("ambulance unknown for %d of %d township health centres", a.amb.absent, a.thcs)
		}
	}
	return ind
}

// tableOr prefers the county table's figure when it has one.
func (a *cardAgg) tableOr(table int, facilities cardCount) cardCount {
	if table >= 0 {
		return cardCount{sum: int64(table), known: 1}
	}
	return facilities
}

// set records an assessed value and scores it against the target.
func (ind *Indicator) set(v float64, basis string) {
	ind.Value, ind.Basis = &v, basis
	t := ind.Target
	score := 1.0
	if t.Min > 0 && v < t.Min {
		score = v / t.Min
	}
	ind.Score = &score
	ind.Status = StatusMet
	if v < t.Min || (t.Max > 0 && v > t.Max) {
		ind.Status = StatusNotMet
	}
}

// subsidy is R14's monthly cost of the county's village doctors: the
// doctors the clinic plan needs (or today's, whichever is more; today's
// alone without a plan), licensed ones at 800–1,000 yuan (assistant or full
// physician: the input does not say), the others at 600.
func (a *cardAgg) subsidy() SubsidyCost {
	s := SubsidyCost{Licensed: -1}
	have := int(a.doctors.sum)
	switch {
	case a.doctorsNeeded >= 0:
		s.Doctors = max(a.doctorsNeeded, have)
		s.Basis = fmt.Sprintf("the plan's %d village doctors (R10) or today's %d, whichever is more", a.doctorsNeeded, have)
	default:
		s.Doctors = have
		s.Basis = fmt.Sprintf("today's %d village doctors (no clinic plan)", have)
	}
	if a.doctors.absent > 0 {
		s.Basis += fmt.Sprintf("; staff unknown at %d village clinics", a.doctors.absent)
	}
	if a.licensed.complete() {
		s.Licensed = min(int(a.licensed.sum), s.Doctors)
		rest := int64(s.Doctors - s.Licensed)
		s.MinYuanPerMonth = int64(s.Licensed)*SubsidyAssistantPhysicianYuan + rest*SubsidyVillageDoctorYuan
		s.MaxYuanPerMonth = int64(s.Licensed)*SubsidyPhysicianYuan + rest*SubsidyVillageDoctorYuan
		s.Basis += "; R14: licensed 800–1,000 yuan, others 600"
	} else {
		s.MinYuanPerMonth = int64(s.Doctors) * SubsidyVillageDoctorYuan
		s.MaxYuanPerMonth = int64(s.Doctors) * SubsidyPhysicianYuan
		s.Basis += "; licences not known for every clinic, so R14's full range 600–1,000 yuan"
	}
	return s
}
