package report

import "github.com/catchment/catchment/data/i18n"

// tm is the catalogue of the command tables (WritePlanTableIn,
// WriteCoverageTableIn). The English keeps the tables' established
// wording; the Chinese names the cover measures as the glossary does.
var tm = struct {
	planTitle, policy, geodesic, clinicPlan, kAuto, kFixed                                      i18n.Msg
	county, villages, population, network, careToday, careAfter, gain, subcentres, total        i18n.Msg
	sweep, radiusKm, perCounty, auto, clinicLine, doctorLine, bandLine, rejected, warnings      i18n.Msg
	covTitle, note, within, share, uncoveredNone, uncoveredSome, mostPopulous, largest, covCols i18n.Msg
	none, minutes, colon                                                                        i18n.Msg
}{
	planTitle:  i18n.Msg{En: "Sub-centre plan within %s (%s%s)", Zh: "医疗次中心规划，服务半径%s（%s%s）"},
	policy:     i18n.Msg{En: ", policy %s", Zh: "，政策%s"},
	geodesic:   i18n.Msg{En: "geodesic distance", Zh: "测地线距离"},
	clinicPlan: i18n.Msg{En: "; clinic plan %s", Zh: "；村卫生室规划按%s"},
	kAuto: i18n.Msg{En: "Sub-centres per county: auto, up to %d, adding a site while it adds at least %s to county-level care cover (--min-gain-pop; auto only)",
		Zh: "每县医疗次中心：自动确定，最多%d个，每增设一个点位须使县级医疗服务覆盖至少增加%s（--min-gain-pop，仅用于自动确定）"},
	kFixed:     i18n.Msg{En: "Sub-centres per county: %d, fixed (--min-gain-pop applies only to auto)", Zh: "每县医疗次中心：指定%d个（--min-gain-pop仅用于自动确定）"},
	county:     i18n.Msg{En: "County", Zh: "县"},
	villages:   i18n.Msg{En: "Villages", Zh: "行政村"},
	population: i18n.Msg{En: "Population", Zh: "常住人口"},
	network:    i18n.Msg{En: "Network cover", Zh: "急救网络覆盖"},
	careToday:  i18n.Msg{En: "County care today", Zh: "县级医疗覆盖现状"},
	careAfter:  i18n.Msg{En: "County care after", Zh: "县级医疗覆盖规划后"},
	gain:       i18n.Msg{En: "Gain", Zh: "新增"},
	subcentres: i18n.Msg{En: "Sub-centres", Zh: "医疗次中心"},
	total:      i18n.Msg{En: "Total", Zh: "合计"},
	sweep:      i18n.Msg{En: "Sweep", Zh: "方案比较"},
	radiusKm:   i18n.Msg{En: "Radius km", Zh: "半径公里"},
	perCounty:  i18n.Msg{En: "Per county", Zh: "每县"},
	auto:       i18n.Msg{En: "auto", Zh: "自动"},
	clinicLine: i18n.Msg{En: "Clinic plan (%s): own clinics %s, joint clinics %s (villages joining one %s), small villages alone %s, itinerant villages %s (route days %s, %s km)",
		Zh: "村卫生室规划（%s）：单设村卫生室%s个，联办村卫生室%s个（加入联办的村%s个），单独设置的小村%s个，巡诊村%s个（巡诊%s天，%s公里）"},
	doctorLine: i18n.Msg{En: "Village doctors: needed %s, missing %s. Township health centres below the R11 staff quota: %s, missing %s; above it: %s, %s over. Townships with notes: %s",
		Zh: "乡村医生：需%s名，缺%s名。低于R11编制下限的乡镇卫生院%s个，缺%s人；超出上限的%s个，超出%s人。有提示的乡镇：%s个"},
	bandLine: i18n.Msg{En: "Own clinics include villages of %s residents, which keep or set up their own clinic though no rule requires it (required_clinic=false; R9 requires one from %s).",
		Zh: "单设村卫生室含常住人口%s人的行政村：无规则要求，但保留或设置本村卫生室（required_clinic=false；R9要求%s人及以上单设）。"},
	rejected: i18n.Msg{En: "Rejected input rows: %s", Zh: "被剔除的输入行：%s"},
	warnings: i18n.Msg{En: "Input warnings: %s", Zh: "输入警告：%s"},

	covTitle:      i18n.Msg{En: "Emergency network cover within %s (%s to the nearest emergency facility)", Zh: "%s内急救网络覆盖（按到最近急救机构的%s）"},
	note:          i18n.Msg{En: "Note: %s", Zh: "说明：%s"},
	within:        i18n.Msg{En: "within %s", Zh: "%s内"},
	share:         i18n.Msg{En: "Share", Zh: "比例"},
	uncoveredNone: i18n.Msg{En: "Villages without emergency network cover within %s: none", Zh: "%s内无急救网络覆盖的行政村：无"},
	uncoveredSome: i18n.Msg{En: "Villages without emergency network cover within %s: %s (%s)", Zh: "%s内无急救网络覆盖的行政村：%s个（%s）"},
	mostPopulous:  i18n.Msg{En: "; the %d most populous", Zh: "；人口最多的%d个"},
	largest:       i18n.Msg{En: ", the largest radius", Zh: "（最大半径）"},
	covCols:       i18n.Msg{En: "ID|Name|County|Township|Population|Nearest facility|Distance km", Zh: "编号|名称|县|乡镇|常住人口|最近机构|距离公里"},
	none:          i18n.Msg{En: "none", Zh: "无"},
	minutes:       i18n.Msg{En: "%s min", Zh: "%s分钟"},
	colon:         i18n.Msg{En: ":", Zh: "："},
}
