package report

import (
	"slices"
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"
)

// Flags the report derives from the summary's staff figures, besides the
// planner's: a township health centre staffed above the upper end or
// below the lower end of its R11 quota.
const (
	flagTHCAboveQuota = "thc_staff_above_quota"
	flagTHCBelowQuota = "thc_staff_below_quota"
)

// flagWords puts a flag in words: a short label for the township table
// (cell, with the township's number where it has one) and the legend
// (label), and a sentence saying what it means. args gives their format
// arguments from the run's options.
type flagWords struct {
	label, sentence i18n.Msg
	args            func(r *planReport) []any
}

// flagOrder is the order in which flags are listed: the villages' and
// route days' first, then the township's, then the staff quota.
var flagOrder = []string{
	planner.FlagNoClinicNearby, planner.FlagNoNeighbourWithinMergeKm, planner.FlagJointGroupOfOne,
	planner.FlagRoundTripExceedsMaxRoute, planner.FlagUnreachableFromTHC, planner.FlagRouteStopsUnreachable,
	planner.FlagTHCNotInTownship, planner.FlagMultipleTHC, planner.FlagNoTHC, planner.FlagCoverNotExact,
	planner.FlagRouteTooManyStops, planner.FlagVillageClinicStaffPartial, flagTHCAboveQuota, flagTHCBelowQuota,
}

func noArgs(*planReport) []any { return nil }

func mergeArgs(r *planReport) []any {
	o := &r.s.Options
	return []any{r.km(o.MergeKm), rangeText(o.ItinerantBelow, o.MergeBelow-1)}
}

var flags = map[string]flagWords{
	planner.FlagNoClinicNearby: {
		i18n.Msg{En: "no clinic nearby", Zh: "附近无村卫生室"},
		i18n.Msg{En: "villages of %[1]s residents or more, which must have a clinic of their own (R9), with no village clinic of the input within %[2]s: a clinic is to be set up there",
			Zh: "常住人口%[1]s人及以上、须单设村卫生室（R9）的行政村，%[2]s内没有现有村卫生室，需新设"},
		func(r *planReport) []any {
			return []any{numfmt.GroupThousands(int64(r.s.Options.OwnClinicFrom)), r.km(r.s.Options.NearTHCKm)}
		}},
	planner.FlagNoNeighbourWithinMergeKm: {
		i18n.Msg{En: "no neighbour within %[1]s", Zh: "%[1]s内无邻村"},
		i18n.Msg{En: "villages of %[2]s residents with no other village of their township within %[1]s to share a joint clinic with: each is a small village alone, counted as needing a clinic of its own",
			Zh: "常住人口%[2]s人的行政村，本乡镇%[1]s内没有可联办的其他行政村：按单独设置村卫生室的小村计"},
		mergeArgs},
	planner.FlagJointGroupOfOne: {
		i18n.Msg{En: "clinic no neighbour shares", Zh: "无邻村共用"},
		i18n.Msg{En: "villages of %[2]s residents chosen to host a joint clinic that no other village joins (their neighbours within %[1]s are nearer another joint clinic, or small enough for itinerant visits): each is a small village alone, counted as a clinic of its own and not as a joint clinic",
			Zh: "被选为联办点但没有其他行政村加入的常住人口%[2]s人的行政村（%[1]s内的邻村离其他联办点更近，或人口较少由巡诊服务）：按单独设置村卫生室的小村计，不计为联办村卫生室"},
		mergeArgs},
	planner.FlagRoundTripExceedsMaxRoute: {
		i18n.Msg{En: "round trip over %[1]s", Zh: "往返超过%[1]s"},
		i18n.Msg{En: "itinerant days to a single village whose round trip from the township health centre alone is longer than a day's route allows (%[1]s)",
			Zh: "自乡镇卫生院往返单个巡诊村即超过每天巡诊路线上限（%[1]s）的巡诊日"},
		func(r *planReport) []any { return []any{r.km(r.s.Options.MaxRouteKm)} }},
	planner.FlagUnreachableFromTHC: {
		i18n.Msg{En: "not reachable from the centre", Zh: "乡镇卫生院无法到达"},
		i18n.Msg{En: "itinerant villages that the road network does not connect with their township health centre; they are on no route day",
			Zh: "路网中与乡镇卫生院不连通的巡诊村，未排入巡诊路线"},
		noArgs},
	planner.FlagRouteStopsUnreachable: {
		i18n.Msg{En: "route leaves villages out", Zh: "巡诊路线遗漏村"},
		i18n.Msg{En: "some itinerant villages cannot be reached from the township health centre and are left out of the route",
			Zh: "部分巡诊村无法从乡镇卫生院到达，未排入巡诊路线"},
		noArgs},
	planner.FlagTHCNotInTownship: {
		i18n.Msg{En: "centre of another township", Zh: "借用外乡镇卫生院"},
		i18n.Msg{En: "the township has no township health centre of its own; the nearest one elsewhere runs its itinerant route",
			Zh: "本乡镇没有乡镇卫生院，由最近的外乡镇卫生院承担巡诊"},
		noArgs},
	planner.FlagMultipleTHC: {
		i18n.Msg{En: "several centres", Zh: "多个乡镇卫生院"},
		i18n.Msg{En: "several township health centres carry the township's name; the first in the input is used",
			Zh: "有多个乡镇卫生院登记在本乡镇名下，采用输入中的第一个"},
		noArgs},
	planner.FlagNoTHC: {
		i18n.Msg{En: "no township health centre", Zh: "无乡镇卫生院"},
		i18n.Msg{En: "there is no township health centre in the input at all, so no itinerant route could be planned",
			Zh: "输入中没有任何乡镇卫生院，无法规划巡诊路线"},
		noArgs},
	planner.FlagCoverNotExact: {
		i18n.Msg{En: "joint clinics not proven fewest", Zh: "联办点数未证最少"},
		i18n.Msg{En: "the joint-clinic hosts are the best found within the work limit, not a proven minimum",
			Zh: "联办点为计算限额内找到的最佳方案，未证明数量最少"},
		noArgs},
	planner.FlagRouteTooManyStops: {
		i18n.Msg{En: "route not planned", Zh: "未规划巡诊路线"},
		i18n.Msg{En: "too many itinerant villages for one route (the township column is probably missing or wrong); no route was planned",
			Zh: "巡诊村过多，无法规划一条路线（乡镇一列可能缺失或有误），未规划路线"},
		noArgs},
	planner.FlagVillageClinicStaffPartial: {
		i18n.Msg{En: "clinic staff partly unknown", Zh: "部分村卫生室人数不详"},
		i18n.Msg{En: "some village clinics have no staff figure, so fewer doctors may be missing than shown",
			Zh: "部分村卫生室没有人员数，实际缺少的乡村医生可能少于表中数字"},
		noArgs},
	flagTHCAboveQuota: {
		i18n.Msg{En: "centre staff above quota", Zh: "卫生院人员超出编制"},
		i18n.Msg{En: "the township health centre has more staff than the upper end of its R11 quota (1.7‰ of the township's residents); the number is the staff above it",
			Zh: "乡镇卫生院在岗人员多于R11核定编制上限（乡镇常住人口的1.7‰），数字为超出的人数"},
		noArgs},
	flagTHCBelowQuota: {
		i18n.Msg{En: "centre staff below quota", Zh: "卫生院人员低于编制"},
		i18n.Msg{En: "the township health centre has fewer staff than the lower end of its R11 quota (1.2‰ of the township's residents); the number is the staff missing",
			Zh: "乡镇卫生院在岗人员少于R11核定编制下限（乡镇常住人口的1.2‰），数字为缺少的人数"},
		noArgs},
}

