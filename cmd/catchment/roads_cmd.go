package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/geo"
	"github.com/paulmach/orb"
	"github.com/urfave/cli/v2"
)

// roadsCommand groups the road network tools.
func roadsCommand() *cli.Command {
	return &cli.Command{
		Name:  "roads",
		Usage: "prepare or describe a road network",
		Description: "A road file is read on every run that names it with --roads; a prepared .roads file\n" +
			"holds the routable graph itself and loads without parsing.\n\n" +
			"Examples:\n" +
			"   catchment roads prepare -o region.roads --villages v.csv --facilities f.csv china-latest.osm.pbf\n" +
			"   catchment roads info region.roads\n" +
			"   catchment coverage --villages v.csv --facilities f.csv --roads region.roads --minutes 30",
		Subcommands: []*cli.Command{{
			Name:      "prepare",
			Usage:     "read a road file once and write the routable graph, so later runs skip parsing",
			UsageText: "catchment roads prepare -o region.roads [--villages v.csv --facilities f.csv | --bbox W,S,E,N] [--roads-margin-km 30] [--speeds track=10,...] FILE   (flags before FILE)",
			Description: "Reads OpenStreetMap (.osm.pbf, .osm) or GeoJSON road lines, keeps the routable ways inside the\n" +
				"bounding box of --villages/--facilities (or --bbox) grown by --roads-margin-km, and writes the\n" +
				"graph as a prepared .roads file for --roads. Speeds are fixed when preparing.",
			Flags: append(inputFlags(),
				&cli.StringFlag{Name: "out", Aliases: []string{"o"}, TakesFile: true, Usage: "prepared network `FILE` (.roads)"},
				&cli.StringFlag{Name: "bbox", Usage: "read roads within `W,S,E,N` degrees (WGS84) instead of the inputs' extent"},
				&cli.Float64Flag{Name: "roads-margin-km", Value: 30, Usage: "margin around the extent in km"},
				&cli.StringFlag{Name: "speeds", Usage: "road speeds in km/h by class, e.g. track=10,unclassified=25"},
			),
			Action: runRoadsPrepare,
		}, {
			Name:      "info",
			Usage:     "print a road network's size and what reading it skipped",
			UsageText: "catchment roads info FILE",
			Flags: []cli.Flag{&cli.StringFlag{Name: "crs", Value: "wgs84", Usage: "coordinate system of a GeoJSON road file"},
				&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress on stderr"}},
			Action: runRoadsInfo,
		}},
	}
}

// parseBBox reads "W,S,E,N".
func parseBBox(s string) (orb.Bound, error) {
	var w, so, e, n float64
	if _, err := fmt.Sscanf(strings.ReplaceAll(s, " ", ""), "%g,%g,%g,%g", &w, &so, &e, &n); err != nil ||
		!geo.ValidPoint(orb.Point{w, so}) || !geo.ValidPoint(orb.Point{e, n}) || w > e || so > n {
		return orb.Bound{}, usagef("--bbox %q: want W,S,E,N in degrees with W ≤ E and S ≤ N", s)
	}
	return orb.Bound{Min: orb.Point{w, so}, Max: orb.Point{e, n}}, nil
}

func runRoadsPrepare(c *cli.Context) (err error) {
	if c.Args().Len() != 1 {
		return usagef("roads prepare takes one road FILE (got %d arguments)", c.Args().Len())
	}
	path, out := c.Args().First(), c.String("out")
	if out == "" || !strings.HasSuffix(strings.ToLower(out), data.PreparedRoadsExt) {
		return usagef("roads prepare needs -o FILE ending in %s", data.PreparedRoadsExt)
	}
	if f, err := data.RoadFormat(path); err != nil {
		return usageError{err}
	} else if f == data.RoadFormatPrepared {
		return usagef("%s is already prepared", path)
	}
	speeds, err := parseSpeeds(c.String("speeds"))
	if err != nil {
		return err
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()
	var bound orb.Bound
	switch {
	case c.String("bbox") != "":
		if bound, err = parseBBox(c.String("bbox")); err != nil {
			return err
		}
	case c.String("villages") != "" || c.String("facilities") != "":
		in, err := loadInputs(c, p)
		if err != nil {
			return err
		}
		bound = inputBound(in)
	}
	crs, _ := geo.ParseCRS(c.String("crs"))
	p.Stage("reading roads " + path)
	net, rep, err := data.LoadRoads(c.Context, path, data.RoadOptions{Bound: bound, MarginKm: c.Float64("roads-margin-km"),
		SpeedsKmh: speeds, CRS: crs,
		Progress: func(read, total int64) { p.Count("reading roads (MB)", int(read>>20), int(total>>20)) }})
	if err != nil {
		return err
	}
	printRoadReport(c.App.ErrWriter, rep)
	p.Stage("writing " + out)
	if err := writeOutput(c.App.Writer, out, writeTo(net)); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "wrote %s: %d nodes, %d segments, %d graph nodes\n", out, rep.Stats.Nodes, rep.Stats.Segments, rep.Stats.GraphNodes)
	return nil
}

func runRoadsInfo(c *cli.Context) (err error) {
	if c.Args().Len() != 1 {
		return usagef("roads info takes one road FILE (got %d arguments)", c.Args().Len())
	}
	path := c.Args().First()
	if _, err := data.RoadFormat(path); err != nil {
		return usageError{err}
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()
	crs, err := geo.ParseCRS(c.String("crs"))
	if err != nil {
		return usageError{err}
	}
	_, rep, err := data.LoadRoads(c.Context, path, data.RoadOptions{CRS: crs,
		Progress: func(read, total int64) { p.Count("reading roads (MB)", int(read>>20), int(total>>20)) }})
	if err != nil {
		return err
	}
	p.Done(nil)
	printRoadReport(c.App.Writer, rep)
	return nil
}

// printRoadReport prints a road file's format, network size and notes.
func printRoadReport(w io.Writer, rep *data.RoadReport) {
	st := rep.Stats
	fmt.Fprintf(w, "%s: %s; %d ways read, %d routable\n", rep.File, rep.Format, rep.Ways, rep.Routable)
	fmt.Fprintf(w, "  %d nodes, %d segments, %d graph nodes, %d chains, %d directed edges\n", st.Nodes, st.Segments, st.GraphNodes, st.Chains, st.Edges)
	fmt.Fprintf(w, "  %d components, the largest %d nodes; about %.1f MB in memory\n", st.Components, st.LargestComponent, float64(st.Bytes)/(1<<20))
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}
