package data

import (
	"io"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// ReadCandidates reads candidate sub-centre sites from r for `catchment
// plan --candidates`: any points a planner wants considered, whether or
// not a facility stands there today. It reads CSV or GeoJSON as
// ReadFacilities does, with the same aliases, options, report and errors,
// but asks for less.
//
// Required are id, county (a site is planned for its county) and the
// coordinates; name, township, type, beds and staff are optional, as
// columns and as values. type, when it names a known tier (the values
// ReadFacilities accepts), sets Facility.Type; when it is blank, missing,
// or anything else (a vacant plot, "拟建"), the site is read as a
// planner.TownshipHealthCentre, the tier a sub-centre is raised from, and
// an unrecognised value is kept in Extra under the key "type" so nothing
// the planner wrote is lost. beds and staff follow ReadFacilities (blank
// gives planner.CapacityUnknown). Coordinates and ids are validated as
// for villages and facilities.
func ReadCandidates(r io.Reader, name string, opt table.ReadOptions) ([]planner.Facility, *table.ReadReport, error) {
	return readTable(r, name, opt, table.CandidateSpec(), table.BuildCandidate)
}

// LoadCandidates reads the candidate file at path with ReadCandidates.
func LoadCandidates(path string, opt table.ReadOptions) ([]planner.Facility, *table.ReadReport, error) {
	return readLoad(path, opt, table.CandidateSpec(), table.BuildCandidate)
}
