package server

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/catchment/catchment/server/internal/store"
)

func TestDeleteRun(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	done := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [10]}`, http.StatusAccepted).ID)
	if done.Status != store.StatusDone {
		t.Fatalf("run %+v", done)
	}
	if _, err := os.Stat(ts.runDir(done.ID)); err != nil {
		t.Fatalf("results of a done run: %v", err)
	}

	release := blockRuns(ts)
	running := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [11]}`, http.StatusAccepted)
	waitStatus(t, ts.URL, running.ID, store.StatusRunning)
	queued := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [12]}`, http.StatusAccepted)

	t.Run("running", func(t *testing.T) {
		wantProblem(t, do(t, http.MethodDelete, ts.URL+running.URL, nil), http.StatusConflict)
	})
	t.Run("queued", func(t *testing.T) {
		wantStatus(t, do(t, http.MethodDelete, ts.URL+queued.URL, nil), http.StatusNoContent)
		wantProblem(t, get(t, ts.URL+queued.URL), http.StatusNotFound)
	})
	t.Run("done", func(t *testing.T) {
		r := do(t, http.MethodDelete, ts.URL+done.URL, nil)
		wantStatus(t, r, http.StatusNoContent)
		if len(r.Body) != 0 {
			t.Errorf("204 with a body: %q", r.Body)
		}
		wantProblem(t, get(t, ts.URL+done.URL), http.StatusNotFound)
		wantProblem(t, get(t, ts.URL+done.URL+"/summary.json"), http.StatusNotFound)
		if _, err := os.Stat(ts.runDir(done.ID)); !os.IsNotExist(err) {
			t.Errorf("results left after delete: %v", err)
		}
		// Asking again computes it anew rather than reusing a deleted run.
		again := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [10]}`, http.StatusAccepted)
		if again.ID == done.ID {
			t.Errorf("the deleted run was reused")
		}
	})
	t.Run("missing and bad ids", func(t *testing.T) {
		wantProblem(t, do(t, http.MethodDelete, ts.URL+"/api/v1/runs/ffffffffffffffff", nil), http.StatusNotFound)
		wantProblem(t, do(t, http.MethodDelete, ts.URL+"/api/v1/runs/BAD.ID", nil), http.StatusBadRequest)
	})

	release()
	if got := waitRun(t, ts.URL, running.ID); got.Status != store.StatusDone {
		t.Fatalf("running run ended %s (%v)", got.Status, got.Error)
	}
	// The deleted queued run was skipped by its worker: no record, no
	// results.
	wantProblem(t, get(t, ts.URL+queued.URL), http.StatusNotFound)
	if _, err := os.Stat(ts.runDir(queued.ID)); !os.IsNotExist(err) {
		t.Errorf("a cancelled run has results: %v", err)
	}
	wantStatus(t, do(t, http.MethodDelete, ts.URL+running.URL, nil), http.StatusNoContent)
}

// TestKeepRuns: finished runs beyond Config.KeepRuns are deleted, oldest
// first, with their results, when a run ends.
func TestKeepRuns(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1, KeepRuns: 2})
	var ids []string
	for i := range 4 {
		run := waitRun(t, ts.URL, createRun(t, ts.URL, fmt.Sprintf(`{"kind": "coverage", "radius_km": [%d]}`, 10+i), http.StatusAccepted).ID)
		if run.Status != store.StatusDone {
			t.Fatalf("run %d: %+v", i, run)
		}
		ids = append(ids, run.ID)
	}
	list := decode[struct{ Runs []RunInfo }](t, get(t, ts.URL+"/api/v1/runs"))
	if len(list.Runs) != 2 || list.Runs[0].ID != ids[3] || list.Runs[1].ID != ids[2] {
		t.Fatalf("runs after 4 with keep 2: %+v, want %s and %s", list.Runs, ids[3], ids[2])
	}
	for i, id := range ids {
		_, err := os.Stat(ts.runDir(id))
		if kept := i >= 2; kept != (err == nil) {
			t.Errorf("run %d (%s): kept %v, results stat %v", i, id, kept, err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(ts.DataDir(), "runs"))
	if err != nil || len(entries) != 2 {
		t.Errorf("runs directory holds %d entries (%v), want 2", len(entries), err)
	}

	// A running run is never pruned, however many finish meanwhile.
	release := blockRuns(ts)
	held := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [20]}`, http.StatusAccepted)
	waitStatus(t, ts.URL, held.ID, store.StatusRunning)
	if err := ts.pruneRuns(t.Context()); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ts.URL, held.ID, store.StatusRunning)
	release()
	if got := waitRun(t, ts.URL, held.ID); got.Status != store.StatusDone {
		t.Fatalf("held run %+v", got)
	}
}
