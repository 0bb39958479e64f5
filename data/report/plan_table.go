package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"

	"github.com/mattn/go-runewidth"
)

// WritePlanTable is WritePlanTableIn in English.
func WritePlanTable(w io.Writer, s summary.PlanSummary) error { return WritePlanTableIn(w, s, i18n.En) }

// WritePlanTableIn writes s as a compact fixed-width table for a terminal,
// in l: per county the population, emergency network cover, county-level care cover today and with
// the proposed sub-centres, and the chosen site ids in rank order; a total
// row; the policy rules the plan does not meet (a "Warnings" block, each
// with what would meet it); the sweep when one ran; clinic-plan totals over all townships
// (joint clinics no other village joins counted with the small villages
// alone), with a line on the villages of MergeBelow to OwnClinicFrom-1
// residents counted as own clinics though no rule requires one; and the
// number of rejected input rows. A line under the title says how many
// sub-centres per county were asked for, and that the least gain
// (--min-gain-pop) only steers "auto". Columns are aligned by display
// width as in WriteCoverageTable.
func WritePlanTableIn(w io.Writer, s summary.PlanSummary, l i18n.Lang) error {
	tw := tableWriter{cond: &runewidth.Condition{StrictEmojiNeutral: true}}
	bw := bufio.NewWriter(w)
	planTableTitle(bw, tw, &s, l)
	t := tw.newTable(l.S(tm.county), l.S(tm.villages), l.S(tm.population), l.S(tm.network), l.S(tm.careToday), l.S(tm.careAfter), l.S(tm.gain), l.S(tm.subcentres))
	t.alignLeft(7)
	row := func(name string, c *summary.PlanCover, sites string) {
		t.add(tw.text(name), numfmt.GroupThousands(int64(c.Villages)), numfmt.GroupThousands(c.Population), percent(c.NetworkCoveredShare), percent(c.CountyCareTodayShare),
			percent(c.CountyCareAfterShare), numfmt.GroupThousands(c.Gain()), sites)
	}
	for i := range s.Counties {
		c := &s.Counties[i]
		row(c.County, &c.PlanCover, tw.text(strings.Join(c.Subcentres, ",")))
	}
	t.rule()
	row(l.S(tm.total), &s.Total.PlanCover, numfmt.GroupThousands(int64(s.Total.Subcentres)))
	t.write(bw)
	writePlanWarnings(bw, tw, s.PolicyWarnings(), l)
	if len(s.Sweep) > 0 {
		fmt.Fprintf(bw, "\n%s\n", l.S(tm.sweep))
		st := tw.newTable(l.S(tm.radiusKm), l.S(tm.perCounty), l.S(tm.subcentres), l.S(tm.network), l.S(tm.careToday), l.S(tm.careAfter), l.S(tm.gain))
		for i := range s.Sweep {
			r := &s.Sweep[i]
			k := r.K.String()
			if r.K == 0 {
				k = l.S(tm.auto)
			}
			st.add(strconv.FormatFloat(r.RadiusKm, 'f', -1, 64), k, numfmt.GroupThousands(int64(r.Subcentres)),
				percent(r.NetworkCoveredShare), percent(r.CountyCareTodayShare), percent(r.CountyCareAfterShare), numfmt.GroupThousands(r.Gain()))
		}
		st.write(bw)
	}
	planTableClinics(bw, &s, l)
	fmt.Fprintf(bw, "\n%s\n", l.F(tm.rejected, numfmt.GroupThousands(int64(s.RejectedCount))))
	if n := s.InputWarnings(); n > 0 {
		fmt.Fprintf(bw, "%s\n", l.F(tm.warnings, numfmt.GroupThousands(int64(n))))
	}
	return table.WrapWrite(bw.Flush())
}

// planTableTitle writes the title and the line on the number of sites.
func planTableTitle(bw *bufio.Writer, tw tableWriter, s *summary.PlanSummary, l i18n.Lang) {
	policy := ""
	if s.Policy.Name != "" {
		policy = l.F(tm.policy, tw.text(s.Policy.Name))
	}
	radius, measure := strconv.FormatFloat(s.RadiusKm, 'f', -1, 64)+" km", l.S(tm.geodesic)
	if l == i18n.Zh {
		radius = strconv.FormatFloat(s.RadiusKm, 'f', -1, 64) + "公里"
	}
	if m := s.Metric; m != nil {
		measure = metricText(l, m.Description) + l.F(tm.clinicPlan, metricText(l, m.Clinic))
		if m.RadiusMinutes > 0 {
			radius = l.F(tm.minutes, strconv.FormatFloat(m.RadiusMinutes, 'f', -1, 64))
		}
	}
	fmt.Fprintf(bw, "%s\n", l.F(tm.planTitle, radius, measure, policy))
	o := &s.Options
	if o.K == 0 {
		fmt.Fprintf(bw, "%s\n\n", l.F(tm.kAuto, o.MaxK, l.N(int64(o.MinGainPop), nounPerson)))
	} else {
		fmt.Fprintf(bw, "%s\n\n", l.F(tm.kFixed, int(o.K)))
	}
}

// planTableClinics writes the clinic plan's totals.
func planTableClinics(bw *bufio.Writer, s *summary.PlanSummary, l i18n.Lang) {
	var c clinicTotals
	c.add(s.Townships)
	g := func(n int64) string { return numfmt.GroupThousands(n) }
	fmt.Fprintf(bw, "\n%s\n", l.F(tm.clinicLine, l.N(c.townships, nounTownship), g(c.own), g(c.shared()), g(c.members),
		g(c.alone()), g(c.itinerant), g(c.days), kmText(c.routeKm)))
	fmt.Fprintf(bw, "%s\n", l.F(tm.doctorLine, g(c.doctors), c.doctorGap.text(l), g(c.thcShort), c.thcGap.text(l), g(c.thcOver), g(c.thcExcess), g(c.flagged)))
	if o := &s.Options; o.OwnClinicFrom > o.MergeBelow {
		fmt.Fprintf(bw, "%s\n", l.F(tm.bandLine, rangeText(o.MergeBelow, o.OwnClinicFrom-1), numfmt.GroupThousands(int64(o.OwnClinicFrom))))
	}
}
