package report

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/planner"
)

// TestCatalogues checks every message of the reports in both languages,
// with the same format verbs.
func TestCatalogues(t *testing.T) {
	for name, c := range map[string]any{
		"pm": pm, "tm": tm, "hm": hm, "gm": gm, "mm": mm, "flags": flags, "roleWords": roleWords,
		"planFigureLabels": planFigureLabels, "facilityTypeWords": facilityTypeWords, "gapUnknown": gapUnknown,
		"nouns": []i18n.Noun{nounPerson, nounVillage, nounCounty, nounTownship, nounSite, nounCandidate, nounTHC, nounSubcentre, nounDay},
	} {
		for _, err := range i18n.CheckMsgs(c) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, f := range flagOrder {
		if _, ok := flags[f]; !ok {
			t.Errorf("flag %s has no words", f)
		}
	}
	for _, r := range planner.Rules() {
		if _, ok := ruleFiguresZh[r.Figure]; !ok {
			t.Errorf("%s: figure %q has no Chinese", r.ID, r.Figure)
		}
	}
}

// englishWord finds what a Chinese text should not contain: a word of
// three or more Latin letters.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// chineseLeaks lists the English words of s, leaving out code spans and
// the words a Chinese report keeps (file names, field names, catchment).
func chineseLeaks(s string, allowed ...string) []string {
	s = regexp.MustCompile("`[^`]*`").ReplaceAllString(s, "")
	var out []string
	for _, w := range englishWord.FindAllString(s, -1) {
		ok := false
		for _, a := range append(allowed, "catchment") {
			ok = ok || strings.EqualFold(w, a)
		}
		if !ok {
			out = append(out, w)
		}
	}
	return out
}

// TestChineseRendering renders in Chinese every figure source of every
// preset (as given, and as the summary words a figure set for a run), the
// planner's note sentences and its tie-breaks, and checks that no English
// word is left.
func TestChineseRendering(t *testing.T) {
	for _, p := range planner.Policies() {
		v := reflect.ValueOf(p)
		for i := range v.NumField() {
			if v.Field(i).Kind() != reflect.Struct {
				continue
			}
			src := v.Field(i).FieldByName("Source")
			if !src.IsValid() {
				continue
			}
			for _, s := range []string{src.String(), "set for this run; the " + p.Name + " policy gives 12 (" + src.String() + ")",
				src.String() + "; not applied: candidate sites were given"} {
				if leaks := chineseLeaks(sourceText(i18n.Zh, s)); len(leaks) > 0 {
					t.Errorf("%s %s: %q keeps %q", p.Name, v.Type().Field(i).Name, sourceText(i18n.Zh, s), leaks)
				}
			}
		}
	}
	notes := []string{
		"no sites: all 11 township health centres are less than 20.0 km from a county hospital",
		"no sites: all 7,000 people are already within 10.0 km of an existing facility",
		"no sites: all 7,000 people are already within 30 minutes of an existing facility",
		"no sites: none of the 1 candidates is within 10.0 km of the 4,000 people without county-level care today",
		"no sites: the county has no township health centre",
		"no sites: the candidate list has no site in this county; the county has no county hospital, so its seat is taken as the population-weighted centre of its villages",
		"K = 2 chosen automatically: only 2 candidates, so at most 2 sites",
		"K = 1 chosen automatically: a 2nd site would add only 7,000 people (< 8,000)",
		"K = 3 chosen automatically: each site up to the limit of 3 adds at least 5,000 people",
		"only 1 candidate, so at most 1 site",
	}
	for _, n := range notes {
		if leaks := chineseLeaks(noteText(i18n.Zh, n)); len(leaks) > 0 {
			t.Errorf("note %q in Chinese %q keeps %q", n, noteText(i18n.Zh, n), leaks)
		}
	}
	for _, tb := range []string{
		"3 site sets cover the same 4,920 people; chosen by total staff 30 vs 20",
		"2 site sets cover the same 4,920 people; chosen by total beds 30 vs 20",
		"2 site sets cover the same 4,920 people; chosen by total distance from the county seat 30.1 km vs 20.0 km",
		"2 site sets cover the same 4,920 people; chosen by ids (equal staff, beds and distance from the seat)",
	} {
		if leaks := chineseLeaks(tieBreakText(i18n.Zh, tb)); len(leaks) > 0 {
			t.Errorf("tie-break %q in Chinese %q keeps %q", tb, tieBreakText(i18n.Zh, tb), leaks)
		}
	}
	if got := noteText(i18n.En, notes[0]); got != notes[0] {
		t.Errorf("an English note changed: %q", got)
	}
}

// TestPlanReportChinese writes the fixture's report in Chinese and checks
// that it is Chinese throughout but for names, ids and field names.
func TestPlanReportChinese(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	var buf bytes.Buffer
	if err := WritePlanReport(&buf, s, Options{Lang: i18n.Zh, Date: "2026-05-01", Version: "v1.0.0"}); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	checkMarkdownTables(t, md)
	for _, h := range []string{"# 县域医疗次中心与村卫生室规划报告\n", "## 本报告用语\n", "## 规划参数及依据\n", "## 各县医疗次中心选址\n",
		"## 各乡镇村卫生室规划\n", "## 附录：政策规则R1–R18\n", "- **日期**：2026-05-01\n", "- **编制工具**：catchment v1.0.0\n"} {
		if !strings.Contains(md, h) {
			t.Errorf("Chinese report lacks %q", h)
		}
	}
	for i, line := range strings.Split(md, "\n") {
		// Fixture names and ids are Latin (T3, V12, "Town A"), and so are
		// the CSV file names the report points to.
		if leaks := chineseLeaks(line, "csv", "GeoJSON", "JSON", "service", "false", "villages", "counties", "subcentres", "townships",
			"Town", "County", "Village", "WGS", "SHA", "facilities"); len(leaks) > 0 {
			t.Errorf("line %d keeps English %q: %s", i+1, leaks, line)
		}
	}
}

// TestRuleCitationsResolve checks that every rule the plan report cites,
// in either language and with the budget section, is a row of its
// appendix.
func TestRuleCitationsResolve(t *testing.T) {
	f := fixture.NewPlan(t)
	s := planSummary(f)
	for _, l := range []i18n.Lang{i18n.En, i18n.Zh} {
		var buf bytes.Buffer
		if err := WritePlanReport(&buf, s, Options{Lang: l}); err != nil {
			t.Fatal(err)
		}
		md := buf.String()
		at := strings.LastIndex(md, "\n## ")
		body, appendix := md[:at], md[at:]
		cited := CitedRules(body)
		if len(cited) < 8 {
			t.Errorf("%s: only %v cited", l, cited)
		}
		for _, id := range cited {
			if !strings.Contains(appendix, "\n| "+id+" | ") {
				t.Errorf("%s: %s is cited but not in the appendix", l, id)
			}
		}
		if n := len(regexp.MustCompile(`\n\| R\d+ \|`).FindAllString(appendix, -1)); n != len(planner.Rules()) {
			t.Errorf("%s: the appendix has %d rules, want %d", l, n, len(planner.Rules()))
		}
	}
}

// TestTablesChinese writes the command tables in Chinese: headings and
// sentences are Chinese, names and ids as they are.
func TestTablesChinese(t *testing.T) {
	f := fixture.NewPlan(t)
	var buf bytes.Buffer
	if err := WritePlanTableIn(&buf, planSummary(f), i18n.Zh); err != nil {
		t.Fatal(err)
	}
	c := fixture.NewCoverage(t, 10, 20)
	if err := WriteCoverageTableIn(&buf, coverageSummary(t, c.Villages, c.Facilities, c.Res, fixture.Reports()...), i18n.Zh); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"医疗次中心规划，服务半径15公里（测地线距离，政策shanxi）", "县级医疗覆盖现状", "合计", "方案比较",
		"村卫生室规划（4个乡镇）：", "10公里、20公里内急救网络覆盖", "20公里（最大半径）内无急救网络覆盖的行政村："} {
		if !strings.Contains(out, want) {
			t.Errorf("Chinese tables lack %q:\n%s", want, out)
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if leaks := chineseLeaks(line, "shanxi", "min", "gain", "pop", "required", "clinic", "false", "Town", "County", "Village", "bad", "xffbyte"); len(leaks) > 0 {
			t.Errorf("line %d keeps English %q: %s", i+1, leaks, line)
		}
	}
}
