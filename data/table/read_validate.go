package table

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// MaxCount bounds population, beds and staff. No administrative unit
// comes near it; the bound keeps sums over millions of rows far from int64
// overflow and catches values pasted into the wrong column.
const MaxCount = 1_000_000_000

// readFieldLabels name the fields in rejection reasons.
var readFieldLabels = [NumFields]string{
	"id", "name", "county", "township", "population", "longitude", "latitude", "facility type", "beds", "staff", "division code",
}

// readFacilityTypes maps accepted type values, lower-cased, to tiers.
var readFacilityTypes = map[string]planner.FacilityType{
	"county_hospital":        planner.CountyHospital,
	"县医院":                    planner.CountyHospital,
	"县级医院":                   planner.CountyHospital,
	"县人民医院":                  planner.CountyHospital,
	"township_health_centre": planner.TownshipHealthCentre,
	"township_health_center": planner.TownshipHealthCentre,
	"乡镇卫生院":                  planner.TownshipHealthCentre,
	"中心卫生院":                  planner.TownshipHealthCentre,
	"卫生院":                    planner.TownshipHealthCentre,
	"village_clinic":         planner.VillageClinic,
	"村卫生室":                   planner.VillageClinic,
	"卫生室":                    planner.VillageClinic,
}

// readTypeHelp lists the accepted type values for rejection reasons.
const readTypeHelp = "accepted: county_hospital (县医院, 县级医院, 县人民医院), " +
	"township_health_centre (乡镇卫生院, 中心卫生院, 卫生院), village_clinic (村卫生室, 卫生室)"

// BuildVillage validates a village row. Every village needs a county and
// a township, since the plan groups and names villages by them: stated, or
// from the division code, or (county only) from the boundaries.
func BuildVillage(c *Ctx, row *Row) planner.Village {
	id, name := c.text(row, FieldID, true), c.text(row, readFieldName, true)
	code := c.code(row)
	loc, ok := c.location(row)
	county, township := c.divisions(row, code, loc, ok)
	if county == "" {
		c.Problem("missing county (give a county column, a division code or boundaries)")
	}
	if township == "" {
		c.Problem("missing township (give a township column or a 9- or 12-digit division code)")
	}
	v := planner.Village{
		ID:         id,
		Name:       name,
		County:     c.Intern(county),
		Township:   c.Intern(township),
		Population: c.count(row, FieldPopulation, true),
		Location:   loc,
		Extra:      row.Extra,
	}
	if v.Population == 0 && row.Vals[FieldPopulation] != "" && len(c.problems) == 0 {
		// Zero is a valid count but usually a placeholder (OpenStreetMap
		// tags population=0 on places whose figure nobody entered).
		c.div.zeroPop++
		if len(c.div.zeroPopIDs) < maxDivisionExamples {
			c.div.zeroPopIDs = append(c.div.zeroPopIDs, fmt.Sprintf("line %d: %s", row.Line, id))
		}
	}
	return v
}

// BuildFacility validates a facility row. A blank name becomes the id
// (counted in a file-level warning). County and township may be
// blank: a county hospital belongs to its county, not a township, and a
// missing county or township is derived after reading from the nearest
// villages (see data.DeriveFacilityDivisions).
func BuildFacility(c *Ctx, row *Row) planner.Facility {
	code := c.code(row)
	loc, ok := c.location(row)
	county, township := c.divisions(row, code, loc, ok)
	id, name := c.text(row, FieldID, true), row.Vals[readFieldName]
	if name == "" && id != "" {
		// An unnamed facility (common in OpenStreetMap) is still a
		// facility: it is named by its id, with a file-level warning.
		name = id
		c.div.unnamed++
	}
	return planner.Facility{
		ID:       id,
		Name:     name,
		Type:     c.facilityType(row),
		County:   c.Intern(county),
		Township: c.Intern(township),
		Location: loc,
		Beds:     c.count(row, readFieldBeds, false),
		Staff:    c.count(row, readFieldStaff, false),
		Extra:    row.Extra,
	}
}

