package report

import (
	"fmt"
	"strconv"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/planner/note"
)

// The planner's explanations (a county's notes and tie-break, a budget's
// reasons, a warning's reason and suggestion, a figure's or a scorecard
// value's basis, the programme cites) come as notes: a code and the
// values it states. The English report shows the planner's English
// strings, which are those notes in note.English(); a Chinese report
// renders the notes from zhNotes below. TestChineseRendering checks that
// every code and word has a Chinese rendering and that none keeps an
// English word.

// zhNotes renders notes in Chinese; a code it lacked would read in
// English (the test sees to it that none does).
var zhNotes = note.NewCatalogue(note.Language{
	Sep:   "；",
	Say:   note.Merge(zhSubcentre, zhBudget, zhWarning, zhCite, zhScorecard),
	Words: zhWords,
	Cited: citedZh,
}, note.English())

// notesText is notes in l: english (the planner's string) in English, the
// notes in Chinese. A summary decoded from an older file has no notes:
// its English then stands.
func notesText(l i18n.Lang, notes []note.Note, english string) string {
	if l != i18n.Zh || len(notes) == 0 {
		return english
	}
	return zhNotes.Join(notes)
}

// zhSubRadius is a sub-centre note's radius in Chinese: "15.0公里" or
// "30分钟"; zhPlanRadius a warning's, as the plan gives it ("15公里").
func zhSubRadius(v note.V) string {
	if v.Has("radius_minutes") {
		return v.G("radius_minutes") + "分钟"
	}
	return v.Km1("radius_km") + "公里"
}

func zhPlanRadius(v note.V) string {
	if v.Has("radius_minutes") {
		return v.G("radius_minutes") + "分钟"
	}
	return v.G("radius_km") + "公里"
}

var zhSubcentre = map[note.Code]func(note.V) string{
	note.SubNoSitesTooClose: func(v note.V) string {
		return fmt.Sprintf("无候选点位：全部%d个乡镇卫生院距县级医院均不足%s公里", v.Int("thcs"), v.Km1("min_far_km"))
	},
	note.SubNoSitesAllCovered: func(v note.V) string {
		return fmt.Sprintf("无需新设：全部%s人已在现有机构%s内", v.Group("people"), zhSubRadius(v))
	},
	note.SubNoSitesNoneWithin: func(v note.V) string {
		return fmt.Sprintf("无可选点位：%d个候选点位均不在现状无县级医疗服务覆盖的%s人的%s内", v.Int("candidates"), v.Group("people"), zhSubRadius(v))
	},
	note.SubNoSitesNoTHC:     func(note.V) string { return "无候选点位：该县没有乡镇卫生院" },
	note.SubNoSitesNotListed: func(note.V) string { return "无候选点位：候选清单中没有该县的点位" },
	note.SubSeatFromVillages: func(note.V) string { return "该县没有县级医院，县城位置取各村人口加权中心" },
	note.SubFewCandidates: func(v note.V) string {
		return fmt.Sprintf("仅有%d个候选点位，最多设%d个", v.Int("candidates"), v.Int("candidates"))
	},
	note.SubAutoFewCandidates: func(v note.V) string {
		return fmt.Sprintf("数量自动确定为%d个：仅有%d个候选点位，最多设%d个", v.Int("k"), v.Int("candidates"), v.Int("candidates"))
	},
	note.SubAutoSmallGain: func(v note.V) string {
		return fmt.Sprintf("数量自动确定为%d个：增设第%d个点位只新增%s人（少于%s人）", v.Int("k"), v.Int("k")+1, v.Group("gain"), v.Group("min_gain"))
	},
	note.SubAutoLimit: func(v note.V) string {
		return fmt.Sprintf("数量自动确定为%d个：上限%d个以内每个点位均新增至少%s人", v.Int("k"), v.Int("limit"), v.Group("min_gain"))
	},
	note.TieStaff: func(v note.V) string {
		return zhTie(v, fmt.Sprintf("按人员总数选定（%d对%d）", v.Int("chosen"), v.Int("next")))
	},
	note.TieBeds: func(v note.V) string {
		return zhTie(v, fmt.Sprintf("按床位总数选定（%d对%d）", v.Int("chosen"), v.Int("next")))
	},
	note.TieSeatKm: func(v note.V) string {
		return zhTie(v, fmt.Sprintf("按距县城总距离选定（%s公里对%s公里）", v.Km1("chosen_km"), v.Km1("next_km")))
	},
	note.TieIDs: func(v note.V) string { return zhTie(v, "人员、床位和距县城距离均相同，按编号选定") },
}

