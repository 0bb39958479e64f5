package gpkg

import "github.com/paulmach/orb"

// GeometryType is a GeoPackage geometry type name as stored in
// gpkg_geometry_columns.geometry_type_name.
type GeometryType string

// The geometry types this package writes. Geometry accepts any of them.
const (
	Point           GeometryType = "POINT"
	LineString      GeometryType = "LINESTRING"
	Polygon         GeometryType = "POLYGON"
	MultiPoint      GeometryType = "MULTIPOINT"
	MultiLineString GeometryType = "MULTILINESTRING"
	MultiPolygon    GeometryType = "MULTIPOLYGON"
	Geometry        GeometryType = "GEOMETRY"
)

// FieldType is the SQLite declared type of an attribute column.
type FieldType string

// The attribute types. Values are given as Go values: Text takes string,
// Integer takes any Go integer type, Real takes float32/float64 or an
// integer, Boolean takes bool. nil is NULL for every type.
const (
	Text    FieldType = "TEXT"
	Integer FieldType = "INTEGER"
	Real    FieldType = "REAL"
	Boolean FieldType = "BOOLEAN"
)

// SRSWGS84 is the EPSG code of WGS 84 longitude/latitude, the only spatial
// reference system the writer supports.
const SRSWGS84 = 4326

// Field is one attribute column.
type Field struct {
	Name string
	Type FieldType
}

// Feature is one row: a geometry (nil is a NULL geometry) and one value per
// Layer field, in field order. FID is the feature id the reader found; the
// writer ignores it and numbers features 1, 2, … in slice order.
type Feature struct {
	FID      int64
	Geometry orb.Geometry
	Values   []any
}

// Layer is one feature table. SRS 0 means SRSWGS84. Description is stored
// in gpkg_contents.description.
type Layer struct {
	Name         string
	Description  string
	GeometryType GeometryType
	SRS          int
	Fields       []Field
	Features     []Feature
}

// typeOf is the GeometryType of a concrete orb geometry, or "" for types
// GeoPackage has no name for here (orb.Ring and orb.Bound are written as
// polygons by wkb, so they are refused to keep the declared type honest).
func typeOf(g orb.Geometry) GeometryType {
	switch g.(type) {
	case orb.Point:
		return Point
	case orb.LineString:
		return LineString
	case orb.Polygon:
		return Polygon
	case orb.MultiPoint:
		return MultiPoint
	case orb.MultiLineString:
		return MultiLineString
	case orb.MultiPolygon:
		return MultiPolygon
	case orb.Collection:
		return "GEOMETRYCOLLECTION"
	}
	return ""
}

func validGeometryType(t GeometryType) bool {
	switch t {
	case Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, Geometry:
		return true
	}
	return false
}
