package data

import (
	"bytes"
	"cmp"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// mdCells counts the cells of a Markdown table row: unescaped pipes less one.
func mdCells(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // skip the escaped character
		case '|':
			n++
		}
	}
	return n - 1
}

// checkMarkdownTables checks that every row of every table has as many
// cells as its header, so that no name broke a table.
func checkMarkdownTables(t *testing.T, md string) {
	t.Helper()
	want := 0
	for i, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = 0
			continue
		}
		if want == 0 {
			want = mdCells(line)
			continue
		}
		if got := mdCells(line); got != want {
			t.Errorf("line %d has %d cells, its table %d: %s", i+1, got, want, line)
		}
	}
}

func reportText(t *testing.T, s PlanSummary) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePlanReport(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var mdHeading = regexp.MustCompile(`(?m)^### (.*)$`)

// TestWritePlanReportLarge checks the report of more than 30 counties: the
// 30 with the largest gain in full, the others in one table row each, in
// the sub-centre and the clinic part.
func TestWritePlanReportLarge(t *testing.T) {
	f := synthPlan(t, 36)
	s := NewPlanSummary(f.villages, f.facilities, f.res, f.policy, f.opt, nil)
	if len(s.Counties) != 36 {
		t.Fatalf("%d counties", len(s.Counties))
	}
	md := reportText(t, s)
	checkMarkdownTables(t, md)

	// The expected detail set: the 30 largest gains, ties to the first in
	// name order.
	order := make([]int, len(s.Counties))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s.Counties[b].Gain(), s.Counties[a].Gain()) })
	var want []string
	for _, i := range order[:30] {
		want = append(want, mdText(s.Counties[i].County))
	}
	slices.Sort(want)
	var got []string
	for _, m := range mdHeading.FindAllStringSubmatch(md, -1) {
		got = append(got, m[1])
	}
	if len(got) != 32 || got[30] != "Other counties" || got[31] != "Clinic plan of the other counties" {
		t.Fatalf("headings %q", got)
	}
	detail := slices.Clone(got[:30])
	slices.Sort(detail)
	if !slices.Equal(detail, want) {
		t.Errorf("detailed counties\n got %q\nwant %q", detail, want)
	}
	if !slices.IsSorted(got[:30]) {
		t.Error("detailed counties are not in name order")
	}
	if !strings.Contains(md, "The 30 counties whose proposed sub-centres cover the most additional people are described below; the other 6 are summarised") {
		t.Error("the report does not say that 6 counties are summarised")
	}
	// Each of the other counties has one row in each of the two tables;
	// detailed counties have township rows only in the township table.
	for _, i := range order[30:] {
		name := mdText(s.Counties[i].County)
		if n := strings.Count(md, "| "+name+" |"); n != 2 {
			t.Errorf("county %s appears in %d table rows, want 2", name, n)
		}
	}
	for _, tp := range s.Townships {
		row := "| " + mdText(tp.County) + " | " + mdText(tp.Township) + " |"
		if isDetail := slices.Contains(want, mdText(tp.County)); strings.Contains(md, row) != isDetail {
			t.Errorf("township %s of %s listed: %v, detailed county: %v", tp.Township, tp.County, !isDetail, isDetail)
		}
	}
}

// TestWritePlanReportChoice checks how the report words ties, the greedy
// shortfall and a county without sites, and that hostile names cannot
// break its Markdown.
func TestWritePlanReportChoice(t *testing.T) {
	f := newPlanFixture(t)
	s := f.summary()
	c := &s.Counties[1]
	if len(c.Explanation) != 2 {
		t.Fatalf("fixture county %s has %d sites, want 2", c.County, len(c.Explanation))
	}
	old := c.County
	c.County = "甲|县 *bold* <b>"
	c.OptimalSets = 3
	c.Alternatives = [][]string{{"A1", "A2"}, {"B1", "B2"}}
	c.TieBreak = "3 site sets cover the same 4,920 people; chosen by total staff 30 vs 20"
	c.GreedyGap = 1234
	c.GreedySubcentres = []string{"G1", "G2"}
	c.Explanation[0].Name = "a|b\nc"
	for i := range s.Townships {
		if s.Townships[i].County == old {
			s.Townships[i].County = c.County
		}
	}
	md := reportText(t, s)
	checkMarkdownTables(t, md)
	for _, want := range []string{
		"### 甲\\|县 \\*bold\\* &lt;b&gt;\n",
		"3 sets of 2 sites cover the same number of people (3 site sets cover the same 4,920 people; chosen by total staff 30 vs 20).",
		"Other sets that do as well: A1, A2; B1, B2.",
		"Picking the largest gain one site at a time would choose G1, G2 and cover 1,234 fewer people.",
		"| 1 | a\\|b c (T3) |",
		"No sub-centre is proposed. Reason: no sites: the county has no township health centre",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(md, "The choice is unique") {
		t.Error("a tied choice is called unique")
	}

	w := &failingWriter{limit: 10}
	if err := WritePlanReport(w, s); !errors.Is(err, ErrWrite) {
		t.Errorf("failing writer: err = %v", err)
	}
}

func TestMdText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"东镇", "东镇"},
		{"a|b", `a\|b`},
		{"*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"},
		{"[link](u) <b>&", `\[link\](u) &lt;b&gt;&amp;`},
		{"line\nbreak\ttab", "line break tab"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{`back\slash #1 ~x~`, `back\\slash \#1 \~x\~`},
	}
	for _, c := range cases {
		if got := mdText(c.in); got != c.want {
			t.Errorf("mdText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for km, want := range map[float64]string{15: "15", 2.5: "2.5", 12955.46: "12,955.5", 0.04: "0.0", 1234567: "1,234,567", -1500.25: "-1,500.2"} {
		if got := kmText(km); got != want {
			t.Errorf("kmText(%v) = %q, want %q", km, got, want)
		}
	}
	if got := mdCode("no_thc"); got != "`no_thc`" {
		t.Errorf("mdCode = %q", got)
	}
}
