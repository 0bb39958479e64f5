// Command catchment analyses emergency coverage of rural health facilities and
// proposes county sub-centres and village clinic plans.
//
// Run `catchment --help` for the subcommands; every subcommand works with no
// input files on the embedded sample data set.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
