package server

// Tests of issue 12's defects that speak HTTP only (no internal hooks
// beyond testHookCompute), so that they also run against the code before
// the fixes, where each of them fails.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/catchment/catchment/server/internal/store"
)

// wideVillagesCSV is a village table with cols extra columns and rows rows.
func wideVillagesCSV(cols, rows int) []byte {
	var b bytes.Buffer
	b.WriteString("id,name,county,township,population,lon,lat")
	for i := range cols {
		fmt.Fprintf(&b, ",c%d", i)
	}
	b.WriteByte('\n')
	for r := range rows {
		fmt.Fprintf(&b, "W%d,a,c,t,100,112,37.5", r)
		b.WriteString(strings.Repeat(",1", cols))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// TestUploadColumnCap: a table wider than the column limit (1,000 by
// default) is refused with 422 before its rows are read; one within it is
// stored.
func TestUploadColumnCap(t *testing.T) {
	ts := startTestServer(t, Config{})
	fac := file{"facilities", "f.csv", []byte(facilitiesCSV)}
	p := wantProblem(t, upload(t, ts.URL, []file{{"villages", "wide.csv", wideVillagesCSV(1200, 3)}, fac}), http.StatusUnprocessableEntity)
	if !strings.Contains(p.Detail, "1207 columns, more than the limit of 1000") {
		t.Errorf("detail %q does not name the column count and the limit", p.Detail)
	}
	wantStatus(t, upload(t, ts.URL, []file{{"villages", "ok.csv", wideVillagesCSV(900, 3)}, fac}), http.StatusCreated)
}

// TestUploadStopsWhenClientGoes: when the request's context is cancelled
// (the client went away), the upload is neither read to the end nor
// stored, nothing is answered, and the log has no server error.
func TestUploadStopsWhenClientGoes(t *testing.T) {
	var logs bytes.Buffer
	s, err := New(Config{DataDir: t.TempDir(), Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	body, ct := multipartBody(t, []file{{"villages", "wide.csv", wideVillagesCSV(500, 200)}, {"facilities", "f.csv", []byte(facilitiesCSV)}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // gone before the server reads the tables
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/api/v1/datasets", body)
	req.Header.Set("Content-Type", ct)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Body.Len() != 0 || rec.Code == http.StatusCreated {
		t.Errorf("answered %d %.300s to a client that is gone", rec.Code, rec.Body)
	}
	recs, err := s.st.Datasets(context.Background())
	if err != nil || len(recs) != 0 {
		t.Errorf("stored %d datasets (%v) for a client that went away", len(recs), err)
	}
	sc := bufio.NewScanner(&logs)
	sawGone := false
	for sc.Scan() {
		var e struct {
			Level  string
			Msg    string
			Status int
		}
		json.Unmarshal(sc.Bytes(), &e)
		if e.Level == "ERROR" || e.Status >= 500 && e.Status != statusClientGoneLog {
			t.Errorf("log: %s", sc.Bytes())
		}
		sawGone = sawGone || e.Msg == "client went away"
	}
	if !sawGone {
		t.Errorf("no \"client went away\" in the log:\n%s", logs.String())
	}
}

// statusClientGoneLog is the status the request log shows for a client
// that went away (nginx's 499, never sent).
const statusClientGoneLog = 499

// TestRadiiCap: more than 20 radii in a coverage request or a run is a
// 422 naming radius_km, before any work.
func TestRadiiCap(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	radii := make([]string, 21)
	for i := range radii {
		radii[i] = fmt.Sprint(5 + i)
	}
	p := wantProblem(t, get(t, ts.URL+"/api/v1/datasets/sample/coverage?radius_km="+strings.Join(radii, ",")), http.StatusUnprocessableEntity)
	if p.Option != "radius_km" || !strings.Contains(p.Detail, "21 radii, more than the limit of 20") {
		t.Errorf("coverage problem %+v", p)
	}
	for _, kind := range []string{"coverage", "plan"} {
		body := fmt.Sprintf(`{"kind": %q, "radius_km": [%s]}`, kind, strings.Join(radii, ","))
		p := wantProblem(t, postJSON(t, ts.URL+"/api/v1/runs", body), http.StatusUnprocessableEntity)
		if p.Option != "radius_km" {
			t.Errorf("%s run problem %+v", kind, p)
		}
	}
	wantStatus(t, get(t, ts.URL+"/api/v1/datasets/sample/coverage?format=csv&radius_km="+strings.Join(radii[:20], ",")), http.StatusOK)
}

// TestCancelRun: POST .../cancel ends a running run and a queued one as
// failed; a finished run cannot be cancelled.
func TestCancelRun(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	release := blockRuns(ts)
	defer release()
	running := createRun(t, ts.URL, `{"kind": "plan", "radius_km": [15]}`, http.StatusAccepted)
	waitStatus(t, ts.URL, running.ID, store.StatusRunning)
	queued := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [12]}`, http.StatusAccepted)
	for _, id := range []string{queued.ID, running.ID} {
		wantStatus(t, do(t, http.MethodPost, ts.URL+"/api/v1/runs/"+id+"/cancel", nil), http.StatusAccepted)
		got := waitRun(t, ts.URL, id)
		if got.Status != store.StatusFailed || got.Error == nil || !strings.Contains(*got.Error, "cancelled") {
			t.Errorf("cancelled run %s ended %s (%v)", id, got.Status, got.Error)
		}
	}
	wantProblem(t, do(t, http.MethodPost, ts.URL+"/api/v1/runs/"+running.ID+"/cancel", nil), http.StatusConflict)
	wantProblem(t, do(t, http.MethodPost, ts.URL+"/api/v1/runs/ffffffffffffffff/cancel", nil), http.StatusNotFound)
	// A cancelled run is not reused: asking again queues a new one.
	if again := createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [12]}`, http.StatusAccepted); again.ID == queued.ID {
		t.Errorf("the cancelled run was reused")
	}
}

// TestFailedRunHidesPaths: a failed run's message does not show the
// server's data directory.
func TestFailedRunHidesPaths(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	dir := ts.DataDir()
	ts.testHookCompute = func(ctx context.Context, id string) error {
		return &fs.PathError{Op: "open", Path: filepath.Join(dir, "runs", ".tmp-"+id, "plan.geojson"), Err: syscall.EACCES}
	}
	got := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "coverage", "radius_km": [13]}`, http.StatusAccepted).ID)
	if got.Status != store.StatusFailed || got.Error == nil {
		t.Fatalf("run %+v", got)
	}
	if strings.Contains(*got.Error, dir) || strings.Contains(*got.Error, "/tmp") {
		t.Errorf("failed run's message shows a server path: %q", *got.Error)
	}
	if !strings.Contains(*got.Error, "permission denied") {
		t.Errorf("message %q lost the cause", *got.Error)
	}
}

// TestRunBodyStrict: a key given twice is 422 and text after the object
// 400 (malformed, like any JSON syntax error); the 413 of a run body
// names its own limit, not --max-upload-mb.
func TestRunBodyStrict(t *testing.T) {
	ts := startTestServer(t, Config{Workers: 1})
	for body, status := range map[string]int{
		`{"kind": "coverage", "radius_km": [10], "radius_km": [20]}`: http.StatusUnprocessableEntity,
		`{"kind": "coverage", "kind": "plan"}`:                       http.StatusUnprocessableEntity,
		`{"kind": "coverage"} {"kind": "plan"}`:                      http.StatusBadRequest,
		`{"kind": "coverage"}x`:                                      http.StatusBadRequest,
		"{\"kind\": \"coverage\"}\n\t ":                              http.StatusAccepted,
	} {
		if status == http.StatusAccepted {
			wantStatus(t, postJSON(t, ts.URL+"/api/v1/runs", body), status)
			continue
		}
		p := wantProblem(t, postJSON(t, ts.URL+"/api/v1/runs", body), status)
		if !strings.Contains(p.Detail, "twice") && !strings.Contains(p.Detail, "after the JSON object") {
			t.Errorf("%s: detail %q", body, p.Detail)
		}
	}
	big := `{"kind": "coverage", "dataset": "` + strings.Repeat("x", 1<<20) + `"}`
	p := wantProblem(t, postJSON(t, ts.URL+"/api/v1/runs", big), http.StatusRequestEntityTooLarge)
	if strings.Contains(p.Detail, "max-upload-mb") || !strings.Contains(p.Detail, "run request") {
		t.Errorf("413 detail %q", p.Detail)
	}
}

// TestTokenWithSpaces: a blank token, or one with outer white space, is
// refused at start (clients' tokens are compared trimmed, so it would lock
// everyone out).
func TestTokenWithSpaces(t *testing.T) {
	for _, tok := range []string{" ", "\t", "secret ", " secret", "secret\n"} {
		s, err := New(Config{DataDir: t.TempDir(), Token: tok})
		if err == nil {
			s.Close()
			t.Errorf("token %q accepted", tok)
			continue
		}
		if !strings.Contains(err.Error(), "white space") {
			t.Errorf("token %q: error %v", tok, err)
		}
	}
}
