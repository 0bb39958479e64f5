package programme

import "github.com/catchment/catchment/planner/note"

// indicator computes one indicator of the county.
func (a *cardAgg) indicator(key string, t Target) Indicator {
	ind := Indicator{Key: key, Target: t, Status: StatusNotAssessed}
	basis := func(code note.Code, kv ...any) { ind.basis(note.New(code, kv...)) }
	per := func(num cardCount, what string, scale float64, denom int64, denomWhat string) {
		switch {
		case num.known == 0:
			basis(note.BasisNoFigure, "what", what)
		case num.absent > 0:
			basis(note.BasisUnknownFor, "what", what, "unknown", num.absent, "total", num.known+num.absent, "of", note.WordFacilities)
		case denom <= 0:
			basis(note.BasisNone, "of", denomWhat)
		default:
			ind.set(float64(num.sum)*scale/float64(denom), note.New(note.BasisPer, "count", num.sum, "what", what, "per_count", denom, "per", denomWhat))
		}
	}
	share := func(num, den cardCount, what, of string) {
		switch {
		case den.known+den.absent == 0:
			basis(note.BasisNone, "of", of)
		case num.known == 0:
			basis(note.BasisNoFigure, "what", what)
		case num.absent > 0 || den.absent > 0:
			basis(note.BasisUnknownFor, "what", what, "unknown", max(num.absent, den.absent), "total", num.known+num.absent, "of", of)
		case den.sum == 0:
			basis(note.BasisNone, "of", of)
		default:
			ind.set(float64(num.sum)/float64(den.sum), note.New(note.BasisShare, "count", num.sum, "total", den.sum, "of", of))
		}
	}
	switch key {
	case IndVillageDoctors:
		per(a.doctors, note.WordVillageDoctorsStaff, 1000, a.served, note.WordPeopleServed)
	case IndTHCStaff:
		per(a.thcStaff, note.WordTHCStaff, 1000, a.residents, a.residentsFrom)
	case IndPrimaryCare:
		per(a.tableOr(a.tableWorkers, a.workers), note.WordHealthWorkers, 1000, a.residents, a.residentsFrom)
	case IndGPs:
		per(a.tableOr(a.tableGPs, a.gps), note.WordGPs, 10000, a.residents, a.residentsFrom)
	case IndLicensedShare:
		share(a.licensed, a.doctors, note.WordLicensedDoctors, note.WordVillageDoctors)
	case IndFeverClinic:
		share(a.fever, cardCount{sum: int64(a.thcs), known: a.thcs}, note.WordFeverClinic, note.WordTownshipHealthCentres)
		if a.fever.absent > 0 {
			basis(note.BasisUnknownFor, "what", note.WordFeverClinic, "unknown", a.fever.absent, "total", a.thcs, "of", note.WordTownshipHealthCentres)
		}
	case IndAmbulance:
		share(a.amb, cardCount{sum: int64(a.thcs), known: a.thcs}, note.WordAmbulance, note.WordTownshipHealthCentres)
		if a.amb.absent > 0 {
			basis(note.BasisUnknownFor, "what", note.WordAmbulance, "unknown", a.amb.absent, "total", a.thcs, "of", note.WordTownshipHealthCentres)
		}
	}
	return ind
}

// basis sets the indicator's basis: one note, and its English.
func (ind *Indicator) basis(n note.Note) {
	ind.BasisNotes = []note.Note{n}
	ind.Basis = note.Text(ind.BasisNotes)
}

// tableOr prefers the county table's figure when it has one.
func (a *cardAgg) tableOr(table int, facilities cardCount) cardCount {
	if table >= 0 {
		return cardCount{sum: int64(table), known: 1}
	}
	return facilities
}

// set records an assessed value and scores it against the target.
func (ind *Indicator) set(v float64, basis note.Note) {
	ind.Value = &v
	ind.basis(basis)
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
		s.BasisNotes = append(s.BasisNotes, note.New(note.SubsidyPlan, "needed", a.doctorsNeeded, "today", have))
	default:
		s.Doctors = have
		s.BasisNotes = append(s.BasisNotes, note.New(note.SubsidyToday, "today", have))
	}
	if a.doctors.absent > 0 {
		s.BasisNotes = append(s.BasisNotes, note.New(note.SubsidyStaffUnknown, "clinics", a.doctors.absent))
	}
	if a.licensed.complete() {
		s.Licensed = min(int(a.licensed.sum), s.Doctors)
		rest := int64(s.Doctors - s.Licensed)
		s.MinYuanPerMonth = int64(s.Licensed)*SubsidyAssistantPhysicianYuan + rest*SubsidyVillageDoctorYuan
		s.MaxYuanPerMonth = int64(s.Licensed)*SubsidyPhysicianYuan + rest*SubsidyVillageDoctorYuan
		s.BasisNotes = append(s.BasisNotes, note.New(note.SubsidyLicensed))
	} else {
		s.MinYuanPerMonth = int64(s.Doctors) * SubsidyVillageDoctorYuan
		s.MaxYuanPerMonth = int64(s.Doctors) * SubsidyPhysicianYuan
		s.BasisNotes = append(s.BasisNotes, note.New(note.SubsidyFullRange))
	}
	s.Basis = note.Text(s.BasisNotes)
	return s
}
