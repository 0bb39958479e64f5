package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/numfmt"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
)

// WriteBudgetSection writes the city-wide sub-centre budget (R5) as a
// Markdown section: the figures with their source (cites, one line each),
// the totals, how the optimum is exact and how ties are settled, then per
// county why it got what it got — the people its last chosen site adds and
// its next site would add (the marginal gains of GainByK) — and the
// allocation table. It is the section `catchment plan --report` appends
// when --subcentres-total was given.
func WriteBudgetSection(w io.Writer, b *planner.BudgetResult, cites []string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## City-wide sub-centre budget (R5)\n\n")
	bullets(bw, cites)
	fmt.Fprintf(bw, "\n%d of %d sites placed across %s; %s people newly covered within %s km (%s → %s of %s).\n\n",
		b.Allocated, b.Total, quantity(int64(len(b.Counties)), "county", "counties"),
		numfmt.GroupThousands(b.GainPopulation), kmText(b.RadiusKm), numfmt.GroupThousands(b.CoveredBefore), numfmt.GroupThousands(b.CoveredAfter), numfmt.GroupThousands(b.Population))
	fmt.Fprintf(bw, "How: for every county and every number of sites k up to its maximum, the exact best k sites "+
		"(the same search as `catchment plan --subcentres k`) give the most people k sites can newly cover; an exact "+
		"group knapsack over the counties then picks one k per county, within the county's minimum and maximum (R4: at "+
		"least 1 per pilot county; R2/R3: at most 3 or 2), so that the sites sum to at most %d and the people newly covered "+
		"are the most possible. Ties: %s.\n\n", b.Total, mdText(b.TieBreak))
	if b.Note != "" {
		fmt.Fprintf(bw, "%s.\n\n", mdText(b.Note))
	}
	budgetWhy(bw, b)
	fmt.Fprintf(bw, "\n")
	writeTable(bw, csvio.BudgetRows(b), "the budget CSV")
	return table.WrapWrite(bw.Flush())
}

// budgetWhy explains each county's share by its marginal gains, and the
// margin of the whole allocation: the smallest last-site gain taken and
// the largest next-site gain left.
func budgetWhy(bw *bufio.Writer, b *planner.BudgetResult) {
	fmt.Fprintf(bw, "### Why each county got what it got\n\n")
	var lowTaken, highLeft *planner.CountyBudget
	for i := range b.Counties {
		c := &b.Counties[i]
		fmt.Fprintf(bw, "- **%s**: %s (allowed %s, %s). ", mdText(c.County), quantity(int64(c.Sites), "site", "sites"),
			rangeText(c.Lo, c.Hi), quantity(int64(c.Candidates), "candidate", "candidates"))
		if c.LastSiteGain != nil {
			fmt.Fprintf(bw, "Its last chosen site adds %s people. ", numfmt.GroupThousands(*c.LastSiteGain))
			if c.Sites > c.Lo && (lowTaken == nil || *c.LastSiteGain < *lowTaken.LastSiteGain) {
				lowTaken = c
			}
		}
		if c.NextSiteGain != nil {
			fmt.Fprintf(bw, "A next site would add %s. ", numfmt.GroupThousands(*c.NextSiteGain))
			if highLeft == nil || *c.NextSiteGain > *highLeft.NextSiteGain {
				highLeft = c
			}
		} else {
			fmt.Fprintf(bw, "No next site is possible. ")
		}
		fmt.Fprintf(bw, "%s.\n", capitalize(mdText(c.Reason)))
	}
	fmt.Fprintf(bw, "\n")
	switch {
	case lowTaken != nil && highLeft != nil:
		fmt.Fprintf(bw, "The margin: the weakest site built beyond a minimum is %s's last (%s people); the best site not built is %s's next (%s people). "+
			"A county's gains need not shrink with each site (two sites together may cover people neither covers alone), "+
			"so the knapsack compares whole allocations, not single sites.\n", mdText(lowTaken.County), numfmt.GroupThousands(*lowTaken.LastSiteGain),
			mdText(highLeft.County), numfmt.GroupThousands(*highLeft.NextSiteGain))
	case highLeft == nil:
		fmt.Fprintf(bw, "Every county is at its maximum or has no further candidate: no site is left to weigh.\n")
	}
}

// WriteBudgetReport writes the budget section on its own, with the
// appendix of the rules it cites (`catchment plan --budget FILE.md`).
func WriteBudgetReport(w io.Writer, b *planner.BudgetResult, cites []string) error {
	return withAppendix(w, func(w io.Writer) error { return WriteBudgetSection(w, b, cites) })
}

// WritePlanBudgetReport writes the plan report (WritePlanReport) with the
// budget section before its appendix of rules R1–R18: what `catchment plan
// --subcentres-total N --report FILE` writes.
func WritePlanBudgetReport(w io.Writer, s summary.PlanSummary, b *planner.BudgetResult, cites []string, opt Options) error {
	return writePlanReport(w, &s, opt, func(w *bufio.Writer, l i18n.Lang) error {
		return WriteBudgetSection(w, b, cites)
	})
}
