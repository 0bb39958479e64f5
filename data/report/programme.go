package report

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"
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

// WriteRulesAppendix writes "Appendix: rules cited": for each id, the
// rule's figure, text (English and Chinese) and source from
// planner.Rules(). An id not in the table is listed as such, never
// dropped.
func WriteRulesAppendix(w io.Writer, ids []string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## Appendix: rules cited\n\n")
	if len(ids) == 0 {
		fmt.Fprintf(bw, "No rule of the policy digest is cited above.\n")
		return table.WrapWrite(bw.Flush())
	}
	fmt.Fprintf(bw, "| Rule | Figure | Rule text | Source |\n|---|---|---|---|\n")
	for _, id := range ids {
		r, ok := planner.LookupRule(id)
		if !ok {
			fmt.Fprintf(bw, "| %s | — | not in the policy digest's rule table | — |\n", mdText(id))
			continue
		}
		fmt.Fprintf(bw, "| %s | %s | %s (%s) | %s (%s) |\n", r.ID, mdText(r.Figure), mdText(r.Text), mdText(r.TextZh), mdText(r.Source), mdText(r.SourceZh))
	}
	return table.WrapWrite(bw.Flush())
}

// writeTable writes rows (the first the header) as a Markdown table, at
// most maxReportRows body rows, and says how many it left out and where
// they are.
func writeTable(w *bufio.Writer, rows [][]string, where string) {
	if len(rows) == 0 {
		return
	}
	for i, r := range rows {
		if i > maxReportRows {
			fmt.Fprintf(w, "\n%s more rows are in %s.\n", numfmt.GroupThousands(int64(len(rows)-1-maxReportRows)), where)
			break
		}
		cells := make([]string, len(r))
		for j, s := range r {
			cells[j] = mdText(s)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
		if i == 0 {
			fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", len(r)))
		}
	}
}

// bullets writes each line as a list item.
func bullets(w *bufio.Writer, lines []string) {
	for _, s := range lines {
		fmt.Fprintf(w, "- %s\n", mdText(s))
	}
}

// withAppendix writes a section, then the appendix of the rules cited in
// its text (the section is rendered first so every citation counts).
func withAppendix(w io.Writer, section func(io.Writer) error) error {
	var b strings.Builder
	if err := section(&b); err != nil {
		return err
	}
	if _, err := io.WriteString(w, b.String()+"\n"); err != nil {
		return table.WrapWrite(err)
	}
	return WriteRulesAppendix(w, CitedRules(b.String()))
}
