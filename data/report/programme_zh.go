package report

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/planner/programme"
)

// The programme sections' explanations come from the planner (tie rules,
// sources, a county's reason, an indicator's basis) and from the cite
// lines of programme_cites.go, in English. A Chinese report renders them
// here, as plan_zh.go does for the plan: constants by table, sentences by
// pattern, and what is not known kept in English rather than dropped.

// constantsZh are the planner's fixed texts in Chinese.
var constantsZh = map[string]string{
	programme.BudgetTieBreak: "新增覆盖人口相同的分配方案中，点位少者优先（不覆盖任何人的点位不建设，除非为满足某县下限）；其次把点位给现状覆盖比例较低的县（R17优先扶弱），比例相同按县名排序",
	programme.PhaseTieBreak:  "同分时服务人口多者优先，其次缺乡村医生多者，再按编号，最后按输入顺序",
	programme.PhaseSource:    "R17 淄博行动方案2024—2026年：村卫生室分年度提档升级，优先扶弱补短；得分是catchment对“弱”的理解，可在方案文件中设定权重",
	programme.QuotaTieBreak:  "最大余数法；余数相同者需求大者优先，其次按县名",
	programme.QuotaSource:    "需求 = 缺乡村医生数（R10：每千服务人口1名） + 乡镇卫生院缺编人数（R11：常住人口的1.2‰）；淄博每年至少下沉500名医务人员到村",
	programme.ScorecardRule: "R16 新疆2022-08-31通知第1、3项：试点县年度考核评分，排名后两位亮黄牌，连续两次黄牌退出试点。总分 = 已评估指标得分（各为min(1, 实际值/目标值)）的加权平均；" +
		"按总分排名，同分按县名",
	"no county has a staffing gap: the staff are split equally":                                             "各县均无人员缺口：人员平均分配",
	"R10 Shanxi [2023] No. 51, measure 3: at least 1 village doctor per 1,000 served":                       "R10 山西〔2023〕51号第3条：每千服务人口至少1名乡村医生",
	"R11 Dadukou plan, task 18: township centre staff 1.2‰–1.7‰ of residents":                               "R11 大渡口区实施方案任务18：乡镇卫生院按常住人口1.2‰–1.7‰核定编制",
	"R12 Dadukou plan, indicator 12: 3.5 primary-care health workers per 1,000 residents by 2025":           "R12 大渡口区实施方案指标12：2025年每千常住人口基层卫生人员3.5人",
	"R13 Dadukou plan, indicator 13: 4 general practitioners per 10,000 residents by 2025":                  "R13 大渡口区实施方案指标13：2025年每万常住人口全科医生4人",
	"R18 Zibo; Dadukou indicator 14: at least 50 % of village doctors hold a (assistant) physician licence": "R18 淄博；大渡口指标14：具备执业（助理）医师资格的乡村医生不低于50%",
	"R18 Shanxi measure 29: at least 45 % of village doctors hold a (assistant) physician licence by 2025":  "R18 山西第29条：2025年具备执业（助理）医师资格的乡村医生不低于45%",
	"R15 Dadukou plan, task 12: a standard fever clinic at every township health centre by 2025":            "R15 大渡口区实施方案任务12：2025年前每个乡镇卫生院设置规范化发热诊室",
	"R15 Dadukou plan, task 12: an ambulance at every township health centre by 2025":                       "R15 大渡口区实施方案任务12：2025年前每个乡镇卫生院配备救护车",
	"village clinics of the facilities file":                                                                "机构文件中的村卫生室",
	"the plan's own and joint clinics":                                                                      "规划中的单设和联办村卫生室",
	"R17 Zibo action plan 2024–2026: 530 (2024), 1,060 (2025), 1,048 (2026)":                                "R17 淄博行动方案2024—2026年：530个（2024年）、1,060个（2025年）、1,048个（2026年）",
	"given for this run (R17's Zibo figures are 530, 1,060, 1,048 from 2024)":                               "本次运行设定（R17淄博的数值为自2024年起530、1,060、1,048个）",
}

// constantKeys are constantsZh's keys, longest first, so that a
// constant inside another is replaced after it.
var constantKeys = func() []string {
	keys := slices.Collect(maps.Keys(constantsZh))
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(len(b), len(a)), strings.Compare(a, b)) })
	return keys
}()

// constText is a planner constant in l.
func constText(l i18n.Lang, s string) string {
	if z, ok := constantsZh[s]; ok && l == i18n.Zh {
		return z
	}
	return s
}

type zhPattern struct {
	re *regexp.Regexp
	zh string
}

