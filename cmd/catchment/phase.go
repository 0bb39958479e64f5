package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
	"github.com/urfave/cli/v2"
)

// phaseWeightKeys are the keys of --weights for phase.
var phaseWeightKeys = []string{"served_population", "doctor_gap", "distance_to_thc", "network_uncovered"}

func phaseCommand() *cli.Command {
	d := programme.DefaultPhaseWeights()
	return &cli.Command{
		Name:      "phase",
		Usage:     "phase village clinic upgrades by year, weakest first (R17)",
		UsageText: "catchment phase [--villages FILE --facilities FILE] [--per-year 530,1060,1048] [--start-year 2024] [--from facilities|plan] [--out phase.geojson] [--csv phase.csv]",
		Description: "Orders village clinic upgrades by a priority score — served population, doctor gap (R10),\n" +
			"distance to the township health centre and no emergency network cover, each scaled to [0, 1]\n" +
			"and weighted (--weights) — and gives each clinic a year: the first --per-year[0] clinics the\n" +
			"--start-year, the next the year after, … (R17, Zibo: 530, 1,060 and 1,048 from 2024;\n" +
			"\"优先扶弱补短\", weakest first: the score is catchment's reading). Ties: larger served\n" +
			"population, larger doctor gap, then id. Clinics are the facilities of type village_clinic\n" +
			"(condition, area_m2, licensed_doctors columns are carried to the outputs) or, with\n" +
			"--from plan, the plan's own and joint clinics.\n\n" +
			"Examples:\n" +
			"   catchment phase                                   # the embedded sample, Zibo's caps\n" +
			"   catchment phase --per-year 200,200 --start-year 2025 --weights doctor_gap=3 --csv phase.csv\n" +
			"   catchment phase --from plan --out phase.geojson --report phase.md\n\n" +
			"Exit status: 0 ok, 2 usage or unreadable file, 3 invalid data, 4 output not written.",
		Flags: append(append(planSettingFlags(),
			&cli.StringFlag{Name: "per-year", Category: "Phasing", Value: "530,1060,1048",
				Usage: "upgrades per year, comma-separated (R17 Zibo action plan 2024–2026: 530, 1,060, 1,048)"},
			&cli.IntFlag{Name: "start-year", Category: "Phasing", Value: 2024, Usage: "the year of the first cap (R17: 2024)"},
			&cli.StringFlag{Name: "from", Category: "Phasing", Value: "facilities",
				Usage: "the clinics to phase: facilities (type village_clinic) or plan (the plan's own and joint clinics)"},
			&cli.StringFlag{Name: "weights", Category: "Phasing",
				DefaultText: fmt.Sprintf("served_population=%g,doctor_gap=%g,distance_to_thc=%g,network_uncovered=%g", d.ServedPopulation, d.DoctorGap, d.DistanceToTHC, d.NetworkUncovered),
				Usage:       "score weights as key=weight pairs; unnamed keys keep their default (catchment's reading of R17 \"优先扶弱补短\")"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Category: "Output", TakesFile: true,
				Usage: "write the clinics as GeoJSON points with their year (and a colour by year) to `FILE`"},
		), programmeOutputFlags("phased table")...),
		Action: runPhase,
	}
}

func phaseWeights(c *cli.Context) (programme.PhaseWeights, error) {
	w := programme.DefaultPhaseWeights()
	if !c.IsSet("weights") {
		return w, nil
	}
	m, err := parseWeights("weights", c.String("weights"), phaseWeightKeys)
	if err != nil {
		return w, err
	}
	for k, x := range m {
		switch k {
		case "served_population":
			w.ServedPopulation = x
		case "doctor_gap":
			w.DoctorGap = x
		case "distance_to_thc":
			w.DistanceToTHC = x
		case "network_uncovered":
			w.NetworkUncovered = x
		}
	}
	if w == (programme.PhaseWeights{}) {
		return w, usagef("--weights: at least one weight must be positive")
	}
	return w, nil
}

func runPhase(c *cli.Context) (err error) {
	if err := startCommand(c, "phase", ""); err != nil {
		return err
	}
	if err := checkOutputs(c, "out", "summary", "csv", "report", "report-html"); err != nil {
		return err
	}
	if _, err := reportLang(c, c.String("policy")); err != nil {
		return err
	}
	perYear, err := parseIntList("per-year", c.String("per-year"))
	if err != nil {
		return err
	}
	w, err := phaseWeights(c)
	if err != nil {
		return err
	}
	from := strings.ToLower(c.String("from"))
	if from != "facilities" && from != "plan" {
		return usagef("--from %q: want facilities or plan", c.String("from"))
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()
	rs, in, plan, err := programmePlan(c, p)
	if err != nil {
		return err
	}
	var clinics []programme.PhaseClinic
	if from == "plan" {
		clinics = programme.PhaseClinicsFromPlan(in.Villages, plan)
	} else if clinics, err = programme.PhaseClinicsFromFacilities(in.Villages, in.Facilities,
		programme.PhaseInputOptions{RadiusKm: rs.Plan.RadiusKm}); err != nil {
		return err
	}
	res, err := programme.PhaseUpgrades(clinics, programme.PhaseOptions{PerYear: perYear, StartYear: c.Int("start-year"), Weights: w})
	if err != nil {
		return err
	}
	cites := phaseCites(c, res, from, rs)
	if path := c.String("out"); path != "" {
		if err := writeOutput(c.App.Writer, path, func(w io.Writer) error { return geojsonio.WritePhaseGeoJSON(w, res) }); err != nil {
			return err
		}
	}
	if err := writeProgramme(c, rs.Policy.Name, res, csvio.PhaseRows(res), func(w io.Writer, opt report.Options) error {
		return report.WritePhaseReport(w, res, cites, opt)
	}); err != nil {
		return err
	}
	if toStdout(c, "out", "summary", "csv", "report", "report-html") {
		return nil
	}
	out := c.App.Writer
	fmt.Fprintf(out, "Phased village clinic upgrades: %d clinics, %s\n", len(res.Assignments), phaseYears(res))
	for _, s := range cites {
		fmt.Fprintf(out, "  %s\n", s)
	}
	if err := printTable(out, csvio.PhaseSummaryRows(res)); err != nil {
		return outputError{fmt.Errorf("writing the table to stdout: %w", err)}
	}
	return nil
}

func phaseCites(c *cli.Context, res *programme.PhaseResult, from string, rs planner.ResolvedScenario) []note.Note {
	return report.PhaseCites(res, c.IsSet("per-year") || c.IsSet("start-year"), from == "plan", rs.Plan.RadiusKm, rs.Policy.RadiusKm.Source)
}

func phaseYears(res *programme.PhaseResult) string {
	var parts []string
	for i, n := range res.Scheduled {
		parts = append(parts, fmt.Sprintf("%d in %d", n, res.StartYear+i))
	}
	s := strings.Join(parts, ", ")
	if res.Unscheduled > 0 {
		s += fmt.Sprintf(", %d beyond the caps (no year)", res.Unscheduled)
	}
	return s
}
