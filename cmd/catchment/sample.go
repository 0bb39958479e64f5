package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/synth"
	"github.com/urfave/cli/v2"
)

func sampleCommand() *cli.Command {
	return &cli.Command{
		Name:      "sample",
		Usage:     "write a reproducible synthetic data set (villages.csv, facilities.csv)",
		UsageText: "catchment sample [--counties N] [--seed S] [--roads] [--region shanxi [--city 太原市]] --out DIR",
		Description: "Generates a synthetic rural province: counties of about 12 townships and 275\n" +
			"administrative villages each, with county hospitals, township health centres and\n" +
			"village clinics, and populations skewed like rural China (many villages under 500).\n" +
			"The same --counties and --seed always give the same files.\n\n" +
			"Examples:\n" +
			"   catchment sample --counties 1000 --seed 1 --out province/   # ~275,000 villages\n" +
			"   catchment coverage --villages province/villages.csv --facilities province/facilities.csv\n" +
			"   catchment sample --region shanxi --city 太原市 --out shanxi/   # real county shapes, synthetic villages",
		Flags: append([]cli.Flag{
			&cli.IntFlag{Name: "counties", Aliases: []string{"n"}, Value: 4, Usage: "number of counties (1 to 100000)"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, TakesFile: true,
				Usage: "`DIR` to write villages.csv and facilities.csv into (created if needed)"},
			&cli.BoolFlag{Name: "roads", Usage: "also write roads.geojson, a synthetic road network for the province (trunk roads between county seats, township roads, winding village roads, dead-end tracks, stray fragments, a few oneway loops)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress on stderr"},
		}, sampleRegionFlags()...),
		Action: runSample,
	}
}

func runSample(c *cli.Context) (err error) {
	n := c.Int("counties")
	if n < 1 || n > 100000 {
		return usagef("--counties %d: want 1 to 100000", n)
	}
	dir := c.String("out")
	if dir == "" {
		return usagef("sample needs --out DIR, the folder to write villages.csv and facilities.csv into")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return outputError{fmt.Errorf("creating %s: %w", dir, err)}
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()
	switch c.String("region") {
	case "shanxi":
		return runSampleShanxi(c, dir, p)
	case "synthetic", "":
	default:
		return usagef("--region %q: want synthetic or shanxi", c.String("region"))
	}
	p.Stage("generating")
	villages, facilities, err := synth.Synth(synth.SynthOptions{Counties: n, Seed: c.Uint64("seed")})
	if err != nil {
		return usagef("%v", err)
	}
	vpath, fpath := filepath.Join(dir, "villages.csv"), filepath.Join(dir, "facilities.csv")
	p.Stage("writing " + vpath)
	if err := writeCSVOutput(c.App.Writer, vpath, func(w io.Writer) error { return csvio.WriteVillagesCSV(w, villages) }); err != nil {
		return err
	}
	p.Stage("writing " + fpath)
	if err := writeCSVOutput(c.App.Writer, fpath, func(w io.Writer) error { return csvio.WriteFacilitiesCSV(w, facilities) }); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "wrote %d villages to %s and %d facilities to %s\n", len(villages), vpath, len(facilities), fpath)
	if c.Bool("roads") {
		p.Stage("generating roads")
		ways := synth.RoadWays(villages, facilities, c.Uint64("seed"))
		rpath := filepath.Join(dir, "roads.geojson")
		p.Stage("writing " + rpath)
		if err := writeOutput(c.App.Writer, rpath, func(w io.Writer) error { return synth.WriteRoadsGeoJSON(w, ways) }); err != nil {
			return err
		}
		points := 0
		for _, w := range ways {
			points += len(w.Points)
		}
		fmt.Fprintf(c.App.Writer, "wrote %d roads (%d points) to %s\n", len(ways), points, rpath)
	}
	return nil
}
