package main

import (
	"context"
	"errors"
	"io"

	"github.com/urfave/cli/v2"
)

// errScenario marks an unusable scenario file or key.
var errScenario = errors.New("scenario")

// run is the whole program with its environment passed in, so tests can call
// it like main does.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	return exitReport(stderr, app.RunContext(ctx, args))
}

func newApp(stdout, stderr io.Writer) *cli.App {
	stopProfile := func() {}
	onUsage := func(_ *cli.Context, err error, _ bool) error { return usageError{err} }
	cmds := []*cli.Command{
		coverageCommand(),
		planCommand(),
		sampleCommand(),
		serveCommand(),
		mapCommand(),
		phaseCommand(),
		quotaCommand(),
		scorecardCommand(),
		roadsCommand(),
	}
	for _, c := range cmds {
		c.OnUsageError = onUsage
	}
	return &cli.App{
		Name:    "catchment",
		Version: catchmentVersion(),
		Usage:   "emergency coverage and clinic planning for rural health services",
		Description: "catchment reads village populations and health facility coordinates, computes which\n" +
			"villages lie within the emergency radius of care (WGS84 geodesic distance), proposes county\n" +
			"sub-centres and a clinic plan for small villages, and writes GeoJSON, CSV, JSON, Markdown\n" +
			"and maps; `serve` offers the same over HTTP with a map page. With no input files every\n" +
			"command runs on an embedded sample.",
		Commands: cmds,
		Flags:    profileFlags(),
		Before: func(c *cli.Context) error {
			stop, err := startProfile(c)
			if err == nil {
				stopProfile = stop
			}
			return err
		},
		After:                func(*cli.Context) error { stopProfile(); return nil },
		Writer:               stdout,
		ErrWriter:            &syncWriter{w: stderr},
		OnUsageError:         onUsage,
		ExitErrHandler:       func(*cli.Context, error) {},
		EnableBashCompletion: true,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("unknown command %q", c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
	}
}
