package web

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/maps"
)

// get asks Handler for path and returns the recorded response.
func get(t *testing.T, method, path string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHandlerServesPage(t *testing.T) {
	tests := []struct {
		path, contentType string
		contains          string // a line of the file, to show it is the right one
	}{
		{"/", "text/html; charset=utf-8", `<script type="module" src="static/app.js"></script>`},
		{"/index.html", "text/html; charset=utf-8", `<div id="map"`},
		{"/static/app.js", "text/javascript; charset=utf-8", "import { showResults } from './js/results.js';"},
		{"/static/js/pointcloud.js", "text/javascript; charset=utf-8", "export const PointCloud = L.Path.extend("},
		{"/static/app.css", "text/css; charset=utf-8", ".legend"},
		{"/static/vendor/leaflet/leaflet.js", "text/javascript; charset=utf-8", "Leaflet 1.9.4"},
		{"/static/vendor/leaflet/leaflet.css", "text/css; charset=utf-8", ".leaflet-container"},
		{"/static/vendor/leaflet/LICENSE", "text/plain; charset=utf-8", "BSD 2-Clause License"},
		{"/static/vendor/leaflet/images/layers.png", "image/png", "\x89PNG"},
		{"/static/vendor/leaflet/images/marker-icon.png", "image/png", "\x89PNG"},
		{"/style.json", "application/json", `"county_care_today"`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := get(t, http.MethodGet, tt.path, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			if got := res.Header.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got, tt.contentType)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
			if res.Header.Get("ETag") == "" || res.Header.Get("Cache-Control") != "no-cache" {
				t.Errorf("ETag %q, Cache-Control %q: want a content tag and revalidation",
					res.Header.Get("ETag"), res.Header.Get("Cache-Control"))
			}
			if b := body(t, res); !bytes.Contains(b, []byte(tt.contains)) {
				t.Errorf("body (%d bytes) lacks %q", len(b), tt.contains)
			}
		})
	}
}

// The page confines itself to its origin: the policy forbids loading
// anything from elsewhere, which also keeps it working offline.
func TestIndexContentSecurityPolicy(t *testing.T) {
	csp := get(t, http.MethodGet, "/", nil).Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-") || strings.Contains(csp, "http") {
		t.Errorf("Content-Security-Policy %q allows inline code or another origin", csp)
	}
}

func TestStyleIsTheStaticMapsPalette(t *testing.T) {
	b := body(t, get(t, http.MethodGet, "/style.json", nil))
	if !bytes.Equal(b, maps.StyleJSON()) {
		t.Fatal("/style.json differs from maps.StyleJSON()")
	}
	// The keys app.js reads.
	var st map[string]any
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"village":   {"county_care_today", "county_care_after", "no_county_care", "outline", "radius_pt"},
		"subcentre": {"fill", "outline", "circle", "circle_fill_opacity"},
		"facility":  {"county_hospital", "township_health_centre", "village_clinic"},
		"boundary":  {"outline", "fill"},
		"label":     {"text", "halo"},
	}
	for group, keys := range want {
		g, ok := st[group].(map[string]any)
		if !ok {
			t.Errorf("style.json has no object %q", group)
			continue
		}
		for _, k := range keys {
			if g[k] == nil {
				t.Errorf("style.json lacks %s.%s", group, k)
			}
		}
	}
	for _, k := range []string{"joint_clinic", "itinerant_route", "frame", "background"} {
		if _, ok := st[k].(string); !ok {
			t.Errorf("style.json lacks the colour %s", k)
		}
	}
}

func TestHandlerRefuses(t *testing.T) {
	tests := []struct {
		method, path string
		status       int
	}{
		{"GET", "/nope", http.StatusNotFound},
		{"GET", "/static/", http.StatusNotFound},
		{"GET", "/static/vendor", http.StatusNotFound},
		{"GET", "/static/vendor/leaflet/", http.StatusNotFound},
		{"GET", "/static/../web.go", http.StatusNotFound},
		{"GET", "/static/./app.js", http.StatusNotFound},
		{"GET", "/static//app.js", http.StatusNotFound},
		{"GET", "/web.go", http.StatusNotFound},
		{"GET", "/static/vendor/leaflet/leaflet.js.map", http.StatusNotFound},
		{"POST", "/", http.StatusMethodNotAllowed},
		{"DELETE", "/static/app.js", http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res := get(t, tt.method, tt.path, nil)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.status == http.StatusMethodNotAllowed && res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", res.Header.Get("Allow"))
			}
			// Errors are problems, like the API's.
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q, want application/problem+json", ct)
			}
			var p struct {
				Type   string `json:"type"`
				Status int    `json:"status"`
				Detail string `json:"detail"`
			}
			if err := json.Unmarshal(body(t, res), &p); err != nil || p.Status != tt.status ||
				!strings.HasPrefix(p.Type, "urn:catchment:problem:") || p.Detail == "" {
				t.Errorf("problem %+v (%v)", p, err)
			}
		})
	}
}

func TestHandlerRevalidation(t *testing.T) {
	first := get(t, http.MethodGet, "/static/app.js", nil)
	tag := first.Header.Get("ETag")
	again := get(t, http.MethodGet, "/static/app.js", http.Header{"If-None-Match": {tag}})
	if again.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match %s: status %d, want 304", tag, again.StatusCode)
	}
	other := get(t, http.MethodGet, "/static/app.css", nil).Header.Get("ETag")
	if other == tag {
		t.Errorf("app.js and app.css share the ETag %s", tag)
	}
	head := get(t, http.MethodHead, "/", nil)
	if head.StatusCode != http.StatusOK || len(body(t, head)) != 0 {
		t.Errorf("HEAD /: status %d", head.StatusCode)
	}
}

