package data

import (
	"fmt"
	"io"
	"strings"

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
func ReadCandidates(r io.Reader, name string, opt ReadOptions) ([]planner.Facility, *ReadReport, error) {
	return readTable(r, name, opt, &readCandidateSpec, readBuildCandidate)
}

// LoadCandidates reads the candidate file at path with ReadCandidates.
func LoadCandidates(path string, opt ReadOptions) ([]planner.Facility, *ReadReport, error) {
	return readLoad(path, opt, &readCandidateSpec, readBuildCandidate)
}

// readCandidateTypeKey is the Extra key that keeps a type value the
// readers do not know.
const readCandidateTypeKey = "type"

func readBuildCandidate(c *readCtx, row *readRow) planner.Facility {
	typ := c.candidateType(row) // may add to row.extra, so before Extra is read
	return planner.Facility{
		ID:       c.text(row, readFieldID, true),
		Name:     c.text(row, readFieldName, false),
		Type:     typ,
		County:   c.intern(c.text(row, readFieldCounty, true)),
		Township: c.intern(c.text(row, readFieldTownship, false)),
		Location: c.location(row),
		Beds:     c.count(row, readFieldBeds, false),
		Staff:    c.count(row, readFieldStaff, false),
		Extra:    row.extra,
	}
}

// candidateType maps a candidate's type to a tier, defaulting to a
// township health centre; an unknown value goes to Extra and, the first
// time, into a file-level warning so the default is not a surprise.
func (c *readCtx) candidateType(row *readRow) planner.FacilityType {
	s := row.vals[readFieldType]
	if s == "" {
		return planner.TownshipHealthCentre
	}
	if t, ok := readFacilityTypes[s]; ok {
		return t
	}
	if t, ok := readFacilityTypes[strings.ToLower(s)]; ok {
		return t
	}
	row.extra = append(row.extra, planner.Attr{Key: readCandidateTypeKey, Value: s})
	if !c.typeWarned {
		c.typeWarned = true
		c.warn(0, fmt.Sprintf("type %s (line %d) and any other type that is not a facility tier "+
			"are read as %s; the given text is kept in the extra column %q",
			readQuote(s), row.line, planner.TownshipHealthCentre, readCandidateTypeKey))
	}
	return planner.TownshipHealthCentre
}
