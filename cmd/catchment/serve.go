package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/server"
	"github.com/urfave/cli/v2"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "serve the HTTP API and the map page",
		UsageText: "catchment serve [--addr 127.0.0.1:8080] [--data-dir DIR] [--villages FILE --facilities FILE] [--token TOKEN]",
		Description: "Serves coverage and plans over HTTP for notebooks, scripts and the map page at \"/\":\n" +
			"datasets (the embedded sample is dataset \"sample\"; --villages/--facilities add one),\n" +
			"synchronous coverage, and runs computed in the background with results at stable URLs.\n" +
			"The API is described at /api/v1/openapi.json. Datasets, runs and results persist in\n" +
			"--data-dir. Prints \"catchment: serving on http://HOST:PORT\" once listening; stops\n" +
			"gracefully on SIGINT or SIGTERM.\n\n" +
			"Only loopback addresses are served without a token: to listen on another address give\n" +
			"--token (or CATCHMENT_TOKEN); every API request (/api/...) then needs\n" +
			"\"Authorization: Bearer TOKEN\".\n\n" +
			"Examples:\n" +
			"   catchment serve                                   # http://127.0.0.1:8080, the sample\n" +
			"   catchment serve --addr 127.0.0.1:0                # any free port (printed)\n" +
			"   catchment serve --villages v.csv --facilities f.csv --data-dir ./catchment-data\n" +
			"   CATCHMENT_TOKEN=secret catchment serve --addr 0.0.0.0:8080\n\n" +
			"Exit status: 0 after a graceful stop, 2 usage (bad address, port in use, no token for\n" +
			"a public address, --data-dir used by another catchment serve, unreadable file),\n" +
			"3 invalid input data.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080",
				Usage: "listen on `HOST:PORT` (port 0: any free port); other than loopback needs --token"},
			&cli.StringFlag{Name: "data-dir", TakesFile: true,
				Usage: "keep datasets, runs and results in `DIR` (default: $XDG_DATA_HOME/catchment or ~/.local/share/catchment)"},
			&cli.StringFlag{Name: "token", EnvVars: []string{"CATCHMENT_TOKEN"},
				Usage: "require \"Authorization: Bearer `TOKEN`\" on every API request (the map page and /healthz stay open; the page asks for the token)"},
			&cli.IntFlag{Name: "max-upload-mb", Value: server.DefaultMaxUploadBytes >> 20,
				Usage: "largest request body (upload) in MB; larger ones are refused with 413"},
			&cli.IntFlag{Name: "max-memory-mb", Value: int(server.DefaultMaxMemoryBytes >> 20),
				Usage: "memory budget in MB: uploads, coverage requests and runs estimated to pass it are refused with 503 (queued runs wait)"},
			&cli.IntFlag{Name: "max-roads-mb", Value: int(server.DefaultMaxRoadsBytes >> 20),
				Usage: "largest road file (the upload's \"roads\" part: .osm.pbf, .osm, .geojson or .roads) in MB; larger ones are refused with 413"},
			&cli.IntFlag{Name: "cached-networks", Value: server.DefaultCachedNetworks,
				Usage: "built road networks kept in memory (each counts in the memory budget)"},
			&cli.IntFlag{Name: "max-columns", Value: server.DefaultMaxColumns,
				Usage: "most columns an uploaded table may have; wider ones are refused with 422"},
			&cli.IntFlag{Name: "workers", DefaultText: "the number of CPUs", Usage: "runs computed at the same time"},
			&cli.IntFlag{Name: "keep-runs", Value: server.DefaultKeepRuns,
				Usage: "keep the newest `N` finished runs; older ones are deleted with their results when a run ends (0: keep all)"},
			&cli.StringFlag{Name: "villages", Category: "Input", TakesFile: true,
				Usage: "also serve these villages (with --facilities) as a dataset; same formats as 'catchment coverage'"},
			&cli.StringFlag{Name: "facilities", Category: "Input", TakesFile: true,
				Usage: "the facilities of the --villages dataset"},
			&cli.StringFlag{Name: "boundaries", Category: "Input", TakesFile: true,
				Usage: "county boundaries (GeoJSON Polygon/MultiPolygon features named by county) for the map page: attached to the --villages dataset, or to the sample when given alone"},
			&cli.StringFlag{Name: "name", Category: "Input", Usage: "display name of the --villages dataset (default: the file name)"},
			&cli.StringFlag{Name: "encoding", Category: "Input", Value: "auto",
				Usage: "text encoding of --villages/--facilities: auto, utf-8, gbk or gb18030"},
			&cli.StringFlag{Name: "crs", Category: "Input", Value: "wgs84",
				Usage: "coordinate system of --villages/--facilities: wgs84, gcj02 or bd09"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "log only warnings and errors on stderr, not every request"},
		},
		Action: runServe,
	}
}

