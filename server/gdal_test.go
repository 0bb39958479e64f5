package server

import (
	"net/http"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestOGRInfoReadsResultURLs opens result and coverage URLs with GDAL's
// ogrinfo, directly and through /vsicurl/, as QGIS users would.
func TestOGRInfoReadsResultURLs(t *testing.T) {
	ogr := requireTool(t, "ogrinfo", "--version")
	ts := startTestServer(t, Config{})
	in := sampleInputs(t)
	run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "plan"}`, http.StatusAccepted).ID)
	if run.Status != statusDone {
		t.Fatalf("run %+v", run)
	}
	cases := []struct {
		name, url, geometry string
		count               int // -1: any positive count
		fields              []string
	}{
		{"plan villages", ts.URL + run.Results["villages.geojson"], "Point", len(in.villages), []string{"network_covered", "county_care_today", "county_care_after", "population"}},
		{"routes via vsicurl", "/vsicurl/" + ts.URL + run.Results["itinerant_routes.geojson"], "Line String", -1, nil},
		{"subcentres", ts.URL + run.Results["subcentres.geojson"], "Point", -1, nil},
		{"coverage", ts.URL + "/api/v1/datasets/sample/coverage?radius_km=10,15", "Point", len(in.villages), []string{"network_covered_10km", "network_covered_15km", "nearest_facility_km"}},
	}
	countRE := regexp.MustCompile(`Feature Count: (\d+)`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := exec.Command(ogr, "-ro", "-al", "-so", c.url).CombinedOutput()
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
			if !strings.Contains(s, "Geometry: "+c.geometry) || !strings.Contains(s, `ID["EPSG",4326]`) {
				t.Errorf("geometry or SRS not as expected:\n%s", s)
			}
			for _, f := range c.fields {
				if !strings.Contains(s, "\n"+f+": ") {
					t.Errorf("field %s missing:\n%s", f, s)
				}
			}
		})
	}
}
