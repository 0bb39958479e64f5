//go:build unix

package server

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/catchment/catchment/server/internal/store"
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
	waitStatus(t, a.URL, run.ID, store.StatusRunning)

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
	if got := decode[RunInfo](t, get(t, a.URL+run.URL)); got.Status != store.StatusRunning {
		t.Fatalf("after the second server's attempt the run is %s (%v), want running", got.Status, got.Error)
	}
	release()
	if got := waitRun(t, a.URL, run.ID); got.Status != store.StatusDone {
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
