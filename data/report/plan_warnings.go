package report

import (
	"fmt"
	"io"

	"github.com/catchment/catchment/data/summary"
)

// writePlanWarnings writes the block after the county table of
// WritePlanTable: one line per policy rule the plan does not meet (county,
// rule, reason), with what would meet it on the next line. Nothing when
// the plan meets every rule.
func writePlanWarnings(w io.Writer, tw tableWriter, ws []summary.Warning) {
	if len(ws) == 0 {
		return
	}
	fmt.Fprintf(w, "\nWarnings: the plan does not meet the policy in %s\n", quantity(int64(len(ws)), "case", "cases"))
	for _, x := range ws {
		fmt.Fprintf(w, "  %s: %s\n", tw.line(warningSubject(x)), tw.line(x.Reason))
		if x.Suggestion != "" {
			fmt.Fprintf(w, "    what would meet it: %s\n", tw.line(x.Suggestion))
		}
	}
}

// warningSubject is "county (R4)", or what of it is known.
func warningSubject(x summary.Warning) string {
	s := x.County
	if s == "" {
		s = "all counties"
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
	r.p("## Warnings\n\n")
	r.p("The plan does not meet the policy in %s:\n\n", quantity(int64(len(ws)), "case", "cases"))
	for _, x := range ws {
		r.p("- %s: %s.", mdText(warningSubject(x)), mdText(x.Reason))
		if x.Suggestion != "" {
			r.p(" What would meet it: %s.", mdText(x.Suggestion))
		}
		r.p("\n")
	}
	r.p("\n")
}
