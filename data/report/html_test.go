package report

import (
	"bytes"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/internal/fixture"
)

func TestInlineHTML(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain 东镇", "plain 东镇"},
		{`a\|b \*c\* \<b> \&amp; \\`, "a|b *c* &lt;b&gt; &amp;amp; \\"},
		{"service `own_clinic` and `<x>`", "service <code>own_clinic</code> and <code>&lt;x&gt;</code>"},
		{"- **日期**：2026", "- <strong>日期</strong>：2026"},
		{"unclosed `tick", "unclosed `tick"},
		{`2023\. Plan`, "2023. Plan"},
	}
	for _, c := range cases {
		if got := inlineHTML(c.in); got != c.want {
			t.Errorf("inlineHTML(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := tableCells(`| a\|b | ` + "`x|y`" + ` | c |`); strings.Join(got, "¦") != `a\|b¦`+"`x|y`"+`¦c` {
		t.Errorf("tableCells = %q", got)
	}
}

// hostileReport writes the fixture's plan report with hostile names.
func hostileReport(t *testing.T, l i18n.Lang) func(io.Writer) error {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	for i := range s.Counties {
		s.Counties[i].County = mdHostile[i%len(mdHostile)] + " 县"
		for j := range s.Counties[i].Explanation {
			s.Counties[i].Explanation[j].Name = mdHostile[(i+j+10)%len(mdHostile)]
		}
	}
	return func(w io.Writer) error { return WritePlanReport(w, s, Options{Lang: l, Date: "2026-05-01"}) }
}

// TestWriteHTMLSaysWhatTheMarkdownSays converts the report (with hostile
// names) to HTML and has pandoc read both: the text of the HTML must be
// the text of the Markdown, and the page carries its print layout.
func TestWriteHTMLSaysWhatTheMarkdownSays(t *testing.T) {
	pandoc := fixture.RequireTool(t, "pandoc", "--version")
	for _, l := range []i18n.Lang{i18n.En, i18n.Zh} {
		md := hostileReport(t, l)
		var mdBuf, page bytes.Buffer
		if err := md(&mdBuf); err != nil {
			t.Fatal(err)
		}
		if err := WriteHTML(&page, l, md); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<html lang="` + l.Tag() + `">`, "@page { size: A4;", `"WenQuanYi Micro Hei"`, "break-inside: avoid",
			"thead { display: table-header-group; }", "<title>" + l.S(pm.title) + "</title>"} {
			if !strings.Contains(page.String(), want) {
				t.Errorf("%s: the page lacks %q", l, want)
			}
		}
		for tag, n := range map[string]int{"<h2>": strings.Count(mdBuf.String(), "\n## "), "<table": strings.Count(mdBuf.String(), "\n|---")} {
			if got := strings.Count(page.String(), tag); got != n || n == 0 {
				t.Errorf("%s: %d %s in the page, %d in the Markdown", l, got, tag, n)
			}
		}
		mdText, htmlText := pandocText(t, pandoc, "gfm", mdBuf.String()), pandocText(t, pandoc, "html", page.String())
		if mdText != htmlText {
			t.Errorf("%s: the HTML's text differs from the Markdown's:\n%s", l, firstDifference(mdText, htmlText))
		}
	}
}

// pandocText is the text pandoc reads in a document, its words joined by
// single spaces.
func pandocText(t *testing.T, pandoc, from, doc string) string {
	t.Helper()
	cmd := exec.Command(pandoc, "-f", from, "-t", "json")
	cmd.Stdin = strings.NewReader(doc)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc -f %s: %v", from, err)
	}
	var types []string
	var text strings.Builder
	for _, b := range pandocBlocksJSON(t, out) {
		pandocWalk(b, &types, &text)
	}
	return strings.Join(strings.Fields(text.String()), " ")
}

// firstDifference shows where two texts part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "markdown: …" + a[lo:min(len(a), i+80)] + "\n    html: …" + b[lo:min(len(b), i+80)]
}
