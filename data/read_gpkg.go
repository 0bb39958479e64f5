package data

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/gpkg"
	"github.com/catchment/catchment/data/table"
	"github.com/paulmach/orb"
)

// gpkgMagic starts every SQLite database, hence every GeoPackage.
var gpkgMagic = []byte("SQLite format 3\x00")

// gpkgFormat reads one point layer of a GeoPackage (ReadOptions.Layer, or
// the first layer whose geometry type is POINT) through the same header
// matching and row rules as CSV: the attribute columns are the header, a
// point geometry gives lon and lat (unless the layer has lon/lat columns
// of its own), and a rejected feature's line is its feature id.
func gpkgFormat() table.Format {
	return table.Format{
		Name:       "gpkg",
		Aliases:    []string{"geopackage"},
		Exts:       []string{".gpkg"},
		Mismatch:   "not a GeoPackage",
		Magic:      gpkgMagic,
		ReadBinary: readGPKG,
	}
}

func readGPKG(c *table.Ctx, raw []byte, opt table.ReadOptions) error {
	if !bytes.HasPrefix(raw, gpkgMagic) {
		return &table.FormatError{File: c.File, Reason: "not a GeoPackage (no SQLite header)"}
	}
	// The SQLite driver reads files, not memory.
	tmp, err := os.CreateTemp("", "catchment-*.gpkg")
	if err != nil {
		return fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.Write(raw)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("%w: %w", table.ErrUnreadable, werr)
	}
	prefer := "facilit"
	if c.Spec.Required(table.FieldPopulation) {
		prefer = "village"
	}
	l, err := gpkgPointLayer(tmp.Name(), opt.Layer, prefer)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", table.ErrFormat, c.File, err)
	}
	if opt.Layer == "" {
		c.Warn(0, "read layer "+table.Quote(l.Name))
	}
	header, rows := gpkgHeader(c, l)
	return csvio.ReadRecords(c, header, rows)
}

// gpkgPointLayer reads the named layer, or else the first point layer
// whose name contains prefer ("village" or "facilit", case-insensitively,
// so that one GeoPackage written by catchment serves as both inputs), or
// else the first point layer.
func gpkgPointLayer(path, name, prefer string) (*gpkg.Layer, error) {
	if name != "" {
		return gpkg.ReadLayer(path, name)
	}
	names, err := gpkg.Layers(path)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(names, func(i, j int) bool {
		return strings.Contains(strings.ToLower(names[i]), prefer) && !strings.Contains(strings.ToLower(names[j]), prefer)
	})
	for _, n := range names {
		l, err := gpkg.ReadLayer(path, n)
		if err != nil {
			return nil, err
		}
		if l.GeometryType == gpkg.Point || l.GeometryType == gpkg.Geometry && len(l.Features) > 0 {
			if _, ok := l.Features[0].Geometry.(orb.Point); ok || l.GeometryType == gpkg.Point {
				return l, nil
			}
		}
	}
	return nil, fmt.Errorf("no point layer (layers: %v); name one with --layer", names)
}

// gpkgHeader turns a layer into a header and rows of text.
func gpkgHeader(c *table.Ctx, l *gpkg.Layer) ([]string, []csvio.Record) {
	header := make([]string, 0, len(l.Fields)+2)
	hasLon, hasLat := false, false
	for _, f := range l.Fields {
		header = append(header, f.Name)
		switch c.Spec.Field(f.Name) {
		case table.FieldLon:
			hasLon = true
		case table.FieldLat:
			hasLat = true
		}
	}
	addXY := !hasLon && !hasLat
	if addXY {
		header = append(header, "lon", "lat")
	}
	rows := make([]csvio.Record, len(l.Features))
	for i, f := range l.Features {
		cells := make([]string, 0, len(header))
		for _, v := range f.Values {
			cells = append(cells, gpkgText(v))
		}
		if addXY {
			if p, ok := f.Geometry.(orb.Point); ok {
				cells = append(cells, strconv.FormatFloat(p[0], 'f', -1, 64), strconv.FormatFloat(p[1], 'f', -1, 64))
			}
		}
		rows[i] = csvio.Record{Line: int(f.FID), Fields: cells}
	}
	return header, rows
}

// gpkgText is an attribute value as the text a CSV would hold.
func gpkgText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}
