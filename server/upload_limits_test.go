package server

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func smallUpload() []file {
	return []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}}
}

// TestUploadSlots: uploads beyond Config.UploadSlots wait, then get 503
// with Retry-After; none fails otherwise, and no temporary file stays.
func TestUploadSlots(t *testing.T) {
	t.Run("full", func(t *testing.T) {
		ts := startTestServer(t, Config{UploadSlots: 1, UploadWait: 50 * time.Millisecond})
		ts.uploads <- struct{}{} // an upload in progress
		r := upload(t, ts.URL, smallUpload())
		p := wantProblem(t, r, http.StatusServiceUnavailable)
		if r.Header.Get("Retry-After") == "" || !strings.Contains(p.Detail, "upload slots") {
			t.Errorf("503 without Retry-After or reason: %v %+v", r.Header, p)
		}
		<-ts.uploads
		wantStatus(t, upload(t, ts.URL, smallUpload()), http.StatusCreated)
	})
	t.Run("concurrent", func(t *testing.T) {
		ts := startTestServer(t, Config{UploadSlots: 2, UploadWait: 20 * time.Millisecond})
		// Large enough that reading one takes a while.
		var big bytes.Buffer
		big.WriteString("id,name,county,township,population,lon,lat\n")
		for i := range 20000 {
			big.WriteString("V" + strconv.Itoa(i) + ",N,C1,T1,100,112." + strconv.Itoa(i%1000) + ",37.0\n")
		}
		files := []file{{"villages", "v.csv", big.Bytes()}, {"facilities", "f.csv", []byte(facilitiesCSV)}}
		const n = 8
		statuses := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				body, ct := multipartBody(t, files)
				req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/datasets", body)
				req.Header.Set("Content-Type", ct)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					// A refused upload may close the connection before the
					// client has sent its whole body.
					return
				}
				resp.Body.Close()
				statuses[i] = resp.StatusCode
			})
		}
		wg.Wait()
		created := 0
		for i, s := range statuses {
			switch s {
			case http.StatusCreated:
				created++
			case http.StatusServiceUnavailable, 0:
			default:
				t.Errorf("upload %d: status %d, want 201 or 503", i, s)
			}
		}
		if created == 0 {
			t.Errorf("no upload succeeded: %v", statuses)
		}
		t.Logf("statuses %v", statuses)
		entries, err := os.ReadDir(filepath.Join(ts.DataDir(), "uploads"))
		if err != nil || len(entries) != 0 {
			t.Errorf("uploads directory: %d entries (%v), want none left", len(entries), err)
		}
	})
}

// TestProblemDetails: problem details carry no Go package prefixes,
// file-level warnings no line or id, dataset names no control characters,
// and oversized headers get a problem too.
func TestProblemDetails(t *testing.T) {
	ts := startTestServer(t, Config{})
	t.Run("no package prefix", func(t *testing.T) {
		for _, url := range []string{"/api/v1/datasets/nope", "/api/v1/runs/ffff/summary.json", "/api/v1/datasets/sample/coverage?radius_km=-1"} {
			r := get(t, ts.URL+url)
			p := decode[Problem](t, r)
			for _, prefix := range packagePrefixes {
				if strings.Contains(p.Detail, prefix) {
					t.Errorf("%s: detail %q has the prefix %q", url, p.Detail, prefix)
				}
			}
			if p.Detail == "" {
				t.Errorf("%s: empty detail", url)
			}
		}
	})
	t.Run("file-level warnings", func(t *testing.T) {
		// A tab-separated table draws a file-level warning (line 0).
		tsv := strings.ReplaceAll(villagesCSV, ",", "\t")
		r := upload(t, ts.URL, []file{{"villages", "v.tsv.csv", []byte(tsv)}, {"facilities", "f.csv", []byte(facilitiesCSV)}})
		wantStatus(t, r, http.StatusCreated)
		d := decode[DatasetInfo](t, r)
		if len(d.Reports) == 0 || len(d.Reports[0].Warnings) == 0 {
			t.Fatalf("no warning for a tab-separated table: %s", r.Body)
		}
		raw := decode[struct {
			Reports []struct {
				Warnings []map[string]any `json:"warnings"`
			} `json:"reports"`
		}](t, r)
		for _, w := range raw.Reports[0].Warnings {
			if _, ok := w["line"]; ok {
				t.Errorf("file-level warning with a line: %v", w)
			}
			if _, ok := w["id"]; ok {
				t.Errorf("file-level warning with an id: %v", w)
			}
			if w["reason"] == "" || w["file"] != "v.tsv.csv" {
				t.Errorf("warning %v", w)
			}
		}
	})
	t.Run("control characters in name", func(t *testing.T) {
		for _, name := range []string{"a\nb", "tab\there", "esc\x1b[31m", "del\x7f"} {
			p := wantProblem(t, upload(t, ts.URL, smallUpload(), "name", name), http.StatusBadRequest)
			if p.Option != "name" {
				t.Errorf("name %q: option %q, want name", name, p.Option)
			}
		}
		wantStatus(t, upload(t, ts.URL, smallUpload(), "name", "县 2024 (v2)"), http.StatusCreated)
	})
	t.Run("header too large", func(t *testing.T) {
		r := get(t, ts.URL+"/api/v1/datasets", "X-Big", strings.Repeat("x", maxHeaderBytes+1))
		p := wantProblem(t, r, http.StatusRequestHeaderFieldsTooLarge)
		if !strings.HasSuffix(p.Type, "header-too-large") {
			t.Errorf("type %q", p.Type)
		}
		wantStatus(t, get(t, ts.URL+"/api/v1/datasets", "X-Fine", strings.Repeat("x", 1000)), http.StatusOK)
	})
}
