package server

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestCoverageAnswersKeptOnDisk checks that a coverage answer is computed
// once and then served from its file (to GETs, HEADs and ranges alike),
// that the files of a deleted dataset go with it, and that an answer
// larger than the server keeps is streamed instead: whole, chunked,
// without a length or ranges.
func TestCoverageAnswersKeptOnDisk(t *testing.T) {
	ts := startTestServer(t, Config{})
	r := upload(t, ts.URL, []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}})
	wantStatus(t, r, http.StatusCreated)
	up := decode[DatasetInfo](t, r)
	url := ts.URL + "/api/v1/datasets/" + up.ID + "/coverage?radius_km=10"
	first := get(t, url)
	wantStatus(t, first, http.StatusOK)
	for status, header := range map[int][]string{http.StatusOK: nil, http.StatusPartialContent: {"Range", "bytes=0-9"}} {
		wantStatus(t, do(t, http.MethodHead, url, nil, header...), status)
		wantStatus(t, get(t, url, header...), status)
	}
	if n, size := ts.coverageFiles.Len(); n != 1 || size != int64(len(first.Body)) {
		t.Errorf("%d answers of %d bytes kept, want the one of %d", n, size, len(first.Body))
	}
	get(t, ts.URL+"/api/v1/datasets/sample/coverage?radius_km=10")
	if n, _ := ts.coverageFiles.Len(); n != 2 {
		t.Errorf("%d answers kept after a second query, want 2", n)
	}
	wantStatus(t, do(t, http.MethodDelete, ts.URL+"/api/v1/datasets/"+up.ID, nil), http.StatusNoContent)
	if n, _ := ts.coverageFiles.Len(); n != 1 {
		t.Errorf("%d answers kept after deleting the dataset, want the sample's 1", n)
	}

	// A server that keeps nothing over 1,000 bytes streams the sample's.
	srv, err := New(Config{DataDir: t.TempDir(), Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	srv.coverageFileMax = 1000 // before any request
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	big := get(t, hs.URL+"/api/v1/datasets/sample/coverage?radius_km=10")
	wantStatus(t, big, http.StatusOK)
	if big.ContentLength != -1 || len(big.TransferEncoding) == 0 || big.Header.Get("Accept-Ranges") != "" {
		t.Errorf("Content-Length %d, Transfer-Encoding %v, Accept-Ranges %q: not streamed", big.ContentLength, big.TransferEncoding, big.Header.Get("Accept-Ranges"))
	}
	cached := get(t, ts.URL+"/api/v1/datasets/sample/coverage?radius_km=10")
	if len(big.Body) <= 1000 || !bytes.Equal(big.Body, cached.Body) {
		t.Errorf("streamed %d bytes, kept answer %d bytes: want the same answer", len(big.Body), len(cached.Body))
	}
	if n, _ := srv.coverageFiles.Len(); n != 0 {
		t.Errorf("%d answers kept over the limit", n)
	}
}
