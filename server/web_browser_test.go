package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/server"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromiumPath is the browser the page test drives: $CATCHMENT_CHROMIUM,
// else /usr/bin/chromium (Debian's package), else chromium on PATH. On CI
// (CI set) a missing browser fails the test; elsewhere it skips it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CATCHMENT_CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed (apt-get install chromium); CI must run the browser test")
	}
	t.Skip("chromium not installed: skipping the browser test (apt-get install chromium)")
	return ""
}

// artifactDir is where screenshots go: $CATCHMENT_ARTIFACTS, else a
// temporary directory of the test.
func artifactDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("CATCHMENT_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// browser starts headless Chromium with a fresh profile and no network
// side-traffic, and returns a tab context that ends with the test or after
// limit. Every request the page makes and every console error or uncaught
// exception is recorded; check reports them.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	errors   []string
}

func newBrowser(t *testing.T, limit time.Duration) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true), // small /dev/shm in containers
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), limit)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser to exit, before TempDir is removed
		cancelTimeout()
	})
	b := &browser{ctx: tctx}
	// Subscribing starts the browser.
	requests := chromedp.Events(tctx, network.RequestWillBeSent)
	console := chromedp.Console(tctx)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.requests = append(b.requests, ev.Request.URL)
			b.mu.Unlock()
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				b.mu.Lock()
				b.errors = append(b.errors, fmt.Sprintf("%s:%d: %s", m.URL, m.Line+1, m.Text))
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// check fails the test on console errors other than those expected, and
// on requests that left the page's origin: the page must work with no
// internet.
func (b *browser) check(t *testing.T, origin string, expected ...string) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		if !slices.ContainsFunc(expected, func(x string) bool { return strings.Contains(e, x) }) {
			t.Errorf("browser console: %s", e)
		}
	}
	if len(b.requests) == 0 {
		t.Error("no request recorded: the network listener is not working")
	}
	for _, u := range b.requests {
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s, outside %s", u, origin)
		}
	}
}

