package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/catchment/catchment/server"
	"github.com/chromedp/chromedp"
)

// TestWebRoadsInBrowser uploads the Andorra dataset with its road network
// (OSM, ODbL: examples/andorra/ATTRIBUTION.md), runs coverage by road
// through the page and checks that the road layer is drawn, under the
// villages, with as many lines as the server serves, and that the legend
// names the metric.
func TestWebRoadsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("short: no browser")
	}
	b, ts := newBrowserServer(t, 60*time.Second)

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range [][2]string{{"villages", "../examples/andorra/villages.csv"}, {"facilities", "../examples/andorra/facilities.csv"},
		{"roads", "../data/osm/testdata/andorra-2021-10-28.osm.pbf"}} {
		b, err := os.ReadFile(f[1])
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile(f[0], filepath.Base(f[1]))
		w.Write(b)
	}
	mw.Close()
	resp, err := http.Post(ts.URL+"/api/v1/datasets", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	var ds server.DatasetInfo
	json.NewDecoder(resp.Body).Decode(&ds)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || ds.Roads == nil {
		t.Fatalf("upload: status %d, roads %v", resp.StatusCode, ds.Roads)
	}
	rr, err := http.Get(ts.URL + ds.Roads.GeoJSONURL)
	if err != nil {
		t.Fatal(err)
	}
	rr.Body.Close()
	var served, total int
	if _, err := fmt.Sscanf(rr.Header.Get("X-Roads-Lines"), "%d of %d", &served, &total); err != nil || served == 0 {
		t.Fatalf("X-Roads-Lines %q: %v", rr.Header.Get("X-Roads-Lines"), err)
	}

	b.do(t, "load the page", chromedp.Navigate(ts.URL+"/"))
	b.waitState(t, 15*time.Second, "ready")
	b.do(t, "run coverage by road",
		chromedp.SetValue(chromedp.ID("dataset"), ds.ID),
		chromedp.Click(chromedp.CSS(`input[name=kind][value=coverage]`)),
		chromedp.SetValue(chromedp.ID("radius_km"), "5"),
		chromedp.SetValue(chromedp.ID("distance"), "road"),
		chromedp.Click(chromedp.ID("run")))
	b.waitState(t, 40*time.Second, "done")

	if params := eval[map[string]any](t, b, `catchment.run.params`); params["distance"] != "road" {
		t.Errorf("the run's params %v, want distance road", params)
	}
	if n := eval[int](t, b, `catchment.stats.road || 0`); n != served {
		t.Errorf("the page drew %d road lines, the server serves %d", n, served)
	}
	if !eval[bool](t, b, `!!catchment.layers.roads && catchment.map.hasLayer(catchment.layers.roads)`) {
		t.Error("the road layer is not on the map")
	}
	// Under the villages: the road layer is in the layer control before
	// the villages, which is the drawing order.
	order := eval[[]string](t, b, `[...document.querySelectorAll('.leaflet-control-layers-overlays label span')].map(s => s.textContent.trim())`)
	ri, vi := -1, -1
	for i, l := range order {
		switch l {
		case "Roads":
			ri = i
		case "Villages":
			vi = i
		}
	}
	if ri < 0 || vi < 0 || ri > vi {
		t.Errorf("layer order %q: want Roads before (under) Villages", order)
	}
	heads := eval[[]string](t, b, `catchment.legend.map(s => s.heading)`)
	if len(heads) == 0 || heads[0] != "Villages (within 5 km by road)" {
		t.Errorf("legend headings %q, want the first to name the metric", heads)
	}
	labels := eval[[]string](t, b, `catchment.legend.flatMap(s => s.entries.map(e => e.label))`)
	if !strings.Contains(strings.Join(labels, "|"), "Road") {
		t.Errorf("legend entries %q lack the roads", labels)
	}
	b.screenshot(t, artifactDir(t), "web-roads.png")
	b.check(t, ts.URL)
}
