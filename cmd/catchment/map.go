package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/maps"
	"github.com/catchment/catchment/planner"
	"github.com/urfave/cli/v2"
	"gonum.org/v1/plot/vg"
)

// Defaults of the map command.
const (
	mapDefaultOut   = "map.png"
	sweepDefaultOut = "sweep.png"
)

// sweepRadiiKm are the radii of `map --sweep` when --radius-km gives at
// most one: every kilometre of the policy range R1 (10–20 km).
var sweepRadiiKm = []float64{10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}

func mapCommand() *cli.Command {
	flags := append(append(inputFlags(), roadFlags()...), scenarioFlag(),
		&cli.StringFlag{Name: "plan", Category: "Input", TakesFile: true,
			Usage: "draw a plan GeoJSON `FILE` written by 'catchment plan --out' instead of planning, at the radius it records, with the existing facilities it holds (older plan files hold none: --facilities gives them, and replaces those of the file)"},
		&cli.StringFlag{Name: "boundaries", Category: "Input", TakesFile: true,
			Usage: "draw county boundaries from a GeoJSON `FILE` of Polygon/MultiPolygon features (WGS84)"},
		&cli.StringFlag{Name: "boundary-name", Category: "Input",
			Usage: "property holding a boundary's county name (default: the first of " + strings.Join(maps.BoundaryNameKeys(), ", ") + ")"},
		&cli.StringFlag{Name: "font", Category: "Input", TakesFile: true,
			Usage: "TrueType/OpenType `FILE` (.ttf, .otf, .ttc) with Chinese glyphs (default: a system CJK font, else names in pinyin)"},
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Category: "Output", TakesFile: true,
			Usage: "image `FILE`, .png or .svg (default: " + mapDefaultOut + ", " + sweepDefaultOut + " with --sweep, in the current directory; - for PNG on stdout)"},
		&cli.StringFlag{Name: "county", Category: "Output", Usage: "draw only the county `NAME`"},
		&cli.StringFlag{Name: "per-county", Category: "Output", TakesFile: true,
			Usage: "write one image per county into `DIR` (named after the county; with --out also the whole map)"},
		&cli.StringFlag{Name: "format", Category: "Output",
			Usage: "png or svg for --per-county (default: the --out extension, else png)"},
		&cli.BoolFlag{Name: "sweep", Category: "Output",
			Usage: "chart the population share with county-level care against the radius (10–20 km, or the --radius-km list) today and with the proposed sub-centres"},
		&cli.StringFlag{Name: "width", Category: "Output", Value: "20cm", Usage: "image width with unit: cm, mm, in, pt or px (px at --dpi); a bare number is cm"},
		&cli.StringFlag{Name: "height", Category: "Output", Usage: "image height as --width (default: the width; 0.6 × the width for --sweep)"},
		&cli.IntFlag{Name: "dpi", Category: "Output", Value: maps.DefaultDPI, Usage: "PNG resolution in dots per inch"},
		&cli.StringFlag{Name: "title", Category: "Output", Usage: "title (default: from the counties and the radius)"},
	)
	// The planning flags are those of 'catchment plan', so that a scenario
	// file and every override apply to the map exactly as to the plan.
	for _, f := range planCommand().Flags {
		if cf, ok := f.(cli.CategorizableFlag); ok {
			switch cf.GetCategory() {
			case "Policy", "Sub-centres", "Clinics":
				flags = append(flags, f)
			}
		}
	}
	return &cli.Command{
		Name:      "map",
		Usage:     "draw the plan as a static map (PNG or SVG), or chart county-level care against the radius",
		UsageText: "catchment map [--villages FILE --facilities FILE | --plan plan.geojson] [--out map.png|map.svg] [--county NAME | --per-county DIR] [--sweep]",
		Description: "Draws villages sized by population and coloured by county-level care cover (today,\n" +
			"from a proposed sub-centre, none within the radius), facilities by tier, the proposed\n" +
			"sub-centres with their geodesic circles, joint clinics (host to member) and\n" +
			"itinerant routes, with county labels, a legend with counts, a scale bar and a north\n" +
			"arrow. Without --plan it plans first, with the flags and defaults of 'catchment plan'.\n" +
			"With no arguments it maps the embedded sample to " + mapDefaultOut + " in the current directory.\n\n" +
			"Chinese names need a CJK font: install fonts-wqy-microhei (Debian/Ubuntu) or pass\n" +
			"--font; without one, names are drawn in pinyin.\n\n" +
			"Examples:\n" +
			"   catchment map                                          # the sample, map.png\n" +
			"   catchment map --villages v.csv --facilities f.csv --radius-km 15 --out plan.svg\n" +
			"   catchment map --plan plan.geojson --boundaries counties.geojson --per-county maps/\n" +
			"   catchment map --sweep --county 明寿县 --out sweep.png\n\n" +
			"Exit status: 0 ok, 2 usage or unreadable file, 3 invalid data, 4 output not written.",
		Flags:  append(flags, langFlag(false)),
		Action: runMap,
	}
}

