package enc

import (
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// Props receives the properties of one plan record in order. The
// GeoJSON writer appends them to a feature (jsonProps), the CSV writer to a
// row (csvProps), so the village layer and villages.csv are described once
// and cannot drift apart.
type Props interface {
	Str(key, v string)
	// optStr is null (JSON) or empty (CSV) unless ok.
	OptStr(key, v string, ok bool)
	Int(key string, v int64)
	// count is null/empty when v is planner.CapacityUnknown.
	Count(key string, v int)
	Bool(key string, v bool)
	// km takes metres and writes kilometres with 6 decimals; null/empty
	// unless ok.
	Km(key string, m float64, ok bool)
	// list joins values with commas: GIS fields must be scalar.
	List(key string, values []string)
	// point is the record's location: lon and lat columns in CSV; GeoJSON
	// carries it in the geometry instead.
	Point(p orb.Point)
	Extras(attrs []planner.Attr, cur *ExtraCursor)
}
