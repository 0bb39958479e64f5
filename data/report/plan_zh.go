package report

import (
	"regexp"
	"strings"

	"github.com/catchment/catchment/data/i18n"
)

// The planner and the policy presets write their explanations (figure
// sources, a county's note, the tie-break) in English. A Chinese report
// renders them in Chinese here: the sources from the phrases they are
// built of, the notes and tie-breaks from their few sentence patterns. A
// phrase without a rendering is kept in English rather than dropped;
// TestChineseRendering checks that every preset's sources and the
// planner's sentence patterns come out without English words.

// sourcePhrasesZh are the phrases of the presets' figure sources
// (planner/policy.go), longest first where one contains another.
var sourcePhrasesZh = []struct{ en, zh string }{
	{"R1 Shanxi Jin Zheng Ban Fa [2023] No. 51, measure 11: service radius 10–20 km", "R1 山西省晋政办发〔2023〕51号第11条：服务半径10–20公里"},
	{"R2 Shanxi [2023] No. 51, measure 2: 1–3 sub-centres per county, far from the county seat", "R2 山西〔2023〕51号第2条：每县1–3个医疗次中心，距县城较远"},
	{"R3 Ordos E Fu Ban Fa [2024] No. 24, section 3: 1–2 sub-centres per banner/district", "R3 鄂尔多斯鄂府办发〔2024〕24号第三部分：每旗区1–2个医疗次中心"},
	{"R4 Xinjiang health commission 2022-08-31, annex 1 item 7: at least one sub-centre per pilot county", "R4 新疆卫生健康委2022-08-31通知附件1第7项：每个试点县至少1个县域医疗次中心"},
	{"R6 Shanxi [2023] No. 51, measure 3: under 200 residents, itinerant or stationed service", "R6 山西〔2023〕51号第3条：常住人口200人以下的村巡诊或派驻服务"},
	{"R8 Ordos [2024] No. 24, section 3: joint clinic under 500 served", "R8 鄂尔多斯〔2024〕24号第三部分：服务人口500人以下联办村卫生室"},
	{"R9 Dadukou implementation plan 2023, task 4: own clinic from 800 served", "R9 大渡口区实施方案（2023）任务4：服务人口800人及以上单设村卫生室"},
	{"R10 Shanxi [2023] No. 51, measure 3: at least 1 village doctor per 1,000 served", "R10 山西〔2023〕51号第3条：每千服务人口至少1名乡村医生"},
	{"R11 Dadukou plan, task 18: township centre staff 1.2‰–1.7‰ of residents", "R11 大渡口区实施方案任务18：乡镇卫生院按常住人口1.2‰–1.7‰核定编制"},
	{"left open by the documents; catchment's reading, set your own", "文件未作规定，为catchment的取值，可自行设定"},
	{": villages under 800 need no clinic of their own, so they may share one", "；800人以下的村无需单设村卫生室，可联办"},
	{": villages of 500 or more served keep a clinic of their own", "；服务人口500人及以上的村单设村卫生室"},
	{" (lower bound: a dense urban district)", "（取下限：人口密集的城区）"},
	{" (upper bound: sparse banners)", "（取上限：地广人稀的旗区）"},
	{" (upper bound: vast pilot counties)", "（取上限：地域辽阔的试点县）"},
	{" (midpoint)", "（取中值）"},
	{"around the lower bound of R1, for a dense district: ", "R1下限附近，适用于人口密集的城区："},
	{`R2 "far from the county seat", read for a small district: `, "R2“距县城较远”，按面积较小的区理解："},
	{`R2 "far from the county seat", read for vast counties: `, "R2“距县城较远”，按地域辽阔的县理解："},
	{`R2 "far from the county seat": `, "R2“距县城较远”："},
	{`R2/R3 "service range", read for large banners: `, "R2/R3“服务半径”，按面积较大的旗区理解："},
	{`R7/R8 "adjacent", read for a dense district: `, "R7/R8“相邻”，按人口密集的城区理解："},
	{`R7/R8 "adjacent", read for vast counties: `, "R7/R8“相邻”，按地域辽阔的县理解："},
	{`R8 "geographically adjacent", read for sparse banners: `, "R8“地理相邻”，按地广人稀的旗区理解："},
	{`R7 "small service radius and convenient transport": `, "R7“服务半径小、交通便利”："},
	{`R6 "near a township health centre", read for a dense district: `, "R6“靠近乡镇卫生院”，按人口密集的城区理解："},
	{`R6 "near a township health centre", read for sparse banners: `, "R6“靠近乡镇卫生院”，按地广人稀的旗区理解："},
	{`R6 "near a township health centre", read for vast counties: `, "R6“靠近乡镇卫生院”，按地域辽阔的县理解："},
	{`R6 "near a township health centre": `, "R6“靠近乡镇卫生院”："},
	{"a day's itinerant route in a dense district: ", "人口密集城区一天的巡诊路线："},
	{"a day's itinerant route across a banner: ", "横跨旗区一天的巡诊路线："},
	{"a day's itinerant route in hilly townships: ", "丘陵山区乡镇一天的巡诊路线："},
	{"a day's itinerant route in vast counties: ", "地域辽阔的县一天的巡诊路线："},
	{"Ordos's R8 names mobile care without a figure", "鄂尔多斯R8提及巡回医疗但未规定数值"},
	{"Shanxi's R7 allows joint clinics without a figure", "山西R7允许联办但未规定数值"},
	{"Xinjiang's R4 sets only a lower bound", "新疆R4只规定下限"},
	{"Dadukou gives no figure", "大渡口未规定数值"},
	{"Ordos gives no figure", "鄂尔多斯未规定数值"},
	{"Shanxi gives no figure", "山西未规定数值"},
	{"Xinjiang gives no figure", "新疆未规定数值"},
	{"; Shanxi's figure is used)", "；采用山西的数值）"},
	{"; Ordos's figure is used)", "；采用鄂尔多斯的数值）"},
	{"; Dadukou's figure is used)", "；采用大渡口的数值）"},
	{"; not applied: candidate sites were given", "；给定候选点位时不适用"},
	{" (", "（"},
}

