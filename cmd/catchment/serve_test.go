package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedWriter is a buffer the server goroutine writes while the test
// reads it.
type lockedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

var servingLine = regexp.MustCompile(`(?m)^catchment: serving on (http://127\.0\.0\.1:\d+)$`)

// serveCLI runs `catchment serve args...` until the test stops it, and
// returns the URL it prints and a function that interrupts it and returns
// the exit code and stderr.
func serveCLI(t *testing.T, args ...string) (string, func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &lockedWriter{}, &lockedWriter{}
	exited := make(chan int, 1)
	go func() {
		exited <- run(ctx, append([]string{"catchment", "serve"}, args...), stdout, stderr)
	}()
	stopped := false
	stop := func() (int, string) {
		stopped = true
		cancel()
		select {
		case code := <-exited:
			return code, stderr.String()
		case <-time.After(60 * time.Second):
			t.Fatal("serve did not stop within 60 s of its context")
		}
		return 0, ""
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := servingLine.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], stop
		}
		select {
		case code := <-exited:
			t.Fatalf("serve exited with %d before serving\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("no serving line\nstdout: %s\nstderr: %s", stdout.String(), stderr.String())
	return "", nil
}

func httpGet(t *testing.T, url string, header ...string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestServeWithFiles(t *testing.T) {
	dir := t.TempDir()
	v := writeFile(t, dir, "v.csv", goodVillages+"V3,C,C1,T1,lots,112.1,37.0\n")
	f := writeFile(t, dir, "f.csv", goodFacilities)
	data := t.TempDir()
	url, stop := serveCLI(t, "--addr", "127.0.0.1:0", "--data-dir", data, "--villages", v, "--facilities", f)
	if code, body := httpGet(t, url+"/healthz"); code != http.StatusOK || !strings.Contains(string(body), `"ok"`) {
		t.Fatalf("healthz: %d %s", code, body)
	}
	code, body := httpGet(t, url+"/api/v1/datasets")
	var list struct {
		Datasets []struct {
			ID       string
			Villages int
			Rejected int
		}
	}
	if err := json.Unmarshal(body, &list); err != nil || code != http.StatusOK {
		t.Fatalf("datasets: %d %s", code, body)
	}
	if len(list.Datasets) != 2 || list.Datasets[0].ID != "sample" || list.Datasets[1].Villages != 2 || list.Datasets[1].Rejected != 1 {
		t.Fatalf("datasets %+v, want the sample and the files (2 villages, 1 rejected)", list.Datasets)
	}
	id := list.Datasets[1].ID
	if code, body := httpGet(t, url+"/api/v1/datasets/"+id+"/coverage?format=csv"); code != http.StatusOK || strings.Count(string(body), "\n") != 3 {
		t.Errorf("coverage of the files: %d\n%s", code, body)
	}
	code, stderr := stop()
	if code != exitOK || !strings.Contains(stderr, "rejected") || !strings.Contains(stderr, "catchment: stopped") {
		t.Fatalf("exit %d, stderr: %q", code, stderr)
	}

	// The same files again, on the same data directory: the same dataset.
	url, _ = serveCLI(t, "--addr", "127.0.0.1:0", "--data-dir", data, "--villages", v, "--facilities", f, "--quiet")
	_, body = httpGet(t, url+"/api/v1/datasets")
	if err := json.Unmarshal(body, &list); err != nil || len(list.Datasets) != 2 || list.Datasets[1].ID != id {
		t.Errorf("after a restart with the same files: %s", body)
	}
}

func TestServeToken(t *testing.T) {
	t.Setenv("CATCHMENT_TOKEN", "tok")
	url, _ := serveCLI(t, "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--quiet")
	if code, _ := httpGet(t, url+"/api/v1/datasets"); code != http.StatusUnauthorized {
		t.Errorf("without the token: %d, want 401", code)
	}
	if code, _ := httpGet(t, url+"/api/v1/datasets", "Authorization", "Bearer wrong"); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", code)
	}
	if code, _ := httpGet(t, url+"/api/v1/datasets", "Authorization", "Bearer tok"); code != http.StatusOK {
		t.Errorf("with the token: %d, want 200", code)
	}
	if code, _ := httpGet(t, url+"/healthz"); code != http.StatusOK {
		t.Errorf("healthz: %d, want 200", code)
	}
}

func TestServeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	v := writeFile(t, dir, "v.csv", goodVillages)
	f := writeFile(t, dir, "f.csv", goodFacilities)
	bad := writeFile(t, dir, "bad.csv", "a,b\n1,2\n")
	points := writeFile(t, dir, "points.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"county":"C1"},"geometry":{"type":"Point","coordinates":[112,37]}}]}`)
	t.Setenv("CATCHMENT_TOKEN", "")
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"public address without token", []string{"--addr", "0.0.0.0:0"}, exitUsage, "--token"},
		{"all interfaces without token", []string{"--addr", ":0"}, exitUsage, "not a loopback address"},
		{"lan address without token", []string{"--addr", "192.0.2.1:8080"}, exitUsage, "CATCHMENT_TOKEN"},
		{"bad address", []string{"--addr", "nowhere"}, exitUsage, "HOST:PORT"},
		{"villages alone", []string{"--addr", "127.0.0.1:0", "--villages", v}, exitUsage, "go together"},
		{"missing file", []string{"--addr", "127.0.0.1:0", "--villages", v, "--facilities", dir + "/none.csv"}, exitUsage, "none.csv"},
		{"unusable file", []string{"--addr", "127.0.0.1:0", "--villages", bad, "--facilities", f}, exitInvalidData, "missing column"},
		{"bad crs", []string{"--addr", "127.0.0.1:0", "--crs", "mars"}, exitUsage, "mars"},
		{"bad upload limit", []string{"--addr", "127.0.0.1:0", "--max-upload-mb", "0"}, exitUsage, "max-upload-mb"},
		{"arguments", []string{"--addr", "127.0.0.1:0", "extra"}, exitUsage, "no arguments"},
		{"bad keep-runs", []string{"--addr", "127.0.0.1:0", "--keep-runs", "-1"}, exitUsage, "--keep-runs"},
		{"missing boundaries", []string{"--addr", "127.0.0.1:0", "--boundaries", dir + "/none.geojson"}, exitUsage, "none.geojson"},
		{"boundaries not polygons", []string{"--addr", "127.0.0.1:0", "--boundaries", points}, exitInvalidData, "Polygon"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"serve", "--data-dir", t.TempDir()}, c.args...)
			code, stdout, stderr := runCLI(t, args...)
			if code != c.code || !strings.Contains(stderr, c.stderr) {
				t.Errorf("exit %d, want %d; stderr %q should mention %q", code, c.code, stderr, c.stderr)
			}
			if strings.Contains(stdout, "serving on") {
				t.Errorf("served anyway: %s", stdout)
			}
		})
	}
}

