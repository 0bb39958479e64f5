package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
	"github.com/urfave/cli/v2"
)

func planCommand() *cli.Command {
	return &cli.Command{
		Name:      "plan",
		Usage:     "propose county sub-centres and a clinic plan for small villages",
		UsageText: "catchment plan [--villages FILE --facilities FILE] [--policy shanxi] [--scenario FILE] [--radius-km 15] [--out plan.geojson] [--summary plan.json] [--report plan.md]",
		Description: "Per county, chooses the sub-centre sites (township health centres far from the county\n" +
			"hospital) that bring county-level care to the most people without it today — the exact\n" +
			"optimum, with ties and the greedy answer reported (policy R1–R4); every village also gets\n" +
			"its emergency network cover (a county hospital or township health centre within the\n" +
			"radius, as 'catchment coverage'). Per township, plans own clinics, joint\n" +
			"clinics for adjacent small villages (minimum number of hosts), itinerant routes and\n" +
			"staffing (R6–R11). Defaults come from --policy; every figure used is cited in the\n" +
			"summary and the report. Several radii and/or sub-centre counts run a sweep: one\n" +
			"comparison table, with the detailed outputs for the first combination.\n\n" +
			"Examples:\n" +
			"   catchment plan                                          # the embedded sample, Shanxi rules\n" +
			"   catchment plan --scenario examples/scenarios/ordos.toml --report plan.md\n" +
			"   catchment plan --villages v.csv --facilities f.csv --radius-km 15 --subcentres auto \\\n" +
			"       --out plan.geojson --summary plan.json --csv-dir tables/ --report plan.md\n" +
			"   catchment plan --radius-km 10,15,20 --subcentres 1,2,3   # sweep\n\n" +
			"Exit status: 0 ok, 2 usage or unreadable file, 3 invalid data, 4 output not written.",
		Flags: append(append(append(inputFlags(), exportFlags()...), scenarioFlag(), boundariesFlag(),
			&cli.StringFlag{Name: "policy", Category: "Policy", Value: "shanxi",
				Usage: "regional preset for every default marked 'policy' (" + strings.Join(planner.PolicyNames(), ", ") + "); the summary and report cite each figure's source"},
			&cli.Float64SliceFlag{Name: "radius-km", Aliases: []string{"r"}, Category: "Sub-centres", DefaultText: "policy",
				Usage: "emergency radius in km (R1: 10–20); several comma-separated values run a sweep"},
			&cli.StringFlag{Name: "subcentres", Aliases: []string{"k"}, Category: "Sub-centres", Value: "auto",
				Usage: "sites per county: 1, 2, 3 or auto; several values (1,2,3) run a sweep (R2)"},
			&cli.IntFlag{Name: "min-gain-pop", Category: "Sub-centres", Value: planner.DefaultSubcentreMinGainPop,
				Usage: "with --subcentres auto only: add a site while its gain in county-level care is at least this many people"},
			&cli.Float64Flag{Name: "min-far-km", Category: "Sub-centres", DefaultText: "policy",
				Usage: "candidates are township health centres at least this many km from a county hospital (R2: far from the county seat)"},
			&cli.StringFlag{Name: "existing-types", Category: "Sub-centres", Value: "county_hospital",
				Usage: "facility types that give county-level care today (county_care_today)"},
			&cli.StringFlag{Name: "candidates", Category: "Sub-centres", TakesFile: true,
				Usage: "candidate sites `FILE` (CSV or GeoJSON: id,county,lon,lat; name, township, type, beds, staff optional) instead of the far township health centres"},
			&cli.IntFlag{Name: "itinerant-below", Category: "Clinics", DefaultText: "policy",
				Usage: "villages under this many residents get itinerant visits from the township health centre (R6)"},
			&cli.IntFlag{Name: "merge-below", Category: "Clinics", DefaultText: "policy",
				Usage: "villages under this many residents may share a joint clinic with neighbours (R7, R8)"},
			&cli.IntFlag{Name: "own-clinic-from", Category: "Clinics", DefaultText: "policy",
				Usage: "villages with at least this many residents need a clinic of their own (R9); those between merge-below and this keep or set up one, no rule requiring it"},
			&cli.Float64Flag{Name: "merge-km", Category: "Clinics", DefaultText: "policy",
				Usage: "a joint clinic's members lie within this many km of the host village"},
			&cli.Float64Flag{Name: "near-thc-km", Category: "Clinics", DefaultText: "policy",
				Usage: "villages this close (km) to a township health centre are served by it (R6)"},
			&cli.Float64Flag{Name: "max-route-km", Category: "Clinics", DefaultText: "policy",
				Usage: "longest itinerant route per day in km; longer tours are split into days"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Category: "Output", TakesFile: true,
				Usage: "write all layers (village, subcentre, joint_clinic, itinerant_route) to one GeoJSON `FILE` (- for stdout)"},
			&cli.StringFlag{Name: "out-dir", Category: "Output", TakesFile: true,
				Usage: "write one GeoJSON file per layer into `DIR` (what QGIS users prefer)"},
			&cli.StringFlag{Name: "summary", Category: "Output", TakesFile: true, Usage: "write the summary JSON to `FILE`"},
			&cli.StringFlag{Name: "csv-dir", Category: "Output", TakesFile: true,
				Usage: "write CSV tables (counties, subcentres, townships, villages, sweep) into `DIR`"},
		), append(append(reportFlags("the report for the health bureau"), langFlag(true)), append(budgetFlags(), roadFlags()...)...)...),
		Action: runPlan,
	}
}

