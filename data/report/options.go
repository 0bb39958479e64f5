package report

import (
	"github.com/catchment/catchment/data/i18n"
)

// Options are what a report says beyond its result: the language, and the
// header a health bureau files it with. Everything in the header is
// passed in by the caller (the command computes the checksums and the
// date at the edge), so that tests can fix it. The zero value is an
// English report without date, version or checksums.
type Options struct {
	// Lang is the report's language; "" is English. The commands default
	// to i18n.ForPolicy: Chinese under the Chinese regions' presets.
	Lang i18n.Lang
	// Date is printed as given ("2026-05-01"); "" leaves it out.
	Date string
	// Version is the catchment version that wrote the report; "" leaves
	// it out.
	Version string
	// Inputs are the files the run read, with their SHA-256, in the order
	// to list them.
	Inputs []InputFile
	// Policy is the policy preset's name for the programme reports, whose
	// results do not carry it; the plan report takes it from the summary.
	Policy string
}

// InputFile is one input of a run and its checksum.
type InputFile struct {
	// Role is what the file is: one of the Role constants.
	Role string
	// Path is the file as the run named it ("villages.csv",
	// "sample:villages.csv"); the summary's row counts are matched to it.
	Path string
	// SHA256 is the lower-case hex SHA-256 of the file's bytes.
	SHA256 string
}

// The roles of input files.
const (
	RoleVillages   = "villages"
	RoleFacilities = "facilities"
	RoleRoads      = "roads"
	RoleOD         = "od"
	RoleCandidates = "candidates"
	RoleBoundaries = "boundaries"
	RoleDivisions  = "division-names"
	RoleScenario   = "scenario"
	RoleScorecard  = "scorecard"
	RolePrevious   = "previous"
)

// roleWords names the roles for people.
var roleWords = map[string]i18n.Msg{
	RoleVillages:   {En: "Villages", Zh: "行政村"},
	RoleFacilities: {En: "Facilities", Zh: "医疗卫生机构"},
	RoleRoads:      {En: "Road network", Zh: "路网"},
	RoleOD:         {En: "Origin–destination table", Zh: "起讫点距离表"},
	RoleCandidates: {En: "Candidate sites", Zh: "候选点位"},
	RoleBoundaries: {En: "County boundaries", Zh: "县界"},
	RoleDivisions:  {En: "Division names", Zh: "行政区划名称"},
	RoleScenario:   {En: "Scenario", Zh: "方案文件"},
	RoleScorecard:  {En: "Scorecard inputs", Zh: "考核指标数据"},
	RolePrevious:   {En: "Previous scorecard", Zh: "上年考核结果"},
}

// roleText names role r in l; an unknown role is printed as it is.
func roleText(l i18n.Lang, r string) string {
	if m, ok := roleWords[r]; ok {
		return l.S(m)
	}
	return r
}
