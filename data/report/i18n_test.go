package report

import (
	"bytes"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
)

// TestCatalogues checks every message of the reports in both languages,
// with the same format verbs.
func TestCatalogues(t *testing.T) {
	for name, c := range map[string]any{
		"pm": pm, "tm": tm, "hm": hm, "gm": gm, "mm": mm, "wm": wm, "flags": flags, "roleWords": roleWords,
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

// chineseLeaks lists the English words of s, leaving out code spans,
// command-line options (--min-far-km) and the words a Chinese report
// keeps (file names, field names, catchment).
func chineseLeaks(s string, allowed ...string) []string {
	s = regexp.MustCompile("`[^`]*`|--[a-z][a-z-]*").ReplaceAllString(s, "")
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

// TestChineseRendering checks the Chinese catalogue of the planner's
// notes: every code and word of the English catalogue has a Chinese
// rendering (and no other), every code rendered from an example keeps no
// English word but the names, ids and options the note states, and every
// cited text (each preset's figure sources, as given and as the summary
// words a figure set for a run; the programme's rules, sources and
// targets) comes out in Chinese.
func TestChineseRendering(t *testing.T) {
	en := note.English()
	if got, want := zhNotes.Codes(), en.Codes(); !slices.Equal(got, want) {
		t.Errorf("Chinese codes %v,\nEnglish codes %v", got, want)
	}
	if got, want := slices.Sorted(maps.Keys(zhWords)), en.WordKeys(); !slices.Equal(got, want) {
		t.Errorf("Chinese words %v, English words %v", got, want)
	}
	covered := map[note.Code]bool{}
	for _, n := range noteExamples() {
		covered[n.Code] = true
		for _, p := range n.Parts {
			covered[p.Code] = true
		}
		zh := zhNotes.Render(n)
		if leaks := chineseLeaks(zh, stated(n)...); len(leaks) > 0 || zh == en.Render(n) {
			t.Errorf("%s in Chinese %q keeps %q", n.Code, zh, leaks)
		}
	}
	for _, c := range en.Codes() {
		if !covered[c] {
			t.Errorf("%s has no example", c)
		}
	}
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
			for _, ns := range [][]note.Note{
				{note.New(note.FigureCited, "source", src.String())},
				{note.New(note.FigureSetOver, "policy", p.Name, "value", 12, "source", src.String()), note.New(note.FigureNotApplied)},
			} {
				if zh := notesText(i18n.Zh, ns, ""); len(chineseLeaks(zh)) > 0 {
					t.Errorf("%s %s: %q keeps %q", p.Name, v.Type().Field(i).Name, zh, chineseLeaks(zh))
				}
			}
		}
	}
	fixed := []string{programme.BudgetTieBreak, programme.PhaseTieBreak, programme.PhaseSource, programme.QuotaTieBreak,
		programme.QuotaSource, programme.QuotaEqualSplit, programme.ScorecardRule}
	for _, t := range programme.DefaultScorecardTargets() {
		fixed = append(fixed, t.Source)
	}
	for _, p := range planner.PolicyNames() {
		fixed = append(fixed, programme.LicensedShareTarget(p).Source)
	}
	for _, s := range fixed {
		if _, ok := fixedTextsZh[s]; !ok {
			t.Errorf("no Chinese for the programme's text %q", s)
		}
		if leaks := chineseLeaks(constText(i18n.Zh, s), "min"); len(leaks) > 0 {
			t.Errorf("%q in Chinese keeps %q", s, leaks)
		}
	}
	n := noteExamples()[0]
	if got := notesText(i18n.En, []note.Note{n}, "as given"); got != "as given" {
		t.Errorf("an English note is %q, not the planner's string", got)
	}
	if got := notesText(i18n.Zh, nil, "older file"); got != "older file" {
		t.Errorf("a Chinese text without notes is %q, not the English it has", got)
	}
	// A warning of an older summary file, without notes, says its code in
	// Chinese words and refers to the English.
	old := summary.Warning{Code: planner.WarnMaxSubcentresExceeded, Reason: "3 sub-centres proposed", Suggestion: "lower --county-max to 2"}
	if r, s := warningText(old, i18n.Zh); r != warningCodeZh[old.Code] || s != warningDetailZh {
		t.Errorf("older warning in Chinese: %q, %q", r, s)
	}
	if r, s := warningText(old, i18n.En); r != old.Reason || s != old.Suggestion {
		t.Errorf("older warning in English: %q, %q", r, s)
	}
}

// stated are the values a note states as they are (names, ids, options,
// a column and its bad value), which a Chinese rendering keeps.
func stated(n note.Note) []string {
	var out []string
	for _, k := range []string{"id", "name", "facility", "column", "value", "by", "policy"} {
		if s, ok := n.Args[k].(string); ok {
			out = append(out, englishWord.FindAllString(s, -1)...)
		}
	}
	return out
}

// noteExamples are notes of every code, with values of every kind.
func noteExamples() []note.Note {
	N := note.New
	radius := []any{"radius_km", 15.0}
	minutes := []any{"radius_minutes", 30.0}
	return []note.Note{
		N(note.SubNoSitesTooClose, "thcs", 11, "min_far_km", 20.0),
		N(note.SubNoSitesAllCovered, append(radius, "people", 7000)...),
		N(note.SubNoSitesAllCovered, append(minutes, "people", 7000)...),
		N(note.SubNoSitesNoneWithin, append(radius, "candidates", 1, "people", 4000)...),
		N(note.SubNoSitesNoTHC), N(note.SubNoSitesNotListed), N(note.SubSeatFromVillages),
		N(note.SubFewCandidates, "candidates", 1),
		N(note.SubAutoFewCandidates, "k", 2, "candidates", 2),
		N(note.SubAutoSmallGain, "k", 1, "gain", 7000, "min_gain", 8000),
		N(note.SubAutoLimit, "k", 3, "limit", 3, "min_gain", 5000),
		N(note.TieStaff, "sets", 3, "people", 4920, "chosen", 30, "next", 20),
		N(note.TieBeds, "sets", 2, "people", 4920, "chosen", 30, "next", 20),
		N(note.TieSeatKm, "sets", 2, "people", 4920, "chosen_km", 30.1, "next_km", 20.0),
		N(note.TieIDs, "sets", 2, "people", 4920),
		N(note.BudgetCounty).With(N(note.BudgetNoCandidate), N(note.BudgetNoSite), N(note.BudgetSitesGain, "sites", 2, "people", 9000, "last", 1000),
			N(note.BudgetUnnamed, "sites", 1), N(note.BudgetMinUnmet, "min", 2, "candidates", 1), N(note.BudgetHeldAtMin, "min", 1),
			N(note.BudgetNextNone, "next_site", 3), N(note.BudgetNextSpent, "next_site", 2, "people", 800), N(note.BudgetAtMax, "max", 3),
			N(note.BudgetAllUsed, "candidates", 2)),
		N(note.BudgetLeftFull, "sites", 2), N(note.BudgetLeftNoGain, "sites", 1),
		N(note.WarnBelowMin, "sites", 0, "min", 1).With(N(note.WarnWhyNotListed)),
		N(note.WarnBelowMin, "sites", 1, "min", 2).With(N(note.WarnWhyTooClose, "min_far_km", 25.0, "thcs", 11, "farthest_km", 17.0)),
		N(note.WarnBelowMin, "sites", 0, "min", 1).With(N(note.WarnWhyNoTHC)),
		N(note.WarnBelowMin, "sites", 0, "min", 1).With(N(note.WarnWhyAllCovered, append(minutes, "people", 7000)...)),
		N(note.WarnBelowMin, "sites", 0, "min", 1).With(N(note.WarnWhyNoneWithin, append(radius, "candidates", 2, "people", 700)...)),
		N(note.WarnAboveMax, "sites", 3, "max", 2),
		N(note.FixAddToList), N(note.FixGiveCandidates),
		N(note.FixRelax, append(radius, "min_far_km", 13.1, "id", "F000086", "name", "夏昭镇卫生院", "hospital_km", 13.16, "people", 20362)...),
		N(note.FixRelaxNone, radius...), N(note.FixAnyCandidate, "candidates", 1), N(note.FixAnyCandidate, "candidates", 3),
		N(note.FixAtMost, "max", 2), N(note.FixCountyMax, "max", 2),
		N(note.FigureCited, "source", planner.Policies()[0].RadiusKm.Source), N(note.FigureSet), N(note.FigureNotApplied),
		N(note.FigureSetOver, "policy", "ordos", "value", []float64{10, 15}, "source", planner.Policies()[1].MergeBelow.Source),
		N(note.CiteBudget, "sites", 10, "by", "--subcentres-total"),
		N(note.CiteCountyMin, "min", 1, "source", planner.Policies()[3].MinSubcentres.Source),
		N(note.CiteCountyMax, "max", 2, "source", "--county-max"),
		N(note.CiteCapsZibo, "caps", []int{530, 1060, 1048}, "start_year", 2024), N(note.CiteCapsGiven, "caps", []int{5}, "start_year", 2030),
		N(note.CiteScore, "served", 1.0, "doctor_gap", 2.0, "distance_to_thc", 1.0, "network_uncovered", 2.0, "radius_km", 15.0,
			"radius_source", planner.Policies()[2].RadiusKm.Source, "source", programme.PhaseSource),
		N(note.CiteTies, "rule", programme.PhaseTieBreak), N(note.CiteClinicsFacilities), N(note.CiteClinicsPlan),
		N(note.CiteStaffZibo, "staff", 500), N(note.CiteStaffGiven, "staff", 600),
		N(note.CiteRule, "rule", programme.QuotaSource), N(note.CiteRounding, "rule", programme.QuotaTieBreak),
		N(note.BasisNoFigure, "what", note.WordGPs),
		N(note.BasisUnknownFor, "what", note.WordFeverClinic, "unknown", 2, "total", 5, "of", note.WordTownshipHealthCentres),
		N(note.BasisNone, "of", note.WordResidentsTable),
		N(note.BasisPer, "count", 12, "what", note.WordVillageDoctorsStaff, "per_count", 12000, "per", note.WordPeopleServed),
		N(note.BasisShare, "count", 3, "total", 4, "of", note.WordVillageDoctors),
		N(note.SubsidyPlan, "needed", 12, "today", 9), N(note.SubsidyToday, "today", 9), N(note.SubsidyStaffUnknown, "clinics", 2),
		N(note.SubsidyLicensed), N(note.SubsidyFullRange),
		N(note.CardNotCount, "facility", "F9", "column", "health_workers", "value", "many"),
		N(note.CardNotYesNo, "facility", "F9", "column", "ambulance", "value", "maybe"),
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
		"## 各乡镇村卫生室规划\n", "## 附录：政策规则R1–R18\n", "- **日期**：2026-05-01\n", "- **编制工具**：catchment v1.0.0\n",
		// the planner's notes, in Chinese
		"- 乙县（R2）：未拟建县域医疗次中心，少于每县至少1个的下限：该县没有乡镇卫生院。满足要求的办法：用--candidates给定候选点位。\n",
		"原因：无候选点位：该县没有乡镇卫生院；该县没有县级医院，县城位置取各村人口加权中心。", "说明：数量自动确定为2个：仅有2个候选点位，最多设2个。"} {
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
		"\n  乙县（R2）：未拟建县域医疗次中心，少于每县至少1个的下限：该县没有乡镇卫生院\n    满足要求的办法：用--candidates给定候选点位\n",
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
