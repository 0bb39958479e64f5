package planner

// Cover measure keys: the two meanings of "covered" a plan reports, each
// with one name used the same way in every table, layer, legend, CSV
// column, API field and report sentence (see Terms).
const (
	// MeasureNetwork is emergency network cover (R1): a county hospital or
	// a township health centre — any tier of the rural emergency transfer
	// network that receives a patient — lies within the radius. Field stem
	// "network_covered".
	MeasureNetwork = "network"
	// MeasureCountyCare is county-level care cover (R2–R4): a county
	// hospital or a county medical sub-centre lies within the radius.
	// "Today" counts the facilities in the input; "after" adds the
	// proposed sub-centres. Field stem "county_care".
	MeasureCountyCare = "county_care"
)

// Term is one glossary entry: a word catchment uses with exactly one
// meaning, in English and in the policy documents' Chinese, with the rule
// it comes from.
type Term struct {
	Key          string // stable key, e.g. MeasureNetwork
	Name, NameZh string // the term as printed
	Definition   string
	DefinitionZh string
	Rule         string // "R1", "R2–R4", …; "" when no rule defines it
}

// Terms returns the glossary every report prints once: the two cover
// measures first, then the facility and service words of the digest.
// Radii are in kilometres by the run's metric (straight line or road).
func Terms() []Term {
	return []Term{
		{MeasureNetwork, "emergency network cover", "急救网络覆盖",
			"a county hospital or a township health centre lies within the radius",
			"服务半径内有县级医院或乡镇卫生院（农村急救转运网络中可接收患者的机构）", "R1"},
		{MeasureCountyCare, "county-level care cover", "县级医疗服务覆盖",
			"a county hospital or a county medical sub-centre lies within the radius; today counts the facilities in the input, after adds the proposed sub-centres",
			"服务半径内有县级医院或县域医疗次中心；“现状”按现有机构计算，“规划后”含拟建次中心", "R2–R4"},
		{"subcentre", "county medical sub-centre", "县域医疗次中心",
			"a township health centre raised toward secondary-hospital level",
			"向二级医院水平提升的中心乡镇卫生院", "R2"},
		{"township_centre", "township health centre", "乡镇卫生院", "the health centre of a township", "乡镇一级的卫生院", "R1"},
		{"village_clinic", "village clinic", "村卫生室", "the clinic of an administrative village", "行政村设置的卫生室", "R9"},
		{"joint_clinic", "joint clinic", "联办村卫生室",
			"one clinic serving several adjacent villages", "相邻行政村联合设置、共同服务的村卫生室", "R7–R8"},
		{"itinerant", "itinerant service", "巡诊",
			"periodic visits or stationed staff from the township health centre", "乡镇卫生院定期巡回医疗或派驻人员", "R6"},
		{"population", "resident population", "常住人口",
			"the population figure that thresholds apply to", "各项标准所依据的人口数", ""},
	}
}
