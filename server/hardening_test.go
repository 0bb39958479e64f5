package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/catchment/catchment/server/internal/store"
)

// failWrites makes the store's writes named in ops fail as a full disk
// makes them fail, until the returned function is called.
func failWrites(s *Server, ops ...string) (restore func()) {
	f := func(op string) error {
		for _, o := range ops {
			if o == op {
				return fmt.Errorf("sqlite: %w", syscall.ENOSPC)
			}
		}
		return nil
	}
	s.st.SetWriteHook(f)
	return func() { s.st.SetWriteHook(nil) }
}

// TestRunEndsWhenDatabaseFull: a run whose end the database cannot record
// still ends (GET shows it failed), is not reused, and is written to the
// database by the next write that succeeds.
func TestRunEndsWhenDatabaseFull(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	setHook := switchableHook(ts)
	hold := make(chan struct{})
	setHook(func(ctx context.Context, id string) error {
		select {
		case <-hold:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	run := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [14]}`, http.StatusAccepted)
	waitStatus(t, ts.URL, run.ID, store.StatusRunning)
	setHook(nil)
	restore := failWrites(ts.Server, "finish")
	close(hold)
	got := waitRun(t, ts.URL, run.ID)
	if got.Status != store.StatusDone {
		t.Fatalf("run ended %s (%v), want done (its results are on disk)", got.Status, got.Error)
	}
	rec, err := ts.st.Run(context.Background(), run.ID)
	if err != nil || rec.Status != store.StatusRunning {
		t.Fatalf("database has %+v (%v): the injected failure did not happen", rec, err)
	}
	// Reused as done, not stuck: the same request answers 200 with it.
	if again := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [14]}`, http.StatusOK); again.ID != run.ID {
		t.Errorf("reuse gave %s, want %s", again.ID, run.ID)
	}
	// A run that fails while the database is full is shown failed.
	setHook(func(ctx context.Context, id string) error { return fmt.Errorf("write: %w", syscall.ENOSPC) })
	failed := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [16]}`, http.StatusAccepted)
	got = waitRun(t, ts.URL, failed.ID)
	if got.Status != store.StatusFailed || got.Error == nil || !strings.Contains(*got.Error, "disk is full") {
		t.Fatalf("run %+v", got)
	}
	wantProblem(t, do(t, http.MethodDelete, ts.URL+failed.URL, nil), http.StatusInsufficientStorage)
	// Space is back: the next write records both ends.
	restore()
	setHook(nil)
	createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [17]}`, http.StatusAccepted)
	for id, want := range map[string]string{run.ID: store.StatusDone, failed.ID: store.StatusFailed} {
		rec, err := ts.st.Run(context.Background(), id)
		if err != nil || rec.Status != want {
			t.Errorf("run %s in the database: %+v (%v), want %s", id, rec, err, want)
		}
	}
	ts.runsMu.Lock()
	left := len(ts.unrecorded)
	ts.runsMu.Unlock()
	if left != 0 {
		t.Errorf("%d run ends still only in memory", left)
	}
	wantStatus(t, do(t, http.MethodDelete, ts.URL+failed.URL, nil), http.StatusNoContent)
}

// switchableHook installs a compute hook that the test may change while
// workers run (testHookCompute itself is set once, before any run); the
// returned function sets it (nil: none).
func switchableHook(ts *testServer) func(func(ctx context.Context, id string) error) {
	var p atomic.Pointer[func(ctx context.Context, id string) error]
	ts.testHookCompute = func(ctx context.Context, id string) error {
		if h := p.Load(); h != nil {
			return (*h)(ctx, id)
		}
		return nil
	}
	return func(h func(ctx context.Context, id string) error) {
		if h == nil {
			p.Store(nil)
			return
		}
		p.Store(&h)
	}
}

