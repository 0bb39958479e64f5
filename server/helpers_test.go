package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/catchment/catchment/server/internal/store"
)

// testServer is a Server listening on a real loopback port.
type testServer struct {
	*Server
	URL    string
	cancel context.CancelFunc
	done   chan error
	closed bool
}

// startTestServer starts a server on 127.0.0.1:0 with cfg (DataDir defaults to
// a fresh temporary directory) and stops it when the test ends.
func startTestServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	if cfg.DataDir == "" {
		cfg.DataDir = t.TempDir()
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{Server: srv, URL: "http://" + ln.Addr().String(), cancel: cancel, done: make(chan error, 1)}
	go func() { ts.done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() { ts.stop(t) })
	return ts
}

// stop shuts the server down gracefully and closes it.
func (ts *testServer) stop(t testing.TB) {
	t.Helper()
	if ts.closed {
		return
	}
	ts.closed = true
	ts.cancel()
	select {
	case err := <-ts.done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Error("Serve did not return after shutdown")
	}
	if err := ts.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// response is a finished HTTP exchange.
type response struct {
	*http.Response
	Body []byte
}

// do sends a request and reads the whole answer. Transparent gzip
// decoding is off, so tests see exactly what the server sent.
func do(t testing.TB, method, url string, body io.Reader, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 2 * time.Minute}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, url, err)
	}
	return response{resp, b}
}

func get(t testing.TB, url string, header ...string) response {
	t.Helper()
	return do(t, http.MethodGet, url, nil, header...)
}

func postJSON(t testing.TB, url, body string, header ...string) response {
	t.Helper()
	return do(t, http.MethodPost, url, strings.NewReader(body), append([]string{"Content-Type", "application/json"}, header...)...)
}

// wantStatus fails the test unless r has the status; problem answers are
// shown in full.
func wantStatus(t testing.TB, r response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; body: %.2000s", r.Request.Method, r.Request.URL, r.StatusCode, status, r.Body)
	}
}

// wantProblem checks an error answer: status, problem+json media type and
// a problem object with that status; it returns the problem.
func wantProblem(t testing.TB, r response, status int) Problem {
	t.Helper()
	wantStatus(t, r, status)
	if ct := r.Header.Get("Content-Type"); ct != mediaProblem {
		t.Fatalf("%s %s: Content-Type %q, want %q", r.Request.Method, r.Request.URL, ct, mediaProblem)
	}
	var p Problem
	if err := json.Unmarshal(r.Body, &p); err != nil {
		t.Fatalf("problem body %q: %v", r.Body, err)
	}
	if p.Status != status || !strings.HasPrefix(p.Type, ProblemTypePrefix) || p.Title == "" || p.Detail == "" {
		t.Fatalf("incomplete problem %+v", p)
	}
	return p
}

func decode[T any](t testing.TB, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("%s %s: decoding %.500s: %v", r.Request.Method, r.Request.URL, r.Body, err)
	}
	return v
}

// file is one part of a multipart upload.
type file struct {
	field, name string
	content     []byte
}

// multipartBody encodes files and plain fields as multipart/form-data.
func multipartBody(t testing.TB, files []file, fields ...string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		w, err := mw.CreateFormFile(f.field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.content)
	}
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func upload(t testing.TB, base string, files []file, fields ...string) response {
	t.Helper()
	body, ct := multipartBody(t, files, fields...)
	return do(t, http.MethodPost, base+"/api/v1/datasets", body, "Content-Type", ct)
}

// waitRun polls a run until it is done or failed.
func waitRun(t testing.TB, base, id string, header ...string) RunInfo {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		r := get(t, base+"/api/v1/runs/"+id, header...)
		wantStatus(t, r, http.StatusOK)
		run := decode[RunInfo](t, r)
		if run.Progress < 0 || run.Progress > 1 {
			t.Fatalf("run %s: progress %v outside [0, 1]", id, run.Progress)
		}
		if run.Status == store.StatusDone || run.Status == store.StatusFailed {
			return run
		}
		if time.Now().After(deadline) {
			t.Fatalf("run %s still %s", id, run.Status)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Small inputs for uploads.
const (
	villagesCSV = "id,name,county,township,population,lon,lat\n" +
		"V1,A,C1,T1,300,112.0,37.0\n" +
		"V2,B,C1,T1,900,112.5,37.0\n" +
		"V3,C,C2,T2,150,112.0,37.3\n"
	facilitiesCSV = "id,name,type,county,township,lon,lat,beds,staff\n" +
		"F1,H1,county_hospital,C1,T1,112.01,37.0,100,50\n" +
		"F2,THC2,township_health_centre,C2,T2,112.0,37.31,,\n"
)

// requireTool returns the path of an external program, skipping the test
// when it is missing, unless the environment variable CI is set: then a
// missing tool fails the test (as in package data's GDAL tests).
func requireTool(t testing.TB, name string, probe ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil && len(probe) > 0 {
		if out, perr := exec.Command(path, probe...).CombinedOutput(); perr != nil {
			err = errors.Join(perr, errors.New(string(out)))
		}
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s: %v: install it (Debian: gdal-bin)", name, err)
		}
		t.Skipf("%s: %v: install it (Debian: gdal-bin) to run this test; it fails instead of skipping when CI is set", name, err)
	}
	return path
}

// sleep pauses between polls.
func sleep() { time.Sleep(10 * time.Millisecond) }

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
