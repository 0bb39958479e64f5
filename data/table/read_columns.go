package table

import (
	"fmt"
	"strings"
)

// Field is a column the readers understand.
type Field int

const (
	FieldID Field = iota
	readFieldName
	readFieldCounty
	readFieldTownship
	FieldPopulation
	FieldLon
	FieldLat
	readFieldType
	readFieldBeds
	readFieldStaff
	// FieldCode is a statistical division code (统计用区划代码) of 6
	// (county), 9 (township) or 12 (village) digits.
	FieldCode
	NumFields

	FieldExtra Field = -1 // a column carried through in Extra
)

// Name returns the field's canonical (English) column name, which is also
// its first alias; "" for FieldExtra and any value that is not a field.
func (f Field) Name() string {
	if f < 0 || f >= NumFields {
		return ""
	}
	return fieldNames[f]
}

var fieldNames = [NumFields]string{
	"id", "name", "county", "township", "population", "lon", "lat", "type", "beds", "staff", "code",
}

// readAliases lists, per field, every header name that selects it. Names
// are matched after trimming, lower-casing and folding full-width
// parentheses to ASCII ones, so "ID", " Lon " and "县(市、区)" all match.
var readAliases = [NumFields][]string{
	FieldID:           {"id", "编号", "村代码", "机构代码"},
	readFieldName:     {"name", "村名", "名称", "机构名称", "村庄名称", "行政村"},
	readFieldCounty:   {"county", "县", "区县", "旗", "县区", "县（市、区）", "所属区县"},
	readFieldTownship: {"township", "乡镇", "街道", "乡镇街道", "苏木", "所属乡镇"},
	FieldPopulation:   {"population", "人口", "常住人口", "户籍人口", "服务人口"},
	FieldLon:          {"lon", "经度", "lng", "longitude", "x"},
	FieldLat:          {"lat", "纬度", "latitude", "y"},
	readFieldType:     {"type", "类型", "机构类型"},
	readFieldBeds:     {"beds", "床位", "床位数"},
	readFieldStaff:    {"staff", "人员", "人员数", "职工数", "卫技人员"},
	FieldCode:         {"code", "代码", "区划代码", "统计用区划代码", "行政区划代码"},
}

// readAliasIndex maps a normalised header name to its field.
var readAliasIndex = func() map[string]Field {
	m := make(map[string]Field)
	for f, names := range readAliases {
		for _, n := range names {
			m[readNormHeader(n)] = Field(f)
		}
	}
	return m
}()

var readHeaderFolder = strings.NewReplacer("（", "(", "）", ")")

// readNormHeader normalises a header name for alias lookup.
func readNormHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.Contains(s, "（") || strings.Contains(s, "）") {
		s = readHeaderFolder.Replace(s)
	}
	return s
}

// readLookupField returns the field a header name selects, or
// FieldExtra.
func readLookupField(name string) Field {
	if f, ok := readAliasIndex[readNormHeader(name)]; ok {
		return f
	}
	return FieldExtra
}

// Spec says which fields a reader uses. Fields a reader does not use
// (a "type" column in a village file) are carried through as Extra.
type Spec struct {
	required []Field
	optional []Field
}

// VillageSpec returns the fields of a village table (a fresh Spec on
// every call). A village's county and township may come from a code
// column instead (see MissingColumns), and its county from boundaries.
func VillageSpec() *Spec { s := villageSpec; return &s }

// FacilitySpec returns the fields of a facility table (a fresh Spec on
// every call). A facility's county and township are optional: a county
// hospital belongs to its county, not to a township, and a missing county
// or township is derived after reading (data.DeriveFacilityDivisions).
func FacilitySpec() *Spec { s := facilitySpec; return &s }

// CandidateSpec returns the fields of a table of candidate sites (a fresh
// Spec on every call): any points a planner wants considered, of which only
// the id, the county they would serve and the location are needed.
func CandidateSpec() *Spec { s := candidateSpec; return &s }