func (b *browser) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitState waits until the page's state (window.catchment.state) is one
// of want, and fails with the page's message when it is "failed" instead.
func (b *browser) waitState(t *testing.T, timeout time.Duration, want ...string) {
	t.Helper()
	list, _ := json.Marshal(append(want, "failed"))
	state, err := chromedp.Run(b.ctx, chromedp.Poll[string](
		fmt.Sprintf(`window.catchment && %s.includes(catchment.state) && catchment.state`, list),
		chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		msg, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.getElementById('message').textContent`))
		t.Fatalf("waiting for state %v: %v (page message %q)", want, err, msg)
	}
	if state == "failed" && !slices.Contains(want, "failed") {
		msg := eval[string](t, b, `document.getElementById('message').textContent`)
		t.Fatalf("the page failed: %s", msg)
	}
}

func (b *browser) screenshot(t *testing.T, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(png))
}

// getJSON decodes an API answer.
func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

type feature struct {
	Geometry struct {
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type featureCollection struct {
	Features []feature `json:"features"`
}

// pageStats is window.catchment.stats: features drawn per layer.
type pageStats struct {
	Village        int `json:"village"`
	Unplaced       int `json:"village_unplaced"`
	Subcentre      int `json:"subcentre"`
	SubcentreRing  int `json:"subcentre_circle"`
	JointClinic    int `json:"joint_clinic"`
	JointMember    int `json:"joint_member"`
	ItinerantRoute int `json:"itinerant_route"`
	CountyRows     int `json:"county_rows"`
	Downloads      int `json:"downloads"`
}

// TestWebPageInBrowser drives the page of `catchment serve` in headless
// Chromium as a planner would: pick the sample, run a plan with the Run
// button, wait for it, check what is drawn and tabulated against the run's
// own result files, open a sub-centre's explanation by clicking it on the
// map, then run coverage for two radii. Screenshots are kept as artefacts.
func TestWebPageInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("short: no browser")
	}
	b, ts := newBrowserServer(t, 60*time.Second)
	shots := artifactDir(t)

	b.do(t, "load the page", chromedp.Navigate(ts.URL+"/"))
	b.waitState(t, 15*time.Second, "ready")
	options := eval[[]string](t, b, `[...document.querySelectorAll('#dataset option')].map(o => o.value)`)
	if !strings.Contains(strings.Join(options, ","), "sample") {
		t.Fatalf("dataset choices %v lack the sample", options)
	}

	// A plan through the UI.
	b.do(t, "start a plan",
		chromedp.SetValue(chromedp.ID("dataset"), "sample"),
		chromedp.Click(chromedp.CSS(`input[name=kind][value=plan]`)),
		chromedp.Click(chromedp.ID("run")))
	b.waitState(t, 40*time.Second, "done")

	var run server.RunInfo
	runID := eval[string](t, b, `catchment.run.id`)
	getJSON(t, ts.URL+"/api/v1/runs/"+runID, &run)
	var plan featureCollection
	getJSON(t, ts.URL+run.Results["plan.geojson"], &plan)
	var summary struct {
		Counties []struct {
			County     string   `json:"county"`
			Subcentres []string `json:"subcentres"`
		} `json:"counties"`
	}
	getJSON(t, ts.URL+run.Results["summary.json"], &summary)
	layers := map[string][]feature{}
	for _, f := range plan.Features {
		l, _ := f.Properties["layer"].(string)
		layers[l] = append(layers[l], f)
	}
	if len(layers["village"]) == 0 || len(layers["subcentre"]) == 0 || len(summary.Counties) == 0 {
		t.Fatalf("the sample plan has %d villages, %d sub-centres, %d counties: nothing to check the page against",
			len(layers["village"]), len(layers["subcentre"]), len(summary.Counties))
	}

	stats := eval[pageStats](t, b, `catchment.stats`)
	want := pageStats{
		Village: len(layers["village"]), Subcentre: len(layers["subcentre"]), SubcentreRing: len(layers["subcentre"]),
		JointClinic: len(layers["joint_clinic"]), JointMember: jointMembers(layers["joint_clinic"]),
		ItinerantRoute: len(layers["itinerant_route"]), CountyRows: len(summary.Counties), Downloads: len(run.Results),
	}
	if stats != want {
		t.Errorf("drawn %+v\nwant  %+v (from the run's plan.geojson and summary.json)", stats, want)
	}
	rows := eval[[]string](t, b, `[...document.querySelectorAll('#county-table tbody tr')].map(r => r.cells[0].textContent)`)
	if len(rows) != len(summary.Counties) {
		t.Errorf("county table has %d rows, summary %d counties", len(rows), len(summary.Counties))
	}
	for i, c := range summary.Counties {
		if i < len(rows) && rows[i] != c.County {
			t.Errorf("county row %d is %q, want %q", i, rows[i], c.County)
		}
	}
	links := eval[[]string](t, b, `[...document.querySelectorAll('#downloads a')].map(a => a.getAttribute('href'))`)
	for name, url := range run.Results {
		if !strings.Contains(strings.Join(links, " "), url) {
			t.Errorf("no download link for %s (%s) among %v", name, url, links)
		}
	}
	checkLegend(t, b, layers)
	b.screenshot(t, shots, "web-plan.png")

	// The address names the run: reloading shows it again.
	b.do(t, "reload", chromedp.Navigate(ts.URL+"/#run="+runID), chromedp.Reload())
	b.waitState(t, 15*time.Second, "done")
	if again := eval[pageStats](t, b, `catchment.stats`); again != want {
		t.Errorf("after a reload drawn %+v, want %+v", again, want)
	}

	// Click the first sub-centre on the map: its popup explains the choice.
	site := layers["subcentre"][0]
	var lonLat [2]float64
	if err := json.Unmarshal(site.Geometry.Coordinates, &lonLat); err != nil {
		t.Fatal(err)
	}
	xy := eval[[2]float64](t, b, fmt.Sprintf(`(() => {
		const m = catchment.map, ll = [%g, %g];
		m.setView(ll, 11, {animate: false});
		const p = m.latLngToContainerPoint(ll), r = m.getContainer().getBoundingClientRect();
		return [r.left + p.x, r.top + p.y];
	})()`, lonLat[1], lonLat[0]))
	// The site is drawn as the static maps draw it: a star, filled in the
	// palette's sub-centre colour at its centre.
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => {
		const ll = [%g, %g], m = catchment.map, p = m.latLngToContainerPoint(ll);
		const c = document.querySelector('.leaflet-overlay-pane canvas'), r = c.getBoundingClientRect(), mr = m.getContainer().getBoundingClientRect();
		const x = Math.round((mr.left + p.x - r.left) * c.width / r.width), y = Math.round((mr.top + p.y - r.top) * c.height / r.height);
		const d = c.getContext('2d').getImageData(x, y, 1, 1).data;
		return '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase() === %q;
	})()`, lonLat[1], lonLat[0], subcentreFill(t, ts.URL)), chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("no sub-centre colour at the centre of site %s on the map: %v", site.Properties["id"], err)
	}
	b.do(t, "click the sub-centre",
		chromedp.MouseClickXY(xy[0], xy[1]),
		chromedp.WaitVisible(chromedp.CSS(".leaflet-popup-content")))
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'`,
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("the popup did not finish fading in: %v", err)
	}
	text := eval[string](t, b, `document.querySelector('.leaflet-popup-content').textContent`)
	name, _ := site.Properties["name"].(string)
	rule, _ := site.Properties["rule"].(string)
	if !strings.Contains(text, name) || rule == "" || !strings.Contains(text, rule) {
		t.Errorf("popup of sub-centre %s %q reads %q; want its name and the rule that chose it", site.Properties["id"], name, text)
	}
	b.screenshot(t, shots, "web-plan-subcentre.png")

	// Coverage for two radii: one table column and one legend choice each.
	b.do(t, "start coverage",
		chromedp.Click(chromedp.CSS(`input[name=kind][value=coverage]`)),
		chromedp.SetValue(chromedp.ID("radius_km"), "10, 20"),
		chromedp.Click(chromedp.ID("run")))
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`catchment.run && catchment.run.id !== `+fmt.Sprintf("%q", runID),
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the coverage run did not start: %v", err)
	}
	b.waitState(t, 30*time.Second, "done")
	// The new result replaces the old one, popup included (it fades out).
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`!document.querySelector('.leaflet-popup')`,
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("the sub-centre popup stayed open over the coverage result: %v", err)
	}
	var villages featureCollection
	covID := eval[string](t, b, `catchment.run.id`)
	getJSON(t, ts.URL+"/api/v1/runs/"+covID, &run)
	if run.Kind != "coverage" {
		t.Fatalf("second run is a %s, want coverage", run.Kind)
	}
	getJSON(t, ts.URL+run.Results["villages.geojson"], &villages)
	cov := eval[pageStats](t, b, `catchment.stats`)
	if cov.Village != len(villages.Features) || cov.CountyRows != len(summary.Counties) || cov.Subcentre != 0 {
		t.Errorf("coverage drawn %+v, want %d villages, %d county rows, no sub-centres", cov, len(villages.Features), len(summary.Counties))
	}
	heads := eval[[]string](t, b, `[...document.querySelectorAll('#county-table thead th')].map(h => h.textContent)`)
	if len(heads) != 5 || !strings.Contains(heads[3], "10") || !strings.Contains(heads[4], "20") {
		t.Errorf("coverage table columns %q, want county, villages, population, ≤ 10 km, ≤ 20 km", heads)
	}
	choices := eval[int](t, b, `document.querySelectorAll('.legend select option').length`)
	if choices != 2 {
		t.Errorf("legend offers %d radii, want 2", choices)
	}
	b.screenshot(t, shots, "web-coverage.png")

	// A figure the server refuses: its problem names the field, which the
	// page marks.
	b.do(t, "ask for a 5000 km radius",
		chromedp.SetValue(chromedp.ID("radius_km"), "5000"),
		chromedp.Click(chromedp.ID("run")))
	b.waitState(t, 10*time.Second, "failed")
	msg := eval[string](t, b, `document.getElementById('message').textContent`)
	if !strings.Contains(msg, "radius_km") || eval[string](t, b, `document.getElementById('radius_km').getAttribute('aria-invalid')`) != "true" {
		t.Errorf("refused radius: message %q, field not marked invalid", msg)
	}

	b.check(t, ts.URL, "status of 400", "radius_km")
	if err := b.ctx.Err(); errors.Is(err, context.DeadlineExceeded) {
		t.Fatal("the browser test ran out of time")
	}
}

