package server

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/server/internal/runparams"
	"github.com/paulmach/orb"
)

// DefaultMaxRoadsBytes is the largest road file an upload may carry
// (Config.MaxRoadsBytes): 200 MB, a province's OSM extract.
const DefaultMaxRoadsBytes = 200 << 20

// DefaultCachedNetworks is how many built road networks are kept in
// memory (Config.CachedNetworks).
const DefaultCachedNetworks = 2

// Road network memory estimates, measured by BenchmarkRoadNetworkMemory on
// the Andorra extract (1,849,301 bytes of OSM PBF, every way inside the
// inputs' bound): reading and building the network raised the live heap by
// at most 56 bytes per file byte (sampled every 2 ms; 85 bytes per byte
// allocated in all), and the built network keeps 2.1 bytes per file byte
// (roads.Stats.Bytes estimates 1.9). roadsBytesPerByte rounds the peak up
// for the collector's slack. An extract much larger than the inputs' bound
// keeps fewer ways, so the estimate is generous for it; with the default
// 2.5 GB budget a road file above about 39 MB is refused (422, memory).
const roadsBytesPerByte = 64

// roadsReportFile is the stored RoadsInfo of a dataset with roads.
const roadsReportFile = "roads-report.json"

// storedRoadNames are the file names a dataset's road file may be stored
// under, one per accepted suffix: the suffix tells data.LoadRoads the
// format.
var storedRoadNames = []string{"roads.osm.pbf", "roads.osm", "roads.osm.gz", "roads.osm.bz2", "roads.xml", "roads.geojson", "roads" + data.PreparedRoadsExt}

// ErrNoRoads means a request asks for road distances on a dataset that
// has no road file (422).
var ErrNoRoads = errors.New("server: the dataset has no road network")

// ErrRoadFile means an uploaded road file could not be read into a
// routable network (422).
var ErrRoadFile = errors.New("server: unusable road file")

// RoadsInfo is the JSON form of a dataset's road network: how its file
// was read and the network it gave.
type RoadsInfo struct {
	File     string      `json:"file"`
	Format   string      `json:"format"`
	Bytes    int64       `json:"bytes"`
	Stats    roads.Stats `json:"stats"`
	Ways     int         `json:"ways"`
	Routable int         `json:"routable"`
	Notes    []string    `json:"notes"`
	// GeoJSONURL serves the network's lines for drawing.
	GeoJSONURL string `json:"geojson_url"`
}

// storedRoadName is the name a road file of the client's name is stored
// under, or an error naming the form part when its type is unknown.
func storedRoadName(clientName string) (string, error) {
	format, err := data.RoadFormat(clientName)
	if err != nil {
		return "", &UnprocessableError{"roads", strings.TrimPrefix(err.Error(), "data: road network: ")}
	}
	lower := strings.ToLower(clientName)
	for _, n := range storedRoadNames {
		suffix := strings.TrimPrefix(n, "roads")
		if strings.HasSuffix(lower, suffix) {
			if f, _ := data.RoadFormat(n); f == format {
				return n, nil
			}
		}
	}
	switch format {
	case data.RoadFormatOSMPBF:
		return "roads.osm.pbf", nil
	case data.RoadFormatGeoJSON:
		return "roads.geojson", nil
	}
	return "", &UnprocessableError{"roads", fmt.Sprintf("%s: unknown road file type", clientName)}
}

