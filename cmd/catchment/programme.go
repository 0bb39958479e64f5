package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/planner"
	"github.com/urfave/cli/v2"
)

// The programme commands (phase, quota, scorecard) read the same inputs as
// plan and take plan's policy, sub-centre and clinic flags, because each
// works from a plan of the same data.

// planSettingFlags are plan's flags without its output flags.
func planSettingFlags() []cli.Flag {
	var out []cli.Flag
	for _, f := range planCommand().Flags {
		if cf, ok := f.(cli.CategorizableFlag); ok && cf.GetCategory() == "Output" {
			continue
		}
		if n := f.Names()[0]; n == "subcentres-total" || n == "county-min" || n == "county-max" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// programmeOutputFlags are the result files every programme command writes.
func programmeOutputFlags(what string) []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "summary", Category: "Output", TakesFile: true, Usage: "write the " + what + " as JSON to `FILE` (- for stdout)"},
		&cli.StringFlag{Name: "csv", Category: "Output", TakesFile: true, Usage: "write the " + what + " table as CSV to `FILE`"},
	}, append(reportFlags("the "+what+" as a report"), &cli.StringFlag{Name: "lang", Category: "Output",
		DefaultText: "zh under the shanxi, ordos, dadukou and xinjiang policies, else en",
		Usage:       "language of the report (--report, --report-html): zh or en"})...)
}

// programmePlan resolves the scenario flags, reads the inputs and runs the
// plan the programme command works from.
func programmePlan(c *cli.Context, p *progress) (planner.ResolvedScenario, *inputs, *planner.PlanResult, error) {
	scen, err := scenarioFromFlags(c)
	if err != nil {
		return planner.ResolvedScenario{}, nil, nil, err
	}
	rs, err := scen.Resolve()
	if err != nil {
		return rs, nil, nil, err
	}
	in, err := loadInputs(c, p)
	if err != nil {
		return rs, nil, nil, err
	}
	p.Stage("planning")
	res, err := planner.Plan(c.Context, in.Villages, in.Facilities, rs.Plan)
	return rs, in, res, err
}

// writeProgramme writes the JSON, CSV and report outputs that were asked
// for (the report in the policy's language unless --lang says otherwise,
// with the filing header of reportOptions).
func writeProgramme(c *cli.Context, policy string, v any, rows [][]string, md func(io.Writer, report.Options) error) error {
	stdout := c.App.Writer
	if path := c.String("summary"); path != "" {
		if err := writeOutput(stdout, path, func(w io.Writer) error { return writeJSON(w, v) }); err != nil {
			return err
		}
	}
	if path := c.String("csv"); path != "" {
		if err := writeCSVOutput(stdout, path, func(w io.Writer) error { return csvio.WriteRows(w, rows) }); err != nil {
			return err
		}
	}
	if wantsReport(c) {
		opt, err := reportOptions(c, policy)
		if err != nil {
			return err
		}
		opt.Policy = policy
		return writeReports(c, opt.Lang, func(w io.Writer) error { return md(w, opt) })
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// toStdout reports whether any output flag writes to stdout (then no table).
func toStdout(c *cli.Context, flags ...string) bool {
	return slices.ContainsFunc(flags, func(f string) bool { return c.String(f) == "-" })
}

// printTable writes rows as an aligned text table (first row the header).
func printTable(w io.Writer, rows [][]string) error {
	width := map[int]int{}
	for _, r := range rows {
		for i, s := range r {
			width[i] = max(width[i], displayWidth(s))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, s := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(s + strings.Repeat(" ", width[i]-displayWidth(s)))
		}
		if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
			return err
		}
	}
	return nil
}

// displayWidth counts East Asian wide characters (CJK) as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xff00 && r <= 0xff60) {
			n++
		}
	}
	return n
}

// parseIntList reads "530,1060,1048".
func parseIntList(flag, s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n <= 0 {
			return nil, usagef("--%s %q: want positive whole numbers separated by commas", flag, s)
		}
		out = append(out, n)
	}
	return out, nil
}

// parseWeights reads "key=1.5,key2=2" against the known keys.
func parseWeights(flag, s string, known []string) (map[string]float64, error) {
	out := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		k = strings.ReplaceAll(strings.TrimSpace(k), "-", "_")
		if !ok || err != nil || !slices.Contains(known, k) {
			return nil, usagef("--%s %q: want key=weight pairs, keys among %s", flag, part, strings.Join(known, ", "))
		}
		out[k] = x
	}
	return out, nil
}

func itoa(n int) string            { return strconv.Itoa(n) }
func fmtF(x float64, d int) string { return strconv.FormatFloat(x, 'f', d, 64) }
