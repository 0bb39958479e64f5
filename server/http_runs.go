package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/catchment/catchment/server/internal/compute"
	"github.com/catchment/catchment/server/internal/runparams"
	"github.com/catchment/catchment/server/internal/store"
)

// maxRunRequestBytes limits the JSON body of POST /api/v1/runs.
const maxRunRequestBytes = 1 << 20

// maxListedRuns is how many runs GET /api/v1/runs lists, newest first.
const maxListedRuns = 1000

// RunInfo is the JSON form of a run. Error and Finished are null until the
// run fails or ends; Results maps result names to their URLs once the run
// is done. Params are the run's parameters fully resolved (every policy
// figure explicit), which is also a request body that repeats the run.
type RunInfo struct {
	ID       string            `json:"id"`
	Kind     string            `json:"kind"`
	Dataset  string            `json:"dataset"`
	Status   string            `json:"status"`
	Progress float64           `json:"progress"`
	Error    *string           `json:"error"`
	Created  string            `json:"created"`
	Finished *string           `json:"finished"`
	Params   json.RawMessage   `json:"params"`
	Results  map[string]string `json:"results"`
	URL      string            `json:"url"`
}

func runURL(id string) string { return "/api/v1/runs/" + id }

func (s *Server) runInfo(r *store.Run) RunInfo {
	r = s.overlay(r)
	info := RunInfo{ID: r.ID, Kind: r.Kind, Dataset: r.Dataset, Status: r.Status, Progress: r.Progress,
		Created: store.FormatTime(r.Created), Params: r.Params, Results: map[string]string{}, URL: runURL(r.ID)}
	switch r.Status {
	case store.StatusRunning:
		s.runsMu.Lock()
		if ar, ok := s.active[r.ID]; ok {
			info.Progress = ar.progress.Get()
		}
		s.runsMu.Unlock()
	case store.StatusDone:
		info.Progress = 1
		for _, f := range r.Results {
			info.Results[f.Name] = runURL(r.ID) + "/" + f.Name
		}
	}
	info.Progress = math.Round(info.Progress*1000) / 1000
	if r.Error != "" {
		info.Error = &r.Error
	}
	if !r.Finished.IsZero() {
		f := store.FormatTime(r.Finished)
		info.Finished = &f
	}
	return info
}

// handleCreateRun validates a run request and queues the run. A request
// with the same resolved parameters on a dataset of the same content as a
// run that is done is answered 200 with that run; one that is queued or
// running is answered 202 with that run; otherwise a new run is queued and
// answered 202. Either way Location names the run.
func (s *Server) handleCreateRun(w http.ResponseWriter, r *http.Request) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return fmt.Errorf("%w: want application/json, got %q", ErrUnsupportedMediaType, ct)
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRunRequestBytes))
	if err != nil {
		return formError(err)
	}
	sp, err := runparams.Parse(body, SampleID)
	if err != nil {
		return err
	}
	rec, err := s.dataset(r.Context(), sp.Dataset)
	if err != nil {
		return err
	}
	if err := s.requireRoads(rec, sp.Distance); err != nil {
		return err
	}
	params, err := sp.Canonical()
	if err != nil {
		return err
	}
	key := digest(resultsVersion, string(params), rec.Hash)
	if need := runMemory(&job{spec: sp, dataset: rec}); need > s.cfg.MaxMemoryBytes {
		return &LimitError{Param: "memory", Reason: fmt.Sprintf("this run needs about %d MB, more than this server's whole memory budget of %d MB (catchment serve --max-memory-mb)",
			need>>20, s.cfg.MaxMemoryBytes>>20)}
	}

	run, status, err := s.enqueue(r, sp, rec, key, params)
	if err != nil {
		return err
	}
	w.Header().Set("Location", runURL(run.ID))
	writeJSON(w, status, s.runInfo(run))
	return nil
}

// enqueue returns the run to reuse for key, or queues a new one, with the
// status to answer. Holding runsMu across the lookup and the insert makes
// identical requests arriving together share one run.
func (s *Server) enqueue(r *http.Request, sp *runparams.Spec, rec *datasetRecord, key string, params []byte) (*store.Run, int, error) {
	s.runsMu.Lock()
	defer s.runsMu.Unlock()
	if s.closing {
		return nil, 0, fmt.Errorf("%w: the server is shutting down", ErrClosed)
	}
	s.flushLocked(r.Context())
	prev, err := s.st.Reusable(r.Context(), key)
	if err != nil {
		return nil, 0, err
	}
	if prev = s.overlayLocked(prev); prev != nil && prev.Status == store.StatusFailed {
		prev = nil // ended failed; the database did not know yet
	}
	if prev != nil {
		if prev.Status == store.StatusDone {
			return prev, http.StatusOK, nil
		}
		return prev, http.StatusAccepted, nil
	}
	if s.queued >= cap(s.queue) {
		return nil, 0, fmt.Errorf("%w: %d runs are waiting already", ErrBusy, s.queued)
	}
	run := &store.Run{ID: newID(), Kind: sp.Kind, Dataset: rec.ID, Key: key, Status: store.StatusQueued,
		Created: time.Now(), Params: params}
	if err := s.st.InsertRun(r.Context(), run); err != nil {
		return nil, 0, err
	}
	s.queued++
	s.queue <- &job{id: run.ID, spec: sp, dataset: rec} // there is room: queued < cap
	s.log.Info("run queued", "run", run.ID, "kind", run.Kind, "dataset", rec.ID)
	return run, http.StatusAccepted, nil
}

