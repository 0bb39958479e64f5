package report

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
)

// The programme sections (budget, phase, quota, scorecard) are Markdown
// sections of their own: each states the rule it applies, the figures with
// their source, and why the result is what it is. WriteRulesAppendix
// resolves the rules they cite from planner.Rules().

// maxReportRows bounds a Markdown table of a programme section; the CSV
// and JSON results hold every row, and the section says how many it left
// out.
const maxReportRows = 1000

// ruleRef finds rule citations: "R5", "R10–R15" (a range, en dash or
// hyphen, second R optional).
var ruleRef = regexp.MustCompile(`\bR([1-9][0-9]?)(?:\s*[–-]\s*R?([1-9][0-9]?))?\b`)

// CitedRules returns the rule ids (R1–R18) cited in texts, in rule order,
// each once; a range such as "R10–R15" cites every rule in it.
func CitedRules(texts ...string) []string {
	seen := map[int]bool{}
	n := len(planner.Rules())
	for _, t := range texts {
		for _, m := range ruleRef.FindAllStringSubmatch(t, -1) {
			lo, _ := strconv.Atoi(m[1])
			hi := lo
			if m[2] != "" {
				hi, _ = strconv.Atoi(m[2])
			}
			for i := lo; i <= hi && i <= n && hi-lo < n; i++ {
				seen[i] = true
			}
		}
	}
	var ids []string
	for i := 1; i <= n; i++ {
		if seen[i] {
			ids = append(ids, "R"+strconv.Itoa(i))
		}
	}
	return ids
}

// WriteRulesAppendix writes "Appendix: rules cited" in l: for each id,
// the rule's figure, text and source from planner.Rules() (the English
// appendix gives the text and source in both languages). An id not in the
// table is listed as such, never dropped.
func WriteRulesAppendix(w io.Writer, ids []string, l i18n.Lang) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## %s\n\n", l.S(pg.appendix))
	if len(ids) == 0 {
		fmt.Fprintf(bw, "%s\n", l.S(pg.appendixNone))
		return table.WrapWrite(bw.Flush())
	}
	bw.WriteString(l.S(pg.appendixHead))
	for _, id := range ids {
		r, ok := planner.LookupRule(id)
		switch {
		case !ok:
			fmt.Fprintf(bw, l.S(pg.notInDigest), mdText(id))
		case l == i18n.Zh:
			fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", r.ID, mdText(ruleFigureZh(r.Figure)), mdText(r.TextZh), mdText(r.SourceZh))
		default:
			fmt.Fprintf(bw, "| %s | %s | %s (%s) | %s (%s) |\n", r.ID, mdText(r.Figure), mdText(r.Text), mdText(r.TextZh), mdText(r.Source), mdText(r.SourceZh))
		}
	}
	return table.WrapWrite(bw.Flush())
}

// writeTable writes rows (the first the header) as a Markdown table in l,
// at most maxReportRows body rows, and says how many it left out and
// where they are. In Chinese the header's CSV keys are named in words and
// true/false read 是/否.
func writeTable(w *bufio.Writer, rows [][]string, where i18n.Msg, l i18n.Lang) {
	if len(rows) == 0 {
		return
	}
	for i, r := range rows {
		if i > maxReportRows {
			fmt.Fprintf(w, l.S(pg.moreRows), numfmt.GroupThousands(int64(len(rows)-1-maxReportRows)), l.S(where))
			break
		}
		cells := make([]string, len(r))
		for j, s := range r {
			cells[j] = mdText(cellText(l, s, i == 0))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
		if i == 0 {
			fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", len(r)))
		}
	}
}

// cellText is a programme table's cell in l.
func cellText(l i18n.Lang, s string, head bool) string {
	if l != i18n.Zh {
		return s
	}
	if head {
		if z, ok := columnWordsZh[s]; ok {
			return z
		}
		return s
	}
	switch s {
	case "true":
		return "是"
	case "false":
		return "否"
	}
	return s
}

// bullets writes each note, in l, as a list item.
func bullets(w *bufio.Writer, notes []note.Note, l i18n.Lang) {
	for _, n := range notes {
		fmt.Fprintf(w, "- %s\n", mdText(notesText(l, []note.Note{n}, n.String())))
	}
}

// withAppendix writes a programme report in opt.Lang: the title and the
// filing header (date, version, policy, inputs with their SHA-256), the
// section, then the appendix of the rules cited (the section is rendered
// first so every citation counts).
func withAppendix(w io.Writer, opt Options, title i18n.Msg, section func(io.Writer, i18n.Lang) error) error {
	l := opt.Lang.Or(i18n.En)
	var b strings.Builder
	hb := bufio.NewWriter(&b)
	fmt.Fprintf(hb, "# %s\n\n", l.S(title))
	f := filing{l: l, opt: opt}
	if p, err := planner.LookupPolicy(opt.Policy); opt.Policy != "" && err == nil {
		f.policy = summary.PlanPolicy{Name: p.Name, Title: p.Title}
	}
	f.write(hb)
	if err := hb.Flush(); err != nil {
		return err
	}
	if err := section(&b, l); err != nil {
		return err
	}
	if _, err := io.WriteString(w, b.String()+"\n"); err != nil {
		return table.WrapWrite(err)
	}
	return WriteRulesAppendix(w, CitedRules(b.String()), l)
}
