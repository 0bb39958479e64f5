package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
)

// WriteBudgetSection writes the city-wide sub-centre budget (R5) as a
// Markdown section in l: the figures with their source (cites, one line
// each, from BudgetCites), the totals, how the optimum is exact and how ties are settled,
// then per county why it got what it got — the people its last chosen site
// adds and its next site would add (the marginal gains of GainByK) — and
// the allocation table. It is the section `catchment plan --report`
// appends when --subcentres-total was given.
func WriteBudgetSection(w io.Writer, b *programme.BudgetResult, cites []note.Note, l i18n.Lang) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## %s\n\n", l.S(pg.budget))
	bullets(bw, cites, l)
	fmt.Fprintf(bw, "\n%s\n\n", l.F(pg.budgetLine, b.Allocated, b.Total, l.N(int64(len(b.Counties)), nounCounty),
		numfmt.GroupThousands(b.GainPopulation), kmText(b.RadiusKm), numfmt.GroupThousands(b.CountyCareToday), numfmt.GroupThousands(b.CountyCareAfter), numfmt.GroupThousands(b.Population)))
	fmt.Fprintf(bw, "%s\n\n", l.F(pg.budgetHow, b.Total, mdText(constText(l, b.TieBreak))))
	if b.Note != "" {
		fmt.Fprintf(bw, "%s%s\n\n", mdText(notesText(l, b.Notes, b.Note)), l.S(pm.stop))
	}
	budgetWhy(bw, b, l)
	fmt.Fprintf(bw, "\n")
	rows := csvio.BudgetRows(b)
	for i := range b.Counties { // the reason, the last column, in l
		r := rows[i+1]
		r[len(r)-1] = notesText(l, b.Counties[i].ReasonNotes, b.Counties[i].Reason)
	}
	writeTable(bw, rows, pg.budgetCSV, l)
	return table.WrapWrite(bw.Flush())
}

// budgetWhy explains each county's share by its marginal gains, and the
// margin of the whole allocation: the smallest last-site gain taken and
// the largest next-site gain left.
func budgetWhy(bw *bufio.Writer, b *programme.BudgetResult, l i18n.Lang) {
	fmt.Fprintf(bw, "### %s\n\n", l.S(pg.whyCounty))
	var lowTaken, highLeft *programme.CountyBudget
	for i := range b.Counties {
		c := &b.Counties[i]
		fmt.Fprintf(bw, l.S(pg.countyLine), mdText(c.County), l.N(int64(c.Sites), nounSite), rangeText(c.Lo, c.Hi), l.N(int64(c.Candidates), nounCandidateShort))
		if c.LastSiteGain != nil {
			fmt.Fprintf(bw, l.S(pg.lastAdds), numfmt.GroupThousands(*c.LastSiteGain))
			if c.Sites > c.Lo && (lowTaken == nil || *c.LastSiteGain < *lowTaken.LastSiteGain) {
				lowTaken = c
			}
		}
		if c.NextSiteGain != nil {
			fmt.Fprintf(bw, l.S(pg.nextAdds), numfmt.GroupThousands(*c.NextSiteGain))
			if highLeft == nil || *c.NextSiteGain > *highLeft.NextSiteGain {
				highLeft = c
			}
		} else {
			fmt.Fprintf(bw, "%s", l.S(pg.noNext))
		}
		reason := notesText(l, c.ReasonNotes, c.Reason)
		if l != i18n.Zh {
			reason = capitalize(reason)
		}
		fmt.Fprintf(bw, "%s%s\n", mdText(reason), l.S(pm.stop))
	}
	fmt.Fprintf(bw, "\n")
	switch {
	case lowTaken != nil && highLeft != nil:
		fmt.Fprintf(bw, "%s\n", l.F(pg.margin, mdText(lowTaken.County), numfmt.GroupThousands(*lowTaken.LastSiteGain),
			mdText(highLeft.County), numfmt.GroupThousands(*highLeft.NextSiteGain)))
	case highLeft == nil:
		fmt.Fprintf(bw, "%s\n", l.S(pg.allFull))
	}
}

// WriteBudgetReport writes the budget section on its own, with the
// filing header and the appendix of the rules it cites (`catchment plan
// --budget FILE.md`).
func WriteBudgetReport(w io.Writer, b *programme.BudgetResult, cites []note.Note, opt Options) error {
	return withAppendix(w, opt, pg.budgetTitle, func(w io.Writer, l i18n.Lang) error { return WriteBudgetSection(w, b, cites, l) })
}

// WritePlanBudgetReport writes the plan report (WritePlanReport) with the
// budget section before its appendix of rules R1–R18: what `catchment plan
// --subcentres-total N --report FILE` writes.
func WritePlanBudgetReport(w io.Writer, s summary.PlanSummary, b *programme.BudgetResult, cites []note.Note, opt Options) error {
	return writePlanReport(w, &s, opt, func(w *bufio.Writer, l i18n.Lang) error {
		return WriteBudgetSection(w, b, cites, l)
	})
}
