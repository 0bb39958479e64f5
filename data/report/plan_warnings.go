package report

import (
	"fmt"
	"io"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"
)

var wm = struct {
	tableHead, head, intro, meet, all, minUnmet, maxExceeded, other, detail i18n.Msg
}{
	tableHead:   i18n.Msg{En: "Warnings: the plan does not meet the policy in %s", Zh: "警告：规划有%s处不符合政策"},
	head:        i18n.Msg{En: "Warnings", Zh: "警告"},
	intro:       i18n.Msg{En: "The plan does not meet the policy in %s:", Zh: "规划有%s处不符合政策："},
	meet:        i18n.Msg{En: "what would meet it: %s", Zh: "%s"},
	all:         i18n.Msg{En: "all counties", Zh: "全部县"},
	minUnmet:    i18n.Msg{En: "", Zh: "拟建县域医疗次中心少于政策规定的下限"},
	maxExceeded: i18n.Msg{En: "", Zh: "拟建县域医疗次中心多于政策规定的上限"},
	other:       i18n.Msg{En: "", Zh: "不符合政策"},
	detail:      i18n.Msg{En: "", Zh: "原因及满足要求的办法见本次运行的汇总文件或英文报告"},
}

// nounCase counts warnings.
var nounCase = i18n.Noun{One: "case", Many: "cases", Zh: ""}

// warningText is a warning's reason and what would meet it in l. The
// planner words them in English; in Chinese the code is said in words and
// the details are referred to the summary JSON and the English report.
func warningText(x summary.Warning, l i18n.Lang) (reason, suggestion string) {
	if l != i18n.Zh {
		return x.Reason, x.Suggestion
	}
	switch x.Code {
	case planner.WarnMinSubcentresUnmet:
		return l.S(wm.minUnmet), l.S(wm.detail)
	case planner.WarnMaxSubcentresExceeded:
		return l.S(wm.maxExceeded), l.S(wm.detail)
	}
	return l.S(wm.other), l.S(wm.detail)
}

// writePlanWarnings writes the block after the county table of
// WritePlanTable: one line per policy rule the plan does not meet (county,
// rule, reason), with what would meet it on the next line. Nothing when
// the plan meets every rule.
func writePlanWarnings(w io.Writer, tw tableWriter, ws []summary.Warning, l i18n.Lang) {
	if len(ws) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", l.F(wm.tableHead, casesText(len(ws), l)))
	for _, x := range ws {
		reason, suggestion := warningText(x, l)
		fmt.Fprintf(w, "  %s: %s\n", tw.line(warningSubject(x, l)), tw.line(reason))
		if suggestion != "" {
			fmt.Fprintf(w, "    %s\n", tw.line(l.F(wm.meet, suggestion)))
		}
	}
}

func casesText(n int, l i18n.Lang) string {
	if l == i18n.Zh {
		return numfmt.GroupThousands(int64(n))
	}
	return l.N(int64(n), nounCase)
}

// warningSubject is "county (R4)", or what of it is known.
func warningSubject(x summary.Warning, l i18n.Lang) string {
	s := x.County
	if s == "" {
		s = l.S(wm.all)
	}
	if x.Rule != "" {
		s += " (" + x.Rule + ")"
	}
	return s
}

// warnings writes the report's section "Warnings": the policy rules the
// plan does not meet, each with its reason and what would meet it.
// Nothing when the plan meets every rule.
func (r *planReport) warnings() {
	ws := r.s.PolicyWarnings()
	if len(ws) == 0 {
		return
	}
	r.p("## %s\n\n%s\n\n", r.l.S(wm.head), r.l.F(wm.intro, casesText(len(ws), r.l)))
	for _, x := range ws {
		reason, suggestion := warningText(x, r.l)
		r.p("- %s: %s.", mdText(warningSubject(x, r.l)), mdText(reason))
		if suggestion != "" {
			if r.l == i18n.Zh {
				r.p(" %s。", mdText(suggestion))
			} else {
				r.p(" What would meet it: %s.", mdText(suggestion))
			}
		}
		r.p("\n")
	}
	r.p("\n")
}
