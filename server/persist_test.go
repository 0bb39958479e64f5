package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/catchment/catchment/server/internal/runparams"
	"github.com/catchment/catchment/server/internal/store"
)

// TestRestartPersistence stops a server and starts another on the same
// data directory: datasets, runs and results are all there, results byte
// for byte, and finished runs are still reused.
func TestRestartPersistence(t *testing.T) {
	dir := t.TempDir()
	a := startTestServer(t, Config{DataDir: dir})
	up := decode[DatasetInfo](t, upload(t, a.URL, []file{{"villages", "v.csv", []byte(villagesCSV + "V4,D,C2,T2,x,112.1,37.3\n")},
		{"facilities", "f.csv", []byte(facilitiesCSV)}}, "name", "persisted"))
	if up.Rejected != 1 {
		t.Fatalf("upload %+v, want one rejected row", up)
	}
	planBody := `{"kind": "plan", "dataset": "` + up.ID + `", "radius_km": [10, 15]}`
	runs := []RunInfo{
		waitRun(t, a.URL, createRun(t, a.URL, planBody, http.StatusAccepted).ID),
		waitRun(t, a.URL, createRun(t, a.URL, `{"kind": "coverage", "radius_km": [10, 20]}`, http.StatusAccepted).ID),
	}
	before := map[string][]byte{}
	for _, run := range runs {
		if run.Status != store.StatusDone {
			t.Fatalf("run %+v", run)
		}
		for _, url := range run.Results {
			r := get(t, a.URL+url)
			wantStatus(t, r, http.StatusOK)
			before[url] = r.Body
		}
	}
	coverageURL := "/api/v1/datasets/" + up.ID + "/coverage?radius_km=10,15&format=csv"
	covBefore := get(t, a.URL+coverageURL)
	wantStatus(t, covBefore, http.StatusOK)
	dsBefore := get(t, a.URL+"/api/v1/datasets/"+up.ID).Body
	a.stop(t)

	b := startTestServer(t, Config{DataDir: dir})
	if got := get(t, b.URL+"/api/v1/datasets/"+up.ID).Body; !bytes.Equal(got, dsBefore) {
		t.Errorf("dataset after restart:\n%s\nbefore:\n%s", got, dsBefore)
	}
	for _, run := range runs {
		after := decode[RunInfo](t, get(t, b.URL+run.URL))
		if after.Status != store.StatusDone || len(after.Results) != len(run.Results) || *after.Finished != *run.Finished {
			t.Errorf("run after restart %+v, before %+v", after, run)
		}
	}
	for url, want := range before {
		r := get(t, b.URL+url)
		wantStatus(t, r, http.StatusOK)
		if !bytes.Equal(r.Body, want) {
			t.Errorf("%s differs after restart (%d bytes, before %d)", url, len(r.Body), len(want))
		}
	}
	if r := get(t, b.URL+coverageURL); !bytes.Equal(r.Body, covBefore.Body) || r.Header.Get("ETag") != covBefore.Header.Get("ETag") {
		t.Errorf("coverage of the stored dataset differs after restart")
	}
	again := createRun(t, b.URL, planBody, http.StatusOK)
	if again.ID != runs[0].ID {
		t.Errorf("identical request after restart: run %s, want the finished %s", again.ID, runs[0].ID)
	}
}

