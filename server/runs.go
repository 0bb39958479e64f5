package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/server/internal/compute"
	"github.com/catchment/catchment/server/internal/runparams"
	"github.com/catchment/catchment/server/internal/store"
)

// job is a run waiting for a worker.
type job struct {
	id      string
	spec    *runparams.Spec
	dataset *datasetRecord
}

// activeRun is the live state of a running run.
type activeRun struct {
	progress compute.Progress
	// cancel ends the run's computation with a cause (errCancelled for
	// POST /api/v1/runs/{id}/cancel).
	cancel context.CancelCauseFunc
}

// resultAliases are former result names, still served: the itinerant
// route layer was routes.geojson before it took the name --out-dir gives
// it. A run stored before the rename is served under either name too.
var resultAliases = map[string]string{"routes.geojson": "itinerant_routes.geojson"}

// resultSpellings are the names a result may be recorded under: name, and
// its former or current name.
func resultSpellings(name string) []string {
	out := []string{name}
	if c, ok := resultAliases[name]; ok {
		out = append(out, c)
	}
	for old, c := range resultAliases {
		if c == name {
			out = append(out, old)
		}
	}
	return out
}

// resultNames are every result name a run of kind may have.
func resultNames(kind string) []string { return append(compute.Names(kind), optionalResults...) }

// resultMedia is the media type of a result by extension.
var resultMedia = map[string]string{
	".geojson": mediaGeoJSON,
	".json":    mediaJSON,
	".csv":     mediaCSV,
	".md":      mediaMarkdown,
}

func (s *Server) runDir(id string) string { return filepath.Join(s.cfg.DataDir, "runs", id) }

// worker computes queued runs until the queue is closed. Runs still queued
// when the server shuts down are failed rather than started.
func (s *Server) worker() {
	defer s.workers.Done()
	for j := range s.queue {
		s.runsMu.Lock()
		s.queued--
		closing := s.closing
		s.runsMu.Unlock()
		if closing {
			if _, err := s.st.FailIfQueued(context.Background(), j.id, msgShutdown); err != nil {
				s.log.Error("cannot record run as failed", slog.String("run", j.id), slog.Any("err", err))
			}
			continue
		}
		s.execute(j)
	}
}

// stopRuns stops taking runs, fails the queued ones, lets running ones
// finish for up to grace and then cancels them.
func (s *Server) stopRuns(grace time.Duration) {
	s.runsMu.Lock()
	if !s.closing {
		s.closing = true
		close(s.queue)
	}
	s.runsMu.Unlock()
	done := make(chan struct{})
	go func() {
		s.workers.Wait()
		close(done)
	}()
	if grace > 0 {
		t := time.NewTimer(grace)
		select {
		case <-done:
		case <-t.C:
			s.log.Warn("cancelling runs still going after the grace period")
		}
		t.Stop()
	}
	s.cancelRuns()
	<-done
}

// execute computes one run and records the outcome. Whatever happens,
// the run ends done or failed: finish keeps the end in memory when the
// database cannot record it.
func (s *Server) execute(j *job) {
	bg := context.Background()
	ok, err := s.st.SetRunning(bg, j.id)
	if err != nil {
		s.log.Error("cannot start run", slog.String("run", j.id), slog.Any("err", err))
		s.finish(j.id, runEnd{status: store.StatusFailed, msg: "could not start: " + s.publicMessage(err)})
		return
	}
	if !ok {
		return
	}
	ctx, cancel := context.WithCancelCause(s.runCtx)
	defer cancel(nil)
	ar := &activeRun{cancel: cancel}
	s.runsMu.Lock()
	s.active[j.id] = ar
	s.runsMu.Unlock()
	defer func() {
		s.runsMu.Lock()
		delete(s.active, j.id)
		s.runsMu.Unlock()
	}()

	start := time.Now()
	s.log.Info("run started", slog.String("run", j.id), slog.String("kind", j.spec.Kind), slog.String("dataset", j.dataset.ID))
	results, err := s.computeInBudget(ctx, j, ar)
	if err != nil {
		msg := s.publicMessage(err)
		switch {
		case errors.Is(context.Cause(ctx), errCancelled):
			msg = msgCancelled
		case ctx.Err() != nil:
			msg = msgShutdown
		}
		os.RemoveAll(s.runDir(j.id))
		s.finish(j.id, runEnd{status: store.StatusFailed, msg: msg, progress: ar.progress.Get()})
		s.log.Warn("run failed", slog.String("run", j.id), slog.String("error", msg), slog.Any("err", err),
			slog.Duration("took", time.Since(start)))
		return
	}
	if !s.finish(j.id, runEnd{status: store.StatusDone, progress: 1, results: results}) {
		// Something ended the run meanwhile (it is failed or gone): its
		// record stands, and results it does not list must not linger.
		os.RemoveAll(s.runDir(j.id))
		s.log.Warn("run ended elsewhere before it finished; results discarded", slog.String("run", j.id))
		return
	}
	s.log.Info("run done", slog.String("run", j.id), slog.Duration("took", time.Since(start)))
}