// parseLength reads a page length: 20cm, 200mm, 8in, 566pt, 1200px (at
// dpi); a bare number is centimetres.
func parseLength(flag, s string, dpi int) (vg.Length, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	units := []struct {
		suffix string
		unit   vg.Length
	}{{"cm", vg.Centimeter}, {"mm", vg.Millimeter}, {"in", vg.Inch}, {"pt", vg.Points(1)}, {"px", vg.Inch / vg.Length(dpi)}, {"", vg.Centimeter}}
	for _, u := range units {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || v <= 0 {
			break
		}
		return vg.Length(v) * u.unit, nil
	}
	return 0, usagef("--%s %q: want a positive size with a unit: 20cm, 200mm, 8in, 566pt or 1200px", flag, s)
}

// mapOptions reads the drawing flags.
func mapOptions(c *cli.Context, fonts *maps.Fonts) (maps.Options, error) {
	dpi := c.Int("dpi")
	if dpi < maps.MinDPI || dpi > maps.MaxDPI {
		return maps.Options{}, usagef("--dpi %d: want %d to %d", dpi, maps.MinDPI, maps.MaxDPI)
	}
	lang, err := tableLang(c)
	if err != nil {
		return maps.Options{}, err
	}
	opt := maps.Options{DPI: dpi, Title: c.String("title"), Fonts: fonts, Lang: lang}
	if opt.Width, err = parseLength("width", c.String("width"), dpi); err != nil {
		return opt, err
	}
	switch {
	case c.String("height") != "":
		if opt.Height, err = parseLength("height", c.String("height"), dpi); err != nil {
			return opt, err
		}
	case c.Bool("sweep"):
		opt.Height = opt.Width * maps.DefaultSweepHeight / maps.DefaultSize
	default:
		opt.Height = opt.Width
	}
	return opt, nil
}

// mapTarget is where images go: one file (--out), a directory of one file
// per county (--per-county), or both.
type mapTarget struct {
	out       string // "" when none
	outFormat maps.Format
	dir       string
	dirFormat maps.Format
	county    string
}

func mapTargets(c *cli.Context) (mapTarget, error) {
	t := mapTarget{out: c.String("out"), dir: c.String("per-county"), county: c.String("county")}
	if t.county != "" && t.dir != "" {
		return t, usagef("--county and --per-county exclude each other")
	}
	if t.out == "" && t.dir == "" {
		t.out = mapDefaultOut
		if c.Bool("sweep") {
			t.out = sweepDefaultOut
		}
	}
	if t.out == "-" {
		t.outFormat = maps.PNG
	} else if t.out != "" {
		f, err := maps.FormatOf(t.out)
		if err != nil {
			return t, usagef("--out %q: want a file name ending in .png or .svg", t.out)
		}
		t.outFormat = f
	}
	t.dirFormat = maps.PNG
	if t.outFormat != "" {
		t.dirFormat = t.outFormat
	}
	switch f := strings.ToLower(c.String("format")); f {
	case "":
	case "png", "svg":
		if t.dir == "" {
			return t, usagef("--format is for --per-county; --out takes the format from its extension")
		}
		t.dirFormat = maps.Format(f)
	default:
		return t, usagef("--format %q: want png or svg", f)
	}
	return t, nil
}

// loadFonts honours --font, else finds a system CJK font.
func loadFonts(c *cli.Context) (*maps.Fonts, error) {
	if path := c.String("font"); path != "" {
		f, err := maps.LoadFont(path)
		if err != nil {
			return nil, usageError{err}
		}
		return f, nil
	}
	return maps.DefaultFonts(), nil
}

