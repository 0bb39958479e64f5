package osm

import (
	"bufio"
	"context"

	"fmt"
	"io"
	"os"
	"sync/atomic"

	posm "github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"github.com/paulmach/osm/osmxml"

	"github.com/catchment/catchment/roads"
)

// Load reads the OSM file at path with Read; Progress gets the file size
// as total.
func Load(ctx context.Context, path string, opt Options) ([]roads.Way, *Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Report{File: path}, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	defer f.Close()
	return Read(ctx, f, path, opt)
}

// Read reads the routable roads of an OSM PBF or XML stream; name
// identifies it in the report and in errors. See the package comment for
// what is kept. The report is never nil. The error wraps ErrUnreadable,
// ErrFormat, ErrUnsorted or ErrNoRoads (then the report says why every way
// was skipped), or is ctx.Err() when ctx is cancelled.
func Read(ctx context.Context, r io.Reader, name string, opt Options) ([]roads.Way, *Report, error) {
	rep := &Report{File: name, maxExamples: opt.maxExamples()}
	reg, err := newRegion(opt.Bound, opt.MarginKm)
	if err != nil {
		return nil, rep, err
	}
	rep.Region = reg.bound
	cr := &countingReader{r: r}
	in, format, err := openInput(bufio.NewReaderSize(cr, 1<<16), opt.Format, name)
	if err != nil {
		return nil, rep, err
	}
	rep.Format = format
	rd := &reader{opt: opt, reg: reg, rep: rep, classes: defaultClassSet, cr: cr, total: sizeOf(r)}
	if opt.Classes != nil {
		rd.classes = classSet(opt.Classes)
	}
	if err := rd.run(ctx, in, format); err != nil {
		return nil, rep, err
	}
	rd.finishReport()
	if len(rd.ways) == 0 {
		return nil, rep, fmt.Errorf("%w: %s: %d ways read, none kept", ErrNoRoads, name, rep.Ways)
	}
	return rd.ways, rep, nil
}

// reader is the state of one Read.
type reader struct {
	opt     Options
	reg     region
	rep     *Report
	classes map[string]bool
	cr      *countingReader
	total   int64

	nodes     nodeStore
	used      []bool // per stored node, whether a kept way uses it
	inWays    bool   // a way has been seen
	nodesSeen atomic.Int64
	noHighway atomic.Int64
	ways      []roads.Way
	lastProg  int64
}

// keepNode counts a node and says whether the main loop needs it: inside
// the region, or with invalid coordinates (to note them). It runs on the
// PBF decoder goroutines.
func (rd *reader) keepNode(n *posm.Node) bool {
	rd.nodesSeen.Add(1)
	return rd.reg.contains(n.Lon, n.Lat) || !validLonLat(n.Lon, n.Lat)
}

// keepWay counts ways without a highway tag (most of a file: buildings,
// land use) so they are never decoded further. It runs on the decoders.
func (rd *reader) keepWay(w *posm.Way) bool {
	if w.Tags.Find("highway") == "" {
		rd.noHighway.Add(1)
		return false
	}
	return true
}

func validLonLat(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

func (rd *reader) run(ctx context.Context, in io.Reader, format string) error {
	var sc posm.Scanner
	if format == FormatPBF {
		ps := osmpbf.New(ctx, in, rd.opt.procs())
		ps.SkipRelations = true
		ps.FilterNode = rd.keepNode
		ps.FilterWay = rd.keepWay
		sc = ps
	} else {
		sc = osmxml.New(ctx, in)
	}
	defer sc.Close()
	filtered := format == FormatPBF
	for i := 0; sc.Scan(); i++ {
		if i&0xfff == 0 {
			rd.progress(false)
		}
		var err error
		switch o := sc.Object().(type) {
		case *posm.Node:
			if filtered || rd.keepNode(o) {
				err = rd.node(o)
			}
		case *posm.Way:
			if filtered || rd.keepWay(o) {
				rd.way(o)
			}
		}
		if err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if rerr := rd.cr.readErr(); rerr != nil {
			return fmt.Errorf("%w: %s: %w", ErrUnreadable, rd.rep.File, rerr)
		}
		return fmt.Errorf("%w: %s: %w", ErrFormat, rd.rep.File, err)
	}
	if !rd.inWays {
		rd.startWays()
	}
	rd.progress(true)
	return nil
}

// node stores a node of the region, or notes one with invalid coordinates.
func (rd *reader) node(n *posm.Node) error {
	if !validLonLat(n.Lon, n.Lat) {
		rd.rep.note(NoteBadNode, "node", int64(n.ID), fmt.Sprintf("lon %v lat %v", n.Lon, n.Lat))
		return nil
	}
	if rd.inWays {
		return fmt.Errorf("%w: %s: node/%d after the first way", ErrUnsorted, rd.rep.File, n.ID)
	}
	rd.nodes.add(int64(n.ID), n.Lon, n.Lat)
	return nil
}

// startWays ends the node section.
func (rd *reader) startWays() {
	rd.inWays = true
	if rd.nodes.finish() {
		rd.rep.note(NoteUnsortedNode, "node", 0, "")
	}
	rd.used = make([]bool, len(rd.nodes.ids))
}

func (rd *reader) progress(final bool) {
	if rd.opt.Progress == nil {
		return
	}
	n := rd.cr.n.Load()
	if final || n-rd.lastProg >= 1<<20 {
		rd.lastProg = n
		rd.opt.Progress(n, rd.total)
	}
}

func (rd *reader) finishReport() {
	rep := rd.rep
	rep.Bytes = rd.cr.n.Load()
	rep.Nodes = rd.nodesSeen.Load()
	rep.NodesInRegion = len(rd.nodes.ids)
	if nh := rd.noHighway.Load(); nh > 0 {
		rep.Ways += nh
		// Counted only, without examples: most ways are not roads.
		rep.Skipped = append([]Tally{{Reason: ReasonNoHighway, Count: int(nh)}}, rep.Skipped...)
	}
	for _, u := range rd.used {
		if u {
			rep.NodesUsed++
		}
	}
	rep.Pieces = len(rd.ways)
}
