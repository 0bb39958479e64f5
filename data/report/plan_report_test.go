package report

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"

	"github.com/catchment/catchment/data/summary"

	"github.com/catchment/catchment/data/internal/fixture"
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

func reportText(t *testing.T, s summary.PlanSummary) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePlanReport(&buf, s, Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var mdHeading = regexp.MustCompile(`(?m)^### (.*)$`)

// TestWritePlanReportLarge checks the report of more than 30 counties: the
// 30 with the largest gain in full, the others in one table row each, in
// the sub-centre and the clinic part.
func TestWritePlanReportLarge(t *testing.T) {
	f := fixture.SynthPlan(t, 36)
	s, err := summary.NewPlanSummary(f.Villages, f.Facilities, f.Res, f.Policy, f.Opt, nil)
	if err != nil {
		t.Fatal(err)
	}
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
	if !strings.Contains(md, "The 30 counties whose proposed sub-centres add the most people to county-level care cover are described below; the other 6 are summarised") {
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
	f := fixture.NewPlan(t)
	s := planSummary(f)
	c := &s.Counties[1]
	if len(c.Explanation) != 2 {
		t.Fatalf("fixture county %s has %d sites, want 2", c.County, len(c.Explanation))
	}
	old := c.County
	c.County = "甲|县 *bold* <b>"
	c.OptimalSets = 3
	c.Alternatives = [][]string{{"A1", "A2"}, {"B1", "B2"}}
	c.TieBreak = "3 site sets bring county-level care to the same 4,920 people; chosen by total staff 30 vs 20"
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
		"### 甲\\|县 \\*bold\\* \\<b>\n",
		"3 sets of 2 sites add the same number of people (3 site sets bring county-level care to the same 4,920 people; chosen by total staff 30 vs 20).",
		"Other sets that do as well: A1, A2; B1, B2.",
		"Picking the largest gain one site at a time would choose G1, G2 and add 1,234 fewer people.",
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

	w := &fixture.FailingWriter{Limit: 10}
	if err := WritePlanReport(w, s, Options{}); !errors.Is(err, table.ErrWrite) {
		t.Errorf("failing writer: err = %v", err)
	}
}

func TestMdText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"东镇", "东镇"},
		{"a|b", `a\|b`},
		{"*x* _y_ `z` ~w~", "\\*x\\* \\_y\\_ \\`z\\` \\~w\\~"},
		{`back\slash`, `back\\slash`},
		{"line\nbreak\ttab", "line break tab"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"  padded  ", "padded"},
		// Comparisons, ampersands, brackets and numbers read as they are.
		{"36.3 km from the nearest county hospital (>= 20.0 km)", "36.3 km from the nearest county hospital (>= 20.0 km)"},
		{"A & B, R&D", "A & B, R&D"},
		{"Jin Zheng Ban Fa [2023] No. 51", "Jin Zheng Ban Fa [2023] No. 51"},
		{"#1 well", `\#1 well`},
		{"Township #1", "Township #1"},
		{"12.5 km", "12.5 km"},
		{"x-ray, 3+4", "x-ray, 3+4"},
		// HTML, links, references and footnotes.
		{"<b>bold</b> a <= b", `\<b>bold\</b> a \<= b`},
		{"[link](u) ![img](v)", `\[link\](u) ![img\](v)`},
		{"x [a][b] [c]: /url", `x [a\][b] [c\]: /url`},
		{"see [x]", `see [x\]`},
		{"note[^1]", `note\[^1\]`},
		{"&amp; &#38; &#x26; &copy;", `\&amp; \&#38; \&#x26; \&copy;`},
		// What would open a block after a list marker, or close a heading.
		{"> quoted", `\> quoted`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"[x] done", `\[x] done`},
		{"2023. Plan", `2023\. Plan`},
		{"3) third", `3\) third`},
		{"1234567890. ten digits", "1234567890. ten digits"},
		{"甲 ##", `甲 \##`},
		{"C#", "C#"},
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

func TestQuantity(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{{0, "0 counties"}, {1, "1 county"}, {2, "2 counties"}, {-1, "-1 county"}, {1000, "1,000 counties"}}
	for _, c := range cases {
		if got := quantity(c.n, "county", "counties"); got != c.want {
			t.Errorf("quantity(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func planTableText(t *testing.T, s summary.PlanSummary) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePlanTable(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// onePlural matches a count of one with a plural noun.
var onePlural = regexp.MustCompile(`(^|[^\d,.])1 (people|villages|counties|townships|sites|candidate sites|township health centres|sub-centres|rows|days|warnings|input rows)\b`)

// TestPlanReportSingular shrinks every count of the fixture to one and
// checks that report and table use the singular.
func TestPlanReportSingular(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	s.Counties = s.Counties[len(s.Counties)-1:]
	c := &s.Counties[0]
	if len(c.Explanation) == 0 {
		t.Fatalf("fixture county %s has no site", c.County)
	}
	c.PlanCover = summary.PlanCover{Villages: 1, Population: 1, CountyCareAfterPopulation: 1, CountyCareAfterShare: 1}
	c.Subcentres, c.Explanation, c.OptimalSets = c.Subcentres[:1], c.Explanation[:1], 1
	c.GreedyGap, c.GreedySubcentres, c.Candidates, c.TooClose = 1, []string{"T1"}, 1, 1
	s.Total = summary.PlanTotal{PlanCover: c.PlanCover, Subcentres: 1}
	var tp summary.PlanTownship
	for _, x := range s.Townships {
		if x.County == c.County && x.RouteDays > 0 {
			tp = x
		}
	}
	tp.RouteDays, tp.DoctorGap = 1, summary.Count(-1)
	s.Townships = []summary.PlanTownship{tp}
	s.Inputs = []summary.InputSummary{{File: "villages.csv", Rows: 1, Accepted: 1, Warnings: 1}}
	s.RejectedCount = 1
	s.Options.MinGainPop = 1

	for _, k := range []summary.PlanK{0, 1} {
		s.Options.K = k
		md, table := reportText(t, s), planTableText(t, s)
		for name, out := range map[string]string{"report": md, "table": table} {
			if m := onePlural.FindAllString(out, -1); m != nil {
				t.Errorf("K %v: %s has plurals of one: %q", k, name, m)
			}
		}
		want := []string{
			"| villages.csv | 1 | 1 | 0 | — |\n",
			"1 input row was rejected and is not part of this result",
			"1 person lives in 1 village of 1 county.",
			"1 person in 1 village. Emergency network cover within 15 km: 0 people (0.0%). County-level care cover within 15 km today: 0 people (0.0%); with the proposed sub-centres: 1 person (100.0%), 1 more person.",
			"no other set of 1 site adds as many people",
			"add 1 fewer person.",
			"1 candidate site; 1 township health centre left out as closer than",
			" km, 1 day |",
		}
		if k == 0 {
			want = append(want, "adding a site while it adds at least 1 person to county-level care cover (this least gain applies only to the automatic choice")
		} else {
			want = append(want, "; 1 sub-centre per county, fixed for this run (the least gain per added site, 1 person, applies only when the number is chosen automatically)")
		}
		for _, w := range want {
			if !strings.Contains(md, w) {
				t.Errorf("K %v: report lacks %q", k, w)
			}
		}
		for _, w := range []string{"Clinic plan (1 township):", "missing 0 (1 township unknown)."} {
			if !strings.Contains(table, w) {
				t.Errorf("K %v: table lacks %q:\n%s", k, w, table)
			}
		}
	}
	// One county beyond the 30 described in full.
	many := s
	many.Counties = nil
	for i := range 31 {
		cc := *c
		cc.County = fmt.Sprintf("C%02d", i)
		many.Counties = append(many.Counties, cc)
	}
	if md := reportText(t, many); !strings.Contains(md, "the other county is summarised in the last table") {
		t.Error("31 counties: the report does not say that the other county is summarised")
	}
}

// TestPlanReportClinicRules checks that report and table explain the
// villages between merge-below and own-clinic-from, that the least gain
// applies to the automatic number only, and what the flag column shows.
func TestPlanReportClinicRules(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	md, table := reportText(t, s), planTableText(t, s)
	for _, w := range []string{
		"Villages of 800 residents or more must have a clinic of their own (R9).",
		"Of the others, villages below 200 residents get itinerant visits from the township health centre (R6).",
		"Villages of 200–499 residents share a joint clinic with neighbouring villages within 3 km (R7, R8)",
		"Villages of 500–799 residents keep or set up their own clinic: no rule requires it (R9 requires one from 800). " +
			"In villages.csv and the village layer of the plan GeoJSON they have service `own_clinic` and `required_clinic` false",
		"the number of sub-centres is chosen per county, up to 3, adding a site while it adds at least 100 people to county-level care cover " +
			"(this least gain applies only to the automatic choice, not to a fixed number)",
		"Notes: ×n counts the township's villages or itinerant days that have the note (`flag_counts` in the summary JSON), " +
			"or the staff above or below the quota; a note without a number concerns the township as a whole (`flags`).",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	for _, w := range []string{
		"Sub-centres per county: auto, up to 3, adding a site while it adds at least 100 people to county-level care cover (--min-gain-pop; auto only)\n",
		"Own clinics include villages of 500–799 residents, which keep or set up their own clinic though no rule requires it (required_clinic=false; R9 requires one from 800).\n",
	} {
		if !strings.Contains(table, w) {
			t.Errorf("table lacks %q:\n%s", w, table)
		}
	}

	// Without the band, and with a fixed number of sites.
	s.Options.MergeBelow, s.Options.OwnClinicFrom, s.Options.K = 800, 800, 2
	md, table = reportText(t, s), planTableText(t, s)
	if strings.Contains(md, "keep or set up") || strings.Contains(table, "keep or set up") {
		t.Error("no village lies between merge-below and own-clinic-from, yet the band is described")
	}
	if !strings.Contains(md, "Villages of 200–799 residents share a joint clinic") {
		t.Error("report does not give the joint-clinic band 200–799")
	}
	if !strings.Contains(table, "Sub-centres per county: 2, fixed (--min-gain-pop applies only to auto)\n") {
		t.Errorf("table does not say that the least gain does not apply:\n%s", table)
	}
}

// TestPlanReportGlossary: the report defines every term of planner.Terms
// once, in one Glossary section, the two cover measures first.
func TestPlanReportGlossary(t *testing.T) {
	md := reportText(t, planSummary(fixture.NewPlan(t)))
	if n := strings.Count(md, "## Terms used in this report\n"); n != 1 {
		t.Fatalf("%d glossary sections, want 1", n)
	}
	gloss := md[strings.Index(md, "## Terms used in this report\n"):]
	gloss = gloss[:strings.Index(gloss[3:], "\n## ")+3]
	last := -1
	for _, term := range planner.Terms() {
		row := "| " + term.Name + " (" + term.NameZh + ") | " + term.Definition + " |"
		at := strings.Index(gloss, row)
		if at < 0 || at < last || strings.Count(md, row) != 1 {
			t.Errorf("glossary row %q missing, repeated or out of order:\n%s", row, gloss)
		}
		last = at
	}
	checkMarkdownTables(t, md)
}