func runMap(c *cli.Context) (err error) {
	if err := startCommand(c, "map", inputHint+", or --plan"); err != nil {
		return err
	}
	target, err := mapTargets(c)
	if err != nil {
		return err
	}
	fonts, err := loadFonts(c)
	if err != nil {
		return err
	}
	opt, err := mapOptions(c, fonts)
	if err != nil {
		return err
	}
	rs, err := mapScenario(c)
	if err != nil {
		return err
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()

	if c.Bool("sweep") {
		return runSweep(c, p, rs, target, opt)
	}
	scene, err := mapScene(c, p, rs)
	if err != nil {
		return err
	}
	if !fonts.CJK() && !c.Bool("quiet") && hasHan(scene) {
		fmt.Fprintf(c.App.ErrWriter, "catchment: note: no Chinese font found (install fonts-wqy-microhei or fonts-noto-cjk, or pass --font FILE); names are drawn in pinyin\n")
	}
	return drawTargets(c, p, opt, target, scene)
}

// checkMapInputs refuses combinations of the input flags that make no sense.
func checkMapInputs(c *cli.Context) error {
	planPath := c.String("plan")
	switch {
	case planPath != "" && c.Bool("sweep"):
		return usagef("--sweep plans at every radius: give --villages and --facilities (or neither, for the sample), not --plan")
	case c.String("boundary-name") != "" && c.String("boundaries") == "":
		return usagef("--boundary-name names a property of the --boundaries file: give --boundaries too")
	case planPath != "" && c.String("villages") != "":
		return usagef("--plan already holds the villages: give --plan, or --villages and --facilities")
	case planPath != "" && c.String("candidates") != "":
		return usagef("--candidates is for planning; a --plan file already holds its sub-centres")
	}
	return nil
}

// mapScenario checks the input flags and resolves the planning scenario,
// with the --candidates file read into it.
func mapScenario(c *cli.Context) (planner.ResolvedScenario, error) {
	scen, err := scenarioFromFlags(c)
	if err != nil {
		return planner.ResolvedScenario{}, err
	}
	if err := checkMapInputs(c); err != nil {
		return planner.ResolvedScenario{}, err
	}
	if path := c.String("candidates"); path != "" {
		cands, rep, err := data.LoadCandidates(path, readOptions(c))
		if err != nil {
			return planner.ResolvedScenario{}, err
		}
		if !c.Bool("quiet") {
			printRejections(c.App.ErrWriter, []*table.ReadReport{rep}, "")
		}
		scen.Candidates = cands
	}
	return scen.Resolve()
}

// mapScene is the scene to draw: read from --plan or planned now, with the
// --boundaries file read into it.
func mapScene(c *cli.Context, p *progress, rs planner.ResolvedScenario) (*maps.Scene, error) {
	var scene *maps.Scene
	var err error
	if planPath := c.String("plan"); planPath != "" {
		scene, err = planScene(c, planPath, rs)
	} else {
		scene, err = plannedScene(c, p, rs)
	}
	if err != nil {
		return nil, err
	}
	if path := c.String("boundaries"); path != "" {
		keys := maps.BoundaryNameKeys()
		if k := c.String("boundary-name"); k != "" {
			keys = []string{k}
		}
		if scene.Boundaries, err = readBoundaries(path, keys); err != nil {
			return nil, err
		}
	}
	return scene, nil
}

// drawTargets draws scene to --out (of --county when given) and one map per
// county into --out-dir.
func drawTargets(c *cli.Context, p *progress, opt maps.Options, target mapTarget, scene *maps.Scene) error {
	var err error
	if target.county != "" {
		if scene, err = scene.ForCounty(target.county); err != nil {
			return mapError(err)
		}
	}
	if target.out != "" {
		if err := drawMap(c, p, opt, scene, target.out, target.outFormat); err != nil {
			return err
		}
	}
	if target.dir != "" {
		return perCounty(target, scene.Counties(), func(county, path string) error {
			s, err := scene.ForCounty(county)
			if err != nil {
				return mapError(err)
			}
			return drawMap(c, p, opt, s, path, target.dirFormat)
		})
	}
	return nil
}

// drawMap draws s in format f to path and says what it wrote.
func drawMap(c *cli.Context, p *progress, opt maps.Options, s *maps.Scene, path string, f maps.Format) error {
	p.Stage("drawing " + path)
	m, err := maps.New(s, opt)
	if err != nil {
		return mapError(err)
	}
	if err := writeOutput(c.App.Writer, path, func(w io.Writer) error { return m.Write(w, f) }); err != nil {
		return err
	}
	if path != "-" {
		w, h := m.PixelSize()
		if f == maps.SVG {
			fmt.Fprintf(c.App.Writer, "wrote %s (%s)\n", path, describeScene(s))
		} else {
			fmt.Fprintf(c.App.Writer, "wrote %s (%d×%d px, %s)\n", path, w, h, describeScene(s))
		}
	}
	return nil
}

// perCounty calls write for every county with its file in target.dir.
func perCounty(target mapTarget, counties []string, write func(county, path string) error) error {
	if err := os.MkdirAll(target.dir, 0o755); err != nil {
		return outputError{fmt.Errorf("creating %s: %w", target.dir, err)}
	}
	used := map[string]bool{}
	for _, county := range counties {
		name := fileName(county)
		base := name
		for i := 2; used[strings.ToLower(name)]; i++ {
			name = fmt.Sprintf("%s_%d", base, i)
		}
		used[strings.ToLower(name)] = true
		if err := write(county, filepath.Join(target.dir, name+"."+string(target.dirFormat))); err != nil {
			return err
		}
	}
	return nil
}

// fileName makes a county name safe as a file name on every system:
// Chinese characters are kept, path separators and reserved characters
// become underscores.
func fileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
	s = strings.Trim(s, " .")
	if s == "" {
		return "county"
	}
	return s
}