// pruneRuns deletes the oldest finished runs beyond Config.KeepRuns, with
// their results. runsMu orders this against enqueue, so a request is
// never answered with a finished run that is being deleted.
func (s *Server) pruneRuns(ctx context.Context) error {
	s.runsMu.Lock()
	defer s.runsMu.Unlock()
	return s.pruneLocked(ctx, s.cfg.KeepRuns)
}

// pruneLocked deletes the oldest finished runs beyond keep, with their
// results; nothing when Config.KeepRuns is negative. The caller holds
// runsMu.
func (s *Server) pruneLocked(ctx context.Context, keep int) error {
	if s.cfg.KeepRuns < 0 {
		return nil
	}
	ids, err := s.st.ExcessRuns(ctx, max(keep, 0))
	if err != nil {
		return err
	}
	for _, id := range ids {
		ok, err := s.st.DeleteFinishedRun(ctx, id)
		if err != nil {
			return err
		}
		if ok {
			if err := os.RemoveAll(s.runDir(id)); err != nil {
				s.log.Warn("cannot remove results of a deleted run", slog.String("run", id), slog.Any("err", err))
			}
			s.log.Info("old run deleted", slog.String("run", id), slog.Int("keep_runs", s.cfg.KeepRuns))
		}
	}
	return nil
}

// deleteRun removes a run that is not running, with its results: a
// queued run is cancelled (its worker skips it), a finished one deleted.
// A running run is a conflict: it cannot be stopped halfway.
func (s *Server) deleteRun(ctx context.Context, id string) error {
	s.runsMu.Lock()
	defer s.runsMu.Unlock()
	s.flushLocked(ctx)
	if _, ok := s.unrecorded[id]; ok {
		return fmt.Errorf("%w: run %s ended but the database could not record it yet, so it cannot be deleted now", ErrStorageFull, id)
	}
	status, deleted, err := s.st.DeleteRun(ctx, id)
	if err != nil {
		return err
	}
	switch {
	case status == "":
		return &NotFoundError{What: "run", ID: id}
	case !deleted:
		return conflictf("run %s is %s; it can be deleted when it is done or failed (cancel it first: POST %s/cancel)", id, status, runURL(id))
	}
	return os.RemoveAll(s.runDir(id))
}

// runMemory estimates the working memory of a run.
func runMemory(j *job) int64 {
	per := int64(coverageBytesPerItem)
	if j.spec.Kind != runparams.KindCoverage { // plan and the programme kinds plan
		per = planBytesPerItem
	}
	return datasetMemory(j.dataset, per)
}

// computeInBudget waits for the run's memory (runs wait in line rather
// than being refused), then computes it.
func (s *Server) computeInBudget(ctx context.Context, j *job, ar *activeRun) ([]store.ResultFile, error) {
	release, err := s.mem.Acquire(ctx, runMemory(j), -1, "this run")
	if err != nil {
		return nil, err
	}
	defer release()
	return s.compute(ctx, j, ar)
}

// compute runs the planner and writes the results into a temporary
// directory that becomes the run's directory only when complete.
func (s *Server) compute(ctx context.Context, j *job, ar *activeRun) (results []store.ResultFile, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("run panicked", slog.String("run", j.id), slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	if s.testHookCompute != nil {
		if err := s.testHookCompute(ctx, j.id); err != nil {
			return nil, err
		}
	}
	d, err := s.load(ctx, j.dataset)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("dataset %q was deleted before the run started", j.dataset.ID)
	}
	if err != nil {
		return nil, err
	}
	if err := s.bindMetric(ctx, j.dataset, j.spec); err != nil {
		return nil, err
	}
	ar.progress.Set(0.05)
	tmp := filepath.Join(s.cfg.DataDir, "runs", ".tmp-"+j.id)
	if err := os.RemoveAll(tmp); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	in := compute.Input{Villages: d.villages, Facilities: d.facilities, Reports: d.reports}
	metric := func() summary.MetricInfo { return s.metricInfo(j.spec) }
	names, err := compute.Run(ctx, tmp, in, j.spec, metric, &ar.progress)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if src := s.boundariesPath(j.dataset.ID); src != "" {
		if err := copyFile(src, filepath.Join(tmp, boundariesFile)); err != nil {
			return nil, err
		}
		names = append(names, boundariesFile)
	}
	for _, name := range names {
		f, err := hashFile(filepath.Join(tmp, name))
		if err != nil {
			return nil, err
		}
		f.Name = name
		results = append(results, f)
	}
	if err := os.Rename(tmp, s.runDir(j.id)); err != nil {
		return nil, err
	}
	return results, nil
}

// copyFile copies a stored file into a run's results.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return atomicfile.WriteFileAtomic(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// hashFile returns the size and SHA-256 of a file.
func hashFile(path string) (store.ResultFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.ResultFile{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return store.ResultFile{}, err
	}
	return store.ResultFile{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
