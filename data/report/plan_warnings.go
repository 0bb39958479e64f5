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
	tableHead, head, intro, meet, all, subject, line, item, itemMeet i18n.Msg
}{
	tableHead: i18n.Msg{En: "Warnings: the plan does not meet the policy in %s", Zh: "警告：规划有%s处不符合政策"},
	head:      i18n.Msg{En: "Warnings", Zh: "警告"},
	intro:     i18n.Msg{En: "The plan does not meet the policy in %s:", Zh: "规划有%s处不符合政策："},
	meet:      i18n.Msg{En: "what would meet it: %s", Zh: "满足要求的办法：%s"},
	all:       i18n.Msg{En: "all counties", Zh: "全部县"},
	subject:   i18n.Msg{En: "%s (%s)", Zh: "%s（%s）"},
	line:      i18n.Msg{En: "%s: %s", Zh: "%s：%s"},
	item:      i18n.Msg{En: "- %s: %s.", Zh: "- %s：%s。"},
	itemMeet:  i18n.Msg{En: " What would meet it: %s.", Zh: "满足要求的办法：%s。"},
}

// A warning decoded from an older summary file has no notes: in Chinese it
// says its code in words (warningCodeZh, "不符合政策" for another code)
// and refers to the English for the details (warningDetailZh).
var warningCodeZh = map[string]string{
	planner.WarnMinSubcentresUnmet:    "拟建县域医疗次中心少于政策规定的下限",
	planner.WarnMaxSubcentresExceeded: "拟建县域医疗次中心多于政策规定的上限",
}

const warningDetailZh = "原因及满足要求的办法见本次运行的汇总文件或英文报告"

// nounCase counts warnings.
var nounCase = i18n.Noun{One: "case", Many: "cases", Zh: ""}

// warningText is a warning's reason and what would meet it in l: the
// planner's English, or its notes in Chinese. A warning without notes
// (from an older summary file) says its code in words in Chinese and
// refers to the English for the details.
func warningText(x summary.Warning, l i18n.Lang) (reason, suggestion string) {
	if l != i18n.Zh {
		return x.Reason, x.Suggestion
	}
	if len(x.ReasonNotes) > 0 {
		return zhNotes.Join(x.ReasonNotes), notesText(l, x.SuggestionNotes, x.Suggestion)
	}
	if z, ok := warningCodeZh[x.Code]; ok {
		return z, warningDetailZh
	}
	return "不符合政策", warningDetailZh
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
		fmt.Fprintf(w, "  %s\n", l.F(wm.line, tw.line(warningSubject(x, l)), tw.line(reason)))
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
		s = l.F(wm.subject, s, x.Rule)
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
		r.f(wm.item, mdText(warningSubject(x, r.l)), mdText(reason))
		if suggestion != "" {
			r.f(wm.itemMeet, mdText(suggestion))
		}
		r.p("\n")
	}
	r.p("\n")
}