// replacePatterns renders s by the first pattern that matches, then the
// pieces it keeps by fill.
func replacePatterns(s string, ps []zhPattern, fill func(string) string) string {
	for _, p := range ps {
		if m := p.re.FindStringSubmatchIndex(s); m != nil {
			out := string(p.re.ExpandString(nil, p.zh, s, m))
			if fill != nil {
				out = fill(out)
			}
			return out
		}
	}
	return s
}

// citePatternsZh are the cite lines of BudgetCites, PhaseCites and
// QuotaCites.
var citePatternsZh = []zhPattern{
	{regexp.MustCompile(`^budget: (\d+) sub-centres city-wide \(R5 Zibo three-year action plan 2024–2026: 10 by 2026; here (.*)\)$`), "名额：全市${1}个县域医疗次中心（R5 淄博三年行动方案2024—2026年：2026年前10个；本次由${2}设定）"},
	{regexp.MustCompile(`^at least (\d+) per county: (.*)$`), "每县至少${1}个：${2}"},
	{regexp.MustCompile(`^at most (\d+) per county: (.*)$`), "每县至多${1}个：${2}"},
	{regexp.MustCompile(`^caps \[(.*)\] from (\d+): (.*)$`), "上限[${1}]，自${2}年起：${3}"},
	{regexp.MustCompile(`^score = (.*)·served/max \+ (.*)·doctor gap/max \(R10\) \+ (.*)·distance to THC/max \+ (.*)·no emergency network cover \(no county hospital or township health centre within (.*) km, (.*)\): (.*)$`),
		"得分 = ${1}·服务人口/最大值 + ${2}·缺乡村医生数/最大值（R10） + ${3}·距乡镇卫生院距离/最大值 + ${4}·现状无急救网络覆盖（${5}公里内无县级医院或乡镇卫生院，${6}）：${7}"},
	{regexp.MustCompile(`^ties: (.*)$`), "同分：${1}"},
	{regexp.MustCompile(`^clinics: (.*)$`), "村卫生室：${1}"},
	{regexp.MustCompile(`^(\d+) staff: Zibo action plan 2024–2026, at least 500 medical staff a year sent down to villages$`), "${1}人：淄博行动方案2024—2026年，每年至少下沉500名医务人员到村"},
	{regexp.MustCompile(`^(\d+) staff: given for this run \(Zibo's figure is at least 500 a year\)$`), "${1}人：本次运行设定（淄博为每年至少500名）"},
	{regexp.MustCompile(`^rounding: (.*)$`), "取整：${1}"},
}

// citesText renders the cite lines in l.
func citesText(l i18n.Lang, cites []string) []string {
	if l != i18n.Zh {
		return cites
	}
	out := make([]string, len(cites))
	for i, c := range cites {
		out[i] = replacePatterns(c, citePatternsZh, func(s string) string {
			for _, en := range constantKeys {
				s = strings.ReplaceAll(s, en, constantsZh[en])
			}
			return sourceText(l, s)
		})
		if out[i] == c {
			out[i] = sourceText(l, constText(l, c))
		}
	}
	return out
}

// budgetReasonPatternsZh are the parts of a county's budget reason and of
// the budget's note (planner budgetReason, budgetShortNote).
var budgetReasonPatternsZh = []zhPattern{
	{regexp.MustCompile(`^no candidate site$`), "无候选点位"},
	{regexp.MustCompile(`^no site$`), "不设点位"},
	{regexp.MustCompile(`^(\d+) sites? brings? county-level care to ([\d,]+) people \(the last adds ([\d,]+)\)$`), "${1}个点位使${2}人新获县级医疗服务覆盖（最后一个新增${3}人）"},
	{regexp.MustCompile(`^(\d+) sites? for the minimum brings? county-level care to no one: any candidate will do$`), "为满足下限的${1}个点位不新增县级医疗服务覆盖人口：任一候选点位均可"},
	{regexp.MustCompile(`^the minimum of (\d+) cannot be met: only (\d+) candidates?$`), "无法满足下限${1}个：仅有${2}个候选点位"},
	{regexp.MustCompile(`^held at its minimum of (\d+)$`), "保持在下限${1}个"},
	{regexp.MustCompile(`^a (\d+)(?:st|nd|rd|th) site would add no one$`), "第${1}个点位不新增覆盖"},
	{regexp.MustCompile(`^a (\d+)(?:st|nd|rd|th) site would add ([\d,]+) people, but the whole budget is spent where it covers more in total$`), "第${1}个点位可新增${2}人，但全部名额已用在总体覆盖更多的地方"},
	{regexp.MustCompile(`^at its maximum of (\d+)$`), "已达上限${1}个"},
	{regexp.MustCompile(`^all (\d+) candidates? used$`), "${1}个候选点位已全部使用"},
	{regexp.MustCompile(`^(\d+) sites? not placed: every county is at its maximum or has no further candidate$`), "${1}个名额未安排：各县均已达上限或没有其他候选点位"},
	{regexp.MustCompile(`^(\d+) sites? not placed: no further site brings county-level care to anyone$`), "${1}个名额未安排：再增设点位不新增县级医疗服务覆盖人口"},
}