// text returns a text field, noting a problem if a required one is blank.
func (c *Ctx) text(row *Row, f Field, required bool) string {
	v := row.Vals[f]
	if required && v == "" {
		c.Problem("missing %s", readFieldLabels[f])
	}
	return v
}

// count parses a non-negative whole number, as typed in a spreadsheet
// too (PlainCount: "2,731", "2 731", full-width digits; counted in a
// warning). A blank optional field gives planner.CapacityUnknown.
func (c *Ctx) count(row *Row, f Field, required bool) int {
	s := row.Vals[f]
	if s == "" {
		if required {
			c.Problem("missing %s", readFieldLabels[f])
		}
		return planner.CapacityUnknown
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= MaxCount {
		return n // fast path
	}
	plain, reason := PlainCount(s)
	if reason != "" {
		c.Problem("%s %s %s", readFieldLabels[f], Quote(s), reason)
		return planner.CapacityUnknown
	}
	n, reason := ParseCount(plain)
	if reason != "" {
		c.Problem("%s %s %s", readFieldLabels[f], Quote(s), reason)
		return planner.CapacityUnknown
	}
	if plain != s {
		c.repaired(row, f, s, strconv.Itoa(n))
	}
	return n
}

// ParseCount parses a whole number written as digits, optionally with
// a zero fraction ("12.0"). It returns a reason when s is not one.
func ParseCount(s string) (int, string) {
	if strings.ContainsAny(s, ",，") {
		return 0, "has a thousands or decimal comma; write plain digits such as 1234"
	}
	digits := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		frac := s[i+1:]
		if frac == "" || strings.Trim(frac, "0") != "" {
			if _, err := strconv.ParseFloat(s, 64); err == nil {
				return 0, "is not a whole number"
			}
			return 0, "is not a number"
		}
		digits = s[:i]
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	switch {
	case err != nil && errorsIsRange(err):
		return 0, "is too large"
	case err != nil:
		if f, ferr := strconv.ParseFloat(s, 64); ferr == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return 0, "is not written as a whole number of digits"
		}
		return 0, "is not a number"
	case n < 0:
		return 0, "is negative"
	case n > MaxCount:
		return 0, "is too large (over 1000000000)"
	}
	return int(n), ""
}

func errorsIsRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// facilityType maps the type field to a tier.
func (c *Ctx) facilityType(row *Row) planner.FacilityType {
	s := row.Vals[readFieldType]
	if s == "" {
		c.Problem("missing facility type")
		return ""
	}
	if t, ok := readFacilityTypes[s]; ok {
		return t
	}
	if t, ok := readFacilityTypes[strings.ToLower(s)]; ok {
		return t
	}
	c.Problem("unknown facility type %s; %s", Quote(s), readTypeHelp)
	return ""
}

// location parses and validates lon/lat, then converts them to WGS84;
// ok is false when they are not valid. Ranges are checked on the input
// values, before any CRS conversion.
func (c *Ctx) location(row *Row) (orb.Point, bool) {
	p := c.parseLocation(row)
	return p, p != (orb.Point{})
}

func (c *Ctx) parseLocation(row *Row) orb.Point {
	if row.NoLocation {
		return orb.Point{}
	}
	lon, lonOK := c.degrees(row, FieldLon)
	lat, latOK := c.degrees(row, FieldLat)
	if !lonOK || !latOK {
		return orb.Point{}
	}
	lonIn := lon >= -180 && lon <= 180
	latIn := lat >= -90 && lat <= 90
	switch {
	case !latIn && lon >= -90 && lon <= 90 && lat >= -180 && lat <= 180:
		c.Problem("latitude and longitude appear swapped (longitude %s, latitude %s)",
			Quote(row.Vals[FieldLon]), Quote(row.Vals[FieldLat]))
		return orb.Point{}
	case !lonIn || !latIn:
		if !lonIn {
			c.Problem("longitude %s is outside [-180, 180]", Quote(row.Vals[FieldLon]))
		}
		if !latIn {
			c.Problem("latitude %s is outside [-90, 90]", Quote(row.Vals[FieldLat]))
		}
		return orb.Point{}
	case lon == 0 && lat == 0:
		c.Problem("coordinates are (0, 0), a placeholder for a missing location")
		return orb.Point{}
	case !InChina(lon, lat) && InChina(lat, lon):
		// Both values are valid degrees, so the range checks pass, but
		// catchment's input is Chinese: (39.47, 75.99) is a Xinjiang
		// village typed latitude first, not a point in the Arctic.
		c.Problem("longitude and latitude appear swapped: (%s, %s) is outside China, (%s, %s) inside",
			readDeg(lon), readDeg(lat), readDeg(lat), readDeg(lon))
		return orb.Point{}
	}
	p := orb.Point{lon, lat}
	if c.CRS != geo.WGS84 {
		p = geo.ToWGS84(c.CRS, p)
	}
	return p
}

