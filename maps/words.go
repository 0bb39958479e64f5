package maps

import (
	"github.com/catchment/catchment/data/i18n"
)

// mw is the catalogue of the map's title, subtitle, footer and legend in
// English and Chinese (Options.Lang). The village classes are named as in
// the glossary of the reports: county-level care cover today, from a
// proposed sub-centre, or none within the radius.
var mw = struct {
	titleOne, titleMany, subtitle, radiusStraight, radiusWithin, radiusMinutes, byRoad, byMatrix, by i18n.Msg
	footer, pinyin, omitted, distRoad, distOD, distStraight                                          i18n.Msg
	villages, villagesBy, careToday, careAfter, careNone, facilities, plan, countsVillages           i18n.Msg
	hospital, thc, clinic, notDrawn, other, subcentre, circle, geodesic, joint, jointCounts          i18n.Msg
	route, road, boundary, markerArea                                                                i18n.Msg
}{
	titleOne:       i18n.Msg{En: "%s: county-level care cover and proposed sub-centres", Zh: "%s县级医疗服务覆盖与拟建医疗次中心"},
	titleMany:      i18n.Msg{En: "County-level care cover and proposed sub-centres, %d counties", Zh: "县级医疗服务覆盖与拟建医疗次中心（%d个县）"},
	subtitle:       i18n.Msg{En: "county-level care today %s, with the proposed sub-centres %s of %s people", Zh: "县级医疗服务覆盖：现状%s，规划后%s，常住人口%s人"},
	radiusStraight: i18n.Msg{En: "%s km emergency radius (WGS84 geodesic)", Zh: "服务半径%s公里（WGS84测地线）"},
	radiusWithin:   i18n.Msg{En: "within %s km %s", Zh: "%[2]s%[1]s公里内"},
	radiusMinutes:  i18n.Msg{En: "within %s min %s", Zh: "%[2]s%[1]s分钟内"},
	byRoad:         i18n.Msg{En: "by road", Zh: "沿道路"},
	byMatrix:       i18n.Msg{En: "by the distance matrix", Zh: "按距离表"},
	by:             i18n.Msg{En: "by %s", Zh: "按%s"},
	footer:         i18n.Msg{En: "Equirectangular projection, longitude scaled by cos %.1f°; %s. Drawn by catchment.", Zh: "等距圆柱投影，经度按cos %.1f°缩放；%s。由catchment绘制。"},
	pinyin:         i18n.Msg{En: " Names in pinyin: no Chinese font was found.", Zh: "未找到中文字体，名称以拼音显示。"},
	omitted:        i18n.Msg{En: " %s left out where %s would overlap.", Zh: "%s因与其他标注重叠未显示%s。"},
	distRoad:       i18n.Msg{En: "cover measured along the roads (geodesic edge lengths), off-road legs straight", Zh: "覆盖沿道路计算（路段按测地线长度），离开道路的路段按直线"},
	distOD:         i18n.Msg{En: "cover measured by a precomputed distance matrix", Zh: "覆盖按预先计算的距离表计算"},
	distStraight:   i18n.Msg{En: "distances are WGS84 geodesic", Zh: "距离按WGS84测地线计算"},
	villages:       i18n.Msg{En: "Villages", Zh: "行政村"},
	villagesBy:     i18n.Msg{En: "Villages (%s)", Zh: "行政村（%s）"},
	careToday:      i18n.Msg{En: "County-level care today", Zh: "现状有县级医疗服务覆盖"},
	careAfter:      i18n.Msg{En: "County-level care from a proposed sub-centre", Zh: "拟建医疗次中心新增覆盖"},
	careNone:       i18n.Msg{En: "No county-level care within %s km", Zh: "%s公里内无县级医疗服务覆盖"},
	facilities:     i18n.Msg{En: "Existing facilities", Zh: "现有机构"},
	plan:           i18n.Msg{En: "Plan", Zh: "规划"},
	countsVillages: i18n.Msg{En: "%s, %s", Zh: "%s，%s"},
	hospital:       i18n.Msg{En: "County hospital", Zh: "县级医院"},
	thc:            i18n.Msg{En: "Township health centre", Zh: "乡镇卫生院"},
	clinic:         i18n.Msg{En: "Village clinic", Zh: "村卫生室"},
	notDrawn:       i18n.Msg{En: ", not drawn at this scale", Zh: "，此比例尺下未绘出"},
	other:          i18n.Msg{En: "Other facility", Zh: "其他机构"},
	subcentre:      i18n.Msg{En: "Proposed sub-centre", Zh: "拟建医疗次中心"},
	circle:         i18n.Msg{En: "%s km coverage circle", Zh: "%s公里服务半径"},
	geodesic:       i18n.Msg{En: "geodesic", Zh: "测地线"},
	joint:          i18n.Msg{En: "Joint clinic: host to member", Zh: "联办村卫生室：联办点至成员村"},
	jointCounts:    i18n.Msg{En: "%s, %s", Zh: "%s，%s"},
	route:          i18n.Msg{En: "Itinerant route", Zh: "巡诊路线"},
	road:           i18n.Msg{En: "Road", Zh: "道路"},
	boundary:       i18n.Msg{En: "Boundary", Zh: "边界"},
	markerArea:     i18n.Msg{En: "Marker area by population", Zh: "符号面积表示人口"},
}

// The counted nouns of the legend.
var (
	nounVillage  = i18n.Noun{One: "village", Many: "villages", Zh: "个行政村"}
	nounCounty   = i18n.Noun{One: "county", Many: "counties", Zh: "个县"}
	nounPerson   = i18n.Noun{One: "person", Many: "people", Zh: "人"}
	nounHospital = i18n.Noun{One: "hospital", Many: "hospitals", Zh: "所"}
	nounCentre   = i18n.Noun{One: "centre", Many: "centres", Zh: "所"}
	nounClinic   = i18n.Noun{One: "clinic", Many: "clinics", Zh: "个"}
	nounFacility = i18n.Noun{One: "facility", Many: "facilities", Zh: "个"}
	nounSite     = i18n.Noun{One: "site", Many: "sites", Zh: "处"}
	nounMember   = i18n.Noun{One: "member", Many: "members", Zh: "个成员村"}
	nounDay      = i18n.Noun{One: "day", Many: "days", Zh: "天"}
	nounLine     = i18n.Noun{One: "line", Many: "lines", Zh: "条"}
	nounArea     = i18n.Noun{One: "area", Many: "areas", Zh: "个区域"}
	nounLabel    = i18n.Noun{One: "label", Many: "labels", Zh: "个标注"}
)

// count is n with its noun in the map's language.
func (m *Map) count(n int, noun i18n.Noun) string { return m.lang().N(int64(n), noun) }

// lang is the map's language (English unless Options.Lang says Zh).
func (m *Map) lang() i18n.Lang { return m.opt.Lang.Or(i18n.En) }
