package report

import "github.com/catchment/catchment/data/i18n"

// pg is the catalogue of the programme sections (budget, phase, quota,
// scorecard) and their appendix.
var pg = struct {
	appendix, appendixNone, appendixHead, notInDigest, moreRows                                           i18n.Msg
	budgetTitle, budget, budgetLine, budgetHow, whyCounty, countyLine, lastAdds, nextAdds, noNext, margin i18n.Msg
	allFull, phaseTitle, phase, phasePriority, phaseHead, beyondCaps, cut, cutBeyond, year, perYearCounty i18n.Msg
	inOrder, phaseJSON, phaseCSV, quotaTitle, quota, quotaHow, quotaCounty, roundedDown, roundedUp        i18n.Msg
	quotaUnknown, quotaCSV, budgetCSV, cardTitle, card, weights, cardHow, cardHead, cardCounty, cardCols  i18n.Msg
	subsidy, noteLine, notAssessed, yellow, yellowTwice, cardsLine, noPrevious, noneTwice, twice, cardCSV i18n.Msg
}{
	appendix:     i18n.Msg{En: "Appendix: rules cited", Zh: "附录：所引政策规则"},
	appendixNone: i18n.Msg{En: "No rule of the policy digest is cited above.", Zh: "上文未引用政策规则。"},
	appendixHead: i18n.Msg{En: "| Rule | Figure | Rule text | Source |\n|---|---|---|---|\n", Zh: "| 规则 | 数值 | 内容 | 发文机关及文号 |\n|---|---|---|---|\n"},
	notInDigest:  i18n.Msg{En: "| %s | — | not in the policy digest's rule table | — |\n", Zh: "| %s | — | 不在政策规则表中 | — |\n"},
	moreRows:     i18n.Msg{En: "\n%s more rows are in %s.\n", Zh: "\n另有%s行，见%s。\n"},

	budgetTitle: i18n.Msg{En: "City-wide sub-centre budget", Zh: "全市县域医疗次中心名额分配"},
	budget:      i18n.Msg{En: "City-wide sub-centre budget (R5)", Zh: "全市县域医疗次中心名额分配（R5）"},
	budgetLine: i18n.Msg{En: "%d of %d sites placed across %s; %s people added to county-level care cover within %s km (%s → %s of %s).",
		Zh: "%[3]s共安排%[1]d个点位（名额%[2]d个）；%[5]s公里内县级医疗服务覆盖新增%[4]s人（%[6]s → %[7]s，常住人口%[8]s）。"},
	budgetHow: i18n.Msg{En: "How: for every county and every number of sites k up to its maximum, the exact best k sites " +
		"(the same search as `catchment plan --subcentres k`) give the most people k sites can newly bring within reach; an exact " +
		"group knapsack over the counties then picks one k per county, within the county's minimum and maximum (R4: at " +
		"least 1 per pilot county; R2/R3: at most 3 or 2), so that the sites sum to at most %d and the people added to county-level care cover " +
		"are the most possible. Ties: %s.",
		Zh: "方法：对每个县、每个不超过其上限的点位数k，求出k个点位的精确最优组合（与`catchment plan --subcentres k`相同的搜索），得到k个点位最多能新增覆盖的人口；" +
			"再对各县做精确的分组背包，在各县下限和上限之内（R4：每个试点县至少1个；R2/R3：至多3个或2个）为每县选定一个k，使点位总数不超过%d、新增县级医疗服务覆盖人口最多。同等情况：%s。"},
	whyCounty:  i18n.Msg{En: "Why each county got what it got", Zh: "各县名额的理由"},
	countyLine: i18n.Msg{En: "- **%s**: %s (allowed %s, %s). ", Zh: "- **%s**：%s（允许%s个，%s）。"},
	lastAdds:   i18n.Msg{En: "Its last chosen site adds %s people. ", Zh: "最后选定的点位新增%s人。"},
	nextAdds:   i18n.Msg{En: "A next site would add %s. ", Zh: "再增设一个点位可新增%s人。"},
	noNext:     i18n.Msg{En: "No next site is possible. ", Zh: "无法再增设点位。"},
	margin: i18n.Msg{En: "The margin: the weakest site built beyond a minimum is %s's last (%s people); the best site not built is %s's next (%s people). " +
		"A county's gains need not shrink with each site (two sites together may cover people neither covers alone), " +
		"so the knapsack compares whole allocations, not single sites.",
		Zh: "边际：超出下限而建设的点位中最弱的是%s的最后一个（%s人）；未建设的点位中最好的是%s的下一个（%s人）。" +
			"一个县的增益不一定随点位增加而递减（两个点位合起来可能覆盖各自单独都覆盖不到的人），因此背包比较的是整体分配方案，而非单个点位。"},
	allFull:   i18n.Msg{En: "Every county is at its maximum or has no further candidate: no site is left to weigh.", Zh: "各县均已达上限或没有其他候选点位：没有可再比较的点位。"},
	budgetCSV: i18n.Msg{En: "the budget CSV", Zh: "名额分配CSV"},

	phaseTitle: i18n.Msg{En: "Phased village clinic upgrades", Zh: "村卫生室分年度提档升级"},
	phase:      i18n.Msg{En: "Phased village clinic upgrades (R17)", Zh: "村卫生室分年度提档升级（R17）"},
	phasePriority: i18n.Msg{En: "Priority (catchment's reading of R17 \"优先扶弱补短\", weakest first): score = " +
		"%g × served population / %s + %g × doctor gap (R10) / %s + %g × distance to the township health centre / %s km + %g × (no emergency network cover today). " +
		"Each part is scaled by the largest value among the clinics, so it lies in [0, 1] before its weight; an unknown doctor gap or distance adds nothing " +
		"and is listed under missing. Clinics are taken in descending score; ties: %s.",
		Zh: "优先顺序（catchment对R17“优先扶弱补短”的理解，弱者优先）：得分 = " +
			"%g × 服务人口 / %s + %g × 缺乡村医生数（R10） / %s + %g × 距乡镇卫生院距离 / %s公里 + %g × （现状无急救网络覆盖）。" +
			"各项先除以全部村卫生室中的最大值，化为[0, 1]后再乘权重；缺乡村医生数或距离不详的不加分，并列入缺失项。按得分从高到低排序；同分：%s。"},
	phaseHead:     i18n.Msg{En: "| Year | Cap | Scheduled |\n|---|---:|---:|\n", Zh: "| 年度 | 上限 | 安排 |\n|---|---:|---:|\n"},
	beyondCaps:    i18n.Msg{En: "beyond the caps", Zh: "超出上限"},
	cut:           i18n.Msg{En: "- Cut after %d: %s (%s, score %s) is the last of %d; %s (%s, score %s) the first of %s.\n", Zh: "- %[1]d年分界：%[2]s（%[3]s，得分%[4]s）为%[5]d年最后一个；%[6]s（%[7]s，得分%[8]s）为%[9]s第一个。\n"},
	cutBeyond:     i18n.Msg{En: "the clinics beyond the caps (no year)", Zh: "超出上限的村卫生室（未排年度）"},
	year:          i18n.Msg{En: "%d", Zh: "%d年"},
	perYearCounty: i18n.Msg{En: "Per year and county", Zh: "分年度分县汇总"},
	inOrder:       i18n.Msg{En: "Clinics in priority order", Zh: "村卫生室优先顺序"},
	phaseJSON:     i18n.Msg{En: "the phase JSON", Zh: "分年度JSON"},
	phaseCSV:      i18n.Msg{En: "the phase CSV", Zh: "分年度CSV"},

	quotaTitle: i18n.Msg{En: "Staff quotas", Zh: "人员下沉名额"},
	quota:      i18n.Msg{En: "Staff quotas (R10, R11)", Zh: "人员下沉名额分配（R10、R11）"},
	quotaHow: i18n.Msg{En: "How: each county's exact share is staff × its need / total need = %s × need / %s " +
		"(need = village doctors missing to R10's 1 per 1,000 served + township health centre staff missing to R11's 1.2‰ of residents). " +
		"Each county first gets the whole part of its share; the %s left over go one each to the counties with the largest fractional " +
		"remainders (largest remainder, Hamilton), so every quota is its share rounded down or up and the quotas sum to exactly %s " +
		"(here %s). Ties: %s.",
		Zh: "方法：各县的精确份额 = 人员数 × 本县需求 / 总需求 = %s × 需求 / %s（需求 = 按R10每千服务人口1名所缺乡村医生 + 按R11常住人口1.2‰所缺乡镇卫生院人员）。" +
			"各县先得份额的整数部分；剩余的%s按小数部分从大到小每县一个（最大余数法），因此每个名额都是份额向下或向上取整，合计恰为%s（本次为%s）。同等情况：%s。"},
	quotaCounty:  i18n.Msg{En: "- **%s**: need %s (doctors %s + township staff %s); exact share %s → %s (%s)", Zh: "- **%s**：需求%s（乡村医生%s + 乡镇卫生院人员%s）；精确份额%s → %s（%s）"},
	roundedDown:  i18n.Msg{En: "rounded down", Zh: "向下取整"},
	roundedUp:    i18n.Msg{En: "rounded up: one of the largest remainders", Zh: "向上取整：余数最大之一"},
	quotaUnknown: i18n.Msg{En: "; %s without a staff figure, their gap not counted", Zh: "；%s无人员数，其缺口未计入"},
	quotaCSV:     i18n.Msg{En: "the quota CSV", Zh: "名额CSV"},

	cardTitle: i18n.Msg{En: "County scorecard", Zh: "试点县年度考核"},
	card:      i18n.Msg{En: "County scorecard (R16)", Zh: "试点县年度考核（R16）"},
	weights:   i18n.Msg{En: "weights: %s", Zh: "权重：%s"},
	cardHow: i18n.Msg{En: "Each assessed indicator scores min(1, value / target) (for a range, reaching its lower end scores 1; above its upper end is \"not met\" but still scores 1); the total is the weighted mean " +
		"of the assessed indicators only, and \"assessed\" is the share of the weight they carry, so a county is never marked down for an input " +
		"that is missing: that indicator is \"not assessed\", not zero.",
		Zh: "每个已评估指标得分为min(1, 实际值/目标值)（目标为区间时，达到下限即得1分；超过上限为“未达标”但仍得1分）；总分为已评估指标的加权平均，" +
			"“已评估”为这些指标所占权重的比例，因此不会因输入缺失而扣分：缺失的指标记为“未评估”，而不是零分。"},
	cardHead:   i18n.Msg{En: "| Rank | County | Total | Assessed | Card |\n|---:|---|---:|---:|---|\n", Zh: "| 排名 | 县 | 总分 | 已评估 | 黄牌 |\n|---:|---|---:|---:|---|\n"},
	cardCounty: i18n.Msg{En: "### %s — rank %s, total %s", Zh: "### %s：第%s名，总分%s"},
	cardCols: i18n.Msg{En: "| Indicator | Rule | Value | Target | Status | Basis | Source |\n|---|---|---:|---|---|---|---|\n",
		Zh: "| 指标 | 规则 | 实际值 | 目标 | 状态 | 依据数据 | 来源 |\n|---|---|---:|---|---|---|---|\n"},
	subsidy:     i18n.Msg{En: "R14 subsidy: %s–%s yuan a month for %s (%s).", Zh: "R14补助：每月%s–%s元，共%s（%s）。"},
	noteLine:    i18n.Msg{En: "- note: %s\n", Zh: "- 说明：%s\n"},
	notAssessed: i18n.Msg{En: "not assessed", Zh: "未评估"},
	yellow:      i18n.Msg{En: "yellow card", Zh: "黄牌"},
	yellowTwice: i18n.Msg{En: "yellow card, 2nd in a row", Zh: "黄牌，连续第2次"},
	cardsLine:   i18n.Msg{En: "yellow cards (R16, the lowest %d): %s", Zh: "黄牌（R16，排名最后%d位）：%s"},
	noPrevious:  i18n.Msg{En: "; no previous year's scorecard given, so two-in-a-row is not assessed", Zh: "；未提供上年考核结果，不评估是否连续两次黄牌"},
	noneTwice:   i18n.Msg{En: "; none carded two years in a row", Zh: "；无连续两年黄牌的县"},
	twice:       i18n.Msg{En: "; carded two years in a row, to leave the pilot list: %s", Zh: "；连续两年黄牌、退出试点：%s"},
	cardCSV:     i18n.Msg{En: "the scorecard CSV", Zh: "考核CSV"},
}