// parseSubcentres reads "auto", "2" or "1,2,3" (0 stands for auto).
func parseSubcentres(s string) ([]int, error) {
	var ks []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(strings.ToLower(part))
		if part == "auto" {
			ks = append(ks, 0)
			continue
		}
		k, err := strconv.Atoi(part)
		if err != nil || k < 1 || k > planner.MaxSubcentresPerCounty {
			return nil, usagef("--subcentres %q: want 1, 2, 3 or auto (policy R2: 1–3 per county), or a comma-separated list", part)
		}
		ks = append(ks, k)
	}
	return ks, nil
}

// scenarioFromFlags collects the plan flags into a planner.Scenario: only
// flags given (on the command line or in the scenario file) override the
// policy.
func scenarioFromFlags(c *cli.Context) (planner.Scenario, error) {
	s := planner.Scenario{Policy: c.String("policy")}
	if c.IsSet("radius-km") {
		s.RadiiKm = c.Float64Slice("radius-km")
	}
	var err error
	if s.Subcentres, err = parseSubcentres(c.String("subcentres")); err != nil {
		return s, err
	}
	if s.ExistingTypes, err = parseTypes("existing-types", c.String("existing-types")); err != nil {
		return s, err
	}
	setInt := func(name string) *int {
		if c.IsSet(name) {
			v := c.Int(name)
			return &v
		}
		return nil
	}
	setFloat := func(name string) *float64 {
		if c.IsSet(name) {
			v := c.Float64(name)
			return &v
		}
		return nil
	}
	s.MinGainPop, s.MinFarKm = setInt("min-gain-pop"), setFloat("min-far-km")
	s.ItinerantBelow, s.MergeBelow, s.OwnClinicFrom = setInt("itinerant-below"), setInt("merge-below"), setInt("own-clinic-from")
	s.MergeKm, s.NearTHCKm, s.MaxRouteKm = setFloat("merge-km"), setFloat("near-thc-km"), setFloat("max-route-km")
	return s, nil
}