// ownFiles are the page's own files (not the vendored ones) with the
// given extensions.
func ownFiles(t *testing.T, exts ...string) []string {
	t.Helper()
	var names []string
	err := fs.WalkDir(Files(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && name == "vendor" {
			return fs.SkipDir
		}
		if !d.IsDir() && slices.Contains(exts, path.Ext(name)) {
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("no %v files embedded", exts)
	}
	return names
}

// The page must work with no internet: no file of ours names another
// origin, and our files refer to each other with relative URLs only.
func TestNoExternalURLs(t *testing.T) {
	// In markup and CSS "//host" is a protocol-relative URL; in JavaScript
	// "//" starts a comment, so only schemes are looked for there.
	external := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9-]+(\.[a-z0-9-]+)+`)
	for _, name := range ownFiles(t, ".html", ".js", ".css") {
		b, err := fs.ReadFile(Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ToLower(string(b))
		for _, scheme := range []string{"http://", "https://"} {
			if i := strings.Index(text, scheme); i >= 0 {
				t.Errorf("%s names an external origin: %q", name, text[i:min(len(text), i+60)])
			}
		}
		if path.Ext(name) != ".js" {
			if m := external.FindString(text); m != "" {
				t.Errorf("%s names an external origin: %q", name, m)
			}
		}
	}

	// Every src and href of the page, every module import and every url()
	// of the CSS is a file the handler serves.
	refs := []struct {
		file string
		re   *regexp.Regexp
	}{
		{"index.html", regexp.MustCompile(`(?:src|href)="([^"]+)"`)},
		{"app.css", regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)},
		{"vendor/leaflet/leaflet.css", regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)},
	}
	for _, js := range ownFiles(t, ".js") {
		refs = append(refs, struct {
			file string
			re   *regexp.Regexp
		}{js, regexp.MustCompile(`(?m)^import .* from '([^']+)';$`)})
	}
	for _, r := range refs {
		b, err := fs.ReadFile(Files(), r.file)
		if err != nil {
			t.Fatal(err)
		}
		// index.html is served at "/", the others under /static/.
		base := "/static/" + path.Dir(r.file) + "/"
		if r.file == "index.html" {
			base = "/"
		}
		for _, m := range r.re.FindAllStringSubmatch(string(b), -1) {
			ref := m[1]
			if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") { // #default#VML: old IE
				continue
			}
			if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") {
				t.Errorf("%s: %q is not a relative URL", r.file, ref)
				continue
			}
			target := path.Clean(base + ref)
			if res := get(t, http.MethodGet, target, nil); res.StatusCode != http.StatusOK {
				t.Errorf("%s refers to %q (%s): status %d", r.file, ref, target, res.StatusCode)
			}
		}
	}
}

// Leaflet is vendored whole: script, style, images and its licence, at the
// version package.json pins.
func TestLeafletEmbedded(t *testing.T) {
	files := Files()
	for _, name := range []string{
		"vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/leaflet/LICENSE",
		"vendor/leaflet/images/layers.png", "vendor/leaflet/images/layers-2x.png",
		"vendor/leaflet/images/marker-icon.png", "vendor/leaflet/images/marker-icon-2x.png",
		"vendor/leaflet/images/marker-shadow.png",
	} {
		fi, err := fs.Stat(files, name)
		if err != nil {
			t.Errorf("not embedded: %v", err)
			continue
		}
		if fi.Size() == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	lic, _ := fs.ReadFile(files, "vendor/leaflet/LICENSE")
	if !bytes.Contains(lic, []byte("BSD 2-Clause License")) || !bytes.Contains(lic, []byte("Volodymyr Agafonkin")) {
		t.Error("vendor/leaflet/LICENSE is not Leaflet's BSD-2-Clause licence")
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	manifest, err := os.ReadFile("package.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(manifest, &pkg); err != nil {
		t.Fatal(err)
	}
	js, _ := fs.ReadFile(files, "vendor/leaflet/leaflet.js")
	if v := pkg.Dependencies["leaflet"]; v == "" || !bytes.Contains(js[:200], []byte("Leaflet "+v+",")) {
		t.Errorf("package.json pins leaflet %q; the vendored leaflet.js starts %q", v, js[:100])
	}
}

// Every element app.js looks up by id exists in index.html: a renamed id
// would otherwise only fail in a browser.
func TestScriptElementsExist(t *testing.T) {
	index, _ := fs.ReadFile(Files(), "index.html")
	lookup := regexp.MustCompile(`\$\('([A-Za-z0-9_-]+)'\)`)
	n := 0
	for _, name := range ownFiles(t, ".js") {
		js, _ := fs.ReadFile(Files(), name)
		for _, m := range lookup.FindAllSubmatch(js, -1) {
			n++
			if !bytes.Contains(index, []byte(`id="`+string(m[1])+`"`)) {
				t.Errorf("%s uses #%s, which index.html lacks", name, m[1])
			}
		}
	}
	if n < 10 {
		t.Fatalf("found %d $('id') lookups; the pattern is out of date", n)
	}
}
