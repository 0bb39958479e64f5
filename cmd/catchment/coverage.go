package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/planner"
	"github.com/urfave/cli/v2"
)

func coverageCommand() *cli.Command {
	return &cli.Command{
		Name:      "coverage",
		Usage:     "emergency network cover: which villages lie within the emergency radius of a facility",
		UsageText: "catchment coverage [--villages FILE --facilities FILE] [--radius-km 10,15,20] [--out FILE] [--summary FILE]",
		Description: "For every village, finds the nearest emergency facility (county hospitals and township\n" +
			"health centres by default) by WGS84 geodesic distance, and gives it emergency network\n" +
			"cover (network_covered) when that distance is at most the radius (policy R1: 10–20 km).\n" +
			"Prints a table per county and writes GeoJSON (RFC 7946), GeoJSON text sequences\n" +
			"(RFC 8142) or CSV. 'catchment plan' reports the same measure beside county-level care.\n\n" +
			"Examples:\n" +
			"   catchment coverage                                   # the embedded sample, 15 km\n" +
			"   catchment coverage --villages v.csv --facilities f.csv --radius-km 15 \\\n" +
			"       --out villages.geojson --summary summary.json\n" +
			"   catchment coverage --radius-km 10,15,20 --out villages.csv   # CSV, three radii\n" +
			"   catchment coverage --villages v.csv --facilities f.csv --crs gcj02 --encoding gbk --strict\n\n" +
			"Exit status: 0 ok, 2 usage or unreadable file, 3 invalid data, 4 output not written.",
		Flags: append(append(append(inputFlags(), exportFlags()...), scenarioFlag(), boundariesFlag(),
			&cli.Float64SliceFlag{Name: "radius-km", Aliases: []string{"r"}, Category: "Analysis", Value: cli.NewFloat64Slice(15),
				Usage: "emergency radius in km; several comma-separated values evaluate each (policy R1: 10–20)"},
			&cli.StringFlag{Name: "types", Category: "Analysis", Value: "county_hospital,township_health_centre",
				Usage: "facility types that count for emergency network cover (comma-separated: county_hospital, township_health_centre, village_clinic)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Category: "Output", TakesFile: true,
				Usage: "write one feature per village to `FILE` (- for stdout)"},
			&cli.StringFlag{Name: "format", Category: "Output",
				Usage: "format of --out: geojson, geojsonseq or csv (default: from the file extension, else geojson)"},
			&cli.StringFlag{Name: "summary", Category: "Output", TakesFile: true,
				Usage: "write the summary JSON (totals, counties, villages without emergency network cover, rejected rows) to `FILE`"},
			langFlag(false),
			&cli.StringFlag{Name: "facilities-out", Category: "Output", TakesFile: true,
				Usage: "write the facilities as GeoJSON points to `FILE` (their circles: --facility-circles-out)"},
			&cli.StringFlag{Name: "facility-circles-out", Category: "Output", TakesFile: true,
				Usage: "write the geodesic circle of each emergency facility (--types) at each --radius-km as GeoJSON polygons to `FILE`"},
		), roadFlags()...),
		Action: runCoverage,
	}
}