// mapError turns the maps package's errors into the command's: a bad
// option or unknown county is a usage error, an unusable file invalid
// data.
func mapError(err error) error {
	switch {
	case errors.Is(err, maps.ErrOptions), errors.Is(err, maps.ErrUnknownCounty), errors.Is(err, maps.ErrFont):
		return usageError{err}
	case errors.Is(err, maps.ErrInput), errors.Is(err, maps.ErrEmptyScene):
		return invalidMapInput{err}
	}
	return err
}

// invalidMapInput is a plan or boundary file that was read but cannot be
// drawn: invalid data, like table.ErrFormat.
type invalidMapInput struct{ err error }

func (e invalidMapInput) Error() string   { return e.err.Error() }
func (e invalidMapInput) Unwrap() []error { return []error{table.ErrFormat, e.err} }

func describeScene(s *maps.Scene) string {
	return plural(len(s.Counties()), "county", "counties") + ", " + plural(len(s.Villages), "village", "villages") +
		", " + plural(len(s.Subcentres), "sub-centre", "sub-centres")
}

// plural is "1 county", "2 counties", "0 counties", with thousands grouped.
func plural(n int, one, many string) string {
	unit := many
	if n == 1 {
		unit = one
	}
	return numfmt.GroupThousands(int64(n)) + " " + unit
}

func hasHan(s *maps.Scene) bool {
	han := func(t string) bool {
		return strings.ContainsFunc(t, func(r rune) bool { return unicode.Is(unicode.Han, r) })
	}
	if han(s.Title) {
		return true
	}
	for _, c := range s.Counties() {
		if han(c) {
			return true
		}
	}
	for _, sc := range s.Subcentres {
		if han(sc.Name) {
			return true
		}
	}
	return false
}

// plannedScene reads the villages and facilities (or the sample), plans
// with the resolved scenario and builds the scene of the result.
func plannedScene(c *cli.Context, p *progress, rs planner.ResolvedScenario) (*maps.Scene, error) {
	in, ms, err := loadInputsAndMetric(c, p)
	if err != nil {
		return nil, err
	}
	rs.Plan.Metric, rs.Plan.Clinics.Metric = ms.Metric, ms.ClinicMetric
	if len(ms.Minutes) > 0 {
		rs.Plan.RadiusMinutes = ms.Minutes[0]
	}
	p.Stage("planning")
	rs.Plan.Clinics.Progress = func(done, total int) { p.Count("clinic plan (townships)", done, total) }
	res, err := planner.Plan(c.Context, in.Villages, in.Facilities, rs.Plan)
	if err != nil {
		return nil, err
	}
	s, err := maps.SceneFromPlan(in.Villages, in.Facilities, res)
	if err != nil {
		return nil, mapError(err)
	}
	return s, nil
}

