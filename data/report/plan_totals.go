package report

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"
)

// clinicTotals adds up townships' clinic plans.
type clinicTotals struct {
	townships, own, joint, members, itinerant, single, days, doctors, flagged int64
	// groupsOfOne are joint clinics no other village joins
	// (FlagJointGroupOfOne): counted with the small villages alone, not as
	// joint clinics.
	groupsOfOne int64
	routeKm     float64
	doctorGap   gapTotal
	thcGap      gapTotal
	// thcShort and thcOver count townships whose centre is below or
	// above its R11 quota; thcExcess sums the staff above.
	thcShort, thcOver, thcExcess int64
}

// shared is the joint clinics that serve more than one village.
func (c *clinicTotals) shared() int64 { return c.joint - c.groupsOfOne }

// alone is the small villages with a clinic of their own: those with no
// neighbour within reach and those whose joint clinic no one joins.
func (c *clinicTotals) alone() int64 { return c.single + c.groupsOfOne }

// gapTotal sums known gaps and counts the unknown ones.
type gapTotal struct{ sum, unknown int64 }

func (g *gapTotal) add(c summary.Count) {
	if c.Known() {
		g.sum += int64(c)
	} else {
		g.unknown++
	}
}

var gapUnknown = i18n.Msg{En: "%s (%s unknown)", Zh: "%s（%s不详）"}

// text is the sum, saying how many townships are unknown: "12 (3
// townships unknown)".
func (g gapTotal) text(l i18n.Lang) string {
	if g.unknown > 0 {
		return l.F(gapUnknown, numfmt.GroupThousands(g.sum), l.N(g.unknown, nounTownship))
	}
	return numfmt.GroupThousands(g.sum)
}

func (c *clinicTotals) add(ts []summary.PlanTownship) {
	for i := range ts {
		t := &ts[i]
		c.townships++
		c.own += int64(t.OwnClinics)
		c.joint += int64(t.JointClinics)
		c.groupsOfOne += int64(t.FlagCounts[planner.FlagJointGroupOfOne])
		c.members += int64(t.JointMembers)
		c.itinerant += int64(t.ItinerantVillages)
		c.single += int64(t.SingleVillages)
		c.days += int64(t.RouteDays)
		c.routeKm += t.RouteKm
		c.doctors += int64(t.StaffNeeded)
		c.doctorGap.add(t.DoctorGap)
		c.thcGap.add(t.THCStaffGap)
		if t.THCStaffGap.Known() && t.THCStaffGap > 0 {
			c.thcShort++
		}
		if t.THCStaff.Known() && t.THCStaffMax > 0 && int(t.THCStaff) > t.THCStaffMax {
			c.thcOver++
			c.thcExcess += int64(int(t.THCStaff) - t.THCStaffMax)
		}
		if keys, _ := townshipFlags(t); len(keys) > 0 {
			c.flagged++
		}
	}
}

// kmText formats kilometres for people: whole numbers as they are (options
// such as 15 km), others with one decimal, with thousands separators:
// 15, 2.5, 12,955.5.
func kmText(km float64) string {
	if km == math.Trunc(km) && math.Abs(km) < 1e15 {
		return numfmt.GroupThousands(int64(km))
	}
	s := strconv.FormatFloat(km, 'f', 1, 64)
	dot := strings.IndexByte(s, '.')
	if dot < 0 { // Inf or NaN
		return s
	}
	sign, digits := "", s[:dot]
	if strings.HasPrefix(digits, "-") {
		sign, digits = "-", digits[1:]
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return s
	}
	return sign + numfmt.GroupThousands(n) + s[dot:]
}

// quantity is n with thousands separators and the noun in the number n
// takes: "1 county", "0 counties", "1,200 people".
func quantity(n int64, one, many string) string {
	return numfmt.GroupThousands(n) + " " + agree(n, one, many)
}

// agree is the form of a word that agrees with a count of n: "person" or
// "people", "lives" or "live".
func agree(n int64, one, many string) string {
	if n == 1 || n == -1 {
		return one
	}
	return many
}

func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}
