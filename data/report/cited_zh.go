package report

import (
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/planner/programme"
)

// Cited texts are fixed texts the notes quote rather than compose: a
// policy preset's figure sources (planner.Policies), the programme's
// documented rules and sources (programme.BudgetTieBreak, …) and the
// scorecard's default target sources. A Chinese report renders them here:
// the programme's texts by a table keyed by the texts themselves (so a
// new wording there shows up in TestChineseRendering, never as a silent
// miss), the presets' sources from the phrases they are built of. A text
// without a rendering is kept in English rather than dropped.

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
	{" (", "（"},
}

// policyNamesZh name the presets in Chinese, as a source cites them.
var policyNamesZh = map[string]string{"shanxi": "山西", "ordos": "鄂尔多斯", "dadukou": "大渡口", "xinjiang": "新疆"}

// fixedTextsZh are the programme's fixed texts in Chinese, keyed by the
// texts the programme package gives.
var fixedTextsZh = func() map[string]string {
	t := programme.DefaultScorecardTargets()
	return map[string]string{
		programme.BudgetTieBreak:  "新增覆盖人口相同的分配方案中，点位少者优先（不覆盖任何人的点位不建设，除非为满足某县下限）；其次把点位给现状覆盖比例较低的县（R17优先扶弱），比例相同按县名排序",
		programme.PhaseTieBreak:   "同分时服务人口多者优先，其次缺乡村医生多者，再按编号，最后按输入顺序",
		programme.PhaseSource:     "R17 淄博行动方案2024—2026年：村卫生室分年度提档升级，优先扶弱补短；得分是catchment对“弱”的理解，可在方案文件中设定权重",
		programme.QuotaTieBreak:   "最大余数法；余数相同者需求大者优先，其次按县名",
		programme.QuotaSource:     "需求 = 缺乡村医生数（R10：每千服务人口1名） + 乡镇卫生院缺编人数（R11：常住人口的1.2‰）；淄博每年至少下沉500名医务人员到村",
		programme.QuotaEqualSplit: "各县均无人员缺口：人员平均分配",
		programme.ScorecardRule: "R16 新疆2022-08-31通知第1、3项：试点县年度考核评分，排名后两位亮黄牌，连续两次黄牌退出试点。总分 = 已评估指标得分（各为min(1, 实际值/目标值)）的加权平均；" +
			"按总分排名，同分按县名",
		t[programme.IndVillageDoctors].Source:          "R10 山西〔2023〕51号第3条：每千服务人口至少1名乡村医生",
		t[programme.IndTHCStaff].Source:                "R11 大渡口区实施方案任务18：乡镇卫生院按常住人口1.2‰–1.7‰核定编制",
		t[programme.IndPrimaryCare].Source:             "R12 大渡口区实施方案指标12：2025年每千常住人口基层卫生人员3.5人",
		t[programme.IndGPs].Source:                     "R13 大渡口区实施方案指标13：2025年每万常住人口全科医生4人",
		t[programme.IndLicensedShare].Source:           "R18 淄博；大渡口指标14：具备执业（助理）医师资格的乡村医生不低于50%",
		programme.LicensedShareTarget("shanxi").Source: "R18 山西第29条：2025年具备执业（助理）医师资格的乡村医生不低于45%",
		t[programme.IndFeverClinic].Source:             "R15 大渡口区实施方案任务12：2025年前每个乡镇卫生院设置规范化发热诊室",
		t[programme.IndAmbulance].Source:               "R15 大渡口区实施方案任务12：2025年前每个乡镇卫生院配备救护车",
	}
}()

// citedZh is a cited text in Chinese: a programme text by its table, a
// preset's source by its phrases; an option that set a figure
// (--county-min) stays as it is.
func citedZh(s string) string {
	if z, ok := fixedTextsZh[s]; ok {
		return z
	}
	for _, p := range sourcePhrasesZh {
		s = strings.ReplaceAll(s, p.en, p.zh)
	}
	return s
}

// constText is a programme's fixed text (a tie rule, a source) in l.
func constText(l i18n.Lang, s string) string {
	if l != i18n.Zh {
		return s
	}
	return citedZh(s)
}

// indicatorWordsZh name the scorecard's indicators.
var indicatorWordsZh = map[string]string{
	programme.IndVillageDoctors: "每千服务人口乡村医生数", programme.IndTHCStaff: "每千常住人口乡镇卫生院人员数",
	programme.IndPrimaryCare: "每千常住人口基层卫生人员数", programme.IndGPs: "每万常住人口全科医生数",
	programme.IndLicensedShare: "执业（助理）医师资格乡村医生占比", programme.IndFeverClinic: "设规范化发热诊室的乡镇卫生院占比",
	programme.IndAmbulance: "配备救护车的乡镇卫生院占比",
}

// statusText is an indicator's status (a programme.Status… code) in l.
func statusText(l i18n.Lang, s string) string {
	if l != i18n.Zh {
		return s
	}
	switch s {
	case programme.StatusMet:
		return "达标"
	case programme.StatusNotMet:
		return "未达标"
	case programme.StatusNotAssessed:
		return "未评估"
	}
	return s
}
