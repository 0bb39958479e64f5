package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/synth"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/server/internal/runparams"
)

// sampleInputs reads the embedded sample as the command line does.
func sampleInputs(t *testing.T) *dataset {
	t.Helper()
	v, vrep, err := data.ReadVillages(bytes.NewReader(synth.SampleVillagesCSV()), "sample:villages.csv", table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, frep, err := data.ReadFacilities(bytes.NewReader(synth.SampleFacilitiesCSV()), "sample:facilities.csv", table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return &dataset{villages: v, facilities: f, reports: []*table.ReadReport{vrep, frep}}
}

// render writes with one of the data package's writers into memory.
func render(t *testing.T, write func(io.Writer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHealthz(t *testing.T) {
	ts := startTestServer(t, Config{})
	r := get(t, ts.URL+"/healthz")
	wantStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != mediaJSON {
		t.Errorf("Content-Type %q", ct)
	}
	if got := decode[map[string]string](t, r); got["status"] != "ok" {
		t.Errorf("healthz %v", got)
	}
}

func TestPage(t *testing.T) {
	ts := startTestServer(t, Config{})
	r := get(t, ts.URL+"/")
	wantStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("GET / Content-Type %q, want the web page", ct)
	}
}

func TestDatasets(t *testing.T) {
	ts := startTestServer(t, Config{})
	in := sampleInputs(t)

	r := get(t, ts.URL+"/api/v1/datasets")
	wantStatus(t, r, http.StatusOK)
	list := decode[struct{ Datasets []DatasetInfo }](t, r).Datasets
	if len(list) != 1 || list[0].ID != SampleID || !list[0].Builtin {
		t.Fatalf("datasets %+v, want the sample only", list)
	}
	if list[0].Villages != len(in.villages) || list[0].Facilities != len(in.facilities) || list[0].Reports != nil {
		t.Errorf("sample in list: %+v, want %d villages, %d facilities and no reports", list[0], len(in.villages), len(in.facilities))
	}

	r = get(t, ts.URL+"/api/v1/datasets/sample")
	wantStatus(t, r, http.StatusOK)
	sample := decode[DatasetInfo](t, r)
	if len(sample.Reports) != 2 || sample.Reports[0].File != "sample:villages.csv" || sample.Reports[0].Accepted != len(in.villages) {
		t.Errorf("sample reports %+v", sample.Reports)
	}
	var pop int64
	for _, v := range in.villages {
		pop += int64(v.Population)
	}
	if sample.Population != pop || len(sample.Counties) != synth.SampleCounties {
		t.Errorf("sample population %d, counties %v; want %d and %d counties", sample.Population, sample.Counties, pop, synth.SampleCounties)
	}

	p := wantProblem(t, do(t, http.MethodDelete, ts.URL+"/api/v1/datasets/sample", nil), http.StatusConflict)
	if !strings.Contains(p.Detail, "sample") {
		t.Errorf("detail %q", p.Detail)
	}
	wantProblem(t, get(t, ts.URL+"/api/v1/datasets/nope"), http.StatusNotFound)

	r = upload(t, ts.URL, []file{{"villages", "v.csv", []byte(villagesCSV)}, {"facilities", "f.csv", []byte(facilitiesCSV)}}, "name", "Test set")
	wantStatus(t, r, http.StatusCreated)
	up := decode[DatasetInfo](t, r)
	if r.Header.Get("Location") != "/api/v1/datasets/"+up.ID || !runparams.ValidID(up.ID) || up.Name != "Test set" || up.Villages != 3 || up.Facilities != 2 {
		t.Fatalf("upload answer %+v, Location %q", up, r.Header.Get("Location"))
	}
	if _, err := os.Stat(filepath.Join(ts.DataDir(), "datasets", up.ID, villagesFile)); err != nil {
		t.Errorf("canonical table not stored: %v", err)
	}
	list = decode[struct{ Datasets []DatasetInfo }](t, get(t, ts.URL+"/api/v1/datasets")).Datasets
	if len(list) != 2 || list[1].ID != up.ID {
		t.Fatalf("datasets after upload %+v", list)
	}

	r = do(t, http.MethodDelete, ts.URL+"/api/v1/datasets/"+up.ID, nil)
	wantStatus(t, r, http.StatusNoContent)
	wantProblem(t, get(t, ts.URL+"/api/v1/datasets/"+up.ID), http.StatusNotFound)
	wantProblem(t, do(t, http.MethodDelete, ts.URL+"/api/v1/datasets/"+up.ID, nil), http.StatusNotFound)
	if _, err := os.Stat(filepath.Join(ts.DataDir(), "datasets", up.ID)); !os.IsNotExist(err) {
		t.Errorf("dataset directory left after delete: %v", err)
	}
}

func TestCoverage(t *testing.T) {
	ts := startTestServer(t, Config{})
	in := sampleInputs(t)
	county := in.villages[len(in.villages)-1].County
	var inCounty []planner.Village
	for _, v := range in.villages {
		if v.County == county {
			inCounty = append(inCounty, v)
		}
	}
	expect := func(villages []planner.Village, radii []float64, types []planner.FacilityType,
		write func(io.Writer, []planner.Village, []planner.Facility, *planner.CoverageResult) error) []byte {
		res, err := planner.Coverage(context.Background(), villages, in.facilities, planner.CoverageOptions{RadiiKm: radii, Types: types})
		if err != nil {
			t.Fatal(err)
		}
		return render(t, func(w io.Writer) error { return write(w, villages, in.facilities, res) })
	}
	cases := []struct {
		name, query, media string
		want               []byte
	}{
		{"default", "", mediaGeoJSON, expect(in.villages, []float64{15}, nil, geojsonio.WriteCoverageGeoJSON)},
		{"three radii", "?radius_km=10,15,20", mediaGeoJSON, expect(in.villages, []float64{10, 15, 20}, nil, geojsonio.WriteCoverageGeoJSON)},
		{"seq", "?radius_km=12.5&format=geojsonseq", mediaGeoJSONSeq, expect(in.villages, []float64{12.5}, nil, geojsonio.WriteCoverageGeoJSONSeq)},
		{"csv", "?format=csv&radius_km=20", mediaCSV, expect(in.villages, []float64{20}, nil, csvio.WriteCoverageCSVFile)},
		{"types", "?types=county_hospital", mediaGeoJSON,
			expect(in.villages, []float64{15}, []planner.FacilityType{planner.CountyHospital}, geojsonio.WriteCoverageGeoJSON)},
		{"county", "?county=" + county, mediaGeoJSON, expect(inCounty, []float64{15}, nil, geojsonio.WriteCoverageGeoJSON)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := get(t, ts.URL+"/api/v1/datasets/sample/coverage"+c.query)
			wantStatus(t, r, http.StatusOK)
			if ct := r.Header.Get("Content-Type"); ct != c.media {
				t.Errorf("Content-Type %q, want %q", ct, c.media)
			}
			if !bytes.Equal(r.Body, c.want) {
				t.Errorf("body differs from the command line's writer: %d bytes, want %d", len(r.Body), len(c.want))
			}
			// Kept on disk and served with its length, in ranges too
			// (what GDAL's /vsicurl/ reads with: TestOGRInfoReadsResultURLs).
			if r.ContentLength != int64(len(c.want)) || r.Header.Get("Accept-Ranges") != "bytes" {
				t.Errorf("Content-Length %d of %d bytes, Accept-Ranges %q", r.ContentLength, len(c.want), r.Header.Get("Accept-Ranges"))
			}
			part := get(t, ts.URL+"/api/v1/datasets/sample/coverage"+c.query, "Range", "bytes=100-199")
			wantStatus(t, part, http.StatusPartialContent)
			if !bytes.Equal(part.Body, c.want[100:200]) || part.Header.Get("Content-Range") != fmt.Sprintf("bytes 100-199/%d", len(c.want)) {
				t.Errorf("range 100-199: %q, Content-Range %q", part.Body, part.Header.Get("Content-Range"))
			}
			head := do(t, http.MethodHead, ts.URL+"/api/v1/datasets/sample/coverage"+c.query, nil)
			wantStatus(t, head, http.StatusOK)
			if head.ContentLength != int64(len(c.want)) || len(head.Body) != 0 || head.Header.Get("ETag") != r.Header.Get("ETag") {
				t.Errorf("HEAD: Content-Length %d, %d bytes of body, ETag %q", head.ContentLength, len(head.Body), head.Header.Get("ETag"))
			}
			tag := r.Header.Get("ETag")
			if !strings.HasPrefix(tag, `"`) {
				t.Fatalf("ETag %q", tag)
			}
			nm := get(t, ts.URL+"/api/v1/datasets/sample/coverage"+c.query, "If-None-Match", tag)
			wantStatus(t, nm, http.StatusNotModified)
			if len(nm.Body) != 0 {
				t.Errorf("304 with a body of %d bytes", len(nm.Body))
			}
		})
	}
	if len(inCounty) == len(in.villages) || len(inCounty) == 0 {
		t.Fatalf("county filter untested: %d of %d villages", len(inCounty), len(in.villages))
	}

	bad := []struct {
		query  string
		status int
		option string
	}{
		{"?radius_km=0", http.StatusBadRequest, "radius_km"},
		{"?radius_km=abc", http.StatusBadRequest, "radius_km"},
		{"?radius_km=10,10", http.StatusBadRequest, "radius_km"},
		{"?radius_km=3000", http.StatusBadRequest, "radius_km"},
		{"?radius_km=10&radius_km=15", http.StatusBadRequest, "radius_km"},
		{"?types=hospital", http.StatusBadRequest, "types"},
		{"?types=", http.StatusBadRequest, "types"},
		{"?format=shp", http.StatusBadRequest, "format"},
		{"?radius=15", http.StatusBadRequest, "radius"},
		{"?county=Atlantis", http.StatusNotFound, ""},
	}
	for _, b := range bad {
		t.Run("bad"+b.query, func(t *testing.T) {
			p := wantProblem(t, get(t, ts.URL+"/api/v1/datasets/sample/coverage"+b.query), b.status)
			if p.Option != b.option {
				t.Errorf("option %q, want %q (detail %q)", p.Option, b.option, p.Detail)
			}
		})
	}
	wantProblem(t, get(t, ts.URL+"/api/v1/datasets/nope/coverage"), http.StatusNotFound)
}

func TestMethodsAndUnknownPaths(t *testing.T) {
	ts := startTestServer(t, Config{})
	cases := []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodPost, "/healthz", http.StatusMethodNotAllowed, "GET, HEAD"},
		{http.MethodPut, "/api/v1/datasets", http.StatusMethodNotAllowed, "GET, HEAD, POST"},
		{http.MethodPatch, "/api/v1/runs/0123", http.StatusMethodNotAllowed, "GET, HEAD, DELETE"},
		{http.MethodGet, "/api/v1/nothing", http.StatusNotFound, ""},
		{http.MethodGet, "/api/v2/datasets", http.StatusNotFound, ""},
		{http.MethodDelete, "/api/v1/runs/0123/summary.json", http.StatusMethodNotAllowed, "GET, HEAD"},
		// The page's own answers are problems too.
		{http.MethodGet, "/nope", http.StatusNotFound, ""},
		{http.MethodGet, "/static/nope.js", http.StatusNotFound, ""},
		{http.MethodPost, "/static/app.js", http.StatusMethodNotAllowed, "GET, HEAD"},
	}
	for _, c := range cases {
		t.Run(c.method+c.path, func(t *testing.T) {
			r := do(t, c.method, ts.URL+c.path, nil)
			wantProblem(t, r, c.status)
			if got := r.Header.Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
		})
	}
}

