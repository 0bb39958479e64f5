package data

import (
	"fmt"
	"io"
	"os"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// ReadVillages reads a village table from r; name identifies the input in
// the report and in errors, and its extension (.csv, .geojson, .json,
// .xlsx, .gpkg) informs format detection. An Excel workbook (ZIP magic) or
// GeoPackage (SQLite magic) is recognised by content too; opt.Sheet and
// opt.Layer pick the sheet or layer.
//
// The table needs the columns id, name, county, township, population, lon
// and lat (or one of their aliases, Chinese ones included) in any order;
// other columns are kept in Village.Extra in input order. A GeoJSON
// FeatureCollection of Point features takes lon and lat from the geometry
// and the rest from the properties.
//
// Every one of these fields must have a value in every row: a blank name
// or township is a rejected row, since the plan groups and names villages
// by them. A division-code column (code, 代码, 区划代码, 统计用区划代码; 6, 9
// or 12 digits) stands in for missing id, county and township (the code,
// its 6- and 9-digit prefixes, named by opt.DivisionNames) and is kept in
// Extra "code"; with opt.Locate a missing county comes from the boundary
// polygon containing the village. Population must be a non-negative whole number of at most
// 1,000,000,000, written as digits ("1234"); a zero fraction ("1234.0", as
// pandas writes integer columns that contain gaps) is accepted, while
// "1,234", "1e3" and "1234.5" are rejected.
//
// A table may carry several population figures. The one the policy
// thresholds apply to is preferred: 常住人口 (resident) or 服务人口 (served),
// then a plain population or 人口, and 户籍人口 (registered) only when there
// is no other. The others are kept in Extra and a file-level warning says
// which was used; two columns of one kind (常住人口 and 服务人口 included)
// are an ErrFormat error, or in GeoJSON a rejected feature.
//
// Coordinates must be finite decimal degrees inside [-180, 180] and
// [-90, 90]; (0, 0) is rejected as a missing-value placeholder. A pair that
// only makes sense with latitude and longitude exchanged is rejected as
// swapped, never silently repaired: one outside the valid ranges that
// would be inside them, and, since catchment's input is Chinese, one
// outside China's bounding box (73–135.1°E, 18–53.6°N) that would be
// inside it. A repeated id rejects the later row and names the line of the
// first, whether or not that first row was accepted, so the verdict on a
// row does not depend on other rows' other faults.
//
// Bad rows are skipped and listed in the report; with opt.Strict the first
// one is returned as a *RowError instead. The report is never nil. The
// error wraps ErrUnreadable, ErrFormat, ErrEmpty, ErrMissingColumn,
// ErrInvalidRow (strict mode) or ErrAllRejected.
//
// The returned strings share memory with one copy of the decoded input, so
// holding any village keeps that copy alive.
func ReadVillages(r io.Reader, name string, opt table.ReadOptions) ([]planner.Village, *table.ReadReport, error) {
	return readTable(r, name, opt, table.VillageSpec(), table.BuildVillage)
}

// ReadFacilities reads a facility table from r as ReadVillages reads
// villages. It needs the columns id, name, type, lon and lat, each with a
// value in every row, except that a blank name becomes the id (with a
// warning). County and township are optional, blank or absent: a county
// hospital belongs to its county, not a township, and
// DeriveFacilityDivisions fills in what the plan needs from the nearest
// villages. beds and staff are optional and a
// blank value, or a missing column, gives planner.CapacityUnknown.
// Population columns are not read and pass through as Extra. type accepts county_hospital,
// township_health_centre (or township_health_center) and village_clinic in
// any case, and the Chinese names 县医院, 县级医院, 县人民医院, 乡镇卫生院,
// 中心卫生院, 卫生院, 村卫生室 and 卫生室. beds and staff follow the rules for
// population.
func ReadFacilities(r io.Reader, name string, opt table.ReadOptions) ([]planner.Facility, *table.ReadReport, error) {
	return readTable(r, name, opt, table.FacilitySpec(), table.BuildFacility)
}

// LoadVillages reads the village file at path with ReadVillages.
func LoadVillages(path string, opt table.ReadOptions) ([]planner.Village, *table.ReadReport, error) {
	return readLoad(path, opt, table.VillageSpec(), table.BuildVillage)
}

// LoadFacilities reads the facility file at path with ReadFacilities.
func LoadFacilities(path string, opt table.ReadOptions) ([]planner.Facility, *table.ReadReport, error) {
	return readLoad(path, opt, table.FacilitySpec(), table.BuildFacility)
}

func readLoad[T any](path string, opt table.ReadOptions, spec *table.Spec, build func(*table.Ctx, *table.Row) T) ([]T, *table.ReadReport, error) {
	rep := &table.ReadReport{File: path}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, rep, fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	return table.Read(raw, path, opt, spec, build, formats)
}

func readTable[T any](r io.Reader, name string, opt table.ReadOptions, spec *table.Spec, build func(*table.Ctx, *table.Row) T) ([]T, *table.ReadReport, error) {
	raw, err := table.ReadAll(r)
	if err != nil {
		return nil, &table.ReadReport{File: name}, fmt.Errorf("%w: %s: %w", table.ErrUnreadable, name, err)
	}
	return table.Read(raw, name, opt, spec, build, formats)
}

// formats are the input formats the readers dispatch to, in the order
// their content is sniffed; the one without a Sniff (CSV) is the
// fallback. A new format (Excel, GeoPackage) is one more entry here.
var formats = []table.Format{xlsxFormat(), gpkgFormat(), geojsonio.Format(), csvio.Format()}