// TestWebPageToken checks the page against an API that wants a bearer
// token: it asks for the token, says when it is refused, and then sends it
// on every call, downloads included (a plain link could not). The page is
// served without the token, as a browser cannot send one when it loads a
// page, and the server serves it so: only the API needs the token.
func TestWebPageToken(t *testing.T) {
	if testing.Short() {
		t.Skip("short: no browser")
	}
	b := newBrowser(t, 45*time.Second)
	const secret = "s3cret-token"
	srv, err := server.New(server.Config{DataDir: t.TempDir(), Token: secret})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)

	b.do(t, "load the page", chromedp.Navigate(ts.URL+"/"))
	b.waitState(t, 15*time.Second, "failed")
	if eval[bool](t, b, `document.getElementById('token-box').hidden`) {
		t.Fatal("the API answered 401 but the page shows no token field")
	}
	b.do(t, "enter a wrong token", chromedp.SendKeys(chromedp.ID("token"), "wrong\r"))
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`/refused/.test(document.getElementById('message').textContent)`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("a wrong token is not reported: %v", err)
	}
	b.do(t, "enter the token",
		chromedp.Evaluate[chromedp.Void](`document.getElementById('token').value = ''`),
		chromedp.SendKeys(chromedp.ID("token"), secret+"\r"))
	b.waitState(t, 10*time.Second, "ready")

	b.do(t, "start coverage",
		chromedp.Click(chromedp.CSS(`input[name=kind][value=coverage]`)),
		chromedp.Click(chromedp.ID("run")))
	b.waitState(t, 30*time.Second, "done")
	if n := eval[int](t, b, `catchment.stats.village`); n == 0 {
		t.Error("no village drawn with the token")
	}
	href := eval[string](t, b, `document.querySelector('#downloads a').getAttribute('href')`)
	b.do(t, "download a result", chromedp.Click(chromedp.CSS(`#downloads a`)))
	// The download is a fetch with the token; the server's 401 would be a
	// console error and a message.
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](fmt.Sprintf(`performance.getEntriesByName(new URL(%q, location.href).href).length > 0`, href),
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("clicking the download link did not fetch %s: %v", href, err)
	}
	if msg := eval[string](t, b, `document.getElementById('message').textContent`); msg != "" {
		t.Errorf("after the download the page says %q", msg)
	}
	// The refused calls are logged by the browser and the page.
	b.check(t, ts.URL, "status of 401", "access token")
}

