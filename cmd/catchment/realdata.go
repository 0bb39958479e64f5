package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/boundary"
	"github.com/catchment/catchment/data/gpkg"
	"github.com/catchment/catchment/data/shanxi"
	"github.com/catchment/catchment/data/table"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/urfave/cli/v2"
)

// realDataFlags are the input flags for a bureau's own files: Excel
// sheets, GeoPackage layers and division-code tables.
func realDataFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "sheet", Category: "Input",
			Usage: "worksheet `NAME` of .xlsx input (default: the first sheet)"},
		&cli.StringFlag{Name: "layer", Category: "Input",
			Usage: "layer `NAME` of .gpkg input (default: the first point layer; for --boundaries the first layer)"},
		&cli.StringFlag{Name: "division-names", Category: "Input", TakesFile: true,
			Usage: "names for county and township codes when the input has a code column but no names: shanxi (built in) or a CSV `FILE` of code,name; default: the code is the name"},
	}
}

// boundariesFlag is --boundaries for coverage and plan (map has its own).
func boundariesFlag() cli.Flag {
	return &cli.StringFlag{Name: "boundaries", Category: "Input", TakesFile: true,
		Usage: "county boundary polygons `FILE` (GeoJSON or GeoPackage, with code and/or name properties): " +
			"gives rows without a county the county containing them and reports stated counties that disagree"}
}

// realData is what the real-data flags load.
type realData struct {
	err      error
	bounds   *boundary.Boundaries
	warnings []string
	names    map[string]string
}

// realDataCache keeps the last load, keyed by the flag values, so that
// the readers of one run (villages, facilities, candidates) share it.
var realDataCache struct {
	sync.Mutex
	key string
	rd  *realData
}

// loadRealData reads --boundaries and --division-names.
func loadRealData(c *cli.Context) (*realData, error) {
	bpath, names := flagString(c, "boundaries"), flagString(c, "division-names")
	key := bpath + "\x00" + flagString(c, "layer") + "\x00" + names
	realDataCache.Lock()
	defer realDataCache.Unlock()
	if realDataCache.rd != nil && realDataCache.key == key {
		return realDataCache.rd, realDataCache.rd.err
	}
	rd := &realData{}
	if bpath != "" {
		b, warns, err := boundary.Load(bpath, layerFor(c, bpath), boundary.Options{})
		switch {
		case errors.Is(err, boundary.ErrInvalid):
			rd.err = fmt.Errorf("%w: --boundaries: %w", table.ErrFormat, err)
		case err != nil:
			rd.err = fmt.Errorf("--boundaries: %w", err)
		}
		rd.bounds = b
		for _, w := range warns {
			rd.warnings = append(rd.warnings, w.String())
		}
	}
	if rd.err == nil {
		rd.names, rd.err = divisionNames(names)
	}
	realDataCache.key, realDataCache.rd = key, rd
	return rd, rd.err
}

// layerFor is --layer for a GeoPackage path, "" for any other file.
func layerFor(c *cli.Context, path string) string {
	if strings.HasSuffix(strings.ToLower(path), ".gpkg") {
		return flagString(c, "layer")
	}
	return ""
}

// flagString is c.String(name), "" when the command has no such flag.
func flagString(c *cli.Context, name string) string {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return c.String(name)
			}
		}
	}
	return ""
}

// divisionNames reads --division-names: "shanxi" or a CSV of code,name.
func divisionNames(src string) (map[string]string, error) {
	switch src {
	case "":
		return nil, nil
	case "shanxi":
		counties, err := shanxi.Counties(false)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for _, c := range counties {
			m[c.Code] = c.UniqueName
			for _, t := range c.Townships {
				m[t.Code] = t.Name
			}
		}
		return m, nil
	}
	f, err := os.Open(src)
	if err != nil {
		return nil, usageError{fmt.Errorf("--division-names: %w", err)}
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, usageError{fmt.Errorf("--division-names %s: %w", src, err)}
	}
	m := map[string]string{}
	for _, r := range recs {
		if len(r) >= 2 && table.ValidCode(strings.TrimSpace(r[0])) {
			m[strings.TrimSpace(r[0])] = strings.TrimSpace(r[1])
		}
	}
	return m, nil
}

// realDataOptions adds the real-data options to opt.
func realDataOptions(c *cli.Context, opt table.ReadOptions) table.ReadOptions {
	opt.Sheet = flagString(c, "sheet")
	opt.Layer = flagString(c, "layer")
	if rd, err := loadRealData(c); err == nil {
		if rd.bounds != nil {
			opt.Locate = rd.bounds.Locate
		}
		opt.DivisionNames = rd.names
	}
	return opt
}

// finishInputs derives the facilities' missing counties and townships
// from the nearest villages.
func finishInputs(in *inputs) {
	data.DeriveFacilityDivisions(in.Villages, in.Facilities, in.Reports[1])
}

// warnLoudRejections warns on w, even under --quiet, about every file
// that lost more than 1 % of its rows (table.LoudRejection), or every row
// of a class (all county hospitals), naming the share and the most
// frequent reasons, so that no run silently reports low cover because of
// dropped rows.
func warnLoudRejections(w io.Writer, in *inputs) {
	for _, r := range in.Reports {
		if msg, loud := table.LoudRejection(r); loud {
			fmt.Fprintf(w, "catchment: warning: %s: %s (--strict makes this an error)\n", r.File, msg)
		}
	}
	if len(in.Reports) > 1 && in.Reports[1].RejectedTotal() > 0 {
		for _, f := range in.Facilities {
			if f.Type == "county_hospital" {
				return
			}
		}
		fmt.Fprintf(w, "catchment: warning: %s: no county hospital was accepted (%d rows rejected); county-level care today counts none\n",
			in.Reports[1].File, in.Reports[1].RejectedTotal())
	}
}

// boundarySeats reads the county seats of a --boundaries GeoJSON or
// GeoPackage: each feature's seat_lon/seat_lat, keyed by its name (else
// code) property as the boundary assignment names counties. Features
// without both are left out; nil when there are none.
func boundarySeats(c *cli.Context) map[string]orb.Point {
	path := flagString(c, "boundaries")
	if path == "" {
		return nil
	}
	var props []map[string]any
	if strings.HasSuffix(strings.ToLower(path), ".gpkg") {
		l, err := boundaryLayer(path, layerFor(c, path))
		if err != nil {
			return nil
		}
		for _, f := range l.Features {
			m := map[string]any{}
			for i, fd := range l.Fields {
				m[fd.Name] = f.Values[i]
			}
			props = append(props, m)
		}
	} else {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		fc, err := geojson.UnmarshalFeatureCollection(raw)
		if err != nil {
			return nil
		}
		for _, f := range fc.Features {
			props = append(props, f.Properties)
		}
	}
	seats := map[string]orb.Point{}
	for _, p := range props {
		lon, ok1 := p["seat_lon"].(float64)
		lat, ok2 := p["seat_lat"].(float64)
		name, _ := p["name"].(string)
		if name == "" {
			name, _ = p["code"].(string)
		}
		if ok1 && ok2 && name != "" {
			seats[name] = orb.Point{lon, lat}
		}
	}
	if len(seats) == 0 {
		return nil
	}
	return seats
}

// boundaryLayer reads the named layer of a GeoPackage, or its first.
func boundaryLayer(path, layer string) (*gpkg.Layer, error) {
	if layer == "" {
		names, err := gpkg.Layers(path)
		if err != nil || len(names) == 0 {
			return nil, fmt.Errorf("no layer in %s: %v", path, err)
		}
		layer = names[0]
	}
	return gpkg.ReadLayer(path, layer)
}