// China's extent in decimal degrees, rounded outwards: the Pamirs (73.5°E)
// to the Wusuli (135.08°E), Hainan (18.2°N) to Mohe (53.56°N). The South
// China Sea islands lie outside; that costs nothing, because the box is
// only used to recognise swapped pairs: a point is rejected only when its
// swap lands inside, which needs a latitude of 73° or more, and no
// Chinese place is there. GCJ-02 and BD-09 offsets are far smaller than
// the rounding, so the box holds for input in any supported CRS.
const (
	readChinaMinLon = 73.0
	readChinaMaxLon = 135.1
	readChinaMinLat = 18.0
	readChinaMaxLat = 53.6
)

// InChina reports whether (lon, lat) lies in China's bounding box,
// edges included.
func InChina(lon, lat float64) bool {
	return lon >= readChinaMinLon && lon <= readChinaMaxLon && lat >= readChinaMinLat && lat <= readChinaMaxLat
}

// readDeg formats a coordinate for a message: the shortest decimal that
// reads back as the same value, however the input spelt it.
func readDeg(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// degrees parses one coordinate.
func (c *Ctx) degrees(row *Row, f Field) (float64, bool) {
	s := row.Vals[f]
	if s == "" {
		c.Problem("missing %s", readFieldLabels[f])
		return 0, false
	}
	if p := plainDigits(s); p != s {
		// Full-width digits: read as ASCII, counted in a warning.
		if v, err := strconv.ParseFloat(p, 64); err == nil && !readIsHexFloat(p) && !math.IsNaN(v) && !math.IsInf(v, 0) {
			c.repaired(row, f, s, p)
			return v, true
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err == nil && readIsHexFloat(s):
		// ParseFloat takes Go hexadecimal floats; no planner means one.
		c.Problem("%s %s is not a number in decimal degrees", readFieldLabels[f], Quote(s))
		return 0, false
	case err != nil && strings.ContainsAny(s, ",，") && !strings.ContainsAny(s, "."):
		c.Problem("%s %s is not a number (use '.' as the decimal separator)", readFieldLabels[f], Quote(s))
		return 0, false
	case err != nil && !errorsIsRange(err):
		c.Problem("%s %s is not a number in decimal degrees", readFieldLabels[f], Quote(s))
		return 0, false
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		c.Problem("%s %s is not a finite number", readFieldLabels[f], Quote(s))
		return 0, false
	}
	return v, true
}

// readIsHexFloat reports whether s, which ParseFloat accepted, is a Go
// hexadecimal float ("0x1p6"); underscores are only legal after such a
// prefix, so this catches them too.
func readIsHexFloat(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return len(s) > 1 && s[0] == '0' && s[1]|0x20 == 'x'
}

// Quote quotes a value for a message, shortening long ones so a
// pathological input cannot make the report explode.
func Quote(s string) string {
	const maxRunes = 40
	if utf8.RuneCountInString(s) > maxRunes {
		i, n := 0, 0
		for i = range s {
			if n == maxRunes {
				break
			}
			n++
		}
		return strconv.Quote(s[:i]) + "…"
	}
	return strconv.Quote(s)
}
