package server

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/synth"
)

// uploadSynth uploads synth.Synth(counties, seed 1) as canonical CSV
// tables and returns the dataset id.
func uploadSynth(b *testing.B, ts *testServer, counties int) string {
	b.Helper()
	villages, facilities, err := synth.Synth(synth.SynthOptions{Counties: counties, Seed: 1})
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
	start := time.Now()
	r := upload(b, ts.URL, []file{{"villages", "villages.csv", v.Bytes()}, {"facilities", "facilities.csv", f.Bytes()}})
	wantStatus(b, r, http.StatusCreated)
	d := decode[DatasetInfo](b, r)
	b.Logf("uploaded %d villages, %d facilities (%.1f MB) in %.2f s", d.Villages, d.Facilities,
		float64(v.Len()+f.Len())/1e6, time.Since(start).Seconds())
	return d.ID
}

// fetch streams a GET answer to io.Discard and returns its size. It
// reports failures with Error, so it may run on any goroutine.
func fetch(b *testing.B, client *http.Client, url string, header ...string) int64 {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		b.Error(err)
		return 0
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		b.Error(err)
		return 0
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Errorf("GET %s: %s, %v", url, resp.Status, err)
	}
	return n
}

// BenchmarkCoverageGeoJSON serves synchronous coverage GeoJSON (computed
// and streamed per request) for the embedded sample and for 275,000
// villages (synth.Synth with 1,000 counties), as sent (identity) and
// gzip-compressed. MB/op is the size on the wire.
func BenchmarkCoverageGeoJSON(b *testing.B) {
	sizes := []struct {
		name     string
		counties int // 0: the embedded sample
	}{
		{"villages=1k", 0},
		{"villages=275k", 1000},
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			ts := startTestServer(b, Config{})
			id := SampleID
			if size.counties > 0 {
				id = uploadSynth(b, ts, size.counties)
			}
			url := ts.URL + "/api/v1/datasets/" + id + "/coverage?radius_km=10,15,20"
			fetch(b, client, url) // loads the dataset into memory
			for _, enc := range []string{"identity", "gzip"} {
				b.Run(enc, func(b *testing.B) {
					b.ReportAllocs()
					var n int64
					start := time.Now()
					for b.Loop() {
						n = fetch(b, client, url, "Accept-Encoding", enc)
					}
					b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/op")
					b.ReportMetric(float64(n)/1e6, "MB/op")
				})
			}
		})
	}
}

// BenchmarkConcurrentCoverage sends 50 coverage requests for the embedded
// sample at once per operation, through the default coverage slots.
func BenchmarkConcurrentCoverage(b *testing.B) {
	ts := startTestServer(b, Config{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	url := ts.URL + "/api/v1/datasets/sample/coverage?radius_km=15"
	fetch(b, client, url)
	const n = 50
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() { fetch(b, client, url) })
		}
		wg.Wait()
	}
	b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "requests/s")
}
