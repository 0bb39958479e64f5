package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/numfmt"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"

	"github.com/mattn/go-runewidth"
)

// WritePlanTable writes s as a compact fixed-width table for a terminal:
// per county the population, the covered share today and with the proposed
// sub-centres, and the chosen site ids in rank order; a total row; the
// policy rules the plan does not meet (a "Warnings" block, each with what
// would meet it); the sweep when one ran; clinic-plan totals over all townships, with a line
// on the villages of MergeBelow to OwnClinicFrom-1 residents counted as own
// clinics though no rule requires one; and the number of rejected input
// rows. A line under the title says how many sub-centres per county were
// asked for, and that the least gain (--min-gain-pop) only steers "auto". Columns are aligned by display
// width as in WriteCoverageTable.
func WritePlanTable(w io.Writer, s summary.PlanSummary) error {
	tw := tableWriter{cond: &runewidth.Condition{StrictEmojiNeutral: true}}
	bw := bufio.NewWriter(w)
	policy := ""
	if s.Policy.Name != "" {
		policy = ", policy " + tw.text(s.Policy.Name)
	}
	radius, measure := strconv.FormatFloat(s.RadiusKm, 'f', -1, 64)+" km", "geodesic distance"
	if m := s.Metric; m != nil {
		measure = m.Description + "; clinic plan " + m.Clinic
		if m.RadiusMinutes > 0 {
			radius = strconv.FormatFloat(m.RadiusMinutes, 'f', -1, 64) + " min"
		}
	}
	fmt.Fprintf(bw, "Sub-centre plan within %s (%s%s)\n", radius, measure, policy)
	o := &s.Options
	if o.K == 0 {
		fmt.Fprintf(bw, "Sub-centres per county: auto, up to %d, adding a site while it newly covers at least %s (--min-gain-pop; auto only)\n\n",
			o.MaxK, quantity(int64(o.MinGainPop), "person", "people"))
	} else {
		fmt.Fprintf(bw, "Sub-centres per county: %d, fixed (--min-gain-pop applies only to auto)\n\n", int(o.K))
	}

	t := tw.newTable("County", "Villages", "Population", "Covered today", "Covered after", "Gain", "Sub-centres")
	t.alignLeft(6)
	row := func(name string, c *summary.PlanCover, sites string) {
		t.add(tw.text(name), numfmt.GroupThousands(int64(c.Villages)), numfmt.GroupThousands(c.Population), percent(c.ShareBefore),
			percent(c.ShareAfter), numfmt.GroupThousands(c.Gain()), sites)
	}
	for i := range s.Counties {
		c := &s.Counties[i]
		row(c.County, &c.PlanCover, tw.text(strings.Join(c.Subcentres, ",")))
	}
	t.rule()
	row("Total", &s.Total.PlanCover, numfmt.GroupThousands(int64(s.Total.Subcentres)))
	t.write(bw)
	writePlanWarnings(bw, tw, s.PolicyWarnings())

	if len(s.Sweep) > 0 {
		fmt.Fprintln(bw, "\nSweep")
		st := tw.newTable("Radius km", "Per county", "Sub-centres", "Covered today", "Covered after", "Gain")
		for i := range s.Sweep {
			r := &s.Sweep[i]
			st.add(strconv.FormatFloat(r.RadiusKm, 'f', -1, 64), r.K.String(), numfmt.GroupThousands(int64(r.Subcentres)),
				percent(r.ShareBefore), percent(r.ShareAfter), numfmt.GroupThousands(r.Gain()))
		}
		st.write(bw)
	}

	var c clinicTotals
	c.add(s.Townships)
	fmt.Fprintf(bw, "\nClinic plan (%s): own clinics %s, joint clinics %s (member villages %s), itinerant villages %s (route days %s, %s km), single villages %s\n",
		quantity(c.townships, "township", "townships"), numfmt.GroupThousands(c.own), numfmt.GroupThousands(c.joint), numfmt.GroupThousands(c.members), numfmt.GroupThousands(c.itinerant),
		numfmt.GroupThousands(c.days), kmText(c.routeKm), numfmt.GroupThousands(c.single))
	fmt.Fprintf(bw, "Village doctors: needed %s, gap %s. Township centres below the R11 staff quota: %s, gap %s. Flagged townships: %s\n",
		numfmt.GroupThousands(c.doctors), c.doctorGap.text(), numfmt.GroupThousands(c.thcShort), c.thcGap.text(), numfmt.GroupThousands(c.flagged))
	if o.OwnClinicFrom > o.MergeBelow {
		fmt.Fprintf(bw, "Own clinics include villages of %s residents, which keep or set up their own clinic though no rule requires it "+
			"(required_clinic=false; R9 requires one from %s).\n", rangeText(o.MergeBelow, o.OwnClinicFrom-1), numfmt.GroupThousands(int64(o.OwnClinicFrom)))
	}
	fmt.Fprintf(bw, "\nRejected input rows: %s\n", numfmt.GroupThousands(int64(s.RejectedCount)))
	if n := s.InputWarnings(); n > 0 {
		fmt.Fprintf(bw, "Input warnings: %s\n", numfmt.GroupThousands(int64(n)))
	}
	return table.WrapWrite(bw.Flush())
}
