package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/urfave/cli/v2"
)

// profileFlags are hidden global flags for finding where time goes
// (`catchment --cpuprofile cpu.out coverage …`, then `go tool pprof`).
func profileFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cpuprofile", Hidden: true, TakesFile: true,
			Usage: "write a CPU profile of the command to `FILE` (go tool pprof)"},
		&cli.StringFlag{Name: "memprofile", Hidden: true, TakesFile: true,
			Usage: "write a heap profile (allocations included) at the end of the command to `FILE`"},
	}
}

// startProfile starts the CPU profile --cpuprofile asks for and returns
// the function that stops it (and writes the heap profile --memprofile
// asks for).
func startProfile(c *cli.Context) (stop func(), err error) {
	heap := func() {}
	if hp := c.String("memprofile"); hp != "" {
		heap = func() {
			if f, err := os.Create(hp); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}
	path := c.String("cpuprofile")
	if path == "" {
		return heap, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close(); heap() }, nil
}
