package server

import (
	"bufio"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/catchment/catchment/server/internal/store"
)

// TestBoundedRejections: an upload of one good row and 2,000,000 rows with
// a negative population (about 50 MB; 200,000 rows with -short) is
// accepted with a report that lists the first 1,000 rejected rows and
// counts the rest, so the answer, the dataset's JSON and a run's summary
// stay small; rejections.csv lists every rejected row. Under the race
// detector (make test) it takes 200,000 rows too: the reader is the same,
// ten times slower.
func TestBoundedRejections(t *testing.T) {
	bad := 2_000_000
	if testing.Short() || raceEnabled {
		bad = 200_000
	}
	path := filepath.Join(t.TempDir(), "villages.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("id,name,county,township,population,lon,lat\nV0,A,C1,T1,100,112.0,37.0\n")
	for i := range bad {
		fmt.Fprintf(w, "B%d,a,C1,T1,-1,112.0,37.5\n", i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ts := startTestServer(t, Config{Workers: 1})
	start := time.Now()
	r := uploadFromDisk(t, ts.URL, path)
	t.Logf("%d bad rows: upload answered in %v, %d bytes", bad, time.Since(start).Round(time.Millisecond), len(r.Body))
	wantStatus(t, r, http.StatusCreated)
	const maxBody = 512 << 10
	if len(r.Body) > maxBody {
		t.Errorf("upload answer is %d bytes, want at most %d", len(r.Body), maxBody)
	}
	info := decode[DatasetInfo](t, r)
	vr := info.Reports[0]
	if info.Villages != 1 || info.Rejected != bad || vr.RejectedCount != bad || len(vr.Rejected) != maxReportRows {
		t.Fatalf("villages %d, rejected %d (report %d, listed %d)", info.Villages, info.Rejected, vr.RejectedCount, len(vr.Rejected))
	}
	if len(vr.Omitted) != 1 || vr.Omitted[0].Count != bad-maxReportRows {
		t.Errorf("omitted %+v, want one reason with %d rows", vr.Omitted, bad-maxReportRows)
	}
	if vr.Rejected[0].Line != 3 || vr.Rejected[maxReportRows-1].Line != maxReportRows+2 {
		t.Errorf("listed rows are not the first ones: lines %d..%d", vr.Rejected[0].Line, vr.Rejected[maxReportRows-1].Line)
	}
	if g := get(t, ts.URL+info.URL); len(g.Body) > maxBody {
		t.Errorf("GET dataset is %d bytes", len(g.Body))
	}

	// Every rejected row is in rejections.csv.
	resp, err := http.Get(ts.URL + info.RejectionsURL)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		lines++
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || sc.Err() != nil || lines != bad+1 {
		t.Errorf("rejections.csv: status %d, %d lines (%v), want %d", resp.StatusCode, lines, sc.Err(), bad+1)
	}

	// A run's summary lists the bounded report, with the full count.
	run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "coverage", "dataset": "`+info.ID+`"}`, http.StatusAccepted).ID)
	if run.Status != store.StatusDone {
		t.Fatalf("run %+v", run)
	}
	sum := get(t, ts.URL+run.Results["summary.json"])
	if len(sum.Body) > maxBody {
		t.Errorf("summary.json is %d bytes", len(sum.Body))
	}
	if s := decode[struct {
		RejectedCount int `json:"rejected_count"`
	}](t, sum); s.RejectedCount != bad {
		t.Errorf("summary rejected_count %d, want %d", s.RejectedCount, bad)
	}
}

// uploadFromDisk uploads a villages file from disk (streamed) with the small
// facilities table.
func uploadFromDisk(t *testing.T, base, path string) response {
	t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := func() error {
			w, err := mw.CreateFormFile("villages", filepath.Base(path))
			if err != nil {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			if _, err := io.Copy(w, f); err != nil {
				return err
			}
			if w, err = mw.CreateFormFile("facilities", "f.csv"); err != nil {
				return err
			}
			io.WriteString(w, facilitiesCSV)
			return mw.Close()
		}()
		pw.CloseWithError(err)
	}()
	return do(t, http.MethodPost, base+"/api/v1/datasets", pr, "Content-Type", mw.FormDataContentType())
}