// roadsPath is the stored road file of a dataset, or "" when it has none.
func (s *Server) roadsPath(id string) string {
	if id == SampleID {
		return ""
	}
	for _, n := range storedRoadNames {
		p := filepath.Join(s.datasetDir(id), n)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// roadsInfo reads a dataset's stored RoadsInfo; nil when it has no roads.
func (s *Server) roadsInfo(id string) *RoadsInfo {
	if s.roadsPath(id) == "" {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(s.datasetDir(id), roadsReportFile))
	if err != nil {
		s.log.Warn("road report unreadable", slog.String("dataset", id), slog.Any("err", err))
		return &RoadsInfo{GeoJSONURL: datasetURL(id) + "/roads.geojson", Notes: []string{}}
	}
	var info RoadsInfo
	if err := json.Unmarshal(b, &info); err != nil {
		s.log.Warn("road report unreadable", slog.String("dataset", id), slog.Any("err", err))
	}
	info.GeoJSONURL = datasetURL(id) + "/roads.geojson"
	if info.Notes == nil {
		info.Notes = []string{}
	}
	return &info
}

// requireRoads refuses distance=road on a dataset without a road file.
func (s *Server) requireRoads(rec *datasetRecord, distance string) error {
	if distance != runparams.DistanceRoad || s.roadsPath(rec.ID) != "" {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrNoRoads, &UnprocessableError{"distance",
		fmt.Sprintf("distance=road needs a road network, and dataset %q has none: upload the dataset again with the form part \"roads\" (an OSM .osm.pbf/.osm, GeoJSON lines or a prepared .roads file)", rec.ID)})
}

// inputBound is the extent of a dataset's villages and facilities: the
// road reader keeps the roads within it plus its margin.
func inputBound(d *dataset) orb.Bound {
	var b orb.Bound
	first := true
	add := func(p orb.Point) {
		if first {
			b, first = p.Bound(), false
			return
		}
		b = b.Extend(p)
	}
	for i := range d.villages {
		add(d.villages[i].Location)
	}
	for i := range d.facilities {
		add(d.facilities[i].Location)
	}
	return b
}

// buildNetwork reads a road file into a network for the dataset d,
// counting the build (Server.NetworkBuilds).
func (s *Server) buildNetwork(ctx context.Context, path, clientName string, d *dataset) (*roads.Network, *RoadsInfo, error) {
	start := time.Now()
	s.netBuilds.Add(1)
	net, rep, err := data.LoadRoads(ctx, path, data.RoadOptions{Bound: inputBound(d)})
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		reason := strings.ReplaceAll(err.Error(), path, clientName)
		return nil, nil, fmt.Errorf("%w: %w", ErrRoadFile, &UnprocessableError{"roads", reason})
	}
	info := &RoadsInfo{File: clientName, Format: rep.Format, Stats: rep.Stats, Ways: rep.Ways, Routable: rep.Routable, Notes: rep.Notes}
	if info.Notes == nil {
		info.Notes = []string{}
	}
	if fi, err := os.Stat(path); err == nil {
		info.Bytes = fi.Size()
	}
	s.log.Info("road network built", slog.String("file", clientName), slog.Int("nodes", rep.Stats.Nodes),
		slog.Int64("bytes", rep.Stats.Bytes), slog.Duration("took", time.Since(start)))
	return net, info, nil
}

// uploadedRoads is a road file of an upload, read and checked.
type uploadedRoads struct {
	src, stored string // the temporary copy; the name to store it under
	net         *roads.Network
	info        *RoadsInfo
	sum         [sha256.Size]byte
}

// readUploadedRoads builds the network of an uploaded road file, so that
// an unusable file is refused with the upload (422) rather than at the
// first road run.
func (s *Server) readUploadedRoads(ctx context.Context, f uploadFile, d *dataset) (*uploadedRoads, error) {
	stored, err := storedRoadName(f.name)
	if err != nil {
		return nil, err
	}
	// data.LoadRoads detects the format from the name: give it one.
	path := filepath.Join(filepath.Dir(f.path), stored)
	if err := os.Rename(f.path, path); err != nil {
		return nil, fmt.Errorf("server: upload: %w", err)
	}
	net, info, err := s.buildNetwork(ctx, path, f.name, d)
	if err != nil {
		return nil, err
	}
	u := &uploadedRoads{src: path, stored: stored, net: net, info: info}
	if u.sum, err = fileSum(path); err != nil {
		return nil, err
	}
	return u, nil
}

func fileSum(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// storeRoads moves an uploaded road file and its report into the dataset
// directory being written (dir), and adds the file's digest to the
// dataset's content hash.
func storeRoads(dir string, u *uploadedRoads, h io.Writer) error {
	if u == nil {
		return nil
	}
	h.Write([]byte{0})
	h.Write([]byte("roads:" + u.stored + ":"))
	h.Write(u.sum[:])
	if err := os.Rename(u.src, filepath.Join(dir, u.stored)); err != nil {
		return err
	}
	return atomicfile.WriteFileAtomic(filepath.Join(dir, roadsReportFile), func(w io.Writer) error {
		return json.NewEncoder(w).Encode(u.info)
	})
}

// network returns the road network of a dataset, built on first use and
// kept in the network cache. While it is built the estimated build memory
// is reserved in the budget; once built, its size is held there until the
// cache drops it.
func (s *Server) network(ctx context.Context, rec *datasetRecord) (*roads.Network, error) {
	path := s.roadsPath(rec.ID)
	if path == "" {
		return nil, s.requireRoads(rec, runparams.DistanceRoad)
	}
	return s.nets.Get(rec.ID, func() (*roads.Network, func(), error) {
		var size int64
		if fi, err := os.Stat(path); err == nil {
			size = fi.Size()
		}
		release, err := s.mem.Acquire(ctx, roadsMemory(size), s.cfg.CoverageWait, "building this dataset's road network")
		if err != nil {
			return nil, nil, err
		}
		defer release()
		d, err := s.load(ctx, rec)
		if err != nil {
			return nil, nil, err
		}
		net, _, err := s.buildNetwork(ctx, path, filepath.Base(path), d)
		if err != nil {
			return nil, nil, err
		}
		return net, s.mem.Hold(net.Stats().Bytes), nil
	})
}

// searchMemory is the scratch of road searches on net, one per CPU (32
// bytes per node each, roads.Stats); 0 for no network.
func searchMemory(net *roads.Network) int64 {
	if net == nil {
		return 0
	}
	return int64(net.Stats().Nodes) * 32 * int64(runtime.GOMAXPROCS(0))
}

// roadsMemory estimates the working memory of building a network from a
// road file of size bytes.
func roadsMemory(size int64) int64 { return size*roadsBytesPerByte + 1<<20 }

// NetworkBuilds is how many road networks the server has built since it
// started (uploads included): a request that finds its network in the
// cache does not add to it.
func (s *Server) NetworkBuilds() int64 { return s.netBuilds.Load() }

// bindMetric gives the road metrics of a run spec their network (the
// spec is resolved without one, before the run is queued).
func (s *Server) bindMetric(ctx context.Context, rec *datasetRecord, sp *runparams.Spec) error {
	if sp.Distance != runparams.DistanceRoad {
		return nil
	}
	net, err := s.network(ctx, rec)
	if err != nil {
		return err
	}
	memo := roads.NewSnapMemo() // the run's steps snap the same villages
	sp.Coverage.Metric = withNet(sp.Coverage.Metric, net, memo)
	p := &sp.Scenario.Plan
	p.Metric, p.Subcentres.Metric, p.Clinics.Metric = withNet(p.Metric, net, memo), withNet(p.Subcentres.Metric, net, memo), withNet(p.Clinics.Metric, net, memo)
	return nil
}

// withNet is m with net and the run's snap memo when m is a road metric,
// else m.
func withNet(m geo.Metric, net *roads.Network, memo *roads.SnapMemo) geo.Metric {
	if rm, ok := m.(roads.Metric); ok {
		rm.Net, rm.Memo = net, memo
		return rm
	}
	return m
}

// handleRoadsGeoJSON serves a dataset's road network as GeoJSON lines for
// drawing, simplified and bounded (see roadLines).
func (s *Server) handleRoadsGeoJSON(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.dataset(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	simplifyM, err := parseSimplify(r)
	if err != nil {
		return err
	}
	if s.roadsPath(rec.ID) == "" {
		return &NotFoundError{What: "road network of dataset", ID: rec.ID}
	}
	tag := etag(resultsVersion, "roads", rec.Hash, fmt.Sprint(simplifyM))
	h := w.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", "no-cache")
	if etagMatch(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	net, err := s.network(r.Context(), rec)
	if err != nil {
		return err
	}
	rl := roadLines(net, simplifyM)
	h.Set("Content-Type", mediaGeoJSON)
	h.Set("X-Roads-Simplify-M", fmt.Sprint(rl.toleranceM))
	h.Set("X-Roads-Lines", fmt.Sprintf("%d of %d", len(rl.lines), rl.total))
	if rl.truncated() {
		h.Set("X-Roads-Truncated", fmt.Sprintf("kept the %d longest of %d lines (at most %d lines and %d points are served; zoom the data, or ask a larger simplify_m)",
			len(rl.lines), rl.total, MaxRoadLines, MaxRoadPoints))
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return nil
	}
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(streamTimeout))
	cw := &countingWriter{w: w}
	if err := writeRoadLines(cw, rl.lines); err != nil {
		if cw.n == 0 {
			return err
		}
		// The status line is gone: all that is left is to stop.
		s.log.Warn("roads stream broken", slog.String("dataset", rec.ID), slog.Any("err", err))
	}
	return nil
}

// parseSimplify reads the optional simplify_m query parameter (metres,
// 0..MaxSimplifyM); -1 when absent (pick one from the network's size).
func parseSimplify(r *http.Request) (float64, error) {
	q := r.URL.Query()
	for key, v := range q {
		if key != "simplify_m" {
			return 0, &ParamError{Param: key, Reason: "unknown query parameter (want simplify_m)"}
		}
		if len(v) > 1 {
			return 0, &ParamError{Param: key, Reason: "given more than once"}
		}
	}
	v := q.Get("simplify_m")
	if v == "" {
		return -1, nil
	}
	var f float64
	if _, err := fmt.Sscan(v, &f); err != nil || !(f >= 0 && f <= MaxSimplifyM) {
		return 0, &planner.OptionError{Option: "simplify_m", Reason: fmt.Sprintf("%q: want a number of metres from 0 to %d", v, MaxSimplifyM)}
	}
	return f, nil
}

// metricInfo describes a run's metric for its summary.json, as the command
// line's summaries do: the road file, its network and the speeds assumed.
func (s *Server) metricInfo(sp *runparams.Spec) summary.MetricInfo {
	if sp.Distance != runparams.DistanceRoad {
		return summary.MetricInfo{Name: runparams.DistanceStraight, Description: "straight line (WGS84 geodesic)"}
	}
	info := summary.MetricInfo{Name: runparams.DistanceRoad, Description: "road by distance",
		SpeedsKmh: roads.DefaultSpeedsKmh(), AccessSpeedKmh: roads.DefaultAccessSpeedKmh, MaxSnapKm: roads.DefaultMaxSnapKm}
	if sp.Minutes != nil {
		info.Description = "road by travel time"
	}
	if ri := s.roadsInfo(sp.Dataset); ri != nil {
		st := ri.Stats
		info.RoadFile, info.RoadFormat, info.Stats, info.Notes = ri.File, ri.Format, &st, ri.Notes
	}
	return info
}
