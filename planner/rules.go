package planner

// Rule is one quantitative rule of the policy digest (R1–R18): what a
// citation such as "R10" in a summary or report resolves to. Text and
// Figure are summaries, not translations; Source names the issuing body,
// document number and date a planner cites.
type Rule struct {
	ID               string // "R1" … "R18"
	Text, TextZh     string
	Figure           string
	Source, SourceZh string
}

// Rules returns the rule table of the policy digest, R1 to R18 in order.
// It is the appendix of every report, so each citation in a plan resolves.
func Rules() []Rule {
	const (
		shanxi   = "Shanxi provincial government, Jin Zheng Ban Fa [2023] No. 51, 2023-08-22"
		shanxiZh = "山西省人民政府办公厅 晋政办发〔2023〕51号，2023-08-22"
		ordos    = "Ordos municipal government, E Fu Ban Fa [2024] No. 24, 2024-04-08"
		ordosZh  = "鄂尔多斯市人民政府办公室 鄂府办发〔2024〕24号，2024-04-08"
		xinjiang = "Xinjiang health commission et al., notice of 2022-08-31"
		xjZh     = "新疆维吾尔自治区卫生健康委等，2022-08-31 通知"
		zibo     = "Zibo three-year action plan 2024–2026 (policy reading, 2024-07-29)"
		ziboZh   = "淄博市三年行动方案（2024—2026年）政策解读，2024-07-29"
		dadukou  = "Dadukou district (Chongqing) implementation plan, draft for comment, 2023"
		ddkZh    = "重庆市大渡口区实施方案（征求意见稿），2023"
	)
	return []Rule{
		{"R1", "Rural emergency transfer network of county hospital, township health centre and village clinic, with a service radius covering rural areas",
			"县医院—乡镇卫生院—村卫生室农村急救转运网络，服务半径覆盖农村地区", "10–20 km", shanxi + ", measure 11", shanxiZh + "，第11条"},
		{"R2", "Each county builds township health centres far from the county seat, with a large radiated population and strong capacity, into county medical sub-centres",
			"每县选择距县城较远、辐射人口多、服务能力强的乡镇卫生院建设县域医疗次中心", "1–3 per county", shanxi + ", measure 2", shanxiZh + "，第2条"},
		{"R3", "Sub-centres chosen by service range, transport convenience, geography and population distribution",
			"按服务半径、交通便利程度、地理位置和人口分布选择医疗次中心", "1–2 per banner/district", ordos + ", section 3", ordosZh + "，第三部分"},
		{"R4", "Each pilot county builds at least one sub-centre",
			"每个试点县至少建设1个县域医疗次中心", "≥ 1 per county", xinjiang + ", annex 1 item 7", xjZh + "，附件1第7项"},
		{"R5", "City-wide target of county medical sub-centres",
			"全市县域医疗次中心建设目标", "10 by end of 2026", zibo, ziboZh},
		{"R6", "Villages near a township health centre, or with few residents, need no clinic of their own: itinerant visits, stationed staff or a neighbouring clinic serve them",
			"靠近乡镇卫生院或常住人口较少的行政村可不设村卫生室，采取巡诊、派驻或邻村延伸服务", "< 200 residents", shanxi + ", measure 3", shanxiZh + "，第3条"},
		{"R7", "Neighbouring villages with a small service radius and convenient transport may build one joint clinic",
			"服务半径小、交通便利的相邻行政村可联合设置村卫生室", "—", shanxi + ", measure 3", shanxiZh + "，第3条"},
		{"R8", "Adjacent villages under the threshold may run a joint clinic; very small villages get mobile care",
			"服务人口低于标准且地理相邻的行政村可联办村卫生室；人口较少的村采取巡回医疗", "< 500 served", ordos + ", section 3", ordosZh + "，第三部分"},
		{"R9", "Every administrative village at or above the threshold has its own clinic",
			"服务人口达到标准的行政村均设置村卫生室", "≥ 800 served", dadukou + ", task 4", ddkZh + "，任务4"},
		{"R10", "Village doctors per 1,000 served people",
			"每千服务人口至少配备1名乡村医生", "≥ 1 per 1,000", shanxi + ", measure 3", shanxiZh + "，第3条"},
		{"R11", "Township health centre staffing quota by resident population",
			"乡镇卫生院按常住人口核定编制", "1.2‰–1.7‰", dadukou + ", task 18", ddkZh + "，任务18"},
		{"R12", "Primary-care health workers per 1,000 residents, 2025 target",
			"每千常住人口基层卫生人员数（2025年目标）", "3.5", dadukou + ", indicator 12", ddkZh + "，指标12"},
		{"R13", "General practitioners per 10,000 residents, 2025 target",
			"每万常住人口全科医生数（2025年目标）", "4", dadukou + ", indicator 13", ddkZh + "，指标13"},
		{"R14", "Monthly subsidy per village doctor by qualification (licensed physician / assistant physician / rural general assistant physician / village doctor)",
			"乡村医生按执业资格发放每月补助（执业医师/执业助理医师/乡村全科执业助理医师/乡村医生）", "≥ 1000 / 800 / 700 / 600 yuan", dadukou + ", task 21", ddkZh + "，任务21"},
		{"R15", "Every township health centre has a standard fever clinic and an ambulance by 2025",
			"2025年前每个乡镇卫生院设置规范化发热诊室并配备救护车", "100 %", dadukou + ", task 12", ddkZh + "，任务12"},
		{"R16", "Pilot counties are scored yearly; the two lowest get a yellow card, two in a row remove the county from the pilot list",
			"试点县年度考核评分，排名后两位亮黄牌，连续两次黄牌退出试点", "bottom 2", xinjiang + ", items 1 and 3", xjZh + "，第1、3项"},
		{"R17", "Village clinic upgrades phased by year, weakest first (优先扶弱补短)",
			"村卫生室分年度提档升级，优先扶弱补短", "530 (2024), 1,060 (2025), 1,048 (2026)", zibo, ziboZh},
		{"R18", "Share of village doctors holding a (assistant) physician licence",
			"具备执业（助理）医师资格的乡村医生占比", "≥ 45 % (Shanxi); ≥ 50 % (Zibo, Dadukou)",
			"Shanxi measure 29; Zibo plan; Dadukou plan, indicator 14", "山西第29条；淄博行动方案；大渡口指标14"},
	}
}

// LookupRule returns the rule with the given id ("R10"), or false.
func LookupRule(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
