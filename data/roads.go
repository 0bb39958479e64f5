package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/catchment/catchment/data/osm"
	"github.com/catchment/catchment/data/roadlines"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
)

// Road file formats, as RoadReport.Format names them.
const (
	RoadFormatOSMPBF   = "osm-pbf"
	RoadFormatOSMXML   = "osm-xml"
	RoadFormatGeoJSON  = "geojson"
	RoadFormatPrepared = "prepared"
)

// PreparedRoadsExt is the extension of a prepared road network
// (catchment roads prepare): the graph itself, read without parsing.
const PreparedRoadsExt = ".roads"

// ErrRoads wraps every error of LoadRoads.
var ErrRoads = errors.New("data: road network")

// RoadOptions control LoadRoads.
type RoadOptions struct {
	// Bound is the extent of the villages and facilities; only roads
	// within it grown by MarginKm are read from an OSM file. The zero
	// Bound reads the whole file.
	Bound orb.Bound
	// MarginKm grows Bound (0 means osm.DefaultMarginKm, 30 km).
	MarginKm float64
	// SpeedsKmh overrides roads.DefaultSpeedsKmh per class (a scenario's
	// [speeds] table). It does not apply to a prepared network, whose
	// speeds were fixed when it was prepared.
	SpeedsKmh map[string]float64
	// CRS is the coordinate system of a GeoJSON road file ("" is WGS84).
	CRS geo.CRS
	// Progress, when not nil, is called while an OSM file is read with the
	// bytes read and the total (-1 when unknown).
	Progress func(readBytes, totalBytes int64)
}

// RoadReport says how a road file was read and what network it gave.
type RoadReport struct {
	File   string      `json:"file"`
	Format string      `json:"format"`
	Stats  roads.Stats `json:"stats"`
	// Ways handed to the graph builder, and how many it could route.
	Ways     int `json:"ways"`
	Routable int `json:"routable"`
	// Notes are one line each on what was skipped, dropped or read
	// differently (counts by reason, with an example), for stderr and the
	// summary. Nothing is skipped without a note.
	Notes []string `json:"notes"`
	// OSM and Lines are the reader's own report (one of them, or neither
	// for a prepared network); Build the graph builder's.
	OSM   *osm.Report        `json:"-"`
	Lines *roadlines.Report  `json:"-"`
	Build *roads.BuildReport `json:"-"`
}

// RoadFormat names the format of a road file from its name: .osm.pbf/.pbf,
// .osm/.osm.gz/.osm.bz2/.xml, .geojson/.json, or .roads (prepared).
func RoadFormat(path string) (string, error) {
	name := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(name, ".pbf"):
		return RoadFormatOSMPBF, nil
	case strings.HasSuffix(name, ".osm"), strings.HasSuffix(name, ".osm.gz"), strings.HasSuffix(name, ".osm.bz2"), strings.HasSuffix(name, ".xml"):
		return RoadFormatOSMXML, nil
	case strings.HasSuffix(name, ".geojson"), strings.HasSuffix(name, ".json"):
		return RoadFormatGeoJSON, nil
	case strings.HasSuffix(name, PreparedRoadsExt):
		return RoadFormatPrepared, nil
	}
	return "", fmt.Errorf("%w: %s: unknown road file type (want .osm.pbf, .osm, .geojson or %s)", ErrRoads, path, PreparedRoadsExt)
}

// LoadRoads reads the road file at path and builds the routable network.
// The report is never nil after the format is known.
func LoadRoads(ctx context.Context, path string, opt RoadOptions) (*roads.Network, *RoadReport, error) {
	format, err := RoadFormat(path)
	if err != nil {
		return nil, nil, err
	}
	rep := &RoadReport{File: path, Format: format}
	if format == RoadFormatPrepared {
		net, err := loadPrepared(path)
		if err != nil {
			return nil, rep, err
		}
		rep.Stats = net.Stats()
		if len(opt.SpeedsKmh) > 0 {
			rep.Notes = append(rep.Notes, "speeds of the scenario not applied: a prepared network keeps the speeds it was prepared with")
		}
		return net, rep, nil
	}
	ways, err := readWays(ctx, path, format, opt, rep)
	if err != nil {
		return nil, rep, err
	}
	net, brep, err := roads.Build(ways, roads.BuildOptions{SpeedsKmh: opt.SpeedsKmh})
	rep.Build = brep
	if brep != nil {
		rep.Ways, rep.Routable = brep.Ways, brep.Routable
		rep.Notes = append(rep.Notes, buildNotes(brep)...)
	}
	if err != nil {
		return nil, rep, fmt.Errorf("%w: %s: %w", ErrRoads, path, err)
	}
	rep.Stats = net.Stats()
	return net, rep, nil
}

func loadPrepared(path string) (*roads.Network, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRoads, err)
	}
	defer f.Close()
	net, err := roads.ReadNetwork(f)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrRoads, path, err)
	}
	return net, nil
}

// readWays reads the ways of an OSM or GeoJSON road file and notes what
// the reader skipped.
func readWays(ctx context.Context, path, format string, opt RoadOptions, rep *RoadReport) ([]roads.Way, error) {
	if format == RoadFormatGeoJSON {
		ways, lrep, err := roadlines.Load(path, roadlines.Options{CRS: opt.CRS})
		rep.Lines = lrep
		if lrep != nil {
			if n := len(lrep.Rejected); n > 0 {
				rep.Notes = append(rep.Notes, fmt.Sprintf("%d of %d features rejected; first: %s", n, lrep.Features, lrep.Rejected[0].Reason))
			}
			for _, t := range lrep.Notes {
				rep.Notes = append(rep.Notes, tallyNote(t.Reason, t.Count, t.Examples))
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrRoads, err)
		}
		return ways, nil
	}
	f := "pbf"
	if format == RoadFormatOSMXML {
		f = "xml"
	}
	ways, orep, err := osm.Load(ctx, path, osm.Options{Bound: opt.Bound, MarginKm: opt.MarginKm, Format: f, Progress: opt.Progress})
	rep.OSM = orep
	if orep != nil {
		for _, t := range orep.Skipped {
			rep.Notes = append(rep.Notes, "ways skipped, "+tallyNote(t.Reason, t.Count, t.Examples))
		}
		for _, t := range orep.Notes {
			rep.Notes = append(rep.Notes, tallyNote(t.Reason, t.Count, t.Examples))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRoads, err)
	}
	return ways, nil
}

func tallyNote(reason string, count int, examples []string) string {
	s := fmt.Sprintf("%s: %d", reason, count)
	if len(examples) > 0 {
		s += " (e.g. " + examples[0] + ")"
	}
	return s
}

// buildNotes says what the graph builder left out.
func buildNotes(b *roads.BuildReport) []string {
	var notes []string
	if n := len(b.Dropped); n > 0 {
		d := b.Dropped[0]
		notes = append(notes, fmt.Sprintf("invalid ways dropped: %d (e.g. %s: %s)", n, d.ID, d.Reason))
	}
	if b.NodeConflicts > 0 {
		notes = append(notes, fmt.Sprintf("node ids met again with other coordinates (first kept): %d", b.NodeConflicts))
	}
	return notes
}