// parseTypes reads a comma-separated list of facility types.
func parseTypes(flag, s string) ([]planner.FacilityType, error) {
	var out []planner.FacilityType
	for _, part := range strings.Split(s, ",") {
		t := planner.FacilityType(strings.TrimSpace(part))
		if t == "" {
			continue
		}
		if !t.Valid() {
			return nil, usagef("--%s: unknown facility type %q (want county_hospital, township_health_centre or village_clinic)", flag, t)
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, usagef("--%s: at least one facility type is needed", flag)
	}
	return out, nil
}

func runCoverage(c *cli.Context) (err error) {
	a, err := coverageFlags(c)
	if err != nil {
		return err
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()

	in, ms, err := loadInputsAndMetric(c, p)
	if err != nil {
		return err
	}
	p.Stage("computing coverage")
	res, err := planner.Coverage(c.Context, in.Villages, in.Facilities, planner.CoverageOptions{
		RadiiKm:      a.radiiKm,
		RadiiMinutes: ms.Minutes,
		Metric:       ms.Metric,
		Types:        a.types,
		Progress:     func(done, total int) { p.Count("coverage", done, total) },
	})
	if err != nil {
		return err
	}
	sum, err := summary.NewCoverageSummary(in.Villages, in.Facilities, res, in.Reports...)
	if err != nil {
		return err
	}
	sum.AddMetric(res, *ms.Info)
	return writeCoverage(c, a, p, in, res, sum)
}

// coverageArgs are coverage's flags, checked.
type coverageArgs struct {
	radiiKm []float64 // nil with --minutes alone
	types   []planner.FacilityType
	format  string // of --out
	lang    i18n.Lang
}

// coverageFlags checks coverage's flags before any input is read: the
// first error found.
func coverageFlags(c *cli.Context) (coverageArgs, error) {
	var a coverageArgs
	if err := startCommand(c, "coverage", inputHint); err != nil {
		return a, err
	}
	if _, err := distanceChoice(c); err != nil {
		return a, err
	}
	a.radiiKm = c.Float64Slice("radius-km")
	if len(c.Float64Slice("minutes")) > 0 && !c.IsSet("radius-km") {
		a.radiiKm = nil // km radii beside minutes only when asked, for the straight-line comparison
		if c.String("facility-circles-out") != "" {
			return a, usagef("--facility-circles-out draws circles of --radius-km; with --minutes give --radius-km too (as many values)")
		}
	}
	for _, r := range a.radiiKm {
		if err := planner.ValidateRadiusKm("radius-km", r); err != nil {
			return a, err
		}
	}
	var err error
	if a.types, err = parseTypes("types", c.String("types")); err != nil {
		return a, err
	}
	if a.format, err = outputFormat(c.String("format"), c.String("out")); err != nil {
		return a, err
	}
	if a.lang, err = tableLang(c); err != nil {
		return a, err
	}
	return a, checkOutputs(c, "out", "summary", "facilities-out", "facility-circles-out")
}

// writeCoverage writes --out, --summary, the facility files and the
// exports, then the table on stdout unless a file went there.
func writeCoverage(c *cli.Context, a coverageArgs, p *progress, in *inputs, res *planner.CoverageResult, sum summary.CoverageSummary) error {
	stdout := c.App.Writer
	if out := c.String("out"); out != "" {
		p.Stage("writing " + out)
		write := map[string]func(io.Writer, []planner.Village, []planner.Facility, *planner.CoverageResult) error{
			formatGeoJSON:    geojsonio.WriteCoverageGeoJSON,
			formatGeoJSONSeq: geojsonio.WriteCoverageGeoJSONSeq,
			formatCSV:        csvio.WriteCoverageCSVFile,
		}[a.format]
		writeFile := writeOutput
		if a.format == formatCSV {
			writeFile = writeCSVOutput
		}
		if err := writeFile(stdout, out, func(w io.Writer) error { return write(w, in.Villages, in.Facilities, res) }); err != nil {
			return err
		}
	}
	if path := c.String("summary"); path != "" {
		if err := writeOutput(stdout, path, func(w io.Writer) error { return summary.WriteSummaryJSON(w, sum) }); err != nil {
			return err
		}
	}
	if err := writeFacilityFiles(c, in.Facilities, a.radiiKm, a.types); err != nil {
		return err
	}
	if err := exportCoverage(c, in, res, a.radiiKm, a.types); err != nil {
		return err
	}
	if !toStdout(c, "out", "summary", "facilities-out", "facility-circles-out") {
		if err := report.WriteCoverageTableIn(stdout, sum, a.lang); err != nil {
			return outputError{fmt.Errorf("writing the table to stdout: %w", err)}
		}
	}
	return nil
}

// writeFacilityFiles writes --facilities-out (the facilities as points)
// and --facility-circles-out (their circles as polygons): two files,
// because QGIS types a layer by one geometry type.
func writeFacilityFiles(c *cli.Context, facilities []planner.Facility, radiiKm []float64, types []planner.FacilityType) error {
	if path := c.String("facilities-out"); path != "" {
		if err := writeOutput(c.App.Writer, path, func(w io.Writer) error {
			return geojsonio.WriteFacilitiesGeoJSON(w, facilities)
		}); err != nil {
			return err
		}
	}
	if path := c.String("facility-circles-out"); path != "" {
		return writeOutput(c.App.Writer, path, func(w io.Writer) error {
			return geojsonio.WriteFacilityCirclesGeoJSON(w, facilities, radiiKm, types)
		})
	}
	return nil
}