// setForRun is the summary's wording of a figure set for this run.
var setForRun = regexp.MustCompile(`^set for this run; the (\w+) policy gives (.*?) \((.*)\)((?:; not applied: candidate sites were given)?)$`)

// policyNamesZh name the presets in Chinese, as a source cites them.
var policyNamesZh = map[string]string{"shanxi": "山西", "ordos": "鄂尔多斯", "dadukou": "大渡口", "xinjiang": "新疆"}

// sourceText is a figure's source in l.
func sourceText(l i18n.Lang, src string) string {
	if l != i18n.Zh {
		return src
	}
	if m := setForRun.FindStringSubmatch(src); m != nil {
		name := m[1]
		if z, ok := policyNamesZh[name]; ok {
			name = z
		}
		return "本次运行设定；" + name + "政策为" + m[2] + "（" + phrasesZh(m[3]) + "）" + phrasesZh(m[4])
	}
	if rest, ok := strings.CutPrefix(src, "set for this run"); ok {
		return "本次运行设定" + phrasesZh(rest)
	}
	return phrasesZh(src)
}

// phrasesZh replaces every known phrase of s by its Chinese.
func phrasesZh(s string) string {
	for _, p := range sourcePhrasesZh {
		s = strings.ReplaceAll(s, p.en, p.zh)
	}
	return s
}

