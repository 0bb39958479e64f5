package geojsonio

import (
	"io"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// propertyKeys returns `,"name":` for each name, ready to append.
func propertyKeys(names []string) [][]byte {
	keys := make([][]byte, len(names))
	for i, n := range names {
		keys[i] = append(enc.AppendJSONString([]byte{','}, n), ':')
	}
	return keys
}

// WriteCoverageGeoJSON writes the coverage of every village as an RFC 7946
// GeoJSON FeatureCollection of Point features, one feature per line, in the
// order of villages. res must be the result of planner.Coverage for exactly
// these villages and facilities.
//
// Coordinates are longitude, latitude in WGS84 degrees rounded to 7
// decimals (about 1 cm) with trailing zeros trimmed, never in exponent
// notation. Feature properties, in this order:
//
//	id, name, county, township   strings
//	population                   integer
//	nearest_facility_id          string, null when no facility of an emergency type exists
//	nearest_facility_km          geodesic km with 6 decimals (millimetres), or null
//	network_covered              boolean, emergency network cover (planner.MeasureNetwork),
//	                             when res has a single radius; else
//	network_covered_10km, network_covered_12_5km ...  one per radius, named by RadiusLabel
//	extras                       the village's Extra values as strings
//
// An Extra key that collides, case-insensitively, with one of those names
// (or with lon, lat, geometry, or an earlier Extra key) is written as
// "extra_<key>", repeating the prefix until the name is free; a key given
// twice in one village keeps both values that way. Features have no "id"
// member: GIS tools then number them themselves and the village id stays a
// plain property.
//
// Strings are written as valid UTF-8 (invalid bytes become U+FFFD) with
// control characters escaped. Nothing is written when the inputs are
// inconsistent (ErrWriteInput); errors from w unwrap to ErrWrite. Encoding
// runs on GOMAXPROCS goroutines; the output does not depend on their number.
func WriteCoverageGeoJSON(w io.Writer, villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult) error {
	e, err := enc.NewCoverage(villages, facilities, res)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, `{"type":"FeatureCollection","features":[`+"\n"); err != nil {
		return table.WrapWrite(err)
	}
	last := len(villages) - 1
	err = encodeFeatures(e, w, func(dst []byte, i int) []byte {
		if i == last {
			return append(dst, '\n')
		}
		return append(dst, ',', '\n')
	}, nil)
	if err != nil {
		return table.WrapWrite(err)
	}
	_, err = io.WriteString(w, "]}\n")
	return table.WrapWrite(err)
}

// WriteCoverageGeoJSONSeq writes the same features as WriteCoverageGeoJSON
// as an RFC 8142 GeoJSON text sequence: each feature is preceded by the
// record separator 0x1E and followed by a line feed, with no enclosing
// collection, so that consumers can stream it. GDAL reads it with its
// GeoJSONSeq driver (file extension .geojsons or .geojsonl).
func WriteCoverageGeoJSONSeq(w io.Writer, villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult) error {
	e, err := enc.NewCoverage(villages, facilities, res)
	if err != nil {
		return err
	}
	return table.WrapWrite(encodeFeatures(e, w, func(dst []byte, _ int) []byte {
		return append(dst, '\n')
	}, func(dst []byte, _ int) []byte {
		return append(dst, 0x1e)
	}))
}

// encodeFeatures writes one Feature per village, calling before and after
// (before may be nil) around each.
func encodeFeatures(e *enc.Coverage, w io.Writer, after, before func(dst []byte, i int) []byte) error {
	coveredKeys := propertyKeys(e.Covered)
	extraKeys := propertyKeys(e.Extras.Names)
	metricKeys := propertyKeys(enc.MetricColumns())
	hasMetric := enc.HasMetricColumns(e.Res)
	return enc.EncodeOrdered(w, len(e.Villages), func(dst []byte, lo, hi int) []byte {
		cur := enc.ExtraCursor{S: e.Extras}
		for i := lo; i < hi; i++ {
			if before != nil {
				dst = before(dst, i)
			}
			v := &e.Villages[i]
			vc := &e.Res.Villages[i]
			dst = append(dst, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
			dst = enc.AppendDeg(dst, v.Location[0])
			dst = append(dst, ',')
			dst = enc.AppendDeg(dst, v.Location[1])
			dst = append(dst, `]},"properties":{"id":`...)
			dst = enc.AppendJSONString(dst, v.ID)
			dst = append(dst, `,"name":`...)
			dst = enc.AppendJSONString(dst, v.Name)
			dst = append(dst, `,"county":`...)
			dst = enc.AppendJSONString(dst, v.County)
			dst = append(dst, `,"township":`...)
			dst = enc.AppendJSONString(dst, v.Township)
			dst = append(dst, `,"population":`...)
			dst = enc.AppendInt(dst, v.Population)
			if vc.Nearest >= 0 {
				dst = append(dst, `,"nearest_facility_id":`...)
				dst = enc.AppendJSONString(dst, e.Facilities[vc.Nearest].ID)
				dst = append(dst, `,"nearest_facility_km":`...)
				dst = enc.AppendKm(dst, vc.DistanceM)
			} else {
				dst = append(dst, `,"nearest_facility_id":null,"nearest_facility_km":null`...)
			}
			for k, c := range vc.Covered {
				dst = append(dst, coveredKeys[k]...)
				dst = enc.AppendBool(dst, c)
			}
			if hasMetric {
				dst = appendMetricProps(dst, e, i, metricKeys)
			}
			for j, col := range cur.Columns(v.Extra, false) {
				dst = append(dst, extraKeys[col]...)
				dst = enc.AppendJSONString(dst, v.Extra[j].Value)
			}
			dst = append(dst, '}', '}')
			dst = after(dst, i)
		}
		return dst
	})
}

// appendMetricProps appends village i's enc.MetricColumns, null where
// empty.
func appendMetricProps(dst []byte, e *enc.Coverage, i int, keys [][]byte) []byte {
	cells, numeric := e.MetricCells(i, nil)
	for k, c := range cells {
		dst = append(dst, keys[k]...)
		switch {
		case c == "":
			dst = append(dst, "null"...)
		case numeric[k]:
			dst = append(dst, c...)
		default:
			dst = enc.AppendJSONString(dst, c)
		}
	}
	return dst
}
