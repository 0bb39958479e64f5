package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/internal/fixture"
)

// mdHostile are texts that would change Markdown structure if they were
// written unescaped, next to ordinary ones that must come through as they
// are.
var mdHostile = []string{
	"甲|县 *bold* <b>", "**strong** __also__", "_em_ ~del~ ~~del~~", "`code`", "``two``",
	"<http://x.example>", "<a@b.example>", "<!-- comment -->", "<?php x ?>", "</p>",
	"[link](http://x.example)", "![img](x.png)", "x [a][b]", "[ref]: /url", "[ ] todo", "[x] done", "note[^1]",
	"&amp; &lt; &#35; &#x23;", "> quoted", "- item", "+ item", "* item", "1. one", "2) two", "2023. Plan",
	"# heading", "### h ###", "end #", "---", "***", "___", "=====", "    indented code", "trailing\\",
	"back\\*slash\\", "a\tb\nc", "(>= 20.0 km), A & B, R&D, [2023] No. 51, a <= b, Township #1, x-ray, 3+4",
}

// TestMdTextRendersAsText renders every hostile text with pandoc's GitHub
// Flavored Markdown reader in each place the report puts names (heading,
// paragraph, after a bullet and a number marker, table cell) and checks
// that each comes back as plain text equal to the input, with no emphasis,
// link, code, HTML, quote or list of its own. Bare URLs and e-mail
// addresses may become links to themselves, as GitHub makes them.
func TestMdTextRendersAsText(t *testing.T) {
	pandoc := fixture.RequireTool(t, "pandoc", "--version")
	var doc strings.Builder
	for _, s := range mdHostile {
		m := mdText(s)
		fmt.Fprintf(&doc, "### %s\n\n%s\n\n- %s: after a bullet\n\n1. %s: after a number\n\n| a | b |\n|---|---|\n| %s | y |\n\n", m, m, m, m, m)
	}
	blocks := pandocBlocks(t, pandoc, doc.String())
	kinds := []string{"Header", "Para", "BulletList", "OrderedList", "Table"}
	if len(blocks) != len(kinds)*len(mdHostile) {
		t.Fatalf("pandoc read %d blocks, want %d: some text changed the structure\n%s", len(blocks), len(kinds)*len(mdHostile), doc.String())
	}
	spaces := regexp.MustCompile(` +`)
	for i, s := range mdHostile {
		want := spaces.ReplaceAllString(strings.Trim(mdTextRaw(s), " "), " ")
		texts := []string{want, want, want + ": after a bullet", want + ": after a number", "ab" + want + "y"}
		for j, kind := range kinds {
			b := blocks[len(kinds)*i+j]
			var types []string
			var text strings.Builder
			pandocWalk(b, &types, &text)
			if types[0] != kind {
				t.Errorf("%q: block %s, want %s", s, types[0], kind)
				continue
			}
			for _, ty := range types[1:] {
				if !slices.Contains([]string{"Str", "Space", "Plain", "Decimal", "Period", "AlignDefault", "ColWidthDefault", "Autolink"}, ty) {
					t.Errorf("%q in a %s: pandoc reads a %s", s, kind, ty)
				}
			}
			if text.String() != texts[j] {
				t.Errorf("%q in a %s reads %q, want %q", s, kind, text.String(), texts[j])
			}
		}
	}
}

// TestPlanReportRendersAsMarkdown renders the fixture report with hostile
// county, site and township names and checks that pandoc finds only the
// structure the report writes: headings, paragraphs, lists, tables and the
// code spans of identifiers.
func TestPlanReportRendersAsMarkdown(t *testing.T) {
	pandoc := fixture.RequireTool(t, "pandoc", "--version")
	f := fixture.NewPlan(t)
	s := planSummary(f)
	for i := range s.Counties {
		old := s.Counties[i].County
		s.Counties[i].County = mdHostile[i%len(mdHostile)]
		for j := range s.Townships {
			if s.Townships[j].County == old {
				s.Townships[j].County = s.Counties[i].County
				s.Townships[j].Township = mdHostile[(i+j+5)%len(mdHostile)]
			}
		}
		for j := range s.Counties[i].Explanation {
			s.Counties[i].Explanation[j].Name = mdHostile[(i+j+10)%len(mdHostile)]
			s.Counties[i].Explanation[j].Township = mdHostile[(i+j+20)%len(mdHostile)]
		}
	}
	s.Inputs[0].File = "[ ] list.csv"
	s.Counties[0].Note = "K = 1 chosen automatically: a 2nd site would add only 7,000 people (< 8,000)"
	md := reportText(t, s)
	checkMarkdownTables(t, md)
	var types []string
	var text strings.Builder
	for _, b := range pandocBlocks(t, pandoc, md) {
		pandocWalk(b, &types, &text)
	}
	// The report writes bold labels itself ("- **Date**: ..."); no name
	// may add one.
	if got, want := strings.Count(strings.Join(types, " "), "Strong"), strings.Count(md, "**")/2; got != want {
		t.Errorf("pandoc reads %d bold spans, the report writes %d", got, want)
	}
	for _, ty := range types {
		if slices.Contains([]string{"Emph", "Strikeout", "Link", "Image", "RawInline", "RawBlock", "BlockQuote",
			"CodeBlock", "HorizontalRule", "Note", "LineBreak"}, ty) {
			t.Errorf("pandoc reads a %s in the report", ty)
		}
	}
	for _, want := range []string{"甲|县 *bold* <b>", "[ ] list.csv", "(< 8,000)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("rendered report lacks %q", want)
		}
	}
}

// pandocBlocks returns the top-level blocks of md as pandoc's GitHub
// Flavored Markdown reader sees them, in its JSON form.
func pandocBlocks(t *testing.T, pandoc, md string) []any {
	t.Helper()
	cmd := exec.Command(pandoc, "-f", "gfm", "-t", "json")
	cmd.Stdin = strings.NewReader(md)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc: %v\n%s", err, stderr.String())
	}
	return pandocBlocksJSON(t, out)
}

// pandocBlocksJSON decodes the blocks of pandoc's JSON output.
func pandocBlocksJSON(t *testing.T, out []byte) []any {
	t.Helper()
	var doc struct{ Blocks []any }
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Blocks
}

// pandocWalk appends the element types of a pandoc JSON node in document
// order, and the text of its Str and Space elements.
func pandocWalk(n any, types *[]string, text *strings.Builder) {
	switch n := n.(type) {
	case map[string]any:
		ty, _ := n["t"].(string)
		*types = append(*types, ty)
		switch ty {
		case "Str":
			s, _ := n["c"].(string)
			text.WriteString(s)
			return
		case "Space":
			text.WriteByte(' ')
			return
		case "Header": // [level, attr, inlines]: skip the generated id
			if c, ok := n["c"].([]any); ok && len(c) == 3 {
				pandocWalk(c[2], types, text)
			}
			return
		case "Link": // [attr, inlines, [url, title]]
			// GitHub links bare URLs and e-mail addresses in text; that
			// changes no text and no structure, so it is told apart.
			c, _ := n["c"].([]any)
			if len(c) == 3 {
				var inner []string
				var link strings.Builder
				pandocWalk(c[1], &inner, &link)
				target, _ := c[2].([]any)
				if len(target) == 2 && (target[0] == link.String() || target[0] == "mailto:"+link.String()) {
					(*types)[len(*types)-1] = "Autolink"
				}
				*types = append(*types, inner...)
				text.WriteString(link.String())
				return
			}
		}
		pandocWalk(n["c"], types, text)
	case []any:
		for _, c := range n {
			pandocWalk(c, types, text)
		}
	}
}
