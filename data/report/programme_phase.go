package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner/programme"
)

// WritePhaseSection writes the phased village clinic upgrades (R17) as a
// Markdown section: the caps and weights with their source (cites), the
// priority formula with this run's weights and scales, the tie rule, each
// year's count against its cap, why the cut between years falls where it
// does (the last clinic of a year against the first of the next), the
// per-year per-county summary and the clinics in priority order.
func WritePhaseSection(w io.Writer, res *programme.PhaseResult, cites []string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## Phased village clinic upgrades (R17)\n\n")
	bullets(bw, cites)
	wt, sc := res.Weights, res.Scale
	fmt.Fprintf(bw, "\nPriority (catchment's reading of R17 \"优先扶弱补短\", weakest first): score = "+
		"%g × served population / %s + %g × doctor gap (R10) / %s + %g × distance to the township health centre / %s km + %g × (no emergency network cover). "+
		"Each part is scaled by the largest value among the clinics, so it lies in [0, 1] before its weight; an unknown doctor gap or distance adds nothing "+
		"and is listed under missing. Clinics are taken in descending score; ties: %s.\n\n",
		wt.ServedPopulation, numfmt.GroupThousands(int64(sc.ServedPopulation)), wt.DoctorGap, numfmt.GroupThousands(int64(sc.DoctorGap)),
		wt.DistanceToTHC, kmText(sc.DistanceToTHCM/1000), wt.NetworkUncovered, mdText(res.TieBreak))
	fmt.Fprintf(bw, "| Year | Cap | Scheduled |\n|---|---:|---:|\n")
	for i, cap := range res.PerYear {
		n := 0
		if i < len(res.Scheduled) {
			n = res.Scheduled[i]
		}
		fmt.Fprintf(bw, "| %d | %s | %s |\n", res.StartYear+i, numfmt.GroupThousands(int64(cap)), numfmt.GroupThousands(int64(n)))
	}
	if res.Unscheduled > 0 {
		fmt.Fprintf(bw, "| beyond the caps | — | %s |\n", numfmt.GroupThousands(int64(res.Unscheduled)))
	}
	fmt.Fprintf(bw, "\n")
	phaseCuts(bw, res)
	fmt.Fprintf(bw, "\n### Per year and county\n\n")
	writeTable(bw, csvio.PhaseSummaryRows(res), "the phase JSON")
	fmt.Fprintf(bw, "\n### Clinics in priority order\n\n")
	writeTable(bw, csvio.PhaseRows(res), "the phase CSV")
	return table.WrapWrite(bw.Flush())
}

// phaseCuts says, for each boundary between years (and the caps' end),
// which clinic came last before it and which first after it, with scores.
func phaseCuts(bw *bufio.Writer, res *programme.PhaseResult) {
	as := res.Assignments
	for i := 1; i < len(as); i++ {
		a, b := &as[i-1], &as[i]
		if a.Year == b.Year {
			continue
		}
		next := "the clinics beyond the caps (no year)"
		if b.Year > 0 {
			next = strconv.Itoa(b.Year)
		}
		fmt.Fprintf(bw, "- Cut after %d: %s (%s, score %s) is the last of %d; %s (%s, score %s) the first of %s.\n",
			a.Year, mdText(a.Clinic.ID), mdText(a.Clinic.County), strconv.FormatFloat(a.Score, 'f', 4, 64), a.Year,
			mdText(b.Clinic.ID), mdText(b.Clinic.County), strconv.FormatFloat(b.Score, 'f', 4, 64), next)
	}
}

// WritePhaseReport writes the phase section with the appendix of the
// rules it cites (`catchment phase --report`).
func WritePhaseReport(w io.Writer, res *programme.PhaseResult, cites []string) error {
	return withAppendix(w, func(w io.Writer) error { return WritePhaseSection(w, res, cites) })
}
