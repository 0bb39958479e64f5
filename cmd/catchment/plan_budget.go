package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
	"github.com/urfave/cli/v2"
)

// budgetFlags are plan's city-wide budget flags (policy digest R5).
func budgetFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "subcentres-total", Category: "Sub-centres",
			Usage: "a city-wide budget of N sub-centres (R5: Zibo, 10 by 2026): how many each county gets and where, the exact optimum for the whole area; replaces --subcentres"},
		&cli.IntFlag{Name: "county-min", Category: "Sub-centres", DefaultText: "policy",
			Usage: "with --subcentres-total: least sub-centres per county (R4: at least 1 per pilot county)"},
		&cli.IntFlag{Name: "county-max", Category: "Sub-centres", DefaultText: "policy",
			Usage: fmt.Sprintf("with --subcentres-total: most sub-centres per county (R2: 3, R3: 2; at most %d, the exact search's limit)", planner.MaxSubcentresPerCounty)},
		&cli.StringFlag{Name: "budget", Category: "Output", TakesFile: true,
			Usage: "with --subcentres-total: write the allocation to `FILE` (.json, .csv or .md)"},
	}
}

// budgetOptions reads the budget flags; the bounds default to the policy's
// and the returned lines cite where each came from.
func budgetOptions(c *cli.Context, rs planner.ResolvedScenario) (programme.BudgetOptions, []note.Note, error) {
	if rs.Sweep() {
		return programme.BudgetOptions{}, nil, usagef("--subcentres-total plans one radius: it cannot run with a sweep")
	}
	if c.IsSet("subcentres") && c.String("subcentres") != "auto" {
		return programme.BudgetOptions{}, nil, usagef("--subcentres-total decides the sites per county: leave out --subcentres")
	}
	pol := rs.Policy
	b := programme.BudgetOptions{Total: c.Int("subcentres-total"),
		Bounds: programme.CountyBounds{Min: pol.MinSubcentres.Value, Max: pol.MaxSubcentres.Value}}
	minSrc, maxSrc := pol.MinSubcentres.Source, pol.MaxSubcentres.Source
	if c.IsSet("county-min") {
		b.Bounds.Min, minSrc = c.Int("county-min"), "--county-min"
	}
	if c.IsSet("county-max") {
		b.Bounds.Max, maxSrc = c.Int("county-max"), "--county-max"
	}
	cites := report.BudgetCites(b.Total, b.Bounds, minSrc, maxSrc, "--subcentres-total")
	return b, cites, nil
}

// writeBudget prints the allocation and writes --budget.
func writeBudget(c *cli.Context, b *programme.BudgetResult, cites []note.Note) error {
	stdout := c.App.Writer
	if path := c.String("budget"); path != "" {
		var write func(io.Writer) error
		writeFile := writeOutput
		switch strings.ToLower(filepath.Ext(path)) {
		case ".csv":
			write = func(w io.Writer) error { return csvio.WriteRows(w, csvio.BudgetRows(b)) }
			writeFile = writeCSVOutput
		case ".md", ".markdown":
			write = func(w io.Writer) error {
				opt, err := reportOptions(c, c.String("policy"))
				if err != nil {
					return err
				}
				opt.Policy = c.String("policy")
				return report.WriteBudgetReport(w, b, cites, opt)
			}
		default:
			write = func(w io.Writer) error { return writeJSON(w, b) }
		}
		if err := writeFile(stdout, path, write); err != nil {
			return err
		}
	}
	if toStdout(c, "out", "summary", "report", "budget") {
		return nil
	}
	fmt.Fprintf(stdout, "\nCity-wide sub-centre budget: %d of %d sites, %s people gain county-level care\n", b.Allocated, b.Total, numfmt.GroupThousands(b.GainPopulation))
	for _, s := range cites {
		fmt.Fprintf(stdout, "  %s\n", s)
	}
	rows := csvio.BudgetRows(b)
	for i := range rows {
		rows[i] = append(append(rows[i][:2:2], rows[i][4]), rows[i][6:11]...)
	}
	if err := printTable(stdout, rows); err != nil {
		return outputError{fmt.Errorf("writing the table to stdout: %w", err)}
	}
	if b.Note != "" {
		fmt.Fprintf(stdout, "  %s\n", b.Note)
	}
	return nil
}

// planBudget runs the plan with the city-wide budget instead of a K per
// county.
func planBudget(c *cli.Context, in *inputs, rs planner.ResolvedScenario) (*planner.PlanResult, *programme.BudgetResult, []note.Note, error) {
	b, cites, err := budgetOptions(c, rs)
	if err != nil {
		return nil, nil, nil, err
	}
	res, budget, err := programme.PlanWithBudget(c.Context, in.Villages, in.Facilities, rs.Plan, b)
	return res, budget, cites, err
}
