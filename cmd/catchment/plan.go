package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/i18n"
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
	a, err := planFlags(c)
	if err != nil {
		return err
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()
	in, ms, err := loadInputsAndMetric(c, p)
	if err != nil {
		return err
	}
	rs, err := resolvePlan(c, a, in, ms)
	if err != nil {
		return err
	}
	p.Stage("planning")
	run, err := computePlan(c, p, in, &rs)
	if err != nil {
		return err
	}
	sum, err := summary.NewPlanSummary(in.Villages, in.Facilities, run.res, rs.Policy, rs.Plan, run.sweep, in.Reports...)
	if err != nil {
		return err
	}
	sum.SetMetric(*ms.Info, metricName(ms.ClinicMetric), rs.Plan.RadiusMinutes)
	return writePlan(c, p, a.lang, in, rs, run, sum)
}

// planArgs are plan's flags, checked, with the candidate sites read.
type planArgs struct {
	scen       planner.Scenario
	candReport *table.ReadReport // of --candidates, nil without
	lang       i18n.Lang         // of the table on stdout
}

// planFlags checks plan's flags and reads --candidates before the inputs
// are read: the first error found.
func planFlags(c *cli.Context) (planArgs, error) {
	var a planArgs
	if err := startCommand(c, "plan", inputHint); err != nil {
		return a, err
	}
	if err := checkOutputs(c, "out", "summary", "report", "report-html", "budget"); err != nil {
		return a, err
	}
	if _, err := reportLang(c, c.String("policy")); err != nil {
		return a, err
	}
	var err error
	if a.lang, err = tableLang(c); err != nil {
		return a, err
	}
	if a.scen, err = scenarioFromFlags(c); err != nil {
		return a, err
	}
	if path := c.String("candidates"); path != "" {
		cands, rep, err := data.LoadCandidates(path, readOptions(c))
		if err != nil {
			return a, err
		}
		a.candReport = rep
		a.scen.Candidates = cands
	}
	if _, err := distanceChoice(c); err != nil {
		return a, err
	}
	if _, err := a.scen.Resolve(); err != nil && len(c.Float64Slice("minutes")) == 0 {
		return a, err // option errors before reading anything (minute radii are checked with their metric)
	}
	return a, nil
}

// resolvePlan resolves the scenario with the metric, notes a number of
// sub-centres outside the policy's range and adds the candidates' read
// report to the inputs' (printing its rejections unless --quiet).
func resolvePlan(c *cli.Context, a planArgs, in *inputs, ms *metricSetup) (planner.ResolvedScenario, error) {
	stderr := c.App.ErrWriter
	scen := a.scen
	scen.Metric, scen.ClinicMetric, scen.RadiiMinutes = ms.Metric, ms.ClinicMetric, ms.Minutes
	rs, err := scen.Resolve()
	if err != nil {
		return rs, err
	}
	for _, k := range rs.Subcentres {
		if k > 0 && !rs.Policy.AllowsSubcentres(k) && !c.Bool("quiet") {
			fmt.Fprintf(stderr, "catchment: note: %d sub-centres per county is outside the %s policy's %d–%d (%s)\n",
				k, rs.Policy.Name, rs.Policy.MinSubcentres.Value, rs.Policy.MaxSubcentres.Value, rs.Policy.MaxSubcentres.Source)
		}
	}
	if a.candReport != nil {
		in.Reports = append(in.Reports, a.candReport)
		if !c.Bool("quiet") {
			printRejections(stderr, []*table.ReadReport{a.candReport}, summaryHint(c))
		}
	}
	return rs, nil
}

// planRun is what a plan computes: the plan and its radius sweep, or with
// --subcentres-total the budgeted plan, its allocation and citations.
type planRun struct {
	res    *planner.PlanResult
	sweep  []planner.SweepRow
	budget *programme.BudgetResult
	cites  []note.Note
}

// computePlan runs the scenario (or the budget allocation), reporting the
// clinic plan's progress; it sets rs's progress callback and county seats.
func computePlan(c *cli.Context, p *progress, in *inputs, rs *planner.ResolvedScenario) (planRun, error) {
	rs.Plan.Clinics.Progress = func(done, total int) { p.Count("clinic plan (townships)", done, total) }
	rs.Plan.Subcentres.Seats = boundarySeats(c)
	var run planRun
	var err error
	if c.IsSet("subcentres-total") {
		run.res, run.budget, run.cites, err = planBudget(c, in, *rs)
	} else {
		run.res, run.sweep, err = planner.RunScenario(c.Context, in.Villages, in.Facilities, *rs)
	}
	return run, err
}

// writePlan writes the plan's files, reports and exports, the table on
// stdout unless a file went there, and the --budget files.
func writePlan(c *cli.Context, p *progress, lang i18n.Lang, in *inputs, rs planner.ResolvedScenario, run planRun, sum summary.PlanSummary) error {
	stdout := c.App.Writer
	if path := c.String("out"); path != "" {
		p.Stage("writing " + path)
		if err := writeOutput(stdout, path, func(w io.Writer) error {
			return geojsonio.WritePlanGeoJSON(w, in.Villages, in.Facilities, run.res)
		}); err != nil {
			return err
		}
	}
	if dir := c.String("out-dir"); dir != "" {
		p.Stage("writing layers to " + dir)
		if _, err := geojsonio.WritePlanLayers(dir, in.Villages, in.Facilities, run.res); err != nil {
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
	if err := writePlanReports(c, rs.Policy.Name, run, sum); err != nil {
		return err
	}
	if err := exportPlan(c, in, run.res, sum); err != nil {
		return err
	}
	if !toStdout(c, "out", "summary", "report", "report-html") {
		if err := report.WritePlanTableIn(stdout, sum, lang); err != nil {
			return outputError{fmt.Errorf("writing the table to stdout: %w", err)}
		}
	}
	if run.budget != nil {
		return writeBudget(c, run.budget, run.cites)
	}
	return nil
}

// writePlanReports writes --report and --report-html when asked: the plan
// report, or the budget report with --subcentres-total.
func writePlanReports(c *cli.Context, policy string, run planRun, sum summary.PlanSummary) error {
	if !wantsReport(c) {
		return nil
	}
	opt, err := reportOptions(c, policy)
	if err != nil {
		return err
	}
	return writeReports(c, opt.Lang, func(w io.Writer) error {
		if run.budget != nil {
			return report.WritePlanBudgetReport(w, sum, run.budget, run.cites, opt)
		}
		return report.WritePlanReport(w, sum, opt)
	})
}
