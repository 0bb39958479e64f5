package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
)

// scorecardRules names the rule of each indicator, for the report.
var scorecardRules = map[string]string{
	programme.IndVillageDoctors: "R10", programme.IndTHCStaff: "R11", programme.IndPrimaryCare: "R12",
	programme.IndGPs: "R13", programme.IndLicensedShare: "R18", programme.IndFeverClinic: "R15", programme.IndAmbulance: "R15",
}

// WriteScorecardSection writes the county scorecard (R16, with the
// indicators of R10–R13, R15 and R18 and R14's subsidy) as a Markdown
// section in l: the rule, the weights, the yellow cards and two-in-a-row
// (or that no previous year was given), the ranking, then per county each
// indicator against its target, "not assessed" where an input is missing
// (with what is missing), and the monthly R14 subsidy of its doctors.
func WriteScorecardSection(w io.Writer, res *programme.ScorecardResult, l i18n.Lang) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## %s\n\n- %s\n- %s\n- %s\n\n", l.S(pg.card), mdText(constText(l, res.Rule)), mdText(scorecardCards(res, l)),
		mdText(l.F(pg.weights, scorecardWeights(res, l))))
	fmt.Fprintf(bw, "%s\n\n%s", l.S(pg.cardHow), l.S(pg.cardHead))
	for _, c := range res.Counties {
		fmt.Fprintf(bw, "| %s | %s | %s | %s %% | %s |\n", cardRank(c), mdText(c.County), cardTotalIn(c, l),
			strconv.FormatFloat(100*c.AssessedWeight, 'f', 0, 64), cardFlag(c, l))
	}
	fmt.Fprintf(bw, "\n")
	for i, c := range res.Counties {
		if i >= maxReportRows {
			fmt.Fprintf(bw, l.S(pg.moreRows)+"\n", numfmt.GroupThousands(int64(len(res.Counties)-i)), l.S(pg.cardCSV))
			break
		}
		scorecardCounty(bw, c, l)
	}
	for i, n := range res.Notes {
		var coded []note.Note
		if len(res.Unreadable) == len(res.Notes) {
			coded = res.Unreadable[i : i+1]
		}
		fmt.Fprintf(bw, l.S(pg.noteLine), mdText(notesText(l, coded, n)))
	}
	return table.WrapWrite(bw.Flush())
}

func scorecardCounty(bw *bufio.Writer, c programme.CountyScore, l i18n.Lang) {
	fmt.Fprintf(bw, l.S(pg.cardCounty), mdText(c.County), cardRank(c), cardTotalIn(c, l))
	if f := cardFlag(c, l); f != "" {
		fmt.Fprintf(bw, "%s%s", l.S(pm.clauseSep), f)
	}
	fmt.Fprintf(bw, "\n\n%s", l.S(pg.cardCols))
	for _, x := range c.Indicators {
		v := "—"
		if x.Value != nil {
			v = strconv.FormatFloat(*x.Value, 'f', 3, 64)
		}
		t := "≥ " + strconv.FormatFloat(x.Target.Min, 'f', -1, 64)
		if x.Target.Max > 0 {
			t = strconv.FormatFloat(x.Target.Min, 'f', -1, 64) + "–" + strconv.FormatFloat(x.Target.Max, 'f', -1, 64)
		}
		key := mdCode(x.Key)
		if z, ok := indicatorWordsZh[x.Key]; ok && l == i18n.Zh {
			key = z + "（" + key + "）"
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n", key, scorecardRules[x.Key], v, t, mdText(statusText(l, x.Status)),
			mdText(notesText(l, x.BasisNotes, x.Basis)), mdText(constText(l, x.Target.Source)))
	}
	fmt.Fprintf(bw, "\n%s\n\n", l.F(pg.subsidy, numfmt.GroupThousands(c.Subsidy.MinYuanPerMonth), numfmt.GroupThousands(c.Subsidy.MaxYuanPerMonth),
		l.N(int64(c.Subsidy.Doctors), nounVillageDoctor), mdText(notesText(l, c.Subsidy.BasisNotes, c.Subsidy.Basis))))
}

// ScorecardCards says in English who got a yellow card (R16) and who got
// two in a row, or that two-in-a-row is not assessed without a previous
// year.
func ScorecardCards(res *programme.ScorecardResult) string { return scorecardCards(res, i18n.En) }

func scorecardCards(res *programme.ScorecardResult, l i18n.Lang) string {
	s := l.F(pg.cardsLine, len(res.YellowCards), strings.Join(res.YellowCards, l.S(pm.listSep)))
	switch {
	case !res.HasPrevious:
		s += l.S(pg.noPrevious)
	case len(res.TwoInARow) == 0:
		s += l.S(pg.noneTwice)
	default:
		s += l.F(pg.twice, strings.Join(res.TwoInARow, l.S(pm.listSep)))
	}
	return s
}

// scorecardWeights lists the indicators' weights: by key in English, by
// name in Chinese.
func scorecardWeights(res *programme.ScorecardResult, l i18n.Lang) string {
	var parts []string
	for _, k := range programme.ScorecardIndicators() {
		name := k
		if z, ok := indicatorWordsZh[k]; ok && l == i18n.Zh {
			name = z
		}
		parts = append(parts, fmt.Sprintf("%s %g", name, res.Weights[k]))
	}
	return strings.Join(parts, l.S(pm.listSep))
}

func cardRank(c programme.CountyScore) string {
	if c.Rank == 0 {
		return "—"
	}
	return strconv.Itoa(c.Rank)
}

func cardTotalIn(c programme.CountyScore, l i18n.Lang) string {
	if c.Total == nil {
		return l.S(pg.notAssessed)
	}
	return strconv.FormatFloat(*c.Total, 'f', 3, 64)
}

func cardFlag(c programme.CountyScore, l i18n.Lang) string {
	switch {
	case c.TwoInARow:
		return l.S(pg.yellowTwice)
	case c.YellowCard:
		return l.S(pg.yellow)
	}
	return ""
}

// WriteScorecardReport writes the scorecard section with the filing header
// and the appendix of the rules it cites (`catchment scorecard --report`).
func WriteScorecardReport(w io.Writer, res *programme.ScorecardResult, opt Options) error {
	return withAppendix(w, opt, pg.cardTitle, func(w io.Writer, l i18n.Lang) error { return WriteScorecardSection(w, res, l) })
}
