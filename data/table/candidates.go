package table

import (
	"fmt"
	"strings"

	"github.com/catchment/catchment/planner"
)

// readers do not know.
const readCandidateTypeKey = "type"

func BuildCandidate(c *Ctx, row *Row) planner.Facility {
	typ := c.candidateType(row) // may add to row.Extra, so before Extra is read
	code := c.code(row)
	loc, ok := c.location(row)
	county, township := c.divisions(row, code, loc, ok)
	if county == "" {
		c.Problem("missing county (give a county column, a division code or boundaries)")
	}
	return planner.Facility{
		ID:       c.text(row, FieldID, true),
		Name:     c.text(row, readFieldName, false),
		Type:     typ,
		County:   c.Intern(county),
		Township: c.Intern(township),
		Location: loc,
		Beds:     c.count(row, readFieldBeds, false),
		Staff:    c.count(row, readFieldStaff, false),
		Extra:    row.Extra,
	}
}

// candidateType maps a candidate's type to a tier, defaulting to a
// township health centre; an unknown value goes to Extra and, the first
// time, into a file-level warning so the default is not a surprise.
func (c *Ctx) candidateType(row *Row) planner.FacilityType {
	s := row.Vals[readFieldType]
	if s == "" {
		return planner.TownshipHealthCentre
	}
	if t, ok := readFacilityTypes[s]; ok {
		return t
	}
	if t, ok := readFacilityTypes[strings.ToLower(s)]; ok {
		return t
	}
	row.Extra = append(row.Extra, planner.Attr{Key: readCandidateTypeKey, Value: s})
	if !c.typeWarned {
		c.typeWarned = true
		c.Warn(0, fmt.Sprintf("type %s (line %d) and any other type that is not a facility tier "+
			"are read as %s; the given text is kept in the extra column %q",
			Quote(s), row.Line, planner.TownshipHealthCentre, readCandidateTypeKey))
	}
	return planner.TownshipHealthCentre
}
