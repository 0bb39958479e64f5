package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/planner/programme"
	"github.com/urfave/cli/v2"
)

func scorecardCommand() *cli.Command {
	return &cli.Command{
		Name:      "scorecard",
		Usage:     "score counties on the workforce and facility indicators; bottom two get a yellow card (R16)",
		UsageText: "catchment scorecard [--villages FILE --facilities FILE] [--counties counties.csv] [--previous last-year.csv] [--csv scorecard.csv]",
		Description: "Per county, every indicator the inputs allow against its target: village doctors per 1,000\n" +
			"served (R10, from village clinic staff), township centre staff per 1,000 residents (R11:\n" +
			"1.2–1.7), primary-care workers per 1,000 (R12: 3.5; health_workers column), GPs per 10,000\n" +
			"(R13: 4; gps column), the licensed share of village doctors (R18: 45 % Shanxi, 50 % otherwise;\n" +
			"licensed_doctors column), a fever clinic and an ambulance at every township health centre\n" +
			"(R15; fever_clinic, ambulance columns). Missing inputs give \"not assessed\", never zero. The\n" +
			"total is the weighted mean score of the assessed indicators; the two lowest-ranked counties get\n" +
			"a yellow card and, with --previous (last year's scorecard CSV), those carded twice in a row are\n" +
			"named (R16). R14's monthly subsidy of the plan's village doctors is given as a cost.\n\n" +
			"Examples:\n" +
			"   catchment scorecard                                 # the embedded sample\n" +
			"   catchment scorecard --counties counties.csv --previous scorecard-2024.csv --csv scorecard-2025.csv\n" +
			"   catchment scorecard --weights gps_per_10000=2,ambulance_share=0.5\n\n" +
			"Exit status: 0 ok, 2 usage or unreadable file, 3 invalid data, 4 output not written.",
		Flags: append(append(planSettingFlags(),
			&cli.StringFlag{Name: "counties", Category: "Input", TakesFile: true,
				Usage: "county table `FILE` (CSV: county, and any of residents, gps, health_workers; Chinese headers 区县, 常住人口)"},
			&cli.StringFlag{Name: "previous", Category: "Input", TakesFile: true,
				Usage: "last year's scorecard CSV `FILE` (columns county, yellow_card): names the counties with two yellow cards in a row (R16)"},
			&cli.StringFlag{Name: "weights", Category: "Scorecard", DefaultText: "1 for every indicator",
				Usage: "indicator weights as key=weight pairs (" + strings.Join(programme.ScorecardIndicators(), ", ") + "); named keys only, the others 0"},
			&cli.IntFlag{Name: "yellow-cards", Category: "Scorecard", Value: 2,
				Usage: "how many of the lowest-ranked counties get a yellow card (R16 Xinjiang: the bottom 2)"},
		), programmeOutputFlags("scorecard")...),
		Action: runScorecard,
	}
}

func runScorecard(c *cli.Context) (err error) {
	if err := startCommand(c, "scorecard", ""); err != nil {
		return err
	}
	if err := checkOutputs(c, "summary", "csv", "report", "report-html"); err != nil {
		return err
	}
	if _, err := reportLang(c, c.String("policy")); err != nil {
		return err
	}
	opt := programme.ScorecardOptions{YellowCards: c.Int("yellow-cards")}
	if opt.YellowCards <= 0 {
		return usagef("--yellow-cards %d: want at least 1", opt.YellowCards)
	}
	if c.IsSet("weights") {
		if opt.Weights, err = parseWeights("weights", c.String("weights"), programme.ScorecardIndicators()); err != nil {
			return err
		}
	}
	if path := c.String("counties"); path != "" {
		if opt.Counties, err = readCountyTable(path); err != nil {
			return err
		}
	}
	if path := c.String("previous"); path != "" {
		if opt.Previous, err = readPreviousCards(path); err != nil {
			return err
		}
	}
	p := newProgress(c.App.ErrWriter, c.Bool("quiet"))
	defer func() { p.Done(err) }()
	rs, in, plan, err := programmePlan(c, p)
	if err != nil {
		return err
	}
	opt.Clinics = plan.Clinics
	opt.Targets = map[string]programme.Target{programme.IndLicensedShare: programme.LicensedShareTarget(rs.Policy.Name)}
	res, err := programme.Scorecard(in.Villages, in.Facilities, opt)
	if err != nil {
		return err
	}
	if !c.Bool("quiet") {
		for _, n := range res.Notes {
			fmt.Fprintf(c.App.ErrWriter, "catchment: note: %s\n", n)
		}
	}
	if err := writeProgramme(c, rs.Policy.Name, res, csvio.ScorecardRows(res), func(w io.Writer, opt report.Options) error {
		return report.WriteScorecardReport(w, res, opt)
	}); err != nil {
		return err
	}
	if toStdout(c, "summary", "csv", "report", "report-html") {
		return nil
	}
	return printScorecard(c.App.Writer, res)
}

func printScorecard(w io.Writer, res *programme.ScorecardResult) error {
	fmt.Fprintf(w, "County scorecard\n  %s\n  %s\n", res.Rule, report.ScorecardCards(res))
	rows := [][]string{{"rank", "county", "total", "assessed"}}
	for _, k := range programme.ScorecardIndicators() {
		rows[0] = append(rows[0], k)
	}
	rows[0] = append(rows[0], "card", "R14_yuan_month")
	for _, c := range res.Counties {
		r := []string{cardRank(c), c.County, cardTotal(c), fmtF(100*c.AssessedWeight, 0) + "%"}
		for _, x := range c.Indicators {
			r = append(r, cardValue(x))
		}
		r = append(r, cardFlag(c), fmt.Sprintf("%d–%d", c.Subsidy.MinYuanPerMonth, c.Subsidy.MaxYuanPerMonth))
		rows = append(rows, r)
	}
	if err := printTable(w, rows); err != nil {
		return outputError{fmt.Errorf("writing the table to stdout: %w", err)}
	}
	fmt.Fprintln(w, "  n/a = not assessed (input missing); * = target not met")
	return nil
}

func cardRank(c programme.CountyScore) string {
	if c.Rank == 0 {
		return "-"
	}
	return itoa(c.Rank)
}

func cardTotal(c programme.CountyScore) string {
	if c.Total == nil {
		return "not assessed"
	}
	return fmtF(*c.Total, 3)
}

func cardValue(x programme.Indicator) string {
	if x.Value == nil {
		return "n/a"
	}
	s := fmtF(*x.Value, 2)
	if x.Status == programme.StatusNotMet {
		s += "*"
	}
	return s
}

func cardFlag(c programme.CountyScore) string {
	switch {
	case c.TwoInARow:
		return "yellow (2nd in a row)"
	case c.YellowCard:
		return "yellow"
	}
	return ""
}