func (s *Server) handleListRuns(w http.ResponseWriter, r *http.Request) error {
	runs, err := s.st.Runs(r.Context(), maxListedRuns)
	if err != nil {
		return err
	}
	list := make([]RunInfo, len(runs))
	for i, run := range runs {
		list[i] = s.runInfo(run)
	}
	writeJSON(w, http.StatusOK, map[string]any{"runs": list})
	return nil
}

func (s *Server) handleGetRun(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := runparams.CheckID("id", id); err != nil {
		return err
	}
	run, err := s.st.Run(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.runInfo(run))
	return nil
}

// handleDeleteRun deletes a run and its results: 204, or 409 while it is
// running. A queued run is cancelled.
func (s *Server) handleDeleteRun(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := runparams.CheckID("id", id); err != nil {
		return err
	}
	if err := s.deleteRun(r.Context(), id); err != nil {
		return err
	}
	s.log.Info("run deleted", "run", id)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// handleCancelRun cancels a queued or running run: it ends failed with
// msgCancelled. 202 with the run (a running run ends when its computation
// next checks; poll it), 409 when it has ended already.
func (s *Server) handleCancelRun(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	if err := runparams.CheckID("id", id); err != nil {
		return err
	}
	run, err := s.cancelRun(r.Context(), id)
	if err != nil {
		return err
	}
	s.log.Info("run cancelled", "run", id)
	w.Header().Set("Location", runURL(id))
	writeJSON(w, http.StatusAccepted, s.runInfo(run))
	return nil
}

// handleResult serves one result file of a finished run, with its content
// hash as ETag (If-None-Match answers 304) and Range support; NAME.csvt
// beside a CSV result NAME.csv is its GDAL column types (result_csvt.go).
func (s *Server) handleResult(w http.ResponseWriter, r *http.Request) error {
	id, name := r.PathValue("id"), r.PathValue("name")
	if table, ok := strings.CutSuffix(name, ".csvt"); ok {
		return s.handleResultCSVT(w, r, id, table+".csv")
	}
	f, res, err := s.openResult(r.Context(), id, name)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", resultMedia[filepath.Ext(name)])
	h.Set("ETag", `"`+res.SHA256[:32]+`"`)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", `inline; filename="`+id+"-"+name+`"`)
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(streamTimeout))
	http.ServeContent(w, r, name, fi.ModTime(), f)
	return nil
}

// openResult opens result name of finished run id; the errors are the
// API's answers (not found, not finished, failed).
func (s *Server) openResult(ctx context.Context, id, name string) (*os.File, store.ResultFile, error) {
	if err := runparams.CheckID("id", id); err != nil {
		return nil, store.ResultFile{}, err
	}
	// Only the fixed result names ever reach the file system.
	if c, ok := resultAliases[name]; ok {
		name = c
	}
	if !compute.IsResult(name) && !slices.Contains(optionalResults, name) {
		return nil, store.ResultFile{}, &NotFoundError{What: "result", ID: name}
	}
	run, err := s.st.Run(ctx, id)
	if err != nil {
		return nil, store.ResultFile{}, err
	}
	run = s.overlay(run)
	if kindResults := resultNames(run.Kind); !slices.Contains(kindResults, name) {
		return nil, store.ResultFile{}, fmt.Errorf("%w: %s runs have no result %s (they have %s)", ErrNotFound, run.Kind, name, strings.Join(kindResults, ", "))
	}
	switch run.Status {
	case store.StatusQueued, store.StatusRunning:
		return nil, store.ResultFile{}, conflictf("run %s is %s; its results are ready when its status is done", id, run.Status)
	case store.StatusFailed:
		return nil, store.ResultFile{}, conflictf("run %s failed (%s); it has no results", id, run.Error)
	}
	var res store.ResultFile
	ok := false
	for _, n := range resultSpellings(name) {
		if res, ok = run.Result(n); ok {
			break
		}
	}
	if !ok {
		return nil, store.ResultFile{}, fmt.Errorf("%w: run %s has no result %s (a plan has a sweep table only when it compares several radii or sub-centre counts; boundaries.geojson only when its dataset has county boundaries)", ErrNotFound, id, name)
	}
	name = res.Name
	f, err := os.Open(filepath.Join(s.runDir(id), name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, store.ResultFile{}, fmt.Errorf("server: result %s of run %s is recorded but its file is missing: %w", name, id, err)
	}
	if err != nil {
		return nil, store.ResultFile{}, err
	}
	return f, res, nil
}