// budgetReasonText renders a budget reason or note ("; "-separated parts)
// in l.
func budgetReasonText(l i18n.Lang, s string) string {
	if l != i18n.Zh || s == "" {
		return s
	}
	parts := strings.Split(s, "; ")
	for i, p := range parts {
		parts[i] = replacePatterns(p, budgetReasonPatternsZh, nil)
	}
	return strings.Join(parts, "；")
}

// indicatorWordsZh name the scorecard's indicators.
var indicatorWordsZh = map[string]string{
	programme.IndVillageDoctors: "每千服务人口乡村医生数", programme.IndTHCStaff: "每千常住人口乡镇卫生院人员数",
	programme.IndPrimaryCare: "每千常住人口基层卫生人员数", programme.IndGPs: "每万常住人口全科医生数",
	programme.IndLicensedShare: "执业（助理）医师资格乡村医生占比", programme.IndFeverClinic: "设规范化发热诊室的乡镇卫生院占比",
	programme.IndAmbulance: "配备救护车的乡镇卫生院占比",
}

// statusText is an indicator's status in l.
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

// basisWordsZh are the words of an indicator's and a subsidy's basis,
// longest first.
var basisWordsZh = []struct{ en, zh string }{
	{"village doctors (village clinic staff)", "乡村医生（村卫生室人员）"},
	{"residents (the sum of its village populations)", "常住人口（各村人口之和）"},
	{"residents (the county table)", "常住人口（县级数据表）"},
	{"township centre staff", "乡镇卫生院人员"}, {"health workers", "基层卫生人员"}, {"general practitioners", "全科医生"},
	{"licensed doctors", "有执业（助理）医师资格的乡村医生"}, {"township health centres", "乡镇卫生院"},
	{"village doctors", "乡村医生"}, {"fever clinic", "发热诊室"}, {"ambulance", "救护车"}, {"people served", "服务人口"},
	{"facilities", "机构"},
}

var basisPatternsZh = []zhPattern{
	{regexp.MustCompile(`^no (.+) figure$`), "无${1}数据"},
	{regexp.MustCompile(`^(.+) unknown for (\d+) of (\d+) (.+)$`), "${2}/${3}个${4}的${1}不详"},
	{regexp.MustCompile(`^(\d+) of (\d+) (.+)$`), "${2}个${3}中${1}个"},
	{regexp.MustCompile(`^(\d+) (.+) / ([\d,]+) (.+)$`), "${2}${1} / ${4}${3}"},
	{regexp.MustCompile(`^no (.+)$`), "无${1}"},
	{regexp.MustCompile(`^the plan's (\d+) village doctors \(R10\) or today's (\d+), whichever is more(.*)$`), "规划需配乡村医生${1}名（R10）与现有${2}名取大者${3}"},
	{regexp.MustCompile(`^today's (\d+) village doctors \(no clinic plan\)(.*)$`), "现有乡村医生${1}名（无村卫生室规划）${2}"},
}

var staffUnknownZh = regexp.MustCompile(`; staff unknown at (\d+) village clinics`)

// basisText renders an indicator's or a subsidy's basis in l.
func basisText(l i18n.Lang, s string) string {
	if l != i18n.Zh {
		return s
	}
	s = staffUnknownZh.ReplaceAllString(s, "；${1}个村卫生室人员数不详")
	s = strings.ReplaceAll(s, "; R14: licensed 800–1,000 yuan, others 600", "；R14：有执业资格者800–1,000元，其他600元")
	s = strings.ReplaceAll(s, "; licences not known for every clinic, so R14's full range 600–1,000 yuan", "；并非所有村卫生室的执业资格已知，按R14全范围600–1,000元")
	return replacePatterns(s, basisPatternsZh, func(out string) string {
		for _, w := range basisWordsZh {
			out = strings.ReplaceAll(out, w.en, w.zh)
		}
		return out
	})
}

var cardNotePatternZh = regexp.MustCompile(`^facility (.*): (.*) ("[^"]*") is not (a whole number ≥ 0|yes/no); counted as missing$`)

// cardNoteText renders a scorecard note (an unreadable value) in l.
func cardNoteText(l i18n.Lang, s string) string {
	if l != i18n.Zh {
		return s
	}
	m := cardNotePatternZh.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	what := "非负整数"
	if m[4] == "yes/no" {
		what = "是/否"
	}
	return "机构" + m[1] + "：" + m[2] + "的值" + m[3] + "不是" + what + "，按缺失计"
}
