package data

import (
	"strings"
)

// readField is a column the readers understand.
type readField int

const (
	readFieldID readField = iota
	readFieldName
	readFieldCounty
	readFieldTownship
	readFieldPopulation
	readFieldLon
	readFieldLat
	readFieldType
	readFieldBeds
	readFieldStaff
	readNumFields

	readFieldExtra readField = -1 // a column carried through in Extra
)

// readFieldNames are the canonical (English) column names, which are also
// the first alias of each field.
var readFieldNames = [readNumFields]string{
	"id", "name", "county", "township", "population", "lon", "lat", "type", "beds", "staff",
}

// readAliases lists, per field, every header name that selects it. Names
// are matched after trimming, lower-casing and folding full-width
// parentheses to ASCII ones, so "ID", " Lon " and "县(市、区)" all match.
var readAliases = [readNumFields][]string{
	readFieldID:         {"id", "编号", "代码", "村代码", "机构代码"},
	readFieldName:       {"name", "村名", "名称", "机构名称", "村庄名称", "行政村"},
	readFieldCounty:     {"county", "县", "区县", "旗", "县区", "县（市、区）", "所属区县"},
	readFieldTownship:   {"township", "乡镇", "街道", "乡镇街道", "苏木", "所属乡镇"},
	readFieldPopulation: {"population", "人口", "常住人口", "户籍人口", "服务人口"},
	readFieldLon:        {"lon", "经度", "lng", "longitude", "x"},
	readFieldLat:        {"lat", "纬度", "latitude", "y"},
	readFieldType:       {"type", "类型", "机构类型"},
	readFieldBeds:       {"beds", "床位", "床位数"},
	readFieldStaff:      {"staff", "人员", "人员数", "职工数", "卫技人员"},
}

// readAliasIndex maps a normalised header name to its field.
var readAliasIndex = func() map[string]readField {
	m := make(map[string]readField)
	for f, names := range readAliases {
		for _, n := range names {
			m[readNormHeader(n)] = readField(f)
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
// readFieldExtra.
func readLookupField(name string) readField {
	if f, ok := readAliasIndex[readNormHeader(name)]; ok {
		return f
	}
	return readFieldExtra
}

// readSpec says which fields a reader uses. Fields a reader does not use
// (a "type" column in a village file) are carried through as Extra.
type readSpec struct {
	required []readField
	optional []readField
}

var (
	readVillageSpec = readSpec{
		required: []readField{readFieldID, readFieldName, readFieldCounty, readFieldTownship,
			readFieldPopulation, readFieldLon, readFieldLat},
	}
	readFacilitySpec = readSpec{
		required: []readField{readFieldID, readFieldName, readFieldType, readFieldCounty,
			readFieldTownship, readFieldLon, readFieldLat},
		optional: []readField{readFieldBeds, readFieldStaff},
	}
)

// uses reports whether the spec reads field f.
func (s *readSpec) uses(f readField) bool {
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

// field returns the field a header name selects under this spec.
func (s *readSpec) field(name string) readField {
	f := readLookupField(name)
	if !s.uses(f) {
		return readFieldExtra
	}
	return f
}

// readMissingColumns returns a *MissingColumnError for each required field
// not in present, skipping the fields in skip, in the spec's order.
func readMissingColumns(file string, spec *readSpec, present *[readNumFields]bool, skip ...readField) []error {
	var errs []error
outer:
	for _, f := range spec.required {
		for _, s := range skip {
			if f == s {
				continue outer
			}
		}
		if !present[f] {
			errs = append(errs, &MissingColumnError{File: file, Column: readFieldNames[f], Aliases: readAliases[f]})
		}
	}
	return errs
}
