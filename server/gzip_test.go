package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/catchment/catchment/server/internal/gzipmw"
)

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("corrupt gzip: %v", err)
	}
	return out
}

func TestGzip(t *testing.T) {
	ts := startTestServer(t, Config{})
	run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "coverage"}`, http.StatusAccepted).ID)
	for _, path := range []string{"/api/v1/datasets/sample/coverage?radius_km=10,20", run.Results["villages.geojson"], run.Results["summary.json"], "/api/v1/openapi.json"} {
		t.Run(path, func(t *testing.T) {
			plain := get(t, ts.URL+path)
			wantStatus(t, plain, http.StatusOK)
			if plain.Header.Get("Content-Encoding") != "" {
				t.Fatalf("compressed without Accept-Encoding")
			}
			z := get(t, ts.URL+path, "Accept-Encoding", "br;q=1.0, gzip;q=0.8")
			wantStatus(t, z, http.StatusOK)
			if z.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(z.Header.Get("Vary"), "Accept-Encoding") {
				t.Fatalf("headers %v", z.Header)
			}
			if z.Header.Get("Content-Type") != plain.Header.Get("Content-Type") {
				t.Errorf("Content-Type %q, identity %q", z.Header.Get("Content-Type"), plain.Header.Get("Content-Type"))
			}
			if got := gunzip(t, z.Body); !bytes.Equal(got, plain.Body) {
				t.Errorf("gunzipped body differs from the identity body (%d vs %d bytes)", len(got), len(plain.Body))
			}
			if len(z.Body) >= len(plain.Body) {
				t.Errorf("gzip did not shrink the body: %d -> %d bytes", len(plain.Body), len(z.Body))
			}
			tag, ztag := plain.Header.Get("ETag"), z.Header.Get("ETag")
			if ztag != strings.TrimSuffix(tag, `"`)+`-gzip"` {
				t.Errorf("gzip ETag %q, identity %q", ztag, tag)
			}
			for _, inm := range []string{tag, ztag} {
				wantStatus(t, get(t, ts.URL+path, "Accept-Encoding", "gzip", "If-None-Match", inm), http.StatusNotModified)
			}
		})
	}
	t.Run("range", func(t *testing.T) {
		r := get(t, ts.URL+run.Results["villages.geojson"], "Accept-Encoding", "gzip", "Range", "bytes=0-9")
		wantStatus(t, r, http.StatusPartialContent)
		if r.Header.Get("Content-Encoding") != "" || string(r.Body) != `{"type":"F` {
			t.Errorf("range answer %q, encoding %q", r.Body, r.Header.Get("Content-Encoding"))
		}
	})
	t.Run("small", func(t *testing.T) {
		r := get(t, ts.URL+run.Results["counties.csv"], "Accept-Encoding", "gzip")
		wantStatus(t, r, http.StatusOK)
		if len(r.Body) >= gzipmw.MinBytes || r.Header.Get("Content-Encoding") != "" || r.Header.Get("Content-Length") == "" {
			t.Errorf("a %d-byte result: Content-Encoding %q, Content-Length %q", len(r.Body), r.Header.Get("Content-Encoding"), r.Header.Get("Content-Length"))
		}
	})
	t.Run("refused", func(t *testing.T) {
		r := get(t, ts.URL+run.Results["villages.geojson"], "Accept-Encoding", "gzip;q=0, identity")
		if r.Header.Get("Content-Encoding") != "" {
			t.Error("compressed although gzip;q=0")
		}
	})
}

// TestConcurrentCoverage sends 50 coverage requests at once through two
// slots: all are answered, and correctly.
func TestConcurrentCoverage(t *testing.T) {
	ts := startTestServer(t, Config{CoverageSlots: 2})
	in := sampleInputs(t)
	counties := map[string]int{}
	for _, v := range in.villages {
		counties[v.County]++
	}
	var names []string
	for c := range counties {
		names = append(names, c)
	}
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := range n {
		wg.Go(func() {
			county := names[i%len(names)]
			req, _ := http.NewRequest("GET", ts.URL+"/api/v1/datasets/sample/coverage?format=csv&radius_km="+[]string{"10", "15", "20"}[i%3]+"&county="+url.QueryEscape(county), nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err != nil || resp.StatusCode != http.StatusOK {
				errs <- resp.Status + ": " + string(b)
				return
			}
			if rows := strings.Count(string(b), "\n") - 1; rows != counties[county] {
				errs <- county + ": wrong row count"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