func runServe(c *cli.Context) error {
	so, err := serveFlags(c)
	if err != nil {
		return err
	}
	stdout, stderr := c.App.Writer, c.App.ErrWriter
	// Listen first: a busy port fails before the data directory is touched.
	ln, err := net.Listen("tcp", so.addr)
	if err != nil {
		return usageError{fmt.Errorf("--addr %s: %w", so.addr, err)}
	}
	defer ln.Close() // Serve closes it too; a second close is harmless
	if so.token == "" && !server.IsLoopback(ln.Addr()) {
		return usagef("--addr %s resolves to %s, not a loopback address: give --token", so.addr, ln.Addr())
	}
	srv, err := newServer(c, so)
	if errors.Is(err, server.ErrDataDirLocked) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := serveStartData(c, srv, so); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "catchment: serving on http://%s\n", ln.Addr())
	fmt.Fprintf(stderr, "catchment: data in %s\n", srv.DataDir())
	if err := srv.Serve(c.Context, ln); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "catchment: stopped")
	return nil
}

// serveOptions are serve's flags, checked.
type serveOptions struct {
	vpath, fpath string // the start dataset's files, both or neither
	crs          geo.CRS
	keep         int // server.Config.KeepRuns: negative keeps all
	addr, token  string
}

// serveFlags checks serve's flags before anything is opened: a usage
// error for the first one that is wrong.
func serveFlags(c *cli.Context) (serveOptions, error) {
	if c.Args().Present() {
		return serveOptions{}, usagef("serve takes no arguments (got %q)", c.Args().First())
	}
	so := serveOptions{vpath: c.String("villages"), fpath: c.String("facilities")}
	if (so.vpath == "") != (so.fpath == "") {
		return so, usagef("--villages and --facilities go together")
	}
	var err error
	if so.crs, err = geo.ParseCRS(c.String("crs")); err != nil {
		return so, usageError{err}
	}
	if c.Int("max-upload-mb") <= 0 {
		return so, usagef("--max-upload-mb %d: want a positive number of MB", c.Int("max-upload-mb"))
	}
	for _, f := range []string{"max-memory-mb", "max-columns", "max-roads-mb", "cached-networks"} {
		if c.Int(f) <= 0 {
			return so, usagef("--%s %d: want a positive number", f, c.Int(f))
		}
	}
	if c.Int("workers") < 0 {
		return so, usagef("--workers %d: want a positive number (0: one per CPU)", c.Int("workers"))
	}
	so.keep = c.Int("keep-runs")
	switch {
	case so.keep < 0:
		return so, usagef("--keep-runs %d: want a number of runs (0: keep all)", so.keep)
	case so.keep == 0:
		so.keep = -1 // server.Config: negative keeps all
	}
	so.addr, so.token = c.String("addr"), c.String("token")
	if so.token != "" && strings.TrimSpace(so.token) != so.token {
		// Clients' tokens are compared trimmed: this one would lock them all out.
		return so, usagef("--token: the token is blank or starts or ends with white space")
	}
	host, _, err := net.SplitHostPort(so.addr)
	if err != nil {
		return so, usagef("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", so.addr)
	}
	if so.token == "" && !loopbackHost(host) {
		return so, usagef("--addr %s is not a loopback address: give --token (or set CATCHMENT_TOKEN) so that every request must authenticate", so.addr)
	}
	return so, nil
}

// newServer opens the server on --data-dir with the flags' limits, logging
// to stderr (warnings only with --quiet).
func newServer(c *cli.Context, so serveOptions) (*server.Server, error) {
	level := slog.LevelInfo
	if c.Bool("quiet") {
		level = slog.LevelWarn
	}
	return server.New(server.Config{
		DataDir:        c.String("data-dir"),
		Token:          so.token,
		MaxUploadBytes: int64(c.Int("max-upload-mb")) << 20,
		MaxMemoryBytes: int64(c.Int("max-memory-mb")) << 20,
		MaxColumns:     c.Int("max-columns"),
		MaxRoadsBytes:  int64(c.Int("max-roads-mb")) << 20,
		CachedNetworks: c.Int("cached-networks"),
		Workers:        c.Int("workers"),
		KeepRuns:       so.keep,
		Logger:         slog.New(slog.NewTextHandler(c.App.ErrWriter, &slog.HandlerOptions{Level: level})),
	})
}

// serveStartData imports --villages and --facilities (with --boundaries)
// as a dataset, or attaches --boundaries to the sample.
func serveStartData(c *cli.Context, srv *server.Server, so serveOptions) error {
	stderr := c.App.ErrWriter
	bpath := c.String("boundaries")
	if so.vpath != "" {
		opt := table.ReadOptions{Encoding: c.String("encoding"), CRS: so.crs}
		id, reports, err := srv.ImportFiles(c.Context, c.String("name"), so.vpath, so.fpath, bpath, opt)
		if err != nil {
			return err
		}
		if !c.Bool("quiet") {
			printRejections(stderr, reports, "GET /api/v1/datasets/"+id)
		}
		fmt.Fprintf(stderr, "catchment: dataset %s from %s and %s\n", id, so.vpath, so.fpath)
	} else if bpath != "" {
		if err := srv.AttachSampleBoundaries(bpath); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "catchment: county boundaries of the sample from %s\n", bpath)
	}
	return nil
}

// loopbackHost reports whether host names only this machine: a loopback
// IP or "localhost". An empty host means every interface.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
