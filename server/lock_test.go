//go:build unix

package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDataDirLock: a second server on a data directory in use fails
// before any startup recovery, so the first server's running run is
// untouched and still finishes; once the first is closed the directory
// can be used again.
func TestDataDirLock(t *testing.T) {
	dir := t.TempDir()
	a := startTestServer(t, Config{DataDir: dir})
	release := blockRuns(a)
	run := createRun(t, a.URL, `{"kind": "coverage"}`, http.StatusAccepted)
	waitStatus(t, a.URL, run.ID, statusRunning)

	b, err := New(Config{DataDir: dir, Logger: discardLogger()})
	if err == nil {
		b.Close()
		t.Fatal("a second server opened a data directory in use")
	}
	var le *DataDirLockedError
	if !errors.Is(err, ErrDataDirLocked) || !errors.As(err, &le) || le.PID != os.Getpid() || le.Dir != dir {
		t.Fatalf("second server: %v, want a DataDirLockedError naming %s and pid %d", err, dir, os.Getpid())
	}
	if want := fmt.Sprintf("in use by another catchment serve (pid %d)", os.Getpid()); !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
	// The first server's run was not failed by a recovery.
	if got := decode[RunInfo](t, get(t, a.URL+run.URL)); got.Status != statusRunning {
		t.Fatalf("after the second server's attempt the run is %s (%v), want running", got.Status, got.Error)
	}
	release()
	if got := waitRun(t, a.URL, run.ID); got.Status != statusDone {
		t.Fatalf("run %s (%v), want done", got.Status, got.Error)
	}
	a.stop(t)

	c, err := New(Config{DataDir: dir, Logger: discardLogger()})
	if err != nil {
		t.Fatalf("after the first server closed: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestFinishRunKeepsEndedState: a run that ended (failed) is not flipped
// to done by a late finish.
func TestFinishRunKeepsEndedState(t *testing.T) {
	st, err := openStore(filepath.Join(t.TempDir(), "catchment.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	ctx := context.Background()
	id := "00000000000000b1"
	if err := st.insertRun(ctx, &runRecord{ID: id, Kind: kindCoverage, Dataset: SampleID, Key: "k", Status: statusQueued,
		Created: time.Now(), Params: json.RawMessage(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if ok, err := st.setRunning(ctx, id); !ok || err != nil {
		t.Fatalf("setRunning: %v %v", ok, err)
	}
	if ids, err := st.failUnfinished(ctx, "stopped"); err != nil || len(ids) != 1 {
		t.Fatalf("failUnfinished: %v %v", ids, err)
	}
	ok, err := st.finishRun(ctx, id, statusDone, "", 1, time.Now(), []resultFile{{Name: "summary.json"}})
	if err != nil || ok {
		t.Fatalf("finishRun on a failed run: changed %v, err %v; want unchanged", ok, err)
	}
	r, err := st.run(ctx, id)
	if err != nil || r.Status != statusFailed || r.Error != "stopped" || len(r.Results) != 0 {
		t.Fatalf("run %+v (%v), want failed \"stopped\" without results", r, err)
	}
}