// TestPathTraversal tries to reach files outside the data directory, and
// the database inside it, through ids and result names.
func TestPathTraversal(t *testing.T) {
	ts := startTestServer(t, Config{})
	secret := filepath.Join(filepath.Dir(ts.DataDir()), "secret.txt")
	if err := os.WriteFile(secret, []byte("SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	paths := []string{
		"/api/v1/datasets/..%2f..%2fetc",
		"/api/v1/datasets/..%2f..%2fetc%2fpasswd",
		"/api/v1/datasets/..%2F..%2Fsecret.txt",
		"/api/v1/datasets/..%2fcatchment.db/coverage",
		"/api/v1/datasets/%2e%2e",
		"/api/v1/datasets/Sample",
		"/api/v1/runs/..%2f..%2fsecret.txt",
		"/api/v1/runs/%2e%2e/catchment.db",
		"/api/v1/runs/0123/..%2f..%2fcatchment.db",
		"/api/v1/runs/0123/..%2f..%2f..%2fsecret.txt",
		"/api/v1/datasets/../../secret.txt",
		"/api/v1/runs/../../catchment.db",
		"/api/v1/datasets/" + strings.Repeat("a", 65),
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			r := get(t, ts.URL+p)
			if r.StatusCode != http.StatusBadRequest && r.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 400 or 404; body %.300q", r.StatusCode, r.Body)
			}
			if bytes.Contains(r.Body, []byte("SECRET")) || bytes.Contains(r.Body, []byte("SQLite format")) || bytes.Contains(r.Body, []byte("root:")) {
				t.Fatalf("a file leaked: %.300q", r.Body)
			}
			if strings.HasPrefix(r.Request.URL.Path, "/api/") {
				wantProblem(t, r, r.StatusCode)
			}
		})
	}
}

