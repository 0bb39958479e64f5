package main

import (
	"fmt"
	"io"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
	"github.com/urfave/cli/v2"
)

func quotaCommand() *cli.Command {
	return &cli.Command{
		Name:      "quota",
		Usage:     "split staff sent down to villages across counties by need",
		UsageText: "catchment quota [--villages FILE --facilities FILE] [--staff 500] [--csv quota.csv] [--report quota.md]",
		Description: "Splits --staff people (Zibo: at least 500 medical staff a year sent down to villages) across\n" +
			"the counties in proportion to need: the village doctor gap (R10: 1 per 1,000 served) plus the\n" +
			"township health centre staff gap (R11: 1.2‰ of residents) of the plan of the same data, with a\n" +
			"largest-remainder (Hamilton) rounding that sums exactly; equal remainders go to the larger\n" +
			"need, then by county name. Gaps unknown for lack of a staff figure are not counted (said so).\n\n" +
			"Examples:\n" +
			"   catchment quota                                    # the embedded sample, 500 staff\n" +
			"   catchment quota --staff 800 --policy dadukou --csv quota.csv --report quota.md\n\n" +
			"Exit status: 0 ok, 2 usage or unreadable file, 3 invalid data, 4 output not written.",
		Flags: append(append(planSettingFlags(),
			&cli.IntFlag{Name: "staff", Category: "Quota", Value: 500,
				Usage: "staff to split (Zibo action plan 2024–2026: at least 500 medical staff a year to villages)"},
		), programmeOutputFlags("quota table")...),
		Action: runQuota,
	}
}

func runQuota(c *cli.Context) (err error) {
	if err := startCommand(c, "quota", ""); err != nil {
		return err
	}
	if err := checkOutputs(c, "summary", "csv", "report", "report-html"); err != nil {
		return err
	}
	if _, err := reportLang(c, c.String("policy")); err != nil {
		return err
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()
	rs, _, plan, err := programmePlan(c, p)
	if err != nil {
		return err
	}
	res, err := programme.QuotaStaff(c.Int("staff"), programme.NeedsFromPlan(plan.Clinics))
	if err != nil {
		return err
	}
	cites := quotaCites(c, res)
	if err := writeProgramme(c, rs.Policy.Name, res, csvio.QuotaRows(res), func(w io.Writer, opt report.Options) error {
		return report.WriteQuotaReport(w, res, cites, opt)
	}); err != nil {
		return err
	}
	if toStdout(c, "summary", "csv", "report", "report-html") {
		return nil
	}
	out := c.App.Writer
	fmt.Fprintf(out, "Staff quotas: %d staff over %d counties, total need %d\n", res.Total, len(res.Counties), res.TotalNeed)
	for _, s := range cites {
		fmt.Fprintf(out, "  %s\n", s)
	}
	if err := printTable(out, csvio.QuotaRows(res)); err != nil {
		return outputError{fmt.Errorf("writing the table to stdout: %w", err)}
	}
	return nil
}

func quotaCites(c *cli.Context, res *programme.QuotaResult) []note.Note {
	return report.QuotaCites(res, c.IsSet("staff"))
}