func zhTie(v note.V, why string) string {
	return fmt.Sprintf("%d个点位组合新增县级医疗服务覆盖人口同为%s人；%s", v.Int("sets"), v.Group("people"), why)
}

var zhBudget = map[note.Code]func(note.V) string{
	note.BudgetCounty:      func(v note.V) string { return "名额分配（R5）：" + v.Parts() },
	note.BudgetNoCandidate: func(note.V) string { return "无候选点位" },
	note.BudgetNoSite:      func(note.V) string { return "不设点位" },
	note.BudgetSitesGain: func(v note.V) string {
		return fmt.Sprintf("%d个点位使%s人新获县级医疗服务覆盖（最后一个新增%s人）", v.Int("sites"), v.Group("people"), v.Group("last"))
	},
	note.BudgetUnnamed: func(v note.V) string {
		return fmt.Sprintf("为满足下限的%d个点位不新增县级医疗服务覆盖人口：任一候选点位均可", v.Int("sites"))
	},
	note.BudgetMinUnmet: func(v note.V) string {
		return fmt.Sprintf("无法满足下限%d个：仅有%d个候选点位", v.Int("min"), v.Int("candidates"))
	},
	note.BudgetHeldAtMin: func(v note.V) string { return fmt.Sprintf("保持在下限%d个", v.Int("min")) },
	note.BudgetNextNone:  func(v note.V) string { return fmt.Sprintf("第%d个点位不新增覆盖", v.Int("next_site")) },
	note.BudgetNextSpent: func(v note.V) string {
		return fmt.Sprintf("第%d个点位可新增%s人，但全部名额已用在总体覆盖更多的地方", v.Int("next_site"), v.Group("people"))
	},
	note.BudgetAtMax:   func(v note.V) string { return fmt.Sprintf("已达上限%d个", v.Int("max")) },
	note.BudgetAllUsed: func(v note.V) string { return fmt.Sprintf("%d个候选点位已全部使用", v.Int("candidates")) },
	note.BudgetLeftFull: func(v note.V) string {
		return fmt.Sprintf("%d个名额未安排：各县均已达上限或没有其他候选点位", v.Int("sites"))
	},
	note.BudgetLeftNoGain: func(v note.V) string {
		return fmt.Sprintf("%d个名额未安排：再增设点位不新增县级医疗服务覆盖人口", v.Int("sites"))
	},
}

const zhGiven = "用--candidates给定候选点位"

// zhSiteName names a site as the report does: "name (id)", or the id.
func zhSiteName(v note.V) string {
	id, name := v.Str("id"), v.Str("name")
	if name == "" || name == id {
		return id
	}
	return name + " (" + id + ")"
}

