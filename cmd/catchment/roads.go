package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/odmatrix"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/synth"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
	"github.com/paulmach/orb"
	"github.com/urfave/cli/v2"
)

// Distance metrics of --distance.
const (
	distStraight = "straight"
	distRoad     = "road"
	distOD       = "od"
)

// sampleRoadSeed is the seed of the embedded sample's road network.
const sampleRoadSeed = 1

// roadFlags are the flags choosing how distances are measured. --distance
// defaults to straight, to road when --roads is given and to od when
// --od-matrix is.
func roadFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "distance", Category: "Distance", DefaultText: "straight; road with --roads; od with --od-matrix",
			Usage: "how trips are measured: straight (WGS84 geodesic), road (along --roads, or the embedded sample's roads) or od (--od-matrix)"},
		&cli.StringFlag{Name: "roads", Category: "Distance", TakesFile: true,
			Usage: "road network `FILE`: OpenStreetMap .osm.pbf or .osm, GeoJSON LineStrings (highway/class, speed_kmh, oneway) or a prepared .roads file"},
		&cli.Float64Flag{Name: "roads-margin-km", Category: "Distance", Value: 30,
			Usage: "read OSM roads within this many km around the villages and facilities"},
		&cli.Float64SliceFlag{Name: "minutes", Category: "Distance",
			Usage: "travel-time radii in minutes instead of km (needs --distance road, or od with a minutes column); comma-separated"},
		&cli.Float64Flag{Name: "access-speed-kmh", Category: "Distance", Value: roads.DefaultAccessSpeedKmh,
			Usage: "speed of the off-road leg between a village or facility and the road (walking)"},
		&cli.Float64Flag{Name: "max-snap-km", Category: "Distance", Value: roads.DefaultMaxSnapKm,
			Usage: "a place farther than this from a usable road is unreachable (reported, not dropped)"},
		&cli.StringFlag{Name: "od-matrix", Category: "Distance", TakesFile: true,
			Usage: "precomputed distances `FILE` (CSV: origin_id, destination_id, km and/or minutes; OSRM, pgRouting, ArcGIS); absent pairs are unreachable"},
		&cli.StringFlag{Name: "speeds", Category: "Distance",
			Usage: "road speeds in km/h by class, e.g. track=10,unclassified=25 (a scenario file's [speeds] table); overrides catchment's defaults"},
	}
}

// metricSetup is the metric a command measures with, and what to say about
// it.
type metricSetup struct {
	Metric geo.Metric
	// ClinicMetric is the metric of the clinic plan (whose thresholds are
	// km): the road network by distance when Metric is by time.
	ClinicMetric geo.Metric
	Minutes      []float64
	Net          *roads.Network
	Info         *summary.MetricInfo
}

// distanceChoice reads --distance with its default.
func distanceChoice(c *cli.Context) (string, error) {
	d := strings.ToLower(strings.TrimSpace(c.String("distance")))
	switch {
	case d == "" && c.String("od-matrix") != "":
		d = distOD
	case d == "" && c.String("roads") != "":
		d = distRoad
	case d == "":
		d = distStraight
	}
	switch d {
	case distStraight, distRoad, distOD:
	default:
		return "", usagef("--distance %q: want straight, road or od", d)
	}
	if d != distRoad && c.String("roads") != "" {
		return "", usagef("--roads needs --distance road (got %s)", d)
	}
	if d != distOD && c.String("od-matrix") != "" {
		return "", usagef("--od-matrix needs --distance od (got %s)", d)
	}
	if d == distOD && c.String("od-matrix") == "" {
		return "", usagef("--distance od needs --od-matrix FILE")
	}
	if d == distStraight && len(c.Float64Slice("minutes")) > 0 {
		return "", usagef("--minutes needs a travel-time metric: --distance road (with --roads) or --distance od with a minutes column; straight-line distance has no time")
	}
	return d, nil
}

// parseSpeeds reads "class=kmh,class=kmh".
func parseSpeeds(s string) (map[string]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	out := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		k = strings.TrimSpace(k)
		kmh, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || k == "" || err != nil || !(kmh >= 0) || kmh > 300 {
			return nil, usagef("--speeds %q: want class=km/h with 0 ≤ km/h ≤ 300 (0 makes the class unroutable), e.g. track=10", part)
		}
		out[k] = kmh
	}
	return out, nil
}

