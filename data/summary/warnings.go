package summary

import (
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
)

// WarnInput is the Code of a Warning about how an input was read (an
// encoding guessed, a column chosen, numbers repaired, a total row
// skipped); the other codes are planner.Warning's (planner.WarnMinSubcentresUnmet, …).
const WarnInput = "input"

// Warning is one entry of a plan summary's "warnings": a policy rule the
// plan does not meet (Code a planner code, with County, Rule and
// Suggestion; File, Line and ID empty), or how an input was read (Code
// WarnInput, with File, Line and ID as in the coverage summary's
// warnings; County, Rule and Suggestion empty). Every entry has every key,
// so a reader of the older {"file", "line", "id", "reason"} entries reads
// these too; an entry without "code" (an older file) decodes as an input
// warning.
type Warning struct {
	Code       string `json:"code"`
	County     string `json:"county"`
	Rule       string `json:"rule"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	ID         string `json:"id"`
	Reason     string `json:"reason"`
	Suggestion string `json:"suggestion"`
	// ReasonNotes and SuggestionNotes are a policy warning's Reason and
	// Suggestion as notes (planner.Warning); [] for an input warning.
	ReasonNotes     []note.Note `json:"reason_notes"`
	SuggestionNotes []note.Note `json:"suggestion_notes"`
}

// Input reports whether w is about an input rather than a policy rule.
func (w Warning) Input() bool { return w.Code == WarnInput || w.Code == "" }

// PolicyWarnings returns the warnings about policy rules, in order.
func (s PlanSummary) PolicyWarnings() []Warning {
	var out []Warning
	for _, w := range s.Warnings {
		if !w.Input() {
			out = append(out, w)
		}
	}
	return out
}

// InputWarnings counts the warnings about inputs.
func (s PlanSummary) InputWarnings() int {
	n := 0
	for _, w := range s.Warnings {
		if w.Input() {
			n++
		}
	}
	return n
}

// planWarnings lists the plan's policy warnings, then the input warnings.
func planWarnings(policy []planner.Warning, input []table.Rejection) []Warning {
	out := make([]Warning, 0, len(policy)+len(input))
	for _, w := range policy {
		out = append(out, Warning{Code: w.Code, County: w.County, Rule: w.Rule, Reason: w.Reason, Suggestion: w.Suggestion,
			ReasonNotes: append([]note.Note{}, w.ReasonNotes...), SuggestionNotes: append([]note.Note{}, w.SuggestionNotes...)})
	}
	for _, r := range input {
		out = append(out, Warning{Code: WarnInput, File: r.File, Line: r.Line, ID: r.ID, Reason: r.Reason,
			ReasonNotes: []note.Note{}, SuggestionNotes: []note.Note{}})
	}
	return out
}
