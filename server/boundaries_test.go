package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/catchment/catchment/maps"
	"github.com/catchment/catchment/server/internal/store"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

const boundariesGeoJSON = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"county":"C1","pop":5},"geometry":{"type":"Polygon","coordinates":[[[111.5,36.5],[113,36.5],[113,37.2],[111.5,37.2],[111.5,36.5]]]}},
{"type":"Feature","properties":{"NAME":"C2"},"geometry":{"type":"MultiPolygon","coordinates":[[[[111.5,37.2],[113,37.2],[113,37.8],[111.5,37.8],[111.5,37.2]]]]}}]}`

func TestUploadBoundaries(t *testing.T) {
	ts := startTestServer(t, Config{})
	plain := decode[DatasetInfo](t, upload(t, ts.URL, smallUpload()))
	r := upload(t, ts.URL, append(smallUpload(), file{"boundaries", "b.geojson", []byte(boundariesGeoJSON)}))
	wantStatus(t, r, http.StatusCreated)
	d := decode[DatasetInfo](t, r)
	if !d.Boundaries || plain.Boundaries {
		t.Fatalf("boundaries flag: with %v, without %v", d.Boundaries, plain.Boundaries)
	}
	if d.ContentHash == plain.ContentHash {
		t.Errorf("the same tables with and without boundaries share the content hash %s", d.ContentHash)
	}
	if got := decode[DatasetInfo](t, get(t, ts.URL+d.URL)); !got.Boundaries {
		t.Errorf("GET dataset: boundaries false")
	}

	for _, kind := range []string{"coverage", "plan"} {
		t.Run(kind, func(t *testing.T) {
			run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "`+kind+`", "dataset": "`+d.ID+`"}`, http.StatusAccepted).ID)
			if run.Status != store.StatusDone {
				t.Fatalf("run %+v", run)
			}
			url, ok := run.Results[boundariesFile]
			if !ok {
				t.Fatalf("results %v lack %s", run.Results, boundariesFile)
			}
			res := get(t, ts.URL+url)
			wantStatus(t, res, http.StatusOK)
			if ct := res.Header.Get("Content-Type"); ct != mediaGeoJSON {
				t.Errorf("Content-Type %q", ct)
			}
			fc, err := geojson.UnmarshalFeatureCollection(res.Body)
			if err != nil || len(fc.Features) != 2 {
				t.Fatalf("boundaries result %s: %v", res.Body, err)
			}
			for i, want := range []string{"C1", "C2"} {
				f := fc.Features[i]
				if f.Properties["county"] != want || f.Geometry.GeoJSONType() != "MultiPolygon" {
					t.Errorf("feature %d: %v %s, want county %s as a MultiPolygon", i, f.Properties, f.Geometry.GeoJSONType(), want)
				}
			}
		})
	}
	// A dataset without boundaries has no such result.
	run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "coverage", "dataset": "`+plain.ID+`"}`, http.StatusAccepted).ID)
	if _, ok := run.Results[boundariesFile]; ok {
		t.Errorf("a run without boundaries lists %s", boundariesFile)
	}
	wantProblem(t, get(t, ts.URL+run.URL+"/"+boundariesFile), http.StatusNotFound)
}

func TestUploadBoundariesRefused(t *testing.T) {
	ts := startTestServer(t, Config{})
	poly := `{"type":"Polygon","coordinates":[[[111,36],[113,36],[113,38],[111,36]]]}`
	cases := []struct{ name, doc, reason string }{
		{"not json", `{"type":`, "FeatureCollection"},
		{"a feature", `{"type":"Feature","properties":{"county":"C1"},"geometry":` + poly + `}`, `type "Feature"`},
		{"a geometry", poly, `type "Polygon"`},
		{"points", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"county":"C1"},"geometry":{"type":"Point","coordinates":[112,37]}}]}`, "feature 0: geometry Point"},
		{"no name", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":1},"geometry":` + poly + `}]}`, "feature 0: no county name"},
		{"empty", `{"type":"FeatureCollection","features":[]}`, "no features"},
		{"projected", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"county":"C1"},"geometry":{"type":"Polygon","coordinates":[[[500000,4000000],[600000,4000000],[600000,4100000],[500000,4000000]]]}}]}`, "not a WGS84"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := upload(t, ts.URL, append(smallUpload(), file{"boundaries", "b.geojson", []byte(c.doc)}))
			p := wantProblem(t, r, http.StatusUnprocessableEntity)
			if len(p.Errors) != 1 || p.Errors[0].File != "b.geojson" || !strings.Contains(p.Errors[0].Reason, c.reason) {
				t.Errorf("errors %+v, want one naming b.geojson and %q", p.Errors, c.reason)
			}
			if strings.Contains(p.Detail, "maps: ") || strings.Contains(p.Detail, "data: ") {
				t.Errorf("detail %q keeps a package prefix", p.Detail)
			}
		})
	}
	// Nothing was stored.
	list := decode[struct{ Datasets []DatasetInfo }](t, get(t, ts.URL+"/api/v1/datasets"))
	if len(list.Datasets) != 1 {
		t.Errorf("%d datasets after refused uploads, want the sample only", len(list.Datasets))
	}
}

func TestSampleBoundaries(t *testing.T) {
	ts := startTestServer(t, Config{})
	before := ts.sample.Hash
	path := filepath.Join(t.TempDir(), "b.geojson")
	if err := os.WriteFile(path, []byte(boundariesGeoJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ts.AttachSampleBoundaries(path); err != nil {
		t.Fatal(err)
	}
	d := decode[DatasetInfo](t, get(t, ts.URL+"/api/v1/datasets/sample"))
	if !d.Boundaries || d.ContentHash == before {
		t.Fatalf("sample after attaching boundaries: %+v (hash before %s)", d, before)
	}
	run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "coverage"}`, http.StatusAccepted).ID)
	res := get(t, ts.URL+run.Results[boundariesFile])
	wantStatus(t, res, http.StatusOK)
	var fc struct{ Features []json.RawMessage }
	if err := json.Unmarshal(res.Body, &fc); err != nil || len(fc.Features) != 2 {
		t.Errorf("sample boundaries result: %s (%v)", res.Body, err)
	}

	bad := filepath.Join(t.TempDir(), "bad.geojson")
	os.WriteFile(bad, []byte(`{"type":"Feature"}`), 0o644)
	if err := ts.AttachSampleBoundaries(bad); err == nil {
		t.Error("a Feature was attached as boundaries")
	}
}