// loadInputsAndMetric reads the inputs (loadInputs) and builds the metric
// the flags ask for over them (loadMetric).
func loadInputsAndMetric(c *cli.Context, p *progress) (*inputs, *metricSetup, error) {
	in, err := loadInputs(c, p)
	if err != nil {
		return nil, nil, err
	}
	ms, err := loadMetric(c, in, p)
	if err != nil {
		return nil, nil, err
	}
	return in, ms, nil
}

// loadMetric builds the metric the flags ask for, with progress on stderr
// and the road file's notes as warnings.
func loadMetric(c *cli.Context, in *inputs, p *progress) (*metricSetup, error) {
	d, err := distanceChoice(c)
	if err != nil {
		return nil, err
	}
	minutes := c.Float64Slice("minutes")
	ms := &metricSetup{Minutes: minutes}
	switch d {
	case distStraight:
		ms.Metric = geo.Straight{}
		ms.Info = &summary.MetricInfo{Name: distStraight, Description: "straight line (WGS84 geodesic)"}
		return ms, nil
	case distOD:
		return loadOD(c, ms)
	}
	speeds, err := parseSpeeds(c.String("speeds"))
	if err != nil {
		return nil, err
	}
	net, rep, err := loadNetwork(c, in, p, speeds)
	if err != nil {
		return nil, err
	}
	stderr, quiet := c.App.ErrWriter, c.Bool("quiet")
	if !quiet {
		for _, n := range rep.Notes {
			fmt.Fprintf(stderr, "%s: warning: %s\n", rep.File, n)
		}
	}
	// One snap memo for the run: every step snaps the same villages.
	base := roads.Metric{Net: net, AccessSpeedKmh: c.Float64("access-speed-kmh"), MaxSnapKm: c.Float64("max-snap-km"),
		Memo: roads.NewSnapMemo()}
	if !(base.AccessSpeedKmh > 0) || !(base.MaxSnapKm > 0) {
		return nil, usagef("--access-speed-kmh and --max-snap-km must be positive")
	}
	ms.Net, ms.Metric, ms.ClinicMetric = net, base, base
	desc := "road by distance"
	if len(minutes) > 0 {
		byTime := base
		byTime.Cost = roads.ByTime
		ms.Metric, desc = byTime, "road by travel time"
	}
	sp := effectiveSpeeds(speeds, rep.Format == data.RoadFormatPrepared)
	ms.Info = &summary.MetricInfo{Name: distRoad, Description: desc, RoadFile: rep.File, RoadFormat: rep.Format,
		Stats: &rep.Stats, SpeedsKmh: sp, AccessSpeedKmh: base.AccessSpeedKmh, MaxSnapKm: base.MaxSnapKm, Notes: rep.Notes}
	if !quiet {
		st := rep.Stats
		fmt.Fprintf(stderr, "catchment: roads %s: %d nodes, %d segments, %d graph nodes, %d components (largest %d nodes)\n",
			rep.File, st.Nodes, st.Segments, st.GraphNodes, st.Components, st.LargestComponent)
		fmt.Fprintf(stderr, "catchment: assumed speeds (km/h): %s; off-road legs at %g km/h, at most %g km\n",
			speedText(sp), base.AccessSpeedKmh, base.MaxSnapKm)
	}
	return ms, nil
}

// effectiveSpeeds is catchment's speed table with the overrides applied.
func effectiveSpeeds(over map[string]float64, prepared bool) map[string]float64 {
	sp := roads.DefaultSpeedsKmh()
	if !prepared {
		maps.Copy(sp, over)
	}
	return sp
}

// speedText renders speeds sorted by class.
func speedText(sp map[string]float64) string {
	keys := slices.Sorted(maps.Keys(sp))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %g", k, sp[k])
	}
	return strings.Join(parts, ", ")
}