// TestInterruptedRunMarkedFailed plays a crash: runs recorded as queued and
// running, with a half-written result directory, are found by the next
// server, which marks them failed and removes the leftovers.
func TestInterruptedRunMarkedFailed(t *testing.T) {
	dir := t.TempDir()
	a := startTestServer(t, Config{DataDir: dir})
	done := waitRun(t, a.URL, createRun(t, a.URL, `{"kind": "coverage"}`, http.StatusAccepted).ID)
	a.stop(t)

	st, err := store.Open(filepath.Join(dir, "catchment.db"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	crashed := map[string]string{"00000000000000a1": store.StatusRunning, "00000000000000a2": store.StatusQueued}
	for id, status := range crashed {
		err := st.InsertRun(ctx, &store.Run{ID: id, Kind: runparams.KindCoverage, Dataset: SampleID, Key: "k" + id, Status: status,
			Created: time.Now(), Params: json.RawMessage(`{"kind":"coverage"}`)})
		if err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	partial := filepath.Join(dir, "runs", ".tmp-00000000000000a1")
	if err := os.MkdirAll(partial, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(partial, "villages.geojson"), []byte(`{"type":"Feat`), 0o644)

	b := startTestServer(t, Config{DataDir: dir})
	for id := range crashed {
		run := decode[RunInfo](t, get(t, b.URL+"/api/v1/runs/"+id))
		if run.Status != store.StatusFailed || run.Error == nil || *run.Error != msgRestart || run.Finished == nil {
			t.Errorf("interrupted run %+v, want failed: %q", run, msgRestart)
		}
		wantProblem(t, get(t, b.URL+"/api/v1/runs/"+id+"/villages.geojson"), http.StatusConflict)
	}
	if _, err := os.Stat(partial); !os.IsNotExist(err) {
		t.Errorf("partial results left behind: %v", err)
	}
	if run := decode[RunInfo](t, get(t, b.URL+done.URL)); run.Status != store.StatusDone {
		t.Errorf("finished run after restart: %+v", run)
	}
}

// TestShutdownFailsRunningRuns: a run still going when the grace period
// ends is cancelled and recorded as failed, and so is one that never got
// a worker.
func TestShutdownFailsRunningRuns(t *testing.T) {
	dir := t.TempDir()
	a := startTestServer(t, Config{DataDir: dir, Workers: 1, ShutdownGrace: 200 * time.Millisecond})
	blockRuns(a) // never released: only the shutdown ends the run
	running := createRun(t, a.URL, `{"kind": "plan"}`, http.StatusAccepted)
	waitStatus(t, a.URL, running.ID, store.StatusRunning)
	queued := createRun(t, a.URL, `{"kind": "coverage"}`, http.StatusAccepted)
	start := time.Now()
	a.stop(t)
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("shutdown took %v", took)
	}

	b := startTestServer(t, Config{DataDir: dir})
	for _, id := range []string{running.ID, queued.ID} {
		run := decode[RunInfo](t, get(t, b.URL+"/api/v1/runs/"+id))
		if run.Status != store.StatusFailed || run.Error == nil || *run.Error != msgShutdown {
			t.Errorf("run %+v, want failed: %q", run, msgShutdown)
		}
	}
	// A failed run is not reused: asking again computes it.
	again := createRun(t, b.URL, `{"kind": "coverage"}`, http.StatusAccepted)
	if again.ID == queued.ID {
		t.Error("a failed run was reused")
	}
	if run := waitRun(t, b.URL, again.ID); run.Status != store.StatusDone {
		t.Errorf("rerun %+v", run)
	}
}

// TestShutdownLetsRunsFinish: a run that ends within the grace period
// completes normally.
func TestShutdownLetsRunsFinish(t *testing.T) {
	dir := t.TempDir()
	a := startTestServer(t, Config{DataDir: dir, ShutdownGrace: 30 * time.Second})
	started := make(chan struct{}, 1)
	a.testHookCompute = func(ctx context.Context, id string) error {
		started <- struct{}{}
		time.Sleep(200 * time.Millisecond)
		return nil
	}
	run := createRun(t, a.URL, `{"kind": "coverage"}`, http.StatusAccepted)
	<-started
	a.stop(t)
	b := startTestServer(t, Config{DataDir: dir})
	if got := decode[RunInfo](t, get(t, b.URL+run.URL)); got.Status != store.StatusDone {
		t.Errorf("run %+v, want done within the grace period", got)
	}
}