// planScene reads a plan file. Circles take the radius the file records
// (radius_km); an explicit --radius-km must agree with it, and is needed
// for files written before radius_km existed. The policy's default radius
// is not used: a guess would draw circles the village colours contradict.
func planScene(c *cli.Context, path string, rs planner.ResolvedScenario) (*maps.Scene, error) {
	var radiusKm float64 // 0: from the file
	if c.IsSet("radius-km") {
		if len(rs.RadiiKm) != 1 {
			return nil, usagef("--radius-km: a plan file has one radius; give one (got %d)", len(rs.RadiiKm))
		}
		radiusKm = rs.RadiiKm[0]
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	defer f.Close()
	s, err := maps.ReadPlanGeoJSON(f, path, radiusKm)
	if err != nil {
		return nil, mapError(err)
	}
	if fpath := c.String("facilities"); fpath != "" {
		fs, rep, err := data.LoadFacilities(fpath, readOptions(c))
		if err != nil {
			return nil, err
		}
		if !c.Bool("quiet") {
			printRejections(c.App.ErrWriter, []*table.ReadReport{rep}, "")
		}
		s.Facilities = s.Facilities[:0] // the file's own, if any, give way
		for _, fc := range fs {
			s.Facilities = append(s.Facilities, maps.SceneFacility{ID: fc.ID, Name: fc.Name, County: fc.County, Type: fc.Type, Location: fc.Location})
		}
	}
	return s, nil
}

func readBoundaries(path string, keys []string) ([]maps.Boundary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	defer f.Close()
	b, err := maps.ReadBoundaries(f, path, keys...)
	if err != nil {
		return nil, mapError(err)
	}
	return b, nil
}

// runSweep plans sub-centres at every radius and charts the share with
// county-level care
// before and after, in total or per county.
func runSweep(c *cli.Context, p *progress, rs planner.ResolvedScenario, target mapTarget, opt maps.Options) error {
	if _, err := distanceChoice(c); err != nil {
		return err
	}
	if len(c.Float64Slice("minutes")) > 0 {
		return usagef("--sweep charts radii in km: drop --minutes (--distance road sweeps road km)")
	}
	radii := sweepRadiiKm
	if len(rs.RadiiKm) > 1 {
		radii = slices.Clone(rs.RadiiKm)
	}
	in, ms, err := loadInputsAndMetric(c, p)
	if err != nil {
		return err
	}
	rs.Plan.Subcentres.Metric = ms.Metric
	distance := ""
	if ms.Metric.Name() != distStraight {
		distance = metricName(ms.Metric) + ", km"
	}
	total, counties, err := sweepPoints(c.Context, p, in, rs, radii)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(counties))
	for name := range counties {
		names = append(names, name)
	}
	slices.Sort(names)
	chart := func(area string, pts []maps.SweepPoint, path string, f maps.Format) error {
		p.Stage("drawing " + path)
		ch, err := (&maps.SweepChart{Area: area, Title: opt.Title, Points: pts, PlanRadiusKm: rs.Plan.RadiusKm, Distance: distance}).Layout(opt)
		if err != nil {
			return mapError(err)
		}
		if err := writeOutput(c.App.Writer, path, func(w io.Writer) error { return ch.Write(w, f) }); err != nil {
			return err
		}
		if path != "-" {
			fmt.Fprintf(c.App.Writer, "wrote %s (%s, %d radii)\n", path, area, len(pts))
		}
		return nil
	}
	if target.out != "" {
		area, pts := fmt.Sprintf("%d counties", len(names)), total
		if len(names) == 1 {
			area = names[0]
		}
		if target.county != "" {
			cp, ok := counties[target.county]
			if !ok {
				return usageError{&maps.UnknownCountyError{County: target.county, Counties: names}}
			}
			area, pts = target.county, cp
		}
		if err := chart(opt.Fonts.Text(area), pts, target.out, target.outFormat); err != nil {
			return err
		}
	}
	if target.dir != "" {
		return perCounty(target, names, func(county, path string) error {
			return chart(opt.Fonts.Text(county), counties[county], path, target.dirFormat)
		})
	}
	return nil
}

// sweepPoints plans sub-centres at each radius with the scenario's options
// and returns the population with county-level care per radius, in total
// and per county.
func sweepPoints(ctx context.Context, p *progress, in *inputs, rs planner.ResolvedScenario, radii []float64) ([]maps.SweepPoint, map[string][]maps.SweepPoint, error) {
	var total []maps.SweepPoint
	counties := map[string][]maps.SweepPoint{}
	for i, r := range radii {
		p.Count("sweep (radii)", i, len(radii))
		opt := rs.Plan.Subcentres
		opt.RadiusKm = r
		cs, err := planner.PlanSubcentres(ctx, in.Villages, in.Facilities, opt)
		if err != nil {
			return nil, nil, err
		}
		t := maps.SweepPoint{RadiusKm: r}
		for _, cty := range cs {
			pt := maps.SweepPoint{RadiusKm: r, Population: cty.Population, CountyCareToday: cty.CountyCareToday,
				CountyCareAfter: cty.CountyCareAfter, Subcentres: len(cty.Sites)}
			counties[cty.County] = append(counties[cty.County], pt)
			t.Population += pt.Population
			t.CountyCareToday += pt.CountyCareToday
			t.CountyCareAfter += pt.CountyCareAfter
			t.Subcentres += pt.Subcentres
		}
		total = append(total, t)
	}
	p.Count("sweep (radii)", len(radii), len(radii))
	return total, counties, nil
}