// loadNetwork reads --roads, or builds the embedded sample's roads when
// the embedded sample is used.
func loadNetwork(c *cli.Context, in *inputs, p *progress, speeds map[string]float64) (*roads.Network, *data.RoadReport, error) {
	path := c.String("roads")
	if path == "" {
		if c.String("villages") != "" {
			return nil, nil, usagef("--distance road needs --roads FILE (only the embedded sample has roads of its own)")
		}
		p.Stage("building the sample's road network")
		ways := synth.RoadWays(in.Villages, in.Facilities, sampleRoadSeed)
		net, brep, err := roads.Build(ways, roads.BuildOptions{SpeedsKmh: speeds})
		if err != nil {
			return nil, nil, fmt.Errorf("sample roads: %w", err)
		}
		rep := &data.RoadReport{File: "sample:roads", Format: "synthetic", Stats: net.Stats(), Ways: brep.Ways, Routable: brep.Routable}
		return net, rep, nil
	}
	if _, err := data.RoadFormat(path); err != nil {
		return nil, nil, usageError{err}
	}
	crs, _ := geo.ParseCRS(c.String("crs"))
	p.Stage("reading roads " + path)
	net, rep, err := data.LoadRoads(c.Context, path, data.RoadOptions{
		Bound: inputBound(in), MarginKm: c.Float64("roads-margin-km"), SpeedsKmh: speeds, CRS: crs,
		Progress: func(read, total int64) { p.Count("reading roads (MB)", int(read>>20), int(total>>20)) },
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
			return nil, nil, usageError{err}
		}
		return nil, nil, err
	}
	return net, rep, nil
}

// inputBound is the extent of the villages and facilities.
func inputBound(in *inputs) orb.Bound {
	pts := make(orb.MultiPoint, 0, len(in.Villages)+len(in.Facilities))
	for _, v := range in.Villages {
		pts = append(pts, v.Location)
	}
	for _, f := range in.Facilities {
		pts = append(pts, f.Location)
	}
	if len(pts) == 0 {
		return orb.Bound{}
	}
	return pts.Bound()
}

// loadOD reads --od-matrix into the metric counting minutes when --minutes
// is given, else km.
func loadOD(c *cli.Context, ms *metricSetup) (*metricSetup, error) {
	path := c.String("od-matrix")
	pairs, rep, err := odmatrix.Load(path)
	if err != nil {
		if errors.Is(err, odmatrix.ErrUnreadable) {
			return nil, usageError{err}
		}
		return nil, err
	}
	if !c.Bool("quiet") {
		for _, r := range append(rep.Warnings, rep.Rejected...) {
			fmt.Fprintf(c.App.ErrWriter, "%s: warning: %s\n", r.Position(), r.Reason)
		}
	}
	unit, desc := geo.Metres, "OD matrix by distance"
	if len(ms.Minutes) > 0 {
		if !rep.Minutes {
			return nil, usagef("--minutes: %s has no minutes column", path)
		}
		unit, desc = geo.Seconds, "OD matrix by travel time"
	} else if !rep.Km {
		return nil, usagef("%s has no km column: give --minutes for its travel times", path)
	}
	m, err := geo.NewODMatrix(pairs, unit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ms.Metric, ms.ClinicMetric = m, m
	if unit == geo.Seconds {
		ms.ClinicMetric = geo.Straight{} // clinic thresholds are km; without a km column they stay straight
		if rep.Km {
			if km, err := geo.NewODMatrix(pairs, geo.Metres); err == nil {
				ms.ClinicMetric = km
			}
		}
	}
	ms.Info = &summary.MetricInfo{Name: distOD, Description: desc, ODFile: path, ODPairs: rep.Accepted}
	return ms, nil
}

// writeTo adapts a WriterTo for writeOutput.
func writeTo(wt io.WriterTo) func(io.Writer) error {
	return func(w io.Writer) error { _, err := wt.WriteTo(w); return err }
}

// metricName describes m in words for the summaries.
func metricName(m geo.Metric) string {
	switch {
	case m == nil, m.Name() == distStraight:
		return "straight line (WGS84 geodesic)"
	case m.Name() == distOD && m.Unit() == geo.Seconds:
		return "OD matrix by travel time"
	case m.Name() == distOD:
		return "OD matrix by distance"
	case m.Unit() == geo.Seconds:
		return "road by travel time"
	}
	return "road by distance"
}
