package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/gpkg"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/xlsx"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb/geojson"
	"github.com/urfave/cli/v2"
)

// exportFlags are the Excel and GeoPackage outputs of coverage and plan.
func exportFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "xlsx", Category: "Output", TakesFile: true,
			Usage: "write the result tables to an Excel workbook `FILE` (.xlsx), one sheet per table"},
		&cli.StringFlag{Name: "gpkg", Category: "Output", TakesFile: true,
			Usage: "write the result layers (and --boundaries) to a GeoPackage `FILE` (.gpkg) for QGIS"},
	}
}

// exportCoverage writes --xlsx (villages, facilities) and --gpkg
// (villages, facilities, boundaries) for the coverage command.
func exportCoverage(c *cli.Context, in *inputs, res *planner.CoverageResult, radiiKm []float64, types []planner.FacilityType) error {
	if path := c.String("xlsx"); path != "" {
		var v, f bytes.Buffer
		if err := csvio.WriteCoverageCSV(&v, in.Villages, in.Facilities, res); err != nil {
			return outputError{err}
		}
		if err := csvio.WriteFacilitiesCSV(&f, in.Facilities); err != nil {
			return outputError{err}
		}
		if err := writeWorkbook(path, map[string]*bytes.Buffer{"villages": &v, "facilities": &f}, []string{"villages", "facilities"}); err != nil {
			return err
		}
	}
	if path := c.String("gpkg"); path != "" {
		var v, f, circles bytes.Buffer
		if err := geojsonio.WriteCoverageGeoJSON(&v, in.Villages, in.Facilities, res); err != nil {
			return outputError{err}
		}
		if err := geojsonio.WriteFacilitiesGeoJSON(&f, in.Facilities); err != nil {
			return outputError{err}
		}
		if err := geojsonio.WriteFacilityCirclesGeoJSON(&circles, in.Facilities, radiiKm, types); err != nil {
			return outputError{err}
		}
		vl, err := data.LayersFromGeoJSON("villages", v.Bytes())
		if err != nil {
			return outputError{err}
		}
		fl, err := data.LayersFromGeoJSON("facilities", f.Bytes())
		if err != nil {
			return outputError{err}
		}
		cl, err := data.LayersFromGeoJSON("facility_circles", circles.Bytes())
		if err != nil {
			return outputError{err}
		}
		for i := range fl {
			if fl[i].Name == "facility" {
				fl[i].Name = "facilities"
			}
		}
		return writeGeoPackage(c, path, append(append(vl, fl...), cl...))
	}
	return nil
}

// exportPlan writes --xlsx (the CSV directory's tables, one sheet each)
// and --gpkg (every plan layer, and --boundaries) for the plan command.
func exportPlan(c *cli.Context, in *inputs, res *planner.PlanResult, sum summary.PlanSummary) error {
	if path := c.String("xlsx"); path != "" {
		dir, err := os.MkdirTemp("", "catchment-xlsx-")
		if err != nil {
			return outputError{err}
		}
		defer os.RemoveAll(dir)
		files, err := csvio.WritePlanCSVTables(dir, sum)
		if err != nil {
			return outputError{err}
		}
		tables := map[string]*bytes.Buffer{}
		var order []string
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				return outputError{err}
			}
			name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
			tables[name] = bytes.NewBuffer(b)
			order = append(order, name)
		}
		if err := writeWorkbook(path, tables, order); err != nil {
			return err
		}
	}
	if dir := c.String("out-dir"); dir != "" {
		if err := writeBoundariesGeoJSON(c, filepath.Join(dir, "boundaries.geojson")); err != nil {
			return err
		}
	}
	if path := c.String("gpkg"); path != "" {
		var b bytes.Buffer
		if err := geojsonio.WritePlanGeoJSON(&b, in.Villages, in.Facilities, res); err != nil {
			return outputError{err}
		}
		layers, err := data.LayersFromGeoJSON("plan", b.Bytes())
		if err != nil {
			return outputError{err}
		}
		return writeGeoPackage(c, path, layers)
	}
	return nil
}

// writeWorkbook writes the CSV tables as sheets, in order.
func writeWorkbook(path string, tables map[string]*bytes.Buffer, order []string) error {
	sheets := make([]xlsx.Sheet, 0, len(order))
	for _, name := range order {
		s, err := data.SheetFromCSV(name, tables[name])
		if err != nil {
			return outputError{err}
		}
		sheets = append(sheets, s)
	}
	var out bytes.Buffer
	if err := xlsx.WriteTables(&out, sheets); err != nil {
		return outputError{err}
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		return outputError{err}
	}
	return nil
}

// writeGeoPackage writes layers, and the --boundaries regions as a
// "boundaries" layer, to path.
func writeGeoPackage(c *cli.Context, path string, layers []gpkg.Layer) error {
	if rd, err := loadRealData(c); err == nil && rd.bounds != nil {
		layers = append(layers, rd.bounds.Layer("boundaries"))
	}
	if err := gpkg.Write(c.Context, path, layers); err != nil {
		return outputError{err}
	}
	return nil
}

// writeBoundariesGeoJSON writes the --boundaries regions (code, name,
// shape) beside the plan layers; nothing without --boundaries.
func writeBoundariesGeoJSON(c *cli.Context, path string) error {
	rd, err := loadRealData(c)
	if err != nil || rd.bounds == nil {
		return nil
	}
	fc := geojson.NewFeatureCollection()
	for i := range rd.bounds.Len() {
		r := rd.bounds.Region(i)
		f := geojson.NewFeature(r.Shape)
		f.Properties = geojson.Properties{"layer": "boundary", "code": r.Code, "name": r.Name}
		fc.Append(f)
	}
	b, err := fc.MarshalJSON()
	if err != nil {
		return outputError{err}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return outputError{err}
	}
	return nil
}
