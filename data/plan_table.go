package data

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"
)

// WritePlanTable writes s as a compact fixed-width table for a terminal:
// per county the population, the covered share today and with the proposed
// sub-centres, and the chosen site ids in rank order; a total row; the
// sweep when one ran; one line of clinic-plan totals over all townships;
// and the number of rejected input rows. Columns are aligned by display
// width as in WriteCoverageTable.
func WritePlanTable(w io.Writer, s PlanSummary) error {
	tw := tableWriter{cond: &runewidth.Condition{StrictEmojiNeutral: true}}
	bw := bufio.NewWriter(w)
	policy := ""
	if s.Policy.Name != "" {
		policy = ", policy " + tw.text(s.Policy.Name)
	}
	fmt.Fprintf(bw, "Sub-centre plan within %s km (geodesic distance%s)\n\n", strconv.FormatFloat(s.RadiusKm, 'f', -1, 64), policy)

	t := tw.newTable("County", "Villages", "Population", "Covered today", "Covered after", "Gain", "Sub-centres")
	t.alignLeft(6)
	row := func(name string, c *PlanCover, sites string) {
		t.add(tw.text(name), groupInt(int64(c.Villages)), groupInt(c.Population), percent(c.ShareBefore),
			percent(c.ShareAfter), groupInt(c.Gain()), sites)
	}
	for i := range s.Counties {
		c := &s.Counties[i]
		row(c.County, &c.PlanCover, tw.text(strings.Join(c.Subcentres, ",")))
	}
	t.rule()
	row("Total", &s.Total.PlanCover, groupInt(int64(s.Total.Subcentres)))
	t.write(bw)

	if len(s.Sweep) > 0 {
		fmt.Fprintln(bw, "\nSweep")
		st := tw.newTable("Radius km", "Per county", "Sub-centres", "Covered today", "Covered after", "Gain")
		for i := range s.Sweep {
			r := &s.Sweep[i]
			st.add(strconv.FormatFloat(r.RadiusKm, 'f', -1, 64), r.K.String(), groupInt(int64(r.Subcentres)),
				percent(r.ShareBefore), percent(r.ShareAfter), groupInt(r.Gain()))
		}
		st.write(bw)
	}

	var c clinicTotals
	c.add(s.Townships)
	fmt.Fprintf(bw, "\nClinic plan (%s townships): own clinics %s, joint clinics %s (member villages %s), itinerant villages %s (route days %s, %s km), single villages %s\n",
		groupInt(c.townships), groupInt(c.own), groupInt(c.joint), groupInt(c.members), groupInt(c.itinerant),
		groupInt(c.days), kmText(c.routeKm), groupInt(c.single))
	fmt.Fprintf(bw, "Village doctors: needed %s, gap %s. Township centres below the R11 staff quota: %s, gap %s. Flagged townships: %s\n",
		groupInt(c.doctors), c.doctorGap.text(), groupInt(c.thcShort), c.thcGap.text(), groupInt(c.flagged))
	fmt.Fprintf(bw, "\nRejected input rows: %s\n", groupInt(int64(s.RejectedCount)))
	if len(s.Warnings) > 0 {
		fmt.Fprintf(bw, "Input warnings: %s\n", groupInt(int64(len(s.Warnings))))
	}
	return wrapWrite(bw.Flush())
}