func runPlan(c *cli.Context) (err error) {
	if c.Args().Present() {
		return usagef("plan takes no arguments (got %q); input files are given with --villages and --facilities", c.Args().First())
	}
	if err := applyScenario(c); err != nil {
		return err
	}
	if err := checkOutputs(c, "out", "summary", "report", "report-html", "budget"); err != nil {
		return err
	}
	if _, err := reportLang(c, c.String("policy")); err != nil {
		return err
	}
	lang, err := tableLang(c)
	if err != nil {
		return err
	}
	var candReport *table.ReadReport
	scen, err := scenarioFromFlags(c)
	if err != nil {
		return err
	}
	if path := c.String("candidates"); path != "" {
		cands, rep, err := data.LoadCandidates(path, readOptions(c))
		if err != nil {
			return err
		}
		candReport = rep
		scen.Candidates = cands
	}
	if _, err := distanceChoice(c); err != nil {
		return err
	}
	if _, err := scen.Resolve(); err != nil && len(c.Float64Slice("minutes")) == 0 {
		return err // option errors before reading anything (minute radii are checked with their metric)
	}
	stderr, stdout := c.App.ErrWriter, c.App.Writer
	p := newProgress(stderr, c.Bool("quiet"))
	defer func() { p.Done(err) }()
	in, err := loadInputs(c, p)
	if err != nil {
		return err
	}
	ms, err := loadMetric(c, in, p)
	if err != nil {
		return err
	}
	scen.Metric, scen.ClinicMetric, scen.RadiiMinutes = ms.Metric, ms.ClinicMetric, ms.Minutes
	rs, err := scen.Resolve()
	if err != nil {
		return err
	}
	for _, k := range rs.Subcentres {
		if k > 0 && !rs.Policy.AllowsSubcentres(k) && !c.Bool("quiet") {
			fmt.Fprintf(stderr, "catchment: note: %d sub-centres per county is outside the %s policy's %d–%d (%s)\n",
				k, rs.Policy.Name, rs.Policy.MinSubcentres.Value, rs.Policy.MaxSubcentres.Value, rs.Policy.MaxSubcentres.Source)
		}
	}
	if candReport != nil {
		in.Reports = append(in.Reports, candReport)
		if !c.Bool("quiet") {
			printRejections(stderr, []*table.ReadReport{candReport}, summaryHint(c))
		}
	}

	p.Stage("planning")
	rs.Plan.Clinics.Progress = func(done, total int) { p.Count("clinic plan (townships)", done, total) }
	rs.Plan.Subcentres.Seats = boundarySeats(c)
	var (
		res    *planner.PlanResult
		sweep  []planner.SweepRow
		budget *programme.BudgetResult
		cites  []note.Note
	)
	if c.IsSet("subcentres-total") {
		res, budget, cites, err = planBudget(c, in, rs)
	} else {
		res, sweep, err = planner.RunScenario(c.Context, in.Villages, in.Facilities, rs)
	}
	if err != nil {
		return err
	}
	sum, err := summary.NewPlanSummary(in.Villages, in.Facilities, res, rs.Policy, rs.Plan, sweep, in.Reports...)
	if err != nil {
		return err
	}
	sum.SetMetric(*ms.Info, metricName(ms.ClinicMetric), rs.Plan.RadiusMinutes)

	if path := c.String("out"); path != "" {
		p.Stage("writing " + path)
		if err := writeOutput(stdout, path, func(w io.Writer) error {
			return geojsonio.WritePlanGeoJSON(w, in.Villages, in.Facilities, res)
		}); err != nil {
			return err
		}
	}
	if dir := c.String("out-dir"); dir != "" {
		p.Stage("writing layers to " + dir)
		if _, err := geojsonio.WritePlanLayers(dir, in.Villages, in.Facilities, res); err != nil {
			return outputError{err}
		}
	}
	if path := c.String("summary"); path != "" {
		if err := writeOutput(stdout, path, func(w io.Writer) error { return summary.WritePlanSummaryJSON(w, sum) }); err != nil {
			return err
		}
	}
	if dir := c.String("csv-dir"); dir != "" {
		if _, err := csvio.WritePlanCSVTables(dir, sum); err != nil {
			return outputError{err}
		}
	}
	if wantsReport(c) {
		opt, err := reportOptions(c, rs.Policy.Name)
		if err != nil {
			return err
		}
		if err := writeReports(c, opt.Lang, func(w io.Writer) error {
			if budget != nil {
				return report.WritePlanBudgetReport(w, sum, budget, cites, opt)
			}
			return report.WritePlanReport(w, sum, opt)
		}); err != nil {
			return err
		}
	}
	if err := exportPlan(c, in, res, sum); err != nil {
		return err
	}
	if c.String("out") != "-" && c.String("summary") != "-" && c.String("report") != "-" && c.String("report-html") != "-" {
		if err := report.WritePlanTableIn(stdout, sum, lang); err != nil {
			return outputError{fmt.Errorf("writing the table to stdout: %w", err)}
		}
	}
	if budget != nil {
		return writeBudget(c, budget, cites)
	}
	return nil
}
