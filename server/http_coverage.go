package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/server/internal/filecache"
	"github.com/catchment/catchment/server/internal/runparams"
)

// resultsVersion is part of every result's identity (ETags and run reuse
// keys): bump it when a change to the planner or the writers changes what
// the same parameters produce, so that old results are not served as new.
// 2: runs also write facilities.geojson; 3: facilities.geojson holds the
// points only, facility_circles.geojson the circles, plan runs also
// subcentre_circles.geojson.
const resultsVersion = "catchment-results-3"

// Formats of the coverage village table.
const (
	formatGeoJSON    = "geojson"
	formatGeoJSONSeq = "geojsonseq"
	formatCSV        = "csv"
)

// coverageFormats maps a format to its media type, file extension and
// writer (the command line's writers).
var coverageFormats = map[string]struct {
	media, ext string
	write      func(io.Writer, []planner.Village, []planner.Facility, *planner.CoverageResult) error
}{
	formatGeoJSON:    {mediaGeoJSON, ".geojson", geojsonio.WriteCoverageGeoJSON},
	formatGeoJSONSeq: {mediaGeoJSONSeq, ".geojsons", geojsonio.WriteCoverageGeoJSONSeq},
	formatCSV:        {mediaCSV, ".csv", csvio.WriteCoverageCSVFile},
}

// DefaultRadiusKm is the coverage radius when a request gives none, as on
// the command line.
const DefaultRadiusKm = runparams.DefaultRadiusKm

// MaxRadii is the most radii (or travel times) one request, a coverage
// GET or a run, may ask for (runparams.MaxRadii).
const MaxRadii = runparams.MaxRadii

// coverageQuery is a parsed synchronous coverage request.
type coverageQuery struct {
	RadiiKm []float64
	Types   []planner.FacilityType
	County  string
	Format  string
	// Distance is straight or road; Minutes the travel-time radii (road
	// only, instead of RadiiKm).
	Distance string
	Minutes  []float64
}

func parseCoverageQuery(r *http.Request) (coverageQuery, error) {
	q := coverageQuery{RadiiKm: []float64{DefaultRadiusKm}, Types: planner.DefaultEmergencyTypes(), Format: formatGeoJSON, Distance: runparams.DistanceStraight}
	haveKm := false
	// radius-km is radius_km, as in a scenario file: merge the spellings.
	query := url.Values{}
	for key, values := range r.URL.Query() {
		query[runparams.JSONKey(key)] = append(query[runparams.JSONKey(key)], values...)
	}
	for key, values := range query {
		if len(values) > 1 {
			return q, &ParamError{Param: key, Reason: "given more than once (several radii are comma-separated: radius_km=10,15,20)"}
		}
		v := values[0]
		var err error
		switch key {
		case "radius_km":
			q.RadiiKm, err = runparams.ParseRadii(key, strings.Split(v, ","))
			haveKm = true
		case "distance":
			q.Distance, err = runparams.ParseDistance(key, v)
		case "minutes":
			q.Minutes, err = runparams.ParseMinutes(key, strings.Split(v, ","))
		case "types":
			q.Types, err = runparams.ParseTypes(key, strings.Split(v, ","))
		case "county":
			q.County = v
		case "format":
			q.Format = strings.ToLower(v)
			if _, ok := coverageFormats[q.Format]; !ok {
				err = &ParamError{Param: key, Reason: fmt.Sprintf("unknown format %q (want geojson, geojsonseq or csv)", v)}
			}
		default:
			err = &ParamError{Param: key, Reason: "unknown query parameter (want radius_km, minutes, distance, types, county, format)"}
		}
		if err != nil {
			return q, err
		}
	}
	if err := runparams.CheckMinutes(q.Distance, q.Minutes, haveKm); err != nil {
		return q, err
	}
	if q.Minutes != nil {
		q.RadiiKm = nil
	}
	return q, nil
}

// digest identifies content by the parts that determine it: 32 hex
// digits of their SHA-256.
func digest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// etag is a strong entity tag derived from the parts that determine a
// response's content.
func etag(parts ...string) string { return `"` + digest(parts...) + `"` }

// etagMatch reports whether an If-None-Match header matches tag (weak
// comparison, RFC 9110 section 13.1.2).
func etagMatch(header, tag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == tag {
			return true
		}
	}
	return false
}