// nounSeat and the other nouns of the programme sections.
var (
	nounSeat           = i18n.Noun{One: "seat", Many: "seats", Zh: "个名额"}
	nounCandidateShort = i18n.Noun{One: "candidate", Many: "candidates", Zh: "个候选点位"}
	nounVillageDoctor  = i18n.Noun{One: "village doctor", Many: "village doctors", Zh: "名乡村医生"}
)

// columnWordsZh name the programme tables' columns (the CSV keys) in
// Chinese; a key not listed is shown as it is.
var columnWordsZh = map[string]string{
	"county": "县", "candidates": "候选点位", "min": "下限", "max": "上限", "sites": "点位", "site_ids": "点位编号",
	"population": "常住人口", "county_care_today_population": "现状县级医疗服务覆盖人口", "gain_population": "新增县级医疗服务覆盖人口", "last_site_gain": "最后点位新增",
	"next_site_gain": "下一点位新增", "reason": "理由", "rank": "排序", "year": "年度", "id": "编号", "name": "名称",
	"township": "乡镇", "score": "得分", "served_population": "服务人口", "doctor_gap": "缺乡村医生", "distance_to_thc_km": "距乡镇卫生院（公里）",
	"network_uncovered": "无急救网络覆盖", "missing": "缺失项", "lon": "经度", "lat": "纬度", "clinics": "村卫生室",
	"thc_staff_gap": "卫生院缺编", "need": "需求", "exact_share": "精确份额", "quota": "名额", "rounded_up": "向上取整",
	"townships_gap_unknown": "缺口不详的乡镇",
}
