package report

import "github.com/catchment/catchment/planner"

// glossary writes the "Glossary" section: every term of planner.Terms
// once, the two cover measures first, with its Chinese name and the rule
// it comes from, so that each word of the report has one meaning.
func (r *planReport) glossary() {
	r.p("## Glossary\n\n")
	r.p("| Term | 中文 | Meaning | Rule |\n|---|---|---|---|\n")
	for _, t := range planner.Terms() {
		rule := t.Rule
		if rule == "" {
			rule = "–"
		}
		r.p("| %s | %s | %s | %s |\n", mdText(t.Name), mdText(t.NameZh), mdText(t.Definition), rule)
	}
	r.p("\nRadii are in kilometres by the run's distance measure; a village exactly at the radius counts as within it.\n\n")
}
