package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
)

// WritePhaseSection writes the phased village clinic upgrades (R17) as a
// Markdown section in l: the caps and weights with their source (cites),
// the priority formula with this run's weights and scales, the tie rule,
// each year's count against its cap, why the cut between years falls
// where it does (the last clinic of a year against the first of the
// next), the per-year per-county summary and the clinics in priority
// order.
func WritePhaseSection(w io.Writer, res *programme.PhaseResult, cites []note.Note, l i18n.Lang) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## %s\n\n", l.S(pg.phase))
	bullets(bw, cites, l)
	wt, sc := res.Weights, res.Scale
	fmt.Fprintf(bw, "\n%s\n\n", l.F(pg.phasePriority,
		wt.ServedPopulation, numfmt.GroupThousands(int64(sc.ServedPopulation)), wt.DoctorGap, numfmt.GroupThousands(int64(sc.DoctorGap)),
		wt.DistanceToTHC, kmText(sc.DistanceToTHCM/1000), wt.NetworkUncovered, mdText(constText(l, res.TieBreak))))
	bw.WriteString(l.S(pg.phaseHead))
	for i, cap := range res.PerYear {
		n := 0
		if i < len(res.Scheduled) {
			n = res.Scheduled[i]
		}
		fmt.Fprintf(bw, "| %d | %s | %s |\n", res.StartYear+i, numfmt.GroupThousands(int64(cap)), numfmt.GroupThousands(int64(n)))
	}
	if res.Unscheduled > 0 {
		fmt.Fprintf(bw, "| %s | — | %s |\n", l.S(pg.beyondCaps), numfmt.GroupThousands(int64(res.Unscheduled)))
	}
	fmt.Fprintf(bw, "\n")
	phaseCuts(bw, res, l)
	fmt.Fprintf(bw, "\n### %s\n\n", l.S(pg.perYearCounty))
	writeTable(bw, csvio.PhaseSummaryRows(res), pg.phaseJSON, l)
	fmt.Fprintf(bw, "\n### %s\n\n", l.S(pg.inOrder))
	writeTable(bw, csvio.PhaseRows(res), pg.phaseCSV, l)
	return table.WrapWrite(bw.Flush())
}

// phaseCuts says, for each boundary between years (and the caps' end),
// which clinic came last before it and which first after it, with scores.
func phaseCuts(bw *bufio.Writer, res *programme.PhaseResult, l i18n.Lang) {
	as := res.Assignments
	for i := 1; i < len(as); i++ {
		a, b := &as[i-1], &as[i]
		if a.Year == b.Year {
			continue
		}
		next := l.S(pg.cutBeyond)
		if b.Year > 0 {
			next = l.F(pg.year, b.Year)
		}
		fmt.Fprintf(bw, l.S(pg.cut),
			a.Year, mdText(a.Clinic.ID), mdText(a.Clinic.County), strconv.FormatFloat(a.Score, 'f', 4, 64), a.Year,
			mdText(b.Clinic.ID), mdText(b.Clinic.County), strconv.FormatFloat(b.Score, 'f', 4, 64), next)
	}
}

// WritePhaseReport writes the phase section with the filing header and
// the appendix of the rules it cites (`catchment phase --report`).
func WritePhaseReport(w io.Writer, res *programme.PhaseResult, cites []note.Note, opt Options) error {
	return withAppendix(w, opt, pg.phaseTitle, func(w io.Writer, l i18n.Lang) error { return WritePhaseSection(w, res, cites, l) })
}
