package server

import (
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/server/internal/store"
)

// TestOGRInfoReadsResultURLs opens result and coverage URLs with GDAL's
// ogrinfo, directly and through /vsicurl/, as QGIS users would.
func TestOGRInfoReadsResultURLs(t *testing.T) {
	ogr := requireTool(t, "ogrinfo", "--version")
	ts := startTestServer(t, Config{})
	in := sampleInputs(t)
	run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "plan"}`, http.StatusAccepted).ID)
	if run.Status != store.StatusDone {
		t.Fatalf("run %+v", run)
	}
	cases := []struct {
		name, url, geometry string
		count               int // -1: any positive count
		fields              []string
		options             []string
	}{
		{"plan villages", ts.URL + run.Results["villages.geojson"], "Point", len(in.villages), []string{"network_covered", "county_care_today", "county_care_after", "population"}, nil},
		{"routes via vsicurl", "/vsicurl/" + ts.URL + run.Results["itinerant_routes.geojson"], "Line String", -1, nil, nil},
		{"subcentres", ts.URL + run.Results["subcentres.geojson"], "Point", -1, nil, nil},
		{"coverage", ts.URL + "/api/v1/datasets/sample/coverage?radius_km=10,15", "Point", len(in.villages), []string{"network_covered_10km", "network_covered_15km", "nearest_facility_km"}, nil},
		// /vsicurl/ asks for the length (HEAD) and reads ranges: the
		// coverage answer is kept on disk to give both.
		{"coverage via vsicurl", "/vsicurl/" + ts.URL + "/api/v1/datasets/sample/coverage?radius_km=12", "Point", len(in.villages), []string{"network_covered", "nearest_facility_km"}, nil},
		// A CSV result by URL finds its types beside it (counties.csvt).
		{"county table via vsicurl", "/vsicurl/" + ts.URL + run.Results["counties.csv"], "None", 4,
			[]string{"population: Integer", "county_care_today_share: Real", "seat_from_hospital: Integer(Boolean)", "county: String"}, nil},
		// A URL does not end in .csv: the CSV: prefix names the driver
		// (README), and the open options make points of lon and lat.
		{"coverage CSV via vsicurl", "CSV:/vsicurl/" + ts.URL + "/api/v1/datasets/sample/coverage?radius_km=12&format=csv", "Point", len(in.villages), []string{"network_covered", "lon"},
			[]string{"-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES"}},
	}
	countRE := regexp.MustCompile(`Feature Count: (\d+)`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := exec.Command(ogr, append(append([]string{"-ro", "-al", "-so"}, c.options...), c.url)...).CombinedOutput()
			if err != nil {
				t.Fatalf("ogrinfo %s: %v\n%s", c.url, err, out)
			}
			s := string(out)
			m := countRE.FindStringSubmatch(s)
			if m == nil {
				t.Fatalf("no feature count:\n%s", s)
			}
			n, _ := strconv.Atoi(m[1])
			if (c.count >= 0 && n != c.count) || n == 0 {
				t.Errorf("Feature Count %d, want %d", n, c.count)
			}
			// A CSV has no CRS of its own (a file has its .prj).
			if !strings.Contains(s, "Geometry: "+c.geometry) || c.geometry != "None" && c.options == nil && !strings.Contains(s, `ID["EPSG",4326]`) {
				t.Errorf("geometry or SRS not as expected:\n%s", s)
			}
			for _, f := range c.fields { // a name, or "name: Type"
				want := "\n" + f + ": "
				if strings.Contains(f, ": ") {
					want = "\n" + f + " ("
				}
				if !strings.Contains(s, want) {
					t.Errorf("field %s missing:\n%s", f, s)
				}
			}
		})
	}
}