// townshipFlags lists a township's flags in flagOrder with their number:
// villages or route days for the planner's counted flags, 0 for the
// township's own flags, and staff above or below the R11 quota for the
// derived ones. A flag the report does not know is listed last, as it is.
func townshipFlags(t *summary.PlanTownship) (keys []string, counts map[string]int) {
	counts = map[string]int{}
	for _, f := range t.Flags {
		counts[f] = 0
	}
	for f, n := range t.FlagCounts {
		counts[f] = n
	}
	if t.THCStaff.Known() && t.THCStaffMax > 0 && int(t.THCStaff) > t.THCStaffMax {
		counts[flagTHCAboveQuota] = int(t.THCStaff) - t.THCStaffMax
	}
	if t.THCStaffGap.Known() && t.THCStaffGap > 0 {
		counts[flagTHCBelowQuota] = int(t.THCStaffGap)
	}
	for _, f := range flagOrder {
		if _, ok := counts[f]; ok {
			keys = append(keys, f)
		}
	}
	var unknown []string
	for f := range counts {
		if _, known := flags[f]; !known {
			unknown = append(unknown, f)
		}
	}
	slices.Sort(unknown)
	return append(keys, unknown...), counts
}

// flagLabel is a flag's label in the report's language with the run's
// figures, or the flag itself when the report does not know it.
func (r *planReport) flagLabel(f string) string {
	w, ok := flags[f]
	if !ok {
		return f
	}
	return formatIf(r.l, w.label, w.args(r))
}

// flagSentence says what a flag means.
func (r *planReport) flagSentence(f string) string {
	w, ok := flags[f]
	if !ok {
		return r.l.S(pm.flagUnknown)
	}
	return formatIf(r.l, w.sentence, w.args(r))
}

// formatIf formats m with args when it has verbs, so that a message that
// uses none of a flag's arguments reads as it is.
func formatIf(l i18n.Lang, m i18n.Msg, args []any) string {
	if !strings.Contains(l.S(m), "%") {
		return l.S(m)
	}
	return l.F(m, args...)
}