func TestServeHelpWorkersDefault(t *testing.T) {
	for _, line := range strings.Split(helpOf(t, "serve"), "\n") {
		if strings.Contains(line, "--workers") && (!strings.Contains(line, "(default: the number of CPUs)") || strings.Contains(line, "(default: 0)")) {
			t.Errorf("workers help: %q", line)
		}
	}
}

// TestServeDataDirInUse: a second serve on a data directory in use exits
// 2 naming the first one's pid, and the first keeps serving.
func TestServeDataDirInUse(t *testing.T) {
	data := t.TempDir()
	url, _ := serveCLI(t, "--addr", "127.0.0.1:0", "--data-dir", data, "--quiet")
	code, stdout, stderr := runCLI(t, "serve", "--addr", "127.0.0.1:0", "--data-dir", data)
	if code != exitUsage || !strings.Contains(stderr, "in use by another catchment serve (pid ") {
		t.Fatalf("second serve: exit %d, stderr %q", code, stderr)
	}
	if strings.Contains(stdout, "serving on") {
		t.Errorf("second serve served: %s", stdout)
	}
	if code, _ := httpGet(t, url+"/healthz"); code != http.StatusOK {
		t.Errorf("first serve after the second's attempt: healthz %d", code)
	}
}

// TestServeBusyPort: a port in use fails before the data directory is
// created or touched.
func TestServeBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	data := filepath.Join(t.TempDir(), "never")
	code, _, stderr := runCLI(t, "serve", "--addr", ln.Addr().String(), "--data-dir", data)
	if code != exitUsage || !strings.Contains(stderr, "--addr") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("the data directory was created for a server that could not listen: %v", err)
	}
}

// TestServeSampleBoundaries: --boundaries alone attaches to the sample.
func TestServeSampleBoundaries(t *testing.T) {
	b := writeFile(t, t.TempDir(), "b.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"C1"},"geometry":{"type":"Polygon","coordinates":[[[111,36],[113,36],[113,38],[111,36]]]}}]}`)
	url, _ := serveCLI(t, "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--boundaries", b, "--keep-runs", "0", "--quiet")
	code, body := httpGet(t, url+"/api/v1/datasets/sample")
	var d struct{ Boundaries bool }
	if err := json.Unmarshal(body, &d); err != nil || code != http.StatusOK || !d.Boundaries {
		t.Fatalf("sample: %d %s", code, body)
	}
}
