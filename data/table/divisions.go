package table

import (
	"fmt"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// Locator returns the division code and name of the boundary polygon
// containing p (a WGS84 point), as boundary.Boundaries.Locate does.
type Locator func(p orb.Point) (code, name string, ok bool)

// maxDivisionExamples bounds the examples a division warning lists.
const maxDivisionExamples = 5

// divisionLog counts what the division logic did during one read, for the
// file-level warnings written when the read ends.
type divisionLog struct {
	fromCode, fromBoundary int
	disagree               int
	unnamed                int // facilities named by their id
	zeroPop                int // villages with population 0
	zeroPopIDs             []string
	examples               []string
}

// ValidCode reports whether s is a division code: 6, 9 or 12 digits.
func ValidCode(s string) bool {
	if len(s) != 6 && len(s) != 9 && len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// code returns the row's division code, or "" when it has none or an
// invalid one; either way a non-blank code is kept in Extra as "code" so
// that every output joins back to the input.
func (c *Ctx) code(row *Row) string {
	s := row.Vals[FieldCode]
	if s == "" {
		return ""
	}
	row.Extra = append(row.Extra, planner.Attr{Key: "code", Value: s})
	if !ValidCode(s) {
		return ""
	}
	return s
}

// divName names the division with the given code prefix: its name from
// ReadOptions.DivisionNames, else the code itself.
func (c *Ctx) divName(code string) string {
	if n, ok := c.DivNames[code]; ok && n != "" {
		return n
	}
	return code
}

// divisions returns the row's county and township: the stated ones, else
// the code's 6- and 9-digit prefixes, else (county only) the boundary
// polygon containing p. A stated county the polygon contradicts is kept
// and reported. p is ignored when ok is false.
func (c *Ctx) divisions(row *Row, code string, p orb.Point, ok bool) (county, township string) {
	county, township = row.Vals[readFieldCounty], row.Vals[readFieldTownship]
	if county == "" && len(code) >= 6 {
		county = c.divName(code[:6])
		c.div.fromCode++
	}
	if township == "" && len(code) >= 9 {
		township = c.divName(code[:9])
	}
	if c.Locate == nil || !ok {
		return county, township
	}
	bcode, bname, in := c.Locate(p)
	switch {
	case !in:
	case county == "":
		county = bname
		if county == "" {
			county = bcode
		}
		c.div.fromBoundary++
	case county != bname && county != bcode && !(len(code) >= 6 && code[:6] == bcode):
		c.div.disagree++
		if len(c.div.examples) < maxDivisionExamples {
			c.div.examples = append(c.div.examples, fmt.Sprintf("line %d: stated %s, polygon %s",
				row.Line, Quote(county), Quote(strings.TrimSpace(bname+" "+bcode))))
		}
	}
	return county, township
}

// finishDivisions adds the file-level warnings of the division logic.
func (c *Ctx) finishDivisions() {
	if n := c.div.unnamed; n > 0 {
		c.Warn(0, fmt.Sprintf("%d facilities without a name: named by their id", n))
	}
	if n := c.div.zeroPop; n > 0 {
		what := fmt.Sprintf("%d villages", n)
		if n == 1 {
			what = "1 village"
		}
		c.Warn(0, fmt.Sprintf("%s with population 0 (%s): kept and mapped, but adding no one to any cover or threshold; check the source",
			what, strings.Join(c.div.zeroPopIDs, ", ")))
	}
	if n := c.div.fromCode; n > 0 {
		c.Warn(0, fmt.Sprintf("%d rows without a county name: county and township taken from the division code", n))
	}
	if n := c.div.fromBoundary; n > 0 {
		c.Warn(0, fmt.Sprintf("%d rows without a county: county taken from the boundary polygon containing them", n))
	}
	if n := c.div.disagree; n > 0 {
		c.Warn(0, fmt.Sprintf("%d rows state a county that differs from the boundary polygon containing them; kept as stated (%s)",
			n, strings.Join(c.div.examples, "; ")))
	}
}
