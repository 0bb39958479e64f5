package report

import "github.com/catchment/catchment/data/i18n"

// The counted nouns of the reports and tables.
var (
	nounPerson    = i18n.Noun{One: "person", Many: "people", Zh: "人"}
	nounVillage   = i18n.Noun{One: "village", Many: "villages", Zh: "个行政村"}
	nounCounty    = i18n.Noun{One: "county", Many: "counties", Zh: "个县"}
	nounTownship  = i18n.Noun{One: "township", Many: "townships", Zh: "个乡镇"}
	nounSite      = i18n.Noun{One: "site", Many: "sites", Zh: "个点位"}
	nounCandidate = i18n.Noun{One: "candidate site", Many: "candidate sites", Zh: "个候选点位"}
	nounTHC       = i18n.Noun{One: "township health centre", Many: "township health centres", Zh: "个乡镇卫生院"}
	nounSubcentre = i18n.Noun{One: "sub-centre", Many: "sub-centres", Zh: "个医疗次中心"}
	nounDay       = i18n.Noun{One: "day", Many: "days", Zh: "天"}
)

// pm is the catalogue of the plan report: every sentence, heading and
// table head in English and Chinese (checked by TestCatalogues).
var pm = struct {
	title, km, minutes, listSep, setSep, clauseSep, and, stop, paren, yes, none, auto, unknown, noSets       i18n.Msg
	clinicMetric, figures, figuresHead, otherSettings, candidatesGiven, candidatesFar, todayCounts           i18n.Msg
	kAuto, kFixed, routeAtMost, totals, totalsLine, totalsLineOne, totalsHead                                i18n.Msg
	networkWith, networkShare, careWith, careShare, careWithout, subcentresRow, sweep, sweepIntro, sweepHead i18n.Msg
	counties, detailOne, detailMany, otherCounties, otherCountiesHead, countyToday, countyAfter              i18n.Msg
	noSubcentre, reason, ranked, sitesHead, noHospital, why, whyTHC, whyGiven, whyNoHospital                 i18n.Msg
	whyHospital, whyAtLeast, whyNoGain, whyGain, whyAbove, whyLine, unique, tied, alternatives               i18n.Msg
	greedyWorse, greedySame, tooClose, seatAt, note, clinics, clinicsDetail, townshipHead, townshipNotes     i18n.Msg
	flagsIntro, flagUnknown, rulesOwn, rulesItinerant, rulesJoint, rulesBand, rulesStaff                     i18n.Msg
	otherClinics, otherClinicsHead                                                                           i18n.Msg
}{
	title:     i18n.Msg{En: "County sub-centre and clinic plan", Zh: "县域医疗次中心与村卫生室规划报告"},
	km:        i18n.Msg{En: "%s km", Zh: "%s公里"},
	minutes:   i18n.Msg{En: "%s minutes", Zh: "%s分钟"},
	listSep:   i18n.Msg{En: ", ", Zh: "、"},
	setSep:    i18n.Msg{En: "; ", Zh: "；"},
	clauseSep: i18n.Msg{En: ", ", Zh: "，"},
	and:       i18n.Msg{En: " and ", Zh: "和"},
	stop:      i18n.Msg{En: ".", Zh: "。"},
	paren:     i18n.Msg{En: " (%s)", Zh: "（%s）"},
	yes:       i18n.Msg{En: "yes", Zh: "是"},
	none:      i18n.Msg{En: "none", Zh: "无"},
	auto:      i18n.Msg{En: "auto", Zh: "自动"},
	unknown:   i18n.Msg{En: "unknown", Zh: "不详"},
	noSets:    i18n.Msg{En: "no (%d sets)", Zh: "否（%d个组合）"},

	clinicMetric:  i18n.Msg{En: "The clinic plan's distances: %s.", Zh: "村卫生室规划的距离：%s。"},
	figures:       i18n.Msg{En: "Planning figures and their sources", Zh: "规划参数及依据"},
	figuresHead:   i18n.Msg{En: "| Figure | Value | Source |\n|---|---:|---|\n", Zh: "| 参数 | 取值 | 依据 |\n|---|---:|---|\n"},
	otherSettings: i18n.Msg{En: "Other settings: ", Zh: "其他设定："},
	candidatesGiven: i18n.Msg{En: "sub-centre candidates are the %s sites given",
		Zh: "医疗次中心候选点位为给定的%s个点位"},
	candidatesFar: i18n.Msg{En: "sub-centre candidates are township health centres at least %s from a county hospital",
		Zh: "医疗次中心候选点位为距县级医院不少于%s的乡镇卫生院"},
	todayCounts: i18n.Msg{En: "; county-level care cover today counts %s", Zh: "；现状县级医疗服务覆盖按%s计算"},
	kAuto: i18n.Msg{En: "; the number of sub-centres is chosen per county, up to %d, adding a site while it adds at least %s to county-level care cover " +
		"(this least gain applies only to the automatic choice, not to a fixed number)",
		Zh: "；各县医疗次中心数量自动确定，最多%d个，每增设一个点位须使县级医疗服务覆盖至少增加%s（此最小增益只用于自动确定数量，不适用于指定数量）"},
	kFixed: i18n.Msg{En: "; %s per county, fixed for this run (the least gain per added site, %s, applies only when the number is chosen automatically)",
		Zh: "；本次每县指定%s（每增设一个点位的最小增益%s只在自动确定数量时适用）"},
	routeAtMost:   i18n.Msg{En: "; an itinerant day's route is at most %s.", Zh: "；每天巡诊路线不超过%s。"},
	totals:        i18n.Msg{En: "County-level care cover within %s", Zh: "%s内县级医疗服务覆盖"},
	totalsLine:    i18n.Msg{En: "%[1]s live in %[2]s of %[3]s.", Zh: "%[3]s%[2]s，常住人口%[1]s。"},
	totalsLineOne: i18n.Msg{En: "%[1]s lives in %[2]s of %[3]s.", Zh: "%[3]s%[2]s，常住人口%[1]s。"},
	totalsHead: i18n.Msg{En: "| | Today | With the proposed sub-centres |\n|---|---:|---:|\n",
		Zh: "| | 现状 | 建成拟建医疗次中心后 |\n|---|---:|---:|\n"},
	networkWith:   i18n.Msg{En: "People with emergency network cover", Zh: "急救网络覆盖人口"},
	networkShare:  i18n.Msg{En: "Share with emergency network cover", Zh: "急救网络覆盖比例"},
	careWith:      i18n.Msg{En: "People with county-level care cover", Zh: "县级医疗服务覆盖人口"},
	careShare:     i18n.Msg{En: "Share with county-level care cover", Zh: "县级医疗服务覆盖比例"},
	careWithout:   i18n.Msg{En: "People without county-level care cover", Zh: "无县级医疗服务覆盖人口"},
	subcentresRow: i18n.Msg{En: "Sub-centres proposed", Zh: "拟建医疗次中心"},
	sweep:         i18n.Msg{En: "Sweep: radius and number of sub-centres", Zh: "方案比较：服务半径与医疗次中心数量"},
	sweepIntro: i18n.Msg{En: "Each row plans every county again with one radius and one number of sub-centres per county " +
		"(auto: chosen per county with the least gain per added site given above; a fixed number ignores it); the rest of this report is for %s.",
		Zh: "每行以一个服务半径和每县一个医疗次中心数量重新规划全部县（自动：按上文的最小增益逐县确定；指定数量时不考虑最小增益）；本报告其余部分按%s编制。"},
	sweepHead: i18n.Msg{
		En: "| Radius (km) | Sub-centres per county | Sub-centres | Emergency network cover | County-level care today | County-level care after | Network share | Share today | Share after |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
		Zh: "| 服务半径（公里） | 每县医疗次中心 | 医疗次中心合计 | 急救网络覆盖 | 县级医疗服务覆盖（现状） | 县级医疗服务覆盖（规划后） | 急救网络覆盖比例 | 现状比例 | 规划后比例 |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"},

	counties: i18n.Msg{En: "Sub-centres by county", Zh: "各县医疗次中心选址"},
	detailOne: i18n.Msg{En: "The %d counties whose proposed sub-centres add the most people to county-level care cover are described below; " +
		"the other county is summarised in the last table of this section. counties.csv and subcentres.csv have every county.",
		Zh: "以下详述拟建医疗次中心新增县级医疗服务覆盖人口最多的%d个县；其余1个县汇总于本节最后一表。counties.csv和subcentres.csv含全部县。"},
	detailMany: i18n.Msg{En: "The %d counties whose proposed sub-centres add the most people to county-level care cover are described below; " +
		"the other %s are summarised in the last table of this section. counties.csv and subcentres.csv have every county.",
		Zh: "以下详述拟建医疗次中心新增县级医疗服务覆盖人口最多的%d个县；其余%s个县汇总于本节最后一表。counties.csv和subcentres.csv含全部县。"},
	otherCounties: i18n.Msg{En: "Other counties", Zh: "其他县"},
	otherCountiesHead: i18n.Msg{
		En: "| County | Population | County-level care today | County-level care after | Gain | Sub-centres | Unique choice | Greedy shortfall |\n|---|---:|---:|---:|---:|---|---|---:|\n",
		Zh: "| 县 | 常住人口 | 县级医疗服务覆盖（现状） | 县级医疗服务覆盖（规划后） | 新增覆盖人口 | 医疗次中心 | 方案唯一 | 逐个选址少覆盖 |\n|---|---:|---:|---:|---:|---|---|---:|\n"},
	countyToday: i18n.Msg{En: "%[1]s in %[2]s. Emergency network cover within %[3]s: %[6]s (%[7]s). County-level care cover within %[3]s today: %[4]s (%[5]s)",
		Zh: "常住人口%[1]s，%[2]s。%[3]s内急救网络覆盖%[6]s（%[7]s）。现状%[3]s内县级医疗服务覆盖%[4]s（%[5]s）"},
	countyAfter: i18n.Msg{En: "; with the proposed sub-centres: %[1]s (%[2]s), %[3]s more %[4]s.",
		Zh: "；建成拟建医疗次中心后覆盖%[1]s（%[2]s），新增%[3]s%[4]s。"},
	noSubcentre: i18n.Msg{En: ". No sub-centre is proposed.", Zh: "。不拟建医疗次中心。"},
	reason:      i18n.Msg{En: " Reason: %s.", Zh: "原因：%s。"},
	ranked:      i18n.Msg{En: "Proposed sub-centres, in the order they were ranked:", Zh: "拟建医疗次中心（按排序）："},
	sitesHead: i18n.Msg{
		En: "| Rank | Site | Township | People newly with county-level care | Villages | If built alone | From county hospital | From county seat | Beds | Staff |\n|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n",
		Zh: "| 排序 | 点位 | 乡镇 | 新增县级医疗服务覆盖人口 | 行政村 | 单独建设时新增 | 距县级医院 | 距县城 | 床位 | 人员 |\n|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n"},
	noHospital:    i18n.Msg{En: "no hospital", Zh: "无县级医院"},
	why:           i18n.Msg{En: "Why:", Zh: "选址理由："},
	whyTHC:        i18n.Msg{En: "a township health centre", Zh: "乡镇卫生院"},
	whyGiven:      i18n.Msg{En: "a candidate site from the given list", Zh: "给定候选点位"},
	whyNoHospital: i18n.Msg{En: "no county hospital in the input", Zh: "输入中无县级医院"},
	whyHospital:   i18n.Msg{En: "%s from the nearest county hospital", Zh: "距最近的县级医院%s"},
	whyAtLeast:    i18n.Msg{En: " (at least %s required)", Zh: "（要求不少于%s）"},
	whyNoGain:     i18n.Msg{En: "adds no one to county-level care cover", Zh: "不新增县级医疗服务覆盖人口"},
	whyGain:       i18n.Msg{En: "adds %s in %s to county-level care cover", Zh: "使%[2]s的%[1]s新获县级医疗服务覆盖"},
	whyAbove:      i18n.Msg{En: ", beyond the sites ranked above", Zh: "（不含排序在前的点位已覆盖的人口）"},
	whyLine:       i18n.Msg{En: "%d. %s (R2): %s %s, %s from the county seat; %s.", Zh: "%d. %s（R2）：%s，%s，距县城%s；%s。"},
	unique:        i18n.Msg{En: "The choice is unique: no other set of %s adds as many people.", Zh: "该方案唯一：没有其他%s的组合新增覆盖人口同样多。"},
	tied:          i18n.Msg{En: "%s sets of %s add the same number of people", Zh: "有%s个由%s组成的组合新增覆盖人口相同"},
	alternatives:  i18n.Msg{En: " Other sets that do as well: %s.", Zh: "同样最优的其他组合：%s。"},
	greedyWorse: i18n.Msg{En: " Picking the largest gain one site at a time would choose %s and add %s fewer %s.",
		Zh: "若每次只选新增最多的点位，将选择%s，少覆盖%s%s。"},
	greedySame: i18n.Msg{En: " Picking the largest gain one site at a time reaches the same result.", Zh: "若每次只选新增最多的点位，结果相同。"},
	tooClose:   i18n.Msg{En: "%s left out as closer than %s to a county hospital", Zh: "%s因距县级医院不足%s未列为候选"},
	seatAt:     i18n.Msg{En: "county seat at %s", Zh: "县城位置取%s"},
	note:       i18n.Msg{En: " Note: %s.", Zh: "说明：%s。"},

	clinics:       i18n.Msg{En: "Clinic plan by township", Zh: "各乡镇村卫生室规划"},
	clinicsDetail: i18n.Msg{En: "Townships are listed for the counties described above; the other counties are totalled per county in the last table. townships.csv has every township.", Zh: "下表列出上文详述各县的乡镇；其他县按县汇总于最后一表。townships.csv含全部乡镇。"},
	townshipHead: i18n.Msg{
		En: "| County | Township | Villages | Own clinics | Joint clinics | Villages joining one | Itinerant villages | Route | Served by the township health centre | Small villages alone | Doctors needed | Doctors missing | Centre staff | Quota (R11) | Notes |\n" +
			"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
		Zh: "| 县 | 乡镇 | 行政村 | 单设村卫生室 | 联办村卫生室 | 加入联办的村 | 巡诊村 | 巡诊路线 | 乡镇卫生院就近服务 | 单独设置的小村 | 需乡村医生 | 缺乡村医生 | 卫生院人员 | 核定编制（R11） | 提示 |\n" +
			"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n"},
	townshipNotes: i18n.Msg{
		En: "Joint clinics count clinics shared by two villages or more; villages joining one are the villages that use a joint clinic in another village. " +
			"Small villages alone have a clinic of their own although they are small enough to share one. Doctors missing: village doctors needed (R10) " +
			"minus the staff of the township's village clinics. Centre staff: the township health centre's staff; Quota: its R11 staffing range. Unknown where the input has no staff figure.",
		Zh: "联办村卫生室指两个及以上行政村共用的村卫生室；加入联办的村指使用设在其他村的联办村卫生室的行政村。单独设置的小村指人口可联办、但自设村卫生室的行政村。" +
			"缺乡村医生：按R10需配的乡村医生数减去本乡镇村卫生室现有人员。卫生院人员：乡镇卫生院现有人员；核定编制：按R11核定的编制范围。输入无人员数的记为“不详”。"},
	flagsIntro: i18n.Msg{
		En: "Notes: ×n counts the township's villages or itinerant days that have the note (`flag_counts` in the summary JSON), or the staff above or below the quota; a note without a number concerns the township as a whole (`flags`). What each means:",
		Zh: "提示：“×n”为本乡镇有此情况的行政村数或巡诊日数（摘要JSON中的`flag_counts`），或超出、低于编制的人数；不带数字的提示针对整个乡镇（`flags`）。含义如下："},
	flagUnknown: i18n.Msg{En: "see the planner documentation", Zh: "见规划程序文档"},
	rulesOwn: i18n.Msg{En: "Villages of %s residents or more must have a clinic of their own (R9). Smaller villages within %s of a township health centre are served by it (R6).",
		Zh: "常住人口%s人及以上的行政村须单独设置村卫生室（R9）。其余距乡镇卫生院%s以内的行政村由乡镇卫生院就近服务（R6）。"},
	rulesItinerant: i18n.Msg{En: " Of the others, villages below %s residents get itinerant visits from the township health centre (R6).",
		Zh: "其余行政村中，常住人口不足%s人的由乡镇卫生院巡诊（R6）。"},
	rulesJoint: i18n.Msg{En: " Villages of %s residents share a joint clinic with neighbouring villages within %s (R7, R8); " +
		"one with no other village of its township that close is a small village alone, counted as needing a clinic of its own.",
		Zh: "常住人口%s人的行政村与%s以内的邻村联办村卫生室（R7、R8）；本乡镇在此距离内没有其他行政村的，按单独设置村卫生室的小村计。"},
	rulesBand: i18n.Msg{En: " Villages of %s residents keep or set up their own clinic: no rule requires it (R9 requires one from %s). " +
		"In villages.csv and the village layer of the plan GeoJSON they have service `own_clinic` and `required_clinic` false; they are counted in Own clinics.",
		Zh: "常住人口%s人的行政村保留或设置本村卫生室，但并无规则要求（R9要求%s人及以上单设）。" +
			"在villages.csv和规划GeoJSON的村庄图层中，其service为`own_clinic`、`required_clinic`为false，计入“单设村卫生室”。"},
	rulesStaff: i18n.Msg{En: " A clinic needs a village doctor per 1,000 people served (R10); a township health centre needs 1.2‰–1.7‰ of the township's residents as staff (R11).",
		Zh: "村卫生室按每千服务人口至少1名配备乡村医生（R10）；乡镇卫生院按乡镇常住人口的1.2‰–1.7‰核定编制（R11）。"},
	otherClinics: i18n.Msg{En: "Clinic plan of the other counties", Zh: "其他县村卫生室规划汇总"},
	otherClinicsHead: i18n.Msg{
		En: "| County | Townships | Own clinics | Joint clinics | Villages joining one | Small villages alone | Itinerant villages | Route km | Doctors needed | Doctors missing | Centre staff missing | Centres above quota | Townships with notes |\n" +
			"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
		Zh: "| 县 | 乡镇 | 单设村卫生室 | 联办村卫生室 | 加入联办的村 | 单独设置的小村 | 巡诊村 | 巡诊路线（公里） | 需乡村医生 | 缺乡村医生 | 卫生院缺编 | 超编卫生院 | 有提示的乡镇 |\n" +
			"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"},
}