func TestOpenAPIServed(t *testing.T) {
	ts := startTestServer(t, Config{})
	r := get(t, ts.URL+"/api/v1/openapi.json")
	wantStatus(t, r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != mediaJSON {
		t.Errorf("Content-Type %q", ct)
	}
	if !bytes.Equal(r.Body, openAPI) {
		t.Error("served description differs from the embedded one")
	}
	wantStatus(t, get(t, ts.URL+"/api/v1/openapi.json", "If-None-Match", r.Header.Get("ETag")), http.StatusNotModified)
}

// TestBusy fills every coverage slot: a request then waits CoverageWait
// and is answered 503 with Retry-After.
func TestBusy(t *testing.T) {
	ts := startTestServer(t, Config{CoverageSlots: 1, CoverageWait: 50 * time.Millisecond})
	ts.slots <- struct{}{}
	r := get(t, ts.URL+"/api/v1/datasets/sample/coverage")
	wantProblem(t, r, http.StatusServiceUnavailable)
	if r.Header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	<-ts.slots
	wantStatus(t, get(t, ts.URL+"/api/v1/datasets/sample/coverage"), http.StatusOK)
}

func TestErrorMapping(t *testing.T) {
	cases := []struct {
		err    error
		status int
	}{
		{&http.MaxBytesError{Limit: 1}, http.StatusRequestEntityTooLarge},
		{&planner.OptionError{Option: "radius-km", Reason: "x"}, http.StatusBadRequest},
		{&ParamError{Param: "x", Reason: "y"}, http.StatusBadRequest},
		{&table.MissingColumnError{File: "f", Column: "id"}, http.StatusUnprocessableEntity},
		{fmt.Errorf("wrapped: %w", table.ErrAllRejected), http.StatusUnprocessableEntity},
		{table.ErrEmpty, http.StatusUnprocessableEntity},
		{&planner.InputError{Kind: "village", ID: "V1", Reason: "x"}, http.StatusUnprocessableEntity},
		{&table.FormatError{File: "f", Reason: "binary"}, http.StatusUnprocessableEntity},
		{&table.RowError{File: "f", Line: 2}, http.StatusUnprocessableEntity},
		{&NotFoundError{What: "run", ID: "x"}, http.StatusNotFound},
		{conflictf("no"), http.StatusConflict},
		{ErrBusy, http.StatusServiceUnavailable},
		{ErrUnauthorized, http.StatusUnauthorized},
		{ErrUnsupportedMediaType, http.StatusUnsupportedMediaType},
		{io.ErrUnexpectedEOF, http.StatusInternalServerError},
	}
	for _, c := range cases {
		if got, _ := statusOf(c.err); got != c.status {
			t.Errorf("statusOf(%v) = %d, want %d", c.err, got, c.status)
		}
	}
}

func TestRoutesAreDistinct(t *testing.T) {
	var seen []string
	for _, rt := range (&Server{}).apiRoutes() {
		k := rt.method + " " + rt.pattern
		if slices.Contains(seen, k) {
			t.Errorf("route %s twice", k)
		}
		seen = append(seen, k)
	}
}