// TestCanonicalBoundariesAsOrb checks that the stored boundaries are byte
// for byte what orb/geojson with encoding/json wrote before geojsonio took
// over: the bytes are hashed into dataset ids.
func TestCanonicalBoundariesAsOrb(t *testing.T) {
	bs := []maps.Boundary{
		{Name: "甲县 <A&B> \"q\"", Geometry: orb.MultiPolygon{{{{111, 36}, {113.123456789012, 36}, {113, 38.5}, {111, 36}}}}},
		{Name: "乙县", Geometry: orb.MultiPolygon{
			{{{-0.0000001, 1e-7}, {179.99999999999997, -89.9}, {1, 2}, {-0.0000001, 1e-7}}, {{0, 0}, {1, 0}, {0, 1}, {0, 0}}},
			{{{10, 10}, {11, 10}, {11, 11}, {10, 10}}},
		}},
	}
	fc := geojson.NewFeatureCollection()
	for _, b := range bs {
		f := geojson.NewFeature(b.Geometry)
		f.Properties["county"] = b.Name
		fc.Append(f)
	}
	want, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if got := canonicalBoundaries(bs); string(got) != string(want) {
		t.Errorf("canonical boundaries\n%s\norb/geojson writes\n%s", got, want)
	}
	// And reading the canonical form gives it back unchanged.
	again, err := readBoundaries(bytes.NewReader(want), "b.geojson")
	if err != nil || string(again) != string(want) {
		t.Errorf("canonical form read again: %v\n%s", err, again)
	}
}
