package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/roads"
)

// resultsVersion is part of every result's identity (ETags and run reuse
// keys): bump it when a change to the planner or the writers changes what
// the same parameters produce, so that old results are not served as new.
const resultsVersion = "catchment-results-2" // 2: runs also write facilities.geojson

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
	formatCSV:        {mediaCSV, ".csv", csvio.WriteCoverageCSV},
}

// DefaultRadiusKm is the coverage radius when a request gives none, as on
// the command line.
const DefaultRadiusKm = 15

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
	q := coverageQuery{RadiiKm: []float64{DefaultRadiusKm}, Types: planner.DefaultEmergencyTypes(), Format: formatGeoJSON, Distance: distanceStraight}
	haveKm := false
	for key, values := range r.URL.Query() {
		if len(values) > 1 {
			return q, &ParamError{key, "given more than once (several radii are comma-separated: radius_km=10,15,20)"}
		}
		v := values[0]
		var err error
		switch key {
		case "radius_km":
			q.RadiiKm, err = parseRadii(key, strings.Split(v, ","))
			haveKm = true
		case "distance":
			q.Distance, err = parseDistance(key, v)
		case "minutes":
			q.Minutes, err = parseMinutes(key, strings.Split(v, ","))
		case "types":
			q.Types, err = parseTypes(key, strings.Split(v, ","))
		case "county":
			q.County = v
		case "format":
			q.Format = strings.ToLower(v)
			if _, ok := coverageFormats[q.Format]; !ok {
				err = &ParamError{key, fmt.Sprintf("unknown format %q (want geojson, geojsonseq or csv)", v)}
			}
		default:
			err = &ParamError{key, "unknown query parameter (want radius_km, minutes, distance, types, county, format)"}
		}
		if err != nil {
			return q, err
		}
	}
	if err := checkMinutes(q.Distance, q.Minutes, haveKm); err != nil {
		return q, err
	}
	if q.Minutes != nil {
		q.RadiiKm = nil
	}
	return q, nil
}

// parseRadii reads radii in km; errors name param.
func parseRadii(param string, items []string) ([]float64, error) {
	if len(items) > MaxRadii {
		return nil, &LimitError{param, fmt.Sprintf("%d radii, more than the limit of %d per request", len(items), MaxRadii)}
	}
	var radii []float64
	for _, s := range items {
		s = strings.TrimSpace(s)
		r, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, &planner.OptionError{Option: param, Reason: fmt.Sprintf("%q is not a number of kilometres", s)}
		}
		radii = append(radii, r)
	}
	return checkRadii(param, radii)
}

// MaxRadii is the most radii one request (a coverage GET or a run) may
// ask for: each radius adds a column per village to a coverage answer
// and a whole plan to a plan run, so 2,000 of them cost gigabytes and
// minutes. Twenty covers any comparison a planner reads.
const MaxRadii = 20

func checkRadii(param string, radii []float64) ([]float64, error) {
	if len(radii) == 0 {
		return nil, &planner.OptionError{Option: param, Reason: "at least one radius is needed"}
	}
	if len(radii) > MaxRadii {
		return nil, &LimitError{param, fmt.Sprintf("%d radii, more than the limit of %d per request", len(radii), MaxRadii)}
	}
	for i, r := range radii {
		if err := planner.ValidateRadiusKm(param, r); err != nil {
			return nil, err
		}
		// Equal radii would give two columns of one name. The planner
		// refuses them too, with this message; checking here refuses a
		// run request with a 400 instead of queueing a run that fails.
		if slices.Contains(radii[:i], r) {
			return nil, &planner.OptionError{Option: param, Reason: fmt.Sprintf("radius %v km is listed twice", r)}
		}
	}
	return radii, nil
}

// parseTypes reads facility type names; errors name param.
func parseTypes(param string, items []string) ([]planner.FacilityType, error) {
	var types []planner.FacilityType
	for _, s := range items {
		t := planner.FacilityType(strings.TrimSpace(s))
		if t == "" {
			continue
		}
		if !t.Valid() {
			return nil, &planner.OptionError{Option: param, Reason: fmt.Sprintf("unknown facility type %q (want county_hospital, township_health_centre or village_clinic)", t)}
		}
		if !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	if len(types) == 0 {
		return nil, &planner.OptionError{Option: param, Reason: "at least one facility type is needed"}
	}
	return types, nil
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
		return nil, &NotFoundError{"county", county}
	}
	return out, nil
}

// handleCoverage computes coverage synchronously and streams the village
// table, with the command line's writers, straight to the client. The
// answer is a pure function of the dataset content and the query, so its
// ETag is known before computing and a matching If-None-Match costs
// nothing.
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
		return &NotFoundError{"county", q.County}
	}
	radii := make([]string, len(q.RadiiKm))
	for i, r := range q.RadiiKm {
		radii[i] = strconv.FormatFloat(r, 'g', -1, 64)
	}
	types := make([]string, len(q.Types))
	for i, t := range q.Types {
		types[i] = string(t)
	}
	if err := s.requireRoads(rec, q.Distance); err != nil {
		return err
	}
	minutes := make([]string, len(q.Minutes))
	for i, m := range q.Minutes {
		minutes[i] = strconv.FormatFloat(m, 'g', -1, 64)
	}
	tag := etag(resultsVersion, "coverage", rec.Hash, strings.Join(radii, ","), strings.Join(types, ","), q.County, q.Format,
		q.Distance, strings.Join(minutes, ","))
	f := coverageFormats[q.Format]
	h := w.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", "no-cache")
	if etagMatch(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	release, err := s.acquire(r.Context())
	if err != nil {
		return err
	}
	defer release()
	var net *roads.Network
	if q.Distance == distanceRoad {
		if net, err = s.network(r.Context(), rec); err != nil {
			return err
		}
	}
	releaseMem, err := s.mem.acquire(r.Context(), datasetMemory(rec, coverageBytesPerItem)+searchMemory(net), s.cfg.CoverageWait, "this coverage request")
	if err != nil {
		return err
	}
	defer releaseMem()
	d, err := s.load(r.Context(), rec)
	if err != nil {
		return err
	}
	villages, err := countyVillages(d, q.County)
	if err != nil {
		return err
	}
	start := time.Now()
	opt := planner.CoverageOptions{RadiiKm: q.RadiiKm, RadiiMinutes: q.Minutes, Types: q.Types, Metric: roadMetric(q.Distance, q.Minutes)}
	if net != nil {
		opt.Metric = withNet(opt.Metric, net, nil) // one query: nothing to remember
	}
	h.Set("X-Catchment-Metric", metricLabel(q.Distance, q.Minutes != nil))
	res, err := planner.Coverage(r.Context(), villages, d.facilities, opt)
	if err != nil {
		return err
	}
	h.Set("Content-Type", f.media)
	h.Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s-coverage%s"`, rec.ID, f.ext))
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return nil
	}
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(streamTimeout))
	cw := &countingWriter{w: w}
	if err := f.write(cw, villages, d.facilities, res); err != nil {
		if cw.n == 0 {
			return err
		}
		// The status line is gone: all that is left is to stop.
		s.log.Warn("coverage stream broken", slog.String("dataset", rec.ID), slog.Any("err", err))
		return nil
	}
	s.log.Debug("coverage served", slog.String("dataset", rec.ID), slog.Int("villages", len(villages)),
		slog.Int64("bytes", cw.n), slog.Duration("took", time.Since(start)))
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
