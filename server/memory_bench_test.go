package server

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/synth"
)

// procKB reads a "VmRSS"/"VmHWM" figure of this process in KB; 0 where
// /proc is missing.
func procKB(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb
		}
	}
	return 0
}

// phaseMB runs fn and returns how far the process's resident memory rose
// above where it stood before, in MB: the peak (VmHWM, reset first
// through /proc/self/clear_refs) minus the resident size at the start.
func phaseMB(b *testing.B, fn func()) float64 {
	b.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Skipf("cannot reset the peak RSS: %v", err)
	}
	before := procKB("VmRSS")
	fn()
	return float64(procKB("VmHWM")-before) / 1024
}

// BenchmarkUploadCoverage1M measures the memory the server needs for the
// largest job the README promises: an upload of about 1,000,000 villages
// and 600,000 facilities (synth.Synth, 3,640 counties), then synchronous
// coverage on it streamed as GeoJSON. It reports the rise of resident
// memory over each phase and what that makes per uploaded byte and per
// village and facility: the figures behind the memory budget's estimates
// (uploadBytesPerByte, coverageBytesPerItem) and the README. Run it alone:
//
//	go test ./server -run '^$' -bench UploadCoverage1M -benchtime 1x
func BenchmarkUploadCoverage1M(b *testing.B) {
	villages, facilities, err := synth.Synth(synth.SynthOptions{Counties: 3640, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var v, f bytes.Buffer
	if err := csvio.WriteVillagesCSV(&v, villages); err != nil {
		b.Fatal(err)
	}
	if err := csvio.WriteFacilitiesCSV(&f, facilities); err != nil {
		b.Fatal(err)
	}
	items := len(villages) + len(facilities)
	villages, facilities = nil, nil
	inBytes := v.Len() + f.Len()
	ts := startTestServer(b, Config{MaxUploadBytes: 1 << 30})
	for b.Loop() {
		var id string
		up := phaseMB(b, func() {
			r := upload(b, ts.URL, []file{{"villages", "villages.csv", v.Bytes()}, {"facilities", "facilities.csv", f.Bytes()}})
			wantStatus(b, r, http.StatusCreated)
			id = decode[DatasetInfo](b, r).ID
		})
		ts.cache.Drop(id) // coverage loads the dataset from its files, as after a restart
		var n int64
		cov := phaseMB(b, func() {
			n = fetch(b, http.DefaultClient, ts.URL+"/api/v1/datasets/"+id+"/coverage?radius_km=10,15,20")
		})
		b.ReportMetric(up, "upload-MB")
		b.ReportMetric(cov, "coverage-MB")
		b.ReportMetric(up*(1<<20)/float64(inBytes), "upload-B/B")
		b.ReportMetric(cov*(1<<20)/float64(items), "coverage-B/item")
		b.Logf("%d villages+facilities, %.1f MB uploaded: upload +%.0f MB RSS, coverage (%.0f MB GeoJSON) +%.0f MB RSS",
			items, float64(inBytes)/1e6, up, float64(n)/1e6, cov)
		wantStatus(b, do(b, http.MethodDelete, ts.URL+"/api/v1/datasets/"+id, nil), http.StatusNoContent)
	}
}