// The specs' slices are never changed: Spec's methods only read them and
// WithoutCounty builds new ones.
var (
	villageSpec = Spec{
		required: []Field{FieldID, readFieldName, readFieldCounty, readFieldTownship,
			FieldPopulation, FieldLon, FieldLat},
		optional: []Field{FieldCode},
	}
	facilitySpec = Spec{
		required: []Field{FieldID, readFieldName, readFieldType, FieldLon, FieldLat},
		optional: []Field{readFieldCounty, readFieldTownship, readFieldBeds, readFieldStaff, FieldCode},
	}
	candidateSpec = Spec{
		required: []Field{FieldID, readFieldCounty, FieldLon, FieldLat},
		optional: []Field{readFieldName, readFieldTownship, readFieldType, readFieldBeds, readFieldStaff, FieldCode},
	}
)

// PopKind is the kind of figure a population column holds. Statistical
// tables often carry several; the policy thresholds (clinic per village,
// staff per thousand) apply to the resident or served population, so that
// is preferred, the registered (hukou) population is the last resort, and
// a plain "population" column is taken to be the figure the planner
// prepared. Kinds are ordered by preference.
type PopKind int

const (
	readPopNone       PopKind = iota // not a population column
	readPopRegistered                // 户籍人口
	PopGeneric                       // population, 人口
	readPopResident                  // 常住人口, 服务人口
)

// readPopKinds maps each population alias, normalised, to its kind.
// 常住人口 and 服务人口 rank alike: a table with both is ambiguous.
var readPopKinds = map[string]PopKind{
	"population": PopGeneric,
	"人口":         PopGeneric,
	"户籍人口":       readPopRegistered,
	"常住人口":       readPopResident,
	"服务人口":       readPopResident,
}

// PopKindOf returns the kind of a header name that selects the
// population field.
func PopKindOf(name string) PopKind {
	if k, ok := readPopKinds[readNormHeader(name)]; ok {
		return k
	}
	return PopGeneric
}

// readPopDescriptions say what each kind is, for warnings.
var readPopDescriptions = [...]string{
	readPopRegistered: "registered population",
	PopGeneric:        "population",
	readPopResident:   "resident or served population",
}

// PopChoice is the warning for a table with several population
// columns of different kinds: which one is used and which are kept.
func PopChoice(used string, kept []string) string {
	quoted := make([]string, len(kept))
	for i, k := range kept {
		quoted[i] = Quote(k) + " (" + readPopDescriptions[PopKindOf(k)] + ")"
	}
	noun := "an extra column"
	if len(kept) > 1 {
		noun = "extra columns"
	}
	return fmt.Sprintf("%d population columns: using %s (%s) as the population; %s kept as %s",
		len(kept)+1, Quote(used), readPopDescriptions[PopKindOf(used)], strings.Join(quoted, " and "), noun)
}

// uses reports whether the spec reads field f.
func (s *Spec) uses(f Field) bool {
	if f < 0 {
		return false
	}
	for _, g := range s.required {
		if g == f {
			return true
		}
	}
	for _, g := range s.optional {
		if g == f {
			return true
		}
	}
	return false
}

// Required reports whether the spec needs field f in every row.
func (s *Spec) Required(f Field) bool {
	for _, g := range s.required {
		if g == f {
			return true
		}
	}
	return false
}

// WithoutCounty is the spec with the county field optional: the county
// comes from boundaries when a row has none.
func (s *Spec) WithoutCounty() *Spec {
	t := Spec{optional: append(append([]Field(nil), s.optional...), readFieldCounty)}
	for _, f := range s.required {
		if f != readFieldCounty {
			t.required = append(t.required, f)
		}
	}
	return &t
}

// field returns the field a header name selects under this spec.
func (s *Spec) Field(name string) Field {
	f := readLookupField(name)
	if !s.uses(f) {
		return FieldExtra
	}
	return f
}

// MissingColumns returns a *MissingColumnError for each required field
// not in present, skipping the fields in skip, in the spec's order. A code
// column stands in for the id, county and township columns (the code is
// the id; county and township are its 6- and 9-digit prefixes).
func MissingColumns(file string, spec *Spec, present *[NumFields]bool, skip ...Field) []error {
	var errs []error
	if present[FieldCode] {
		skip = append(skip, FieldID, readFieldCounty, readFieldTownship)
	}
outer:
	for _, f := range spec.required {
		for _, s := range skip {
			if f == s {
				continue outer
			}
		}
		if !present[f] {
			errs = append(errs, &MissingColumnError{File: file, Column: f.Name(), Aliases: readAliases[f]})
		}
	}
	return errs
}
