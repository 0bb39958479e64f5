package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/catchment/catchment/server"
	"github.com/chromedp/chromedp"
)

// legendOverlap is what legendOverlapJS finds.
type legendOverlap struct {
	Legend  [4]float64 // left, top, right, bottom in map container pixels
	Map     [2]float64 // width, height
	Checked int        // features (and labels) compared with the legend
	Hits    []string   // the first of those under it
	Count   int        // how many are under it
}

// legendOverlapJS compares the legend's box with the pixel box of every
// feature drawn on the map: each point of a point layer (its marker's
// radius), each line and polygon (its extent), each marker and each
// permanent label (the county seats' names). Layers that are switched off
// or hidden at this zoom are not drawn and not compared.
const legendOverlapJS = `(() => {
  const m = catchment.map, mc = m.getContainer().getBoundingClientRect();
  const rel = (r) => ({ left: r.left - mc.left, top: r.top - mc.top, right: r.right - mc.left, bottom: r.bottom - mc.top });
  const lg = rel(document.querySelector('.legend').getBoundingClientRect());
  const out = { legend: [lg.left, lg.top, lg.right, lg.bottom], map: [mc.width, mc.height], checked: 0, hits: [], count: 0 };
  const check = (b, what) => {
    out.checked++;
    if (b.left < lg.right && lg.left < b.right && b.top < lg.bottom && lg.top < b.bottom) {
      out.count++;
      if (out.hits.length < 10) out.hits.push(what + ' [' + [b.left, b.top, b.right, b.bottom].map(Math.round).join(',') + ']');
    }
  };
  const px = (ll) => m.latLngToContainerPoint(ll);
  const visit = (layer, name) => {
    if (!m.hasLayer(layer)) return;
    if (layer._latlngs && layer._r && layer._n !== undefined) { // a PointCloud
      const k = layer.options.sizeAt ? layer.options.sizeAt(m.getZoom()) : 1;
      for (let i = 0; i < layer._n; i++) {
        const p = px(layer._latlngs[i]), r = layer._r[i] * k + 1;
        check({ left: p.x - r, top: p.y - r, right: p.x + r, bottom: p.y + r }, name + ' point ' + i);
      }
      return;
    }
    if (layer.getLayers) { layer.getLayers().forEach((l) => visit(l, name)); return; }
    if (layer.getLatLngs) {
      const pts = layer.getLatLngs().flat(4).map(px);
      if (!pts.length) return;
      const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
      check({ left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) }, name + ' shape');
      return;
    }
    if (layer.getLatLng) {
      const p = px(layer.getLatLng()), r = (layer.getRadius ? layer.getRadius() : 4) + 1;
      check({ left: p.x - r, top: p.y - r, right: p.x + r, bottom: p.y + r }, name + ' marker');
    }
  };
  for (const [name, l] of Object.entries(catchment.layers)) visit(l, name);
  for (const t of document.querySelectorAll('.leaflet-tooltip')) check(rel(t.getBoundingClientRect()), 'label ' + t.textContent);
  return out;
})()`

// TestWebLegendCoversNoFeature loads a plan and a coverage run of the
// sample in headless Chromium at the two most common desktop window sizes
// and checks that the legend covers no village, facility, circle, route
// or label: the page fits the data into the part of the map its legend
// and layer control leave free.
func TestWebLegendCoversNoFeature(t *testing.T) {
	if testing.Short() {
		t.Skip("short: no browser")
	}
	b, ts := newBrowserServer(t, 90*time.Second)
	shots := artifactDir(t)

	runs := map[string]string{}
	for _, kind := range []string{"plan", "coverage"} {
		runs[kind] = finishedRun(t, ts.URL, fmt.Sprintf(`{"kind": %q, "radius_km": [15]}`, kind))
	}
	for _, size := range [][2]int64{{1366, 768}, {1920, 1080}} {
		for _, kind := range []string{"plan", "coverage"} {
			name := fmt.Sprintf("%s %dx%d", kind, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				b.do(t, "open the run", chromedp.EmulateViewport(size[0], size[1]),
					chromedp.Navigate(ts.URL+"/#run="+runs[kind]), chromedp.Reload())
				b.waitState(t, 20*time.Second, "done")
				got := eval[legendOverlap](t, b, legendOverlapJS)
				b.screenshot(t, shots, fmt.Sprintf("web-legend-%s-%dx%d.png", kind, size[0], size[1]))
				if got.Checked < 1000 {
					t.Fatalf("compared %d features with the legend: the sample has more than 1,000 villages", got.Checked)
				}
				if w, h := got.Legend[2]-got.Legend[0], got.Legend[3]-got.Legend[1]; w < 100 || h < 100 || got.Legend[2] > got.Map[0]+1 {
					t.Fatalf("legend box %v in a map of %v: not shown", got.Legend, got.Map)
				}
				if got.Count > 0 {
					t.Errorf("the legend %v covers %d of %d features, e.g.\n  %s", got.Legend, got.Count, got.Checked, strings.Join(got.Hits, "\n  "))
				}
			})
		}
	}
	b.check(t, ts.URL)
}

// finishedRun starts a run through the API and waits until it is done.
func finishedRun(t *testing.T, base, body string) string {
	t.Helper()
	res, err := http.Post(base+"/api/v1/runs", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted && res.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/v1/runs %s: %s", body, res.Status)
	}
	id := strings.TrimPrefix(res.Header.Get("Location"), "/api/v1/runs/")
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		var run server.RunInfo
		getJSON(t, base+"/api/v1/runs/"+id, &run)
		switch run.Status {
		case "done":
			return id
		case "failed":
			t.Fatalf("run %s failed: %v", id, run.Error)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("run %s did not finish in a minute", id)
	return ""
}
