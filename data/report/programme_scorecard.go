package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner/programme"
)

// scorecardRules names the rule of each indicator, for the report.
var scorecardRules = map[string]string{
	programme.IndVillageDoctors: "R10", programme.IndTHCStaff: "R11", programme.IndPrimaryCare: "R12",
	programme.IndGPs: "R13", programme.IndLicensedShare: "R18", programme.IndFeverClinic: "R15", programme.IndAmbulance: "R15",
}

// WriteScorecardSection writes the county scorecard (R16, with the
// indicators of R10–R13, R15 and R18 and R14's subsidy) as a Markdown
// section: the rule, the weights, the yellow cards and two-in-a-row (or
// that no previous year was given), the ranking, then per county each
// indicator against its target, "not assessed" where an input is missing
// (with what is missing), and the monthly R14 subsidy of its doctors.
func WriteScorecardSection(w io.Writer, res *programme.ScorecardResult) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## County scorecard (R16)\n\n- %s\n- %s\n- weights: %s\n\n", mdText(res.Rule), mdText(ScorecardCards(res)), mdText(scorecardWeights(res)))
	fmt.Fprintf(bw, "Each assessed indicator scores min(1, value / target) (for a range, reaching its lower end scores 1; above its upper end is \"not met\" but still scores 1); the total is the weighted mean "+
		"of the assessed indicators only, and \"assessed\" is the share of the weight they carry, so a county is never marked down for an input "+
		"that is missing: that indicator is \"not assessed\", not zero.\n\n")
	fmt.Fprintf(bw, "| Rank | County | Total | Assessed | Card |\n|---:|---|---:|---:|---|\n")
	for _, c := range res.Counties {
		fmt.Fprintf(bw, "| %s | %s | %s | %s %% | %s |\n", cardRank(c), mdText(c.County), cardTotal(c),
			strconv.FormatFloat(100*c.AssessedWeight, 'f', 0, 64), cardFlag(c))
	}
	fmt.Fprintf(bw, "\n")
	for i, c := range res.Counties {
		if i >= maxReportRows {
			fmt.Fprintf(bw, "%s more counties are in the scorecard CSV.\n\n", numfmt.GroupThousands(int64(len(res.Counties)-i)))
			break
		}
		scorecardCounty(bw, c)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(bw, "- note: %s\n", mdText(n))
	}
	return table.WrapWrite(bw.Flush())
}

func scorecardCounty(bw *bufio.Writer, c programme.CountyScore) {
	fmt.Fprintf(bw, "### %s — rank %s, total %s", mdText(c.County), cardRank(c), cardTotal(c))
	if f := cardFlag(c); f != "" {
		fmt.Fprintf(bw, ", %s", f)
	}
	fmt.Fprintf(bw, "\n\n| Indicator | Rule | Value | Target | Status | Basis | Source |\n|---|---|---:|---|---|---|---|\n")
	for _, x := range c.Indicators {
		v := "—"
		if x.Value != nil {
			v = strconv.FormatFloat(*x.Value, 'f', 3, 64)
		}
		t := "≥ " + strconv.FormatFloat(x.Target.Min, 'f', -1, 64)
		if x.Target.Max > 0 {
			t = strconv.FormatFloat(x.Target.Min, 'f', -1, 64) + "–" + strconv.FormatFloat(x.Target.Max, 'f', -1, 64)
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n", mdCode(x.Key), scorecardRules[x.Key], v, t, mdText(x.Status), mdText(x.Basis), mdText(x.Target.Source))
	}
	fmt.Fprintf(bw, "\nR14 subsidy: %s–%s yuan a month for %s (%s).\n\n", numfmt.GroupThousands(c.Subsidy.MinYuanPerMonth), numfmt.GroupThousands(c.Subsidy.MaxYuanPerMonth),
		quantity(int64(c.Subsidy.Doctors), "village doctor", "village doctors"), mdText(c.Subsidy.Basis))
}

// ScorecardCards says who got a yellow card (R16) and who got two in a
// row, or that two-in-a-row is not assessed without a previous year.
func ScorecardCards(res *programme.ScorecardResult) string {
	s := fmt.Sprintf("yellow cards (R16, the lowest %d): %s", len(res.YellowCards), strings.Join(res.YellowCards, ", "))
	switch {
	case !res.HasPrevious:
		s += "; no previous year's scorecard given, so two-in-a-row is not assessed"
	case len(res.TwoInARow) == 0:
		s += "; none carded two years in a row"
	default:
		s += "; carded two years in a row, to leave the pilot list: " + strings.Join(res.TwoInARow, ", ")
	}
	return s
}

func scorecardWeights(res *programme.ScorecardResult) string {
	var parts []string
	for _, k := range programme.ScorecardIndicators {
		parts = append(parts, fmt.Sprintf("%s %g", k, res.Weights[k]))
	}
	return strings.Join(parts, ", ")
}

func cardRank(c programme.CountyScore) string {
	if c.Rank == 0 {
		return "—"
	}
	return strconv.Itoa(c.Rank)
}

func cardTotal(c programme.CountyScore) string {
	if c.Total == nil {
		return "not assessed"
	}
	return strconv.FormatFloat(*c.Total, 'f', 3, 64)
}

func cardFlag(c programme.CountyScore) string {
	switch {
	case c.TwoInARow:
		return "yellow card, 2nd in a row"
	case c.YellowCard:
		return "yellow card"
	}
	return ""
}

// WriteScorecardReport writes the scorecard section with the appendix of
// the rules it cites (`catchment scorecard --report`).
func WriteScorecardReport(w io.Writer, res *programme.ScorecardResult) error {
	return withAppendix(w, func(w io.Writer) error { return WriteScorecardSection(w, res) })
}