var zhWarning = map[note.Code]func(note.V) string{
	note.WarnBelowMin: func(v note.V) string {
		proposed := "未拟建县域医疗次中心"
		if k := v.Int("sites"); k > 0 {
			proposed = fmt.Sprintf("拟建%d个县域医疗次中心", k)
		}
		return fmt.Sprintf("%s，少于每县至少%d个的下限：%s", proposed, v.Int("min"), v.Parts())
	},
	note.WarnAboveMax: func(v note.V) string {
		return fmt.Sprintf("拟建%d个县域医疗次中心，多于每县至多%d个的上限", v.Int("sites"), v.Int("max"))
	},
	note.WarnWhyNotListed: func(note.V) string { return "--candidates候选清单中没有该县的点位" },
	note.WarnWhyTooClose: func(v note.V) string {
		return fmt.Sprintf("没有距县级医院至少%s公里（--min-far-km）的候选点位：其%d个乡镇卫生院中最远的距县级医院%s公里",
			v.G("min_far_km"), v.Int("thcs"), v.Km1("farthest_km"))
	},
	note.WarnWhyNoTHC: func(note.V) string { return "该县没有乡镇卫生院" },
	note.WarnWhyAllCovered: func(v note.V) string {
		return fmt.Sprintf("全部%s人已在%s内获得县级医疗服务覆盖，任何候选点位均不新增覆盖", v.Group("people"), zhPlanRadius(v))
	},
	note.WarnWhyNoneWithin: func(v note.V) string {
		return fmt.Sprintf("其%d个候选点位均不在现状无县级医疗服务覆盖的%s人的%s内", v.Int("candidates"), v.Group("people"), zhPlanRadius(v))
	},
	note.FixAddToList:      func(note.V) string { return "在--candidates候选清单中加入该县的点位" },
	note.FixGiveCandidates: func(note.V) string { return zhGiven },
	note.FixRelax: func(v note.V) string {
		return fmt.Sprintf("将--min-far-km设为%s或以下：最佳点位为%s，距县级医院%s公里，可使%s人新获%s内县级医疗服务覆盖；或%s",
			v.Km1("min_far_km"), zhSiteName(v), strconv.FormatFloat(v.Float("hospital_km"), 'f', 2, 64), v.Group("people"), zhPlanRadius(v), zhGiven)
	},
	note.FixRelaxNone: func(v note.V) string {
		return fmt.Sprintf("即使不设距离要求，也没有乡镇卫生院能使任何人新获%s内县级医疗服务覆盖；%s", zhPlanRadius(v), zhGiven)
	},
	note.FixAnyCandidate: func(v note.V) string {
		who := fmt.Sprintf("其%d个候选点位中任一个", v.Int("candidates"))
		if v.Int("candidates") == 1 {
			who = "其唯一的候选点位"
		}
		return who + "即可满足下限，但不新增覆盖：按服务能力选定；或" + zhGiven
	},
	note.FixAtMost: func(v note.V) string {
		return fmt.Sprintf("每县至多设%d个（--subcentres %d，或自动确定）", v.Int("max"), v.Int("max"))
	},
	note.FixCountyMax: func(v note.V) string { return fmt.Sprintf("将--county-max降至%d", v.Int("max")) },
}

var zhCite = map[note.Code]func(note.V) string{
	note.FigureCited: func(v note.V) string { return v.Cited("source") },
	note.FigureSet:   func(note.V) string { return "本次运行设定" },
	note.FigureSetOver: func(v note.V) string {
		name := v.Str("policy")
		if z, ok := policyNamesZh[name]; ok {
			name = z
		}
		return fmt.Sprintf("本次运行设定；%s政策为%s（%s）", name, note.FigureText(v.Value("value")), v.Cited("source"))
	},
	note.FigureNotApplied: func(note.V) string { return "给定候选点位时不适用" },
	note.CiteBudget: func(v note.V) string {
		return fmt.Sprintf("名额：全市%d个县域医疗次中心（R5 淄博三年行动方案2024—2026年：2026年前10个；本次由%s设定）", v.Int("sites"), v.Cited("by"))
	},
	note.CiteCountyMin: func(v note.V) string { return fmt.Sprintf("每县至少%d个：%s", v.Int("min"), v.Cited("source")) },
	note.CiteCountyMax: func(v note.V) string { return fmt.Sprintf("每县至多%d个：%s", v.Int("max"), v.Cited("source")) },
	note.CiteCapsZibo: func(v note.V) string {
		return fmt.Sprintf("上限%s，自%d年起：R17 淄博行动方案2024—2026年：530个（2024年）、1,060个（2025年）、1,048个（2026年）", note.Caps(v), v.Int("start_year"))
	},
	note.CiteCapsGiven: func(v note.V) string {
		return fmt.Sprintf("上限%s，自%d年起：本次运行设定（R17淄博的数值为自2024年起530、1,060、1,048个）", note.Caps(v), v.Int("start_year"))
	},
	note.CiteScore: func(v note.V) string {
		return fmt.Sprintf("得分 = %s·服务人口/最大值 + %s·缺乡村医生数/最大值（R10） + %s·距乡镇卫生院距离/最大值 + %s·现状无急救网络覆盖（%s公里内无县级医院或乡镇卫生院，%s）：%s",
			v.G("served"), v.G("doctor_gap"), v.G("distance_to_thc"), v.G("network_uncovered"), v.G("radius_km"), v.Cited("radius_source"), v.Cited("source"))
	},
	note.CiteTies:              func(v note.V) string { return "同分：" + v.Cited("rule") },
	note.CiteClinicsFacilities: func(note.V) string { return "村卫生室：机构文件中的村卫生室" },
	note.CiteClinicsPlan:       func(note.V) string { return "村卫生室：规划中的单设和联办村卫生室" },
	note.CiteStaffZibo: func(v note.V) string {
		return fmt.Sprintf("%d人：淄博行动方案2024—2026年，每年至少下沉500名医务人员到村", v.Int("staff"))
	},
	note.CiteStaffGiven: func(v note.V) string {
		return fmt.Sprintf("%d人：本次运行设定（淄博为每年至少500名）", v.Int("staff"))
	},
	note.CiteRule:     func(v note.V) string { return v.Cited("rule") },
	note.CiteRounding: func(v note.V) string { return "取整：" + v.Cited("rule") },
}

