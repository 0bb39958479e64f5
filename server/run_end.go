package server

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/catchment/catchment/server/internal/store"
)

// msgCancelled is the message of a run cancelled by a request.
const msgCancelled = "cancelled by a request (POST /api/v1/runs/{id}/cancel)"

// errCancelled is the cause of a run's context cancelled by a request.
var errCancelled = errors.New("server: run cancelled")

// Recording the end of a run is tried finishAttempts times, finishRetry
// apart (doubling), before it is kept in memory.
const (
	finishAttempts = 3
	finishRetry    = 50 * time.Millisecond
)

// runEnd is how a run ended. It is kept in Server.unrecorded while the
// database cannot record it (a full disk), and written on the next write
// that succeeds.
type runEnd struct {
	status, msg string
	progress    float64
	finished    time.Time
	results     []store.ResultFile
}

// apply returns a copy of r ended as e.
func (e runEnd) apply(r *store.Run) *store.Run {
	c := *r
	c.Status, c.Error, c.Progress, c.Finished, c.Results = e.status, e.msg, e.progress, e.finished, e.results
	return &c
}

// finish records the end of run id, and applies Config.KeepRuns first:
// the oldest finished runs beyond KeepRuns-1 are deleted with their
// results before the run is marked done or failed, so whoever sees it
// finished sees the runs it displaced gone (and never a pruned run's
// results still on disk). It reports false when something else ended the
// run first (it was no longer queued or running). When the database
// cannot record the end (disk full) even after retries, the end is kept
// in memory: GET and the run list show it, and it is written on the next
// successful write. Either way the run ends.
func (s *Server) finish(id string, end runEnd) bool {
	end.finished = time.Now()
	if end.results == nil {
		end.results = []store.ResultFile{}
	}
	ctx := context.Background()
	s.runsMu.Lock()
	defer s.runsMu.Unlock()
	s.flushLocked(ctx)
	if err := s.pruneLocked(ctx, s.cfg.KeepRuns-1); err != nil {
		s.log.Error("cannot delete old runs", slog.Any("err", err))
	}
	var err error
	for attempt := range finishAttempts {
		if attempt > 0 {
			time.Sleep(finishRetry << (attempt - 1))
		}
		var ok bool
		if ok, err = s.st.FinishRun(ctx, id, end.status, end.msg, end.progress, end.finished, end.results); err == nil {
			return ok
		}
	}
	s.log.Error("cannot record the end of a run; kept in memory until the database takes it",
		slog.String("run", id), slog.String("status", end.status), slog.Any("err", err))
	s.unrecorded[id] = end
	return true
}

// flushLocked writes the run ends kept in memory; those the database
// still refuses stay. The caller holds runsMu.
func (s *Server) flushLocked(ctx context.Context) {
	for id, end := range s.unrecorded {
		if _, err := s.st.FinishRun(ctx, id, end.status, end.msg, end.progress, end.finished, end.results); err != nil {
			return // still full: try again on the next write
		}
		delete(s.unrecorded, id)
		s.log.Info("recorded the end of a run kept in memory", slog.String("run", id), slog.String("status", end.status))
	}
}

// overlay returns r as it really is: ended, if its end is kept in memory.
func (s *Server) overlay(r *store.Run) *store.Run {
	s.runsMu.Lock()
	defer s.runsMu.Unlock()
	return s.overlayLocked(r)
}

func (s *Server) overlayLocked(r *store.Run) *store.Run {
	if r == nil {
		return nil
	}
	if end, ok := s.unrecorded[r.ID]; ok {
		return end.apply(r)
	}
	return r
}

// cancelRun ends a queued or running run as failed (msgCancelled): a
// queued run at once, a running one as soon as its computation sees its
// context cancelled. A finished run is a conflict.
func (s *Server) cancelRun(ctx context.Context, id string) (*store.Run, error) {
	for range 200 {
		s.runsMu.Lock()
		ar, running := s.active[id]
		if running {
			ar.cancel(errCancelled)
		}
		s.runsMu.Unlock()
		if running {
			break
		}
		ok, err := s.st.FailIfQueued(ctx, id, msgCancelled)
		if err != nil {
			return nil, err
		}
		if ok {
			break
		}
		run, err := s.st.Run(ctx, id)
		if err != nil {
			return nil, err
		}
		if run = s.overlay(run); run.Status == store.StatusDone || run.Status == store.StatusFailed {
			return nil, conflictf("run %s is %s already; only a queued or running run can be cancelled", id, run.Status)
		}
		// Between queued and registered as running: look again.
		time.Sleep(5 * time.Millisecond)
	}
	run, err := s.st.Run(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.overlay(run), nil
}

// publicMessage is err as a failed run shows it: without the package
// prefixes and without the server's paths (the data directory is named
// as such), and a full disk said in words.
func (s *Server) publicMessage(err error) string {
	if diskFull(err) {
		return "the server's disk is full; the run could not write its results"
	}
	msg := stripPrefixes(err.Error())
	dirs := []string{s.cfg.DataDir}
	if abs, aerr := filepath.Abs(s.cfg.DataDir); aerr == nil && abs != s.cfg.DataDir {
		dirs = append(dirs, abs)
	}
	for _, d := range dirs {
		msg = strings.ReplaceAll(msg, d+string(filepath.Separator), "")
		msg = strings.ReplaceAll(msg, d, "the data directory")
	}
	return msg
}
