package data

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/gpkg"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/data/xlsx"
	"github.com/paulmach/orb/geojson"
)

// SheetFromCSV turns a CSV table written by one of catchment's CSV writers
// into an Excel sheet named name with typed cells: a cell that reads as a
// finite decimal number becomes a number, except in text-keyed columns
// (ids, names, division codes, counties, townships) and for digits with a
// leading zero, which stay text so that codes join back unchanged; true
// and false become booleans; everything else is text.
func SheetFromCSV(name string, r io.Reader) (xlsx.Sheet, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return xlsx.Sheet{}, fmt.Errorf("%w: %s: %w", table.ErrWrite, name, err)
	}
	if len(recs) == 0 {
		return xlsx.Sheet{}, fmt.Errorf("%w: %s: no header", table.ErrWrite, name)
	}
	s := xlsx.Sheet{Name: name, Header: recs[0]}
	textCol := make([]bool, len(recs[0]))
	for i, h := range recs[0] {
		textCol[i] = exportTextColumn(h)
	}
	for _, rec := range recs[1:] {
		row := make([]xlsx.Cell, len(rec))
		for i, v := range rec {
			row[i] = exportCell(v, i < len(textCol) && textCol[i])
		}
		s.Rows = append(s.Rows, row)
	}
	return s, nil
}

// exportTextColumn reports whether a column holds keys that must stay text.
func exportTextColumn(h string) bool {
	h = strings.ToLower(h)
	for _, k := range []string{"id", "code", "name", "county", "township", "代码", "编号"} {
		if h == k || strings.HasSuffix(h, "_"+k) || strings.HasPrefix(h, k+"_") {
			return true
		}
	}
	return false
}

func exportCell(v string, text bool) xlsx.Cell {
	switch {
	case text || v == "":
		return xlsx.Text(v)
	case v == "true" || v == "false":
		return xlsx.Bool(v == "true")
	case len(v) > 1 && v[0] == '0' && v[1] != '.':
		return xlsx.Text(v) // leading zero: a code, not a number
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && len(v) <= 15 {
		return xlsx.Int(n)
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && !strings.ContainsAny(v, "xXpP_") {
		return xlsx.Number(f)
	}
	return xlsx.Text(v)
}

// LayersFromGeoJSON turns a FeatureCollection written by one of
// catchment's GeoJSON writers into GeoPackage layers: one per value of the
// "layer" property (its features' other properties as fields), or one
// layer named name when features carry no "layer". A field's type is
// INTEGER, REAL or BOOLEAN when every non-null value is of that kind,
// else TEXT (objects and arrays are written as JSON text). A layer whose
// features share one geometry type declares it; a mixed one is GEOMETRY.
func LayersFromGeoJSON(name string, raw []byte) ([]gpkg.Layer, error) {
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", table.ErrWrite, name, err)
	}
	var order []string
	groups := map[string][]*geojson.Feature{}
	for _, f := range fc.Features {
		ln, _ := f.Properties["layer"].(string)
		if ln == "" {
			ln = name
		}
		if _, ok := groups[ln]; !ok {
			order = append(order, ln)
		}
		groups[ln] = append(groups[ln], f)
	}
	layers := make([]gpkg.Layer, 0, len(order))
	for _, ln := range order {
		layers = append(layers, exportLayer(ln, groups[ln]))
	}
	return layers, nil
}

// exportLayer builds one layer from features of one "layer" value.
func exportLayer(name string, fs []*geojson.Feature) gpkg.Layer {
	l := gpkg.Layer{Name: name}
	kinds := map[string]gpkg.FieldType{}
	var keys []string
	for _, f := range fs {
		for k, v := range f.Properties {
			if k == "layer" {
				continue
			}
			t, seen := kinds[k]
			if !seen {
				keys = append(keys, k)
			}
			kinds[k] = exportMerge(t, seen, v)
		}
		if f.Geometry == nil {
			continue
		}
		gt := gpkg.GeometryType(strings.ToUpper(f.Geometry.GeoJSONType()))
		switch {
		case l.GeometryType == "":
			l.GeometryType = gt
		case l.GeometryType != gt:
			l.GeometryType = gpkg.Geometry
		}
	}
	// Properties decode into maps, so the file's key order is lost: fields
	// are sorted by name, which is at least the same on every run.
	sort.Strings(keys)
	for _, k := range keys {
		l.Fields = append(l.Fields, gpkg.Field{Name: k, Type: kinds[k]})
	}
	for _, f := range fs {
		vals := make([]any, len(keys))
		for i, k := range keys {
			vals[i] = exportValue(kinds[k], f.Properties[k])
		}
		l.Features = append(l.Features, gpkg.Feature{Geometry: f.Geometry, Values: vals})
	}
	return l
}

// exportMerge is the field type after seeing v, given the type so far.
func exportMerge(t gpkg.FieldType, seen bool, v any) gpkg.FieldType {
	var vt gpkg.FieldType
	switch x := v.(type) {
	case nil:
		if !seen {
			return gpkg.Integer // nothing known yet; widened by real values
		}
		return t
	case bool:
		vt = gpkg.Boolean
	case float64:
		vt = gpkg.Real
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			vt = gpkg.Integer
		}
	default:
		vt = gpkg.Text
	}
	switch {
	case !seen || t == vt:
		return vt
	case (t == gpkg.Integer && vt == gpkg.Real) || (t == gpkg.Real && vt == gpkg.Integer):
		return gpkg.Real
	}
	return gpkg.Text
}

// exportValue converts a property to the field's type.
func exportValue(t gpkg.FieldType, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case float64:
		switch t {
		case gpkg.Integer:
			return int64(x)
		case gpkg.Real:
			return x
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if t == gpkg.Boolean {
			return x
		}
		return strconv.FormatBool(x)
	case string:
		return x
	}
	b, _ := json.Marshal(v)
	return string(b)
}