var zhScorecard = map[note.Code]func(note.V) string{
	note.BasisNoFigure: func(v note.V) string { return "无" + v.Word("what") + "数据" },
	note.BasisUnknownFor: func(v note.V) string {
		return fmt.Sprintf("%d/%d个%s的%s不详", v.Int("unknown"), v.Int("total"), v.Word("of"), v.Word("what"))
	},
	note.BasisNone: func(v note.V) string { return "无" + v.Word("of") },
	note.BasisPer: func(v note.V) string {
		return fmt.Sprintf("%s%d / %s%s", v.Word("what"), v.Int("count"), v.Word("per"), v.Group("per_count"))
	},
	note.BasisShare: func(v note.V) string {
		return fmt.Sprintf("%d个%s中%d个", v.Int("total"), v.Word("of"), v.Int("count"))
	},
	note.SubsidyPlan: func(v note.V) string {
		return fmt.Sprintf("规划需配乡村医生%d名（R10）与现有%d名取大者", v.Int("needed"), v.Int("today"))
	},
	note.SubsidyToday: func(v note.V) string {
		return fmt.Sprintf("现有乡村医生%d名（无村卫生室规划）", v.Int("today"))
	},
	note.SubsidyStaffUnknown: func(v note.V) string { return fmt.Sprintf("%d个村卫生室人员数不详", v.Int("clinics")) },
	note.SubsidyLicensed:     func(note.V) string { return "R14：有执业资格者800–1,000元，其他600元" },
	note.SubsidyFullRange: func(note.V) string {
		return "并非所有村卫生室的执业资格已知，按R14全范围600–1,000元"
	},
	note.CardNotCount: func(v note.V) string {
		return fmt.Sprintf("机构%s：%s的值%s不是非负整数，按缺失计", v.Str("facility"), v.Str("column"), strconv.Quote(v.Str("value")))
	},
	note.CardNotYesNo: func(v note.V) string {
		return fmt.Sprintf("机构%s：%s的值%s不是是/否，按缺失计", v.Str("facility"), v.Str("column"), strconv.Quote(v.Str("value")))
	},
}

// zhWords are the scorecard bases' words (note.Word…).
var zhWords = map[string]string{
	note.WordVillageDoctorsStaff:   "乡村医生（村卫生室人员）",
	note.WordTHCStaff:              "乡镇卫生院人员",
	note.WordHealthWorkers:         "基层卫生人员",
	note.WordGPs:                   "全科医生",
	note.WordLicensedDoctors:       "有执业（助理）医师资格的乡村医生",
	note.WordFeverClinic:           "发热诊室",
	note.WordAmbulance:             "救护车",
	note.WordPeopleServed:          "服务人口",
	note.WordResidentsVillages:     "常住人口（各村人口之和）",
	note.WordResidentsTable:        "常住人口（县级数据表）",
	note.WordVillageDoctors:        "乡村医生",
	note.WordTownshipHealthCentres: "乡镇卫生院",
	note.WordFacilities:            "机构",
}