// acquire takes a coverage slot, waiting up to Config.CoverageWait; the
// returned function gives it back.
func (s *Server) acquire(ctx context.Context) (func(), error) {
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	default:
	}
	t := time.NewTimer(s.cfg.CoverageWait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	case <-t.C:
		return nil, fmt.Errorf("%w: all %d coverage slots are taken; retry shortly or start a run (POST /api/v1/runs)", ErrBusy, cap(s.slots))
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// countyVillages returns the villages of county (all of them when county
// is ""); a county without villages is not found.
func countyVillages(d *dataset, county string) ([]planner.Village, error) {
	if county == "" {
		return d.villages, nil
	}
	var out []planner.Village
	for i := range d.villages {
		if d.villages[i].County == county {
			out = append(out, d.villages[i])
		}
	}
	if out == nil {
		return nil, &NotFoundError{What: "county", ID: county}
	}
	return out, nil
}

// handleCoverage answers a coverage request: the village table of the
// dataset for the query, written by the command line's writers. The
// answer is a pure function of the dataset content and the query, so its
// ETag is known before computing and a matching If-None-Match costs
// nothing. Answers are kept on disk for a while (coverageFiles) and
// served with http.ServeContent: with a Content-Length, to HEAD requests
// and in byte ranges, which GDAL's /vsicurl/ (QGIS) reads a URL with, and
// without computing again for each range. An answer larger than
// coverageFileMaxBytes is streamed instead (no length, no ranges).
func (s *Server) handleCoverage(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.dataset(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	q, err := parseCoverageQuery(r)
	if err != nil {
		return err
	}
	if q.County != "" && !slices.Contains(rec.Counties, q.County) {
		return &NotFoundError{What: "county", ID: q.County}
	}
	if err := s.requireRoads(rec, q.Distance); err != nil {
		return err
	}
	tag := coverageTag(rec, q)
	f := coverageFormats[q.Format]
	h := w.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Catchment-Metric", runparams.MetricLabel(q.Distance, q.Minutes != nil))
	h.Set("Content-Type", f.media)
	h.Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s-coverage%s"`, rec.ID, f.ext))
	if etagMatch(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	key := rec.ID + "/" + tag
	if file, _, release, ok := s.coverageFiles.Open(key); ok {
		defer release()
		http.ServeContent(w, r, "", time.Time{}, file)
		return nil
	}
	start := time.Now()
	write, done, err := s.coverageAnswer(r.Context(), rec, q)
	if err != nil {
		return err
	}
	defer done()
	file, size, release, err := s.coverageFiles.Make(key, s.coverageFileMax, write)
	switch {
	case err == nil:
		defer release()
		s.log.Debug("coverage served", slog.String("dataset", rec.ID), slog.Int64("bytes", size), slog.Duration("took", time.Since(start)))
		http.ServeContent(w, r, "", time.Time{}, file)
		return nil
	case !errors.Is(err, filecache.ErrTooLarge):
		return err
	}
	return s.streamCoverage(w, r, rec, write)
}

// Coverage answers kept on disk: at most coverageCacheFiles of them and
// coverageCacheBytes in all, each at most coverageFileMaxBytes (a
// province of a million villages is about 500 MB of GeoJSON).
const (
	coverageCacheFiles   = 16
	coverageCacheBytes   = 2 << 30
	coverageFileMaxBytes = 1 << 30
)

// coverageTag is the strong entity tag of a coverage answer.
func coverageTag(rec *datasetRecord, q coverageQuery) string {
	num := func(vs []float64) string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		return strings.Join(out, ",")
	}
	types := make([]string, len(q.Types))
	for i, t := range q.Types {
		types[i] = string(t)
	}
	return etag(resultsVersion, "coverage", rec.Hash, num(q.RadiiKm), strings.Join(types, ","), q.County, q.Format,
		q.Distance, num(q.Minutes))
}

// coverageAnswer takes a coverage slot and memory, computes the coverage
// of the query and returns the writer of its answer; done gives the slot
// and the memory back, once the answer is written.
func (s *Server) coverageAnswer(ctx context.Context, rec *datasetRecord, q coverageQuery) (write func(io.Writer) error, done func(), err error) {
	release, err := s.acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	var net *roads.Network
	if q.Distance == runparams.DistanceRoad {
		if net, err = s.network(ctx, rec); err != nil {
			release()
			return nil, nil, err
		}
	}
	releaseMem, err := s.mem.Acquire(ctx, datasetMemory(rec, coverageBytesPerItem)+searchMemory(net), s.cfg.CoverageWait, "this coverage request")
	if err != nil {
		release()
		return nil, nil, err
	}
	done = func() { releaseMem(); release() }
	d, err := s.load(ctx, rec)
	if err != nil {
		done()
		return nil, nil, err
	}
	villages, err := countyVillages(d, q.County)
	if err != nil {
		done()
		return nil, nil, err
	}
	opt := planner.CoverageOptions{RadiiKm: q.RadiiKm, RadiiMinutes: q.Minutes, Types: q.Types, Metric: runparams.RoadMetric(q.Distance, q.Minutes)}
	if net != nil {
		opt.Metric = withNet(opt.Metric, net, nil) // one query: nothing to remember
	}
	res, err := planner.Coverage(ctx, villages, d.facilities, opt)
	if err != nil {
		done()
		return nil, nil, err
	}
	f := coverageFormats[q.Format]
	return func(w io.Writer) error { return f.write(w, villages, d.facilities, res) }, done, nil
}

// streamCoverage writes an answer too large to keep straight to the
// client, without a length.
func (s *Server) streamCoverage(w http.ResponseWriter, r *http.Request, rec *datasetRecord, write func(io.Writer) error) error {
	w.Header().Del("Accept-Ranges")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return nil
	}
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(streamTimeout))
	cw := &countingWriter{w: w}
	if err := write(cw); err != nil {
		if cw.n == 0 {
			return err
		}
		// The status line is gone: all that is left is to stop.
		s.log.Warn("coverage stream broken", slog.String("dataset", rec.ID), slog.Any("err", err))
		return nil
	}
	s.log.Debug("coverage streamed", slog.String("dataset", rec.ID), slog.Int64("bytes", cw.n))
	return nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
