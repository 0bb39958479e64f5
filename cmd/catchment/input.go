package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/synth"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/urfave/cli/v2"
)

// inputFlags are the flags every analysis command shares for reading data.
func inputFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "villages", Category: "Input", TakesFile: true,
			Usage: "villages `FILE` (CSV, GeoJSON, .xlsx or .gpkg: id,name,county,township,population,lon,lat, or a 6/9/12-digit division code instead of id/county/township; Chinese headers accepted); default: the embedded sample"},
		&cli.StringFlag{Name: "facilities", Category: "Input", TakesFile: true,
			Usage: "facilities `FILE` (CSV, GeoJSON, .xlsx or .gpkg: id,name,type,lon,lat[,county,township,code,beds,staff]; a missing county or township is taken from the nearest village); default: the embedded sample"},
		&cli.StringFlag{Name: "encoding", Category: "Input", Value: "auto",
			Usage: "text encoding of CSV input: auto (UTF-8, else GB18030/GBK), utf-8, gbk or gb18030"},
		&cli.StringFlag{Name: "crs", Category: "Input", Value: "wgs84",
			Usage: "coordinate system of the input: wgs84 (also cgcs2000), gcj02 (AMap, Tencent) or bd09 (Baidu); converted to WGS84"},
		&cli.BoolFlag{Name: "strict", Category: "Input",
			Usage: "fail on the first bad row instead of skipping and reporting it"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"},
			Usage: "no progress or rejected-row messages on stderr (a file that lost over 1 % of its rows is still reported)"},
	}, realDataFlags()...)
}

// inputs are the data a command works on, with the reports of reading it.
type inputs struct {
	Villages   []planner.Village
	Facilities []planner.Facility
	Reports    []*table.ReadReport
}

// loadInputs reads --villages and --facilities, or the embedded sample when
// neither is given, and reports rejected rows on stderr.
func loadInputs(c *cli.Context, p *progress) (*inputs, error) {
	if _, err := geo.ParseCRS(c.String("crs")); err != nil {
		return nil, usageError{err}
	}
	if _, err := table.ParseEncoding(c.String("encoding")); err != nil {
		return nil, usageError{err}
	}
	rd, err := loadRealData(c)
	if err != nil {
		return nil, err
	}
	opt := readOptions(c)
	vpath, fpath := c.String("villages"), c.String("facilities")
	if (vpath == "") != (fpath == "") {
		return nil, usagef("--villages and --facilities go together (give both, or neither for the embedded sample)")
	}
	// The two files share nothing: read them at the same time.
	in := &inputs{}
	var (
		vrep, frep *table.ReadReport
		verr, ferr error
		wg         sync.WaitGroup
	)
	p.Stage("reading villages and facilities")
	wg.Add(1)
	go func() {
		defer wg.Done()
		if fpath == "" {
			in.Facilities, frep, ferr = data.ReadFacilities(bytes.NewReader(synth.SampleFacilitiesCSV()), "sample:facilities.csv", opt)
		} else {
			in.Facilities, frep, ferr = data.LoadFacilities(fpath, opt)
		}
	}()
	if vpath == "" {
		in.Villages, vrep, verr = data.ReadVillages(bytes.NewReader(synth.SampleVillagesCSV()), "sample:villages.csv", opt)
	} else {
		in.Villages, vrep, verr = data.LoadVillages(vpath, opt)
	}
	wg.Wait()
	if err := errors.Join(verr, ferr); err != nil {
		return nil, err
	}
	in.Reports = []*table.ReadReport{vrep, frep}
	finishInputs(in)
	if !c.Bool("quiet") {
		for _, w := range rd.warnings {
			fmt.Fprintf(c.App.ErrWriter, "%s: warning: %s\n", flagString(c, "boundaries"), w)
		}
		printRejections(c.App.ErrWriter, in.Reports, summaryHint(c))
	}
	warnLoudRejections(c.App.ErrWriter, in)
	return in, nil
}

// readOptions are the reader options of the input flags (CRS checked by
// loadInputs).
func readOptions(c *cli.Context) table.ReadOptions {
	crs, _ := geo.ParseCRS(c.String("crs"))
	return realDataOptions(c, table.ReadOptions{Encoding: c.String("encoding"), CRS: crs, Strict: c.Bool("strict")})
}

// printRejections lists rejected rows on w: all of them, or only the first
// few when elsewhere (named by more) holds the complete list.
func printRejections(w io.Writer, reports []*table.ReadReport, more string) {
	const few = 20
	for _, r := range reports {
		// Position prints a file-level entry (Line 0) as "file", not "file:0".
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "%s: warning: %s\n", x.Position(), x.Reason)
		}
		for i, x := range r.Rejected {
			if more != "" && i == few {
				fmt.Fprintf(w, "%s: %d more rejected rows: %s lists them all\n", r.File, len(r.Rejected)-few, more)
				// The rest by kind of reason, so that a million bad rows
				// still read as a few lines.
				for k, o := range r.Bound(few).Omitted {
					if k == few {
						fmt.Fprintf(w, "%s: and other reasons\n", r.File)
						break
					}
					fmt.Fprintf(w, "%s: %d more: %s\n", r.File, o.Count, o.Reason)
				}
				break
			}
			fmt.Fprintf(w, "%s: rejected: %s\n", x.Position(), x.Reason)
		}
		if n := r.RejectedTotal(); n > 0 {
			fmt.Fprintf(w, "%s: %d of %d rows rejected\n", r.File, n, r.Rows)
		}
	}
}

// summaryHint names the summary file as the full list of rejected rows, or
// "" when there is none.
func summaryHint(c *cli.Context) string {
	if path := c.String("summary"); path != "" && path != "-" {
		return "the summary " + path
	}
	return ""
}