// TestStartFailsWhenDatabaseFull: a run the database cannot even mark
// running ends failed rather than staying queued.
func TestStartFailsWhenDatabaseFull(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	restore := failWrites(ts.Server, "start", "finish")
	defer restore()
	got := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [18]}`, http.StatusAccepted).ID)
	if got.Status != store.StatusFailed || got.Error == nil || !strings.Contains(*got.Error, "could not start") {
		t.Fatalf("run %+v", got)
	}
}

// TestDiskFullIs507: a request that cannot store what it must because the
// disk is full is answered 507 with a message and no server path.
func TestDiskFullIs507(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	defer failWrites(ts.Server, "insert-run", "insert-dataset")()
	p := wantProblem(t, postJSON(t, ts.URL+"/api/v1/runs", `{"kind": "coverage", "radius_km": [19]}`), http.StatusInsufficientStorage)
	if !strings.Contains(p.Detail, "disk is full") || strings.Contains(p.Detail, ts.DataDir()) {
		t.Errorf("detail %q", p.Detail)
	}
	p = wantProblem(t, upload(t, ts.URL, []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}}), http.StatusInsufficientStorage)
	if !strings.Contains(p.Detail, "disk is full") {
		t.Errorf("detail %q", p.Detail)
	}
}

// TestRunEndsOnFullTmpfs reproduces issue 12's report on a real full
// disk: the data directory on a small tmpfs, a run held while the disk is
// filled, then released. It needs root (mount); elsewhere it is skipped,
// and TestRunEndsWhenDatabaseFull covers the same with an injected fault.
func TestRunEndsOnFullTmpfs(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a tmpfs")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs (needs root): %v %s", err, out)
	}
	defer exec.Command("umount", "-l", dir).Run()
	ts := startTestServer(t, Config{Workers: 1, DataDir: dir})
	release := blockRuns(ts)
	run := createRun(t, ts.URL, `{"kind": "plan", "radius_km": [15]}`, http.StatusAccepted)
	waitStatus(t, ts.URL, run.ID, store.StatusRunning)
	fill := filepath.Join(dir, "fill")
	f, err := os.Create(fill)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			break // full
		}
	}
	f.Close()
	release()
	got := waitRun(t, ts.URL, run.ID)
	if got.Status != store.StatusFailed || got.Error == nil {
		t.Fatalf("run on a full disk ended %+v", got)
	}
	if strings.Contains(*got.Error, dir) {
		t.Errorf("message shows the server's path: %q", *got.Error)
	}
	t.Logf("run on a full disk: %s: %s", got.Status, *got.Error)
	os.Remove(fill)
	createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [11]}`, http.StatusAccepted)
	if rec, err := ts.st.Run(context.Background(), run.ID); err != nil || rec.Status != store.StatusFailed {
		t.Errorf("after space came back the database has %+v (%v)", rec, err)
	}
}

// TestSlowUploadCutOff: an upload trickling below the minimum rate is
// answered 408 and its slot freed, long before the upload timeout.
func TestSlowUploadCutOff(t *testing.T) {
	ts := startTestServer(t, Config{UploadSlots: 1, UploadRateWindow: 300 * time.Millisecond, UploadMinBytesPerSec: 10000})
	for _, mode := range []string{"trickle", "stall"} {
		t.Run(mode, func(t *testing.T) {
			conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			body, ct := multipartBody(t, []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}})
			b, _ := io.ReadAll(body)
			fmt.Fprintf(conn, "POST /api/v1/datasets HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", ct, len(b))
			conn.Write(b[:10])
			done := make(chan struct{})
			if mode == "trickle" {
				go func() {
					for _, c := range b[10:] {
						select {
						case <-done:
							return
						case <-time.After(50 * time.Millisecond):
						}
						if _, err := conn.Write([]byte{c}); err != nil {
							return
						}
					}
				}()
			}
			conn.SetReadDeadline(time.Now().Add(time.Minute))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			close(done)
			if err != nil {
				t.Fatalf("no answer: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestTimeout {
				t.Fatalf("status %d, want 408", resp.StatusCode)
			}
		})
	}
	// The slot is free again.
	wantStatus(t, upload(t, ts.URL, []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}}), http.StatusCreated)
}

// TestMemoryBudget: work that would pass the budget is refused with 503
// and Retry-After while other work holds it, work larger than the whole
// budget with 422, and queued runs wait for memory instead of failing.
func TestMemoryBudget(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1, MaxMemoryBytes: 64 << 20, UploadWait: 50 * time.Millisecond, CoverageWait: 50 * time.Millisecond})
	files := []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}}
	hold, err := ts.mem.Acquire(context.Background(), 63<<20, 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	r := upload(t, ts.URL, files)
	p := wantProblem(t, r, http.StatusServiceUnavailable)
	if r.Header.Get("Retry-After") == "" || !strings.Contains(p.Detail, "budget") {
		t.Errorf("503 %q, Retry-After %q", p.Detail, r.Header.Get("Retry-After"))
	}
	wantProblem(t, get(t, ts.URL+"/api/v1/datasets/sample/coverage"), http.StatusServiceUnavailable)
	// A run waits for memory rather than failing.
	run := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [10]}`, http.StatusAccepted)
	time.Sleep(100 * time.Millisecond)
	if got := decode[RunInfo](t, get(t, ts.URL+run.URL)); got.Status == store.StatusDone || got.Status == store.StatusFailed {
		t.Errorf("run %s while the budget is held", got.Status)
	}
	hold()
	if got := waitRun(t, ts.URL, run.ID); got.Status != store.StatusDone {
		t.Errorf("run %+v", got)
	}
	wantStatus(t, upload(t, ts.URL, files), http.StatusCreated)
	if used := ts.mem.InUse(); used != 0 {
		t.Errorf("%d bytes still reserved after the work ended", used)
	}
	// Larger than the whole budget: no retry helps.
	small := startTestServer(t, Config{MaxMemoryBytes: 1 << 20})
	p = wantProblem(t, upload(t, small.URL, files), http.StatusUnprocessableEntity)
	if p.Option != "memory" || !strings.Contains(p.Detail, "--max-memory-mb") {
		t.Errorf("problem %+v", p)
	}
}
