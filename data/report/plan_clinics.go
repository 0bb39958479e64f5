package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"
)

func (r *planReport) clinics() {
	s := r.s
	r.p("## %s\n\n", r.l.S(pm.clinics))
	r.clinicRules()
	if len(r.detail) < len(s.Counties) {
		r.p("%s\n\n", r.l.S(pm.clinicsDetail))
	}
	r.p("%s", r.l.S(pm.townshipHead))
	seen := map[string]bool{}
	for i := range s.Townships {
		t := &s.Townships[i]
		if r.detail[t.County] {
			r.township(t, seen)
		}
	}
	r.p("\n%s\n\n", r.l.S(pm.townshipNotes))
	if len(seen) > 0 {
		r.p("%s\n\n", r.l.S(pm.flagsIntro))
		for _, f := range append(flagOrder, unknownFlags(seen)...) {
			if seen[f] {
				r.p("- **%s**%s%s%s\n", mdText(r.flagLabel(f)), r.l.S(hm.colon), mdText(r.flagSentence(f)), r.l.S(pm.stop))
			}
		}
		r.p("\n")
	}
	if len(r.detail) < len(s.Counties) {
		r.otherClinics()
	}
}

// unknownFlags are the flags in seen that the report has no words for.
func unknownFlags(seen map[string]bool) []string {
	var out []string
	for f := range seen {
		if _, ok := flags[f]; !ok {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// township writes one row of the township table and marks its flags seen.
// A joint clinic that no other village joins (FlagJointGroupOfOne) is not
// counted as a joint clinic: its village is counted with the small
// villages alone.
func (r *planReport) township(t *summary.PlanTownship, seen map[string]bool) {
	route := "–"
	if t.RouteDays > 0 {
		route = r.km(t.RouteKm) + r.l.S(pm.clauseSep) + r.n(int64(t.RouteDays), nounDay)
	}
	keys, counts := townshipFlags(t)
	cells := make([]string, len(keys))
	for j, f := range keys {
		seen[f] = true
		cells[j] = mdText(r.flagLabel(f))
		if n := counts[f]; n > 0 {
			cells[j] += fmt.Sprintf(" ×%d", n)
		}
	}
	quota := numfmt.GroupThousands(int64(t.THCStaffMin))
	if t.THCStaffMax != t.THCStaffMin {
		quota += "–" + numfmt.GroupThousands(int64(t.THCStaffMax))
	}
	one := t.FlagCounts[planner.FlagJointGroupOfOne]
	r.p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
		mdText(t.County), mdText(t.Township), numfmt.GroupThousands(int64(t.Villages)), numfmt.GroupThousands(int64(t.OwnClinics)),
		numfmt.GroupThousands(int64(t.JointClinics-one)), numfmt.GroupThousands(int64(t.JointMembers)), numfmt.GroupThousands(int64(t.ItinerantVillages)), route,
		numfmt.GroupThousands(int64(t.TownshipCentreVillages)), numfmt.GroupThousands(int64(t.SingleVillages+one)), numfmt.GroupThousands(int64(t.StaffNeeded)),
		r.count(t.DoctorGap), r.count(t.THCStaff), quota, strings.Join(cells, r.l.S(pm.listSep)))
}

// clinicRules states the rules of the clinic plan with this run's
// thresholds, in the order the planner applies them, including the band
// between MergeBelow and OwnClinicFrom that no rule covers: those villages
// show as own_clinic with required_clinic false, and a reader needs to know
// that this is a default and not a requirement.
func (r *planReport) clinicRules() {
	o := &r.s.Options
	r.f(pm.rulesOwn, numfmt.GroupThousands(int64(o.OwnClinicFrom)), r.km(o.NearTHCKm))
	if o.ItinerantBelow > 0 {
		r.f(pm.rulesItinerant, numfmt.GroupThousands(int64(o.ItinerantBelow)))
	}
	if o.MergeBelow > o.ItinerantBelow {
		r.f(pm.rulesJoint, rangeText(o.ItinerantBelow, o.MergeBelow-1), r.km(o.MergeKm))
	}
	if o.OwnClinicFrom > o.MergeBelow {
		r.f(pm.rulesBand, rangeText(o.MergeBelow, o.OwnClinicFrom-1), numfmt.GroupThousands(int64(o.OwnClinicFrom)))
	}
	r.f(pm.rulesStaff)
	r.p("\n\n")
}

// rangeText is an inclusive range of residents: "500–799", or "500" when
// lo == hi.
func rangeText(lo, hi int) string {
	if lo == hi {
		return numfmt.GroupThousands(int64(lo))
	}
	return numfmt.GroupThousands(int64(lo)) + "–" + numfmt.GroupThousands(int64(hi))
}

// otherClinics totals the clinic plan per county for the counties not
// described in full.
func (r *planReport) otherClinics() {
	r.p("### %s\n\n%s", r.l.S(pm.otherClinics), r.l.S(pm.otherClinicsHead))
	ts := r.s.Townships
	for lo := 0; lo < len(ts); {
		hi := lo
		for hi < len(ts) && ts[hi].County == ts[lo].County {
			hi++
		}
		if !r.detail[ts[lo].County] {
			var c clinicTotals
			c.add(ts[lo:hi])
			r.p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", mdText(ts[lo].County), numfmt.GroupThousands(int64(hi-lo)),
				numfmt.GroupThousands(c.own), numfmt.GroupThousands(c.shared()), numfmt.GroupThousands(c.members), numfmt.GroupThousands(c.alone()),
				numfmt.GroupThousands(c.itinerant), kmText(c.routeKm), numfmt.GroupThousands(c.doctors), c.doctorGap.text(r.l), c.thcGap.text(r.l),
				numfmt.GroupThousands(c.thcOver), numfmt.GroupThousands(c.flagged))
		}
		lo = hi
	}
	r.p("\n")
}
