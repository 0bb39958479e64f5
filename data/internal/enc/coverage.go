package enc

import (
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
)

// coverageReserved are the property and column names of the coverage outputs
// that Extra columns must not take. lon, lat and geometry are reserved in
// every format (CSV uses the first two; geopandas names its geometry column
// geometry) so that an extra column gets the same name in GeoJSON and CSV.
var coverageReserved = []string{
	"id", "name", "county", "township", "population", "lon", "lat",
	"nearest_facility_id", "nearest_facility_km", "geometry",
}

// Coverage holds what every coverage writer needs, validated and
// precomputed once.
type Coverage struct {
	Villages   []planner.Village
	Facilities []planner.Facility
	Res        *planner.CoverageResult
	Covered    []string // coverage column names, one per radius
	Extras     *ExtraSchema
}

func NewCoverage(villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult) (*Coverage, error) {
	if err := table.CheckCoverage(villages, facilities, res); err != nil {
		return nil, err
	}
	covered, err := table.CoverageColumns(res)
	if err != nil {
		return nil, err
	}
	reserved := append(append([]string(nil), coverageReserved...), covered...)
	if HasMetricColumns(res) {
		reserved = append(reserved, metricColumns...)
	}
	extras := NewExtraSchema(reserved...)
	extras.AddAll(len(villages), func(i int) []planner.Attr { return villages[i].Extra })
	return &Coverage{villages, facilities, res, covered, extras}, nil
}