func jointMembers(clinics []feature) int {
	n := 0
	for _, f := range clinics {
		if m, ok := f.Properties["member_count"].(float64); ok {
			n += int(m)
		}
	}
	return n
}

// subcentreFill is the palette's sub-centre colour, from /style.json.
func subcentreFill(t *testing.T, url string) string {
	t.Helper()
	var st struct {
		Subcentre struct {
			Fill string `json:"fill"`
		} `json:"subcentre"`
	}
	getJSON(t, url+"/style.json", &st)
	if st.Subcentre.Fill == "" {
		t.Fatal("style.json has no subcentre.fill")
	}
	return strings.ToUpper(st.Subcentre.Fill)
}

// checkLegend checks the page's legend of a plan against the static maps'
// (maps/legend.go): the same sections, labels and symbols, and counts
// that agree with the plan's layers.
func checkLegend(t *testing.T, b *browser, layers map[string][]feature) {
	t.Helper()
	type entry struct{ Label, Counts string }
	legend := eval[[]struct {
		Heading string
		Entries []entry
	}](t, b, `catchment.legend`)
	var villages, people [3]int64 // county-level care today, from a sub-centre, none
	for _, f := range layers["village"] {
		c := 2
		if f.Properties["county_care_today"] == true {
			c = 0
		} else if f.Properties["county_care_after"] == true {
			c = 1
		}
		villages[c]++
		pop, _ := f.Properties["population"].(float64)
		people[c] += int64(pop)
	}
	counts := func(c int) string {
		return numfmt.GroupThousands(villages[c]) + " villages, " + numfmt.GroupThousands(people[c]) + " people"
	}
	want := map[string][]entry{
		"Villages": {{"County-level care today", counts(0)}, {"County-level care from a proposed sub-centre", counts(1)}, {"No county-level care within 15 km", counts(2)}},
	}
	var got []string
	for _, sec := range legend {
		got = append(got, sec.Heading)
		for _, e := range sec.Entries {
			got = append(got, e.Label)
		}
		if w, ok := want[sec.Heading]; ok && !slices.Equal(sec.Entries, w) {
			t.Errorf("legend section %s: %+v, want %+v", sec.Heading, sec.Entries, w)
		}
	}
	wantLabels := []string{"Villages", "County-level care today", "County-level care from a proposed sub-centre", "No county-level care within 15 km",
		"Existing facilities", "County hospital", "Township health centre", "Village clinic",
		"Plan", "Proposed sub-centre", "15 km circle of county-level care", "Joint clinic: host to member", "Itinerant route"}
	if !slices.Equal(got, wantLabels) {
		t.Errorf("legend reads %q\nwant %q (maps/legend.go)", got, wantLabels)
	}
	symbols := eval[[]string](t, b, `[...document.querySelectorAll('.legend .item')].map((e) => e.dataset.symbol)`)
	wantSymbols := []string{"circle", "circle", "circle", "square", "triangle", "plus", "star", "circle", "line", "dashed"}
	if !slices.Equal(symbols, wantSymbols) {
		t.Errorf("legend symbols %q, want %q", symbols, wantSymbols)
	}
	// The layers draw the legend's shapes.
	shapes := eval[[]string](t, b, `[catchment.layers.facilities, catchment.layers.clinics, catchment.layers.sites]
		.flatMap((l) => l.options.groups.map((g) => g.shape))`)
	if want := []string{"ring", "triangle", "square", "plus", "star"}; !slices.Equal(shapes, want) {
		t.Errorf("facility and site layers draw %q, want %q", shapes, want)
	}
	if dashed := eval[bool](t, b, `catchment.layers.routes.getLayers()[0].getLayers().every((l) => !!l.options.dashArray)`); !dashed {
		t.Error("itinerant routes are not dashed")
	}
}

// newBrowserServer starts headless Chromium (limit: its time for the test)
// and a server on the sample in a temporary data directory.
func newBrowserServer(t *testing.T, limit time.Duration) (*browser, *httptest.Server) {
	t.Helper()
	b := newBrowser(t, limit)
	srv, err := server.New(server.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return b, ts
}