// notePatternsZh are the sentences of a county's note (planner
// CountySubcentres.Note, sentences separated by "; ").
var notePatternsZh = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^no sites: all ([\d,]+) township health centres are less than ([\d.]+) km from a county hospital$`), "无候选点位：全部${1}个乡镇卫生院距县级医院均不足${2}公里"},
	{regexp.MustCompile(`^no sites: all ([\d,]+) people are already within ([\d.]+) km of an existing facility$`), "无需新设：全部${1}人已在现有机构${2}公里内"},
	{regexp.MustCompile(`^no sites: all ([\d,]+) people are already within ([\d.]+) minutes of an existing facility$`), "无需新设：全部${1}人已在现有机构${2}分钟内"},
	{regexp.MustCompile(`^no sites: none of the ([\d,]+) candidates is within ([\d.]+) km of the ([\d,]+) people without county-level care today$`), "无可选点位：${1}个候选点位均不在现状无县级医疗服务覆盖的${3}人的${2}公里内"},
	{regexp.MustCompile(`^no sites: none of the ([\d,]+) candidates is within ([\d.]+) minutes of the ([\d,]+) people without county-level care today$`), "无可选点位：${1}个候选点位均不在现状无县级医疗服务覆盖的${3}人的${2}分钟内"},
	{regexp.MustCompile(`^no sites: the county has no township health centre$`), "无候选点位：该县没有乡镇卫生院"},
	{regexp.MustCompile(`^no sites: the candidate list has no site in this county$`), "无候选点位：候选清单中没有该县的点位"},
	{regexp.MustCompile(`^the county has no county hospital, so its seat is taken as the population-weighted centre of its villages$`), "该县没有县级医院，县城位置取各村人口加权中心"},
	{regexp.MustCompile(`^only (\d+) candidates?, so at most (\d+) sites?$`), "仅有${1}个候选点位，最多设${2}个"},
	{regexp.MustCompile(`^K = (\d+) chosen automatically: only (\d+) candidates?, so at most (\d+) sites?$`), "数量自动确定为${1}个：仅有${2}个候选点位，最多设${3}个"},
	{regexp.MustCompile(`^K = (\d+) chosen automatically: a (\d+)(?:st|nd|rd|th) site would add only ([\d,]+) people \(< ([\d,]+)\)$`), "数量自动确定为${1}个：增设第${2}个点位只新增${3}人（少于${4}人）"},
	{regexp.MustCompile(`^K = (\d+) chosen automatically: each site up to the limit of (\d+) adds at least ([\d,]+) people$`), "数量自动确定为${1}个：上限${2}个以内每个点位均新增至少${3}人"},
}

// noteText is a county's note in l.
func noteText(l i18n.Lang, note string) string {
	if l != i18n.Zh {
		return note
	}
	parts := strings.Split(note, "; ")
	for i, p := range parts {
		prefix := ""
		if rest, ok := strings.CutPrefix(p, "budget (R5): "); ok { // planner.PlanWithBudget's reason
			prefix, p = "名额分配（R5）：", rest
		}
		parts[i] = prefix + budgetReasonText(l, p)
		for _, n := range notePatternsZh {
			if n.re.MatchString(p) {
				parts[i] = prefix + n.re.ReplaceAllString(p, n.zh)
				break
			}
		}
	}
	return strings.Join(parts, "；")
}

// tieBreakPatternsZh are the planner's tie-break sentences
// (CountySubcentres.TieBreak).
var tieBreakPatternsZh = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^(\d+) site sets cover the same ([\d,]+) people; chosen by total staff (\d+) vs (\d+)$`), "${1}个组合覆盖人口同为${2}人；按人员总数选定（${3}对${4}）"},
	{regexp.MustCompile(`^(\d+) site sets cover the same ([\d,]+) people; chosen by total beds (\d+) vs (\d+)$`), "${1}个组合覆盖人口同为${2}人；按床位总数选定（${3}对${4}）"},
	{regexp.MustCompile(`^(\d+) site sets cover the same ([\d,]+) people; chosen by total distance from the county seat ([\d.]+) km vs ([\d.]+) km$`), "${1}个组合覆盖人口同为${2}人；按距县城总距离选定（${3}公里对${4}公里）"},
	{regexp.MustCompile(`^(\d+) site sets cover the same ([\d,]+) people; chosen by ids \(equal staff, beds and distance from the seat\)$`), "${1}个组合覆盖人口同为${2}人；人员、床位和距县城距离均相同，按编号选定"},
}

// tieBreakText is a county's tie-break in l.
func tieBreakText(l i18n.Lang, tb string) string {
	if l != i18n.Zh {
		return tb
	}
	for _, t := range tieBreakPatternsZh {
		if t.re.MatchString(tb) {
			return t.re.ReplaceAllString(tb, t.zh)
		}
	}
	return tb
}
