// Package web is the map page that `catchment serve` shows at "/": pick a
// dataset and the planning figures, run coverage or a plan through the
// HTTP API (/api/v1/...), and see the result on an interactive map with a
// county table and a download link for every result file.
//
// Everything the page needs is embedded in the binary with go:embed,
// including the Leaflet map library (BSD-2-Clause, its LICENSE is served
// next to it): the page works on a machine with no internet, and it loads
// no tiles: layers are drawn on a plain background. The page is plain
// JavaScript modules (static/app.js, static/js/) with no build step;
// static/vendor/ is copied from the npm package pinned in package.json and
// package-lock.json (run `npm ci` in a scratch directory holding those two
// files and copy node_modules/leaflet/{dist/leaflet.js,dist/leaflet.css,
// dist/images,LICENSE}; node_modules stays out of the repository).
//
// The page uses only relative URLs, so it also works when a reverse proxy
// serves catchment under a path prefix.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/catchment/catchment/maps"
)

//go:embed static
var static embed.FS

// Files returns the embedded page: index.html, app.js, app.css, js/ and
// vendor/leaflet/ at its root.
func Files() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // "static" is embedded above: cannot happen
	}
	return sub
}

// contentTypes are set explicitly rather than looked up with mime, whose
// answer depends on the host's /etc/mime.types.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".png":  "image/png",
	"":      "text/plain; charset=utf-8", // LICENSE
}

// csp confines the page to its own origin: nothing is fetched from the
// internet even if a script tried, which is also what the offline promise
// needs. Leaflet sets styles through the DOM (allowed); data: is for its
// CSS-embedded images.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Handler serves the page: "/" is index.html, other paths are the embedded
// files under /static/ (for example /static/app.js), and /style.json is
// maps.StyleJSON, the palette of the static maps, so the page draws in the
// same colours. Any other path is 404. Mount it at "/" next to the API
// routes; only GET and HEAD are allowed. Serve these paths without the
// API token: a browser cannot send one when it loads a page, and the page
// holds no data (it asks for the token when the API answers 401).
//
// Responses carry a content-hash ETag with Cache-Control: no-cache, so a
// browser revalidates and an upgraded binary never serves a stale script.
func Handler() http.Handler {
	return &handler{files: Files()}
}

type handler struct {
	files fs.FS
	etags sync.Map // file name -> quoted ETag
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		problem(w, r, http.StatusMethodNotAllowed, "method-not-allowed", "the page's files answer GET and HEAD only")
		return
	}
	name, ok := fileName(r.URL.Path)
	if !ok {
		problem(w, r, http.StatusNotFound, "not-found", "no such page file (the API is under /api/v1/)")
		return
	}
	var body []byte
	if name == styleName {
		body = maps.StyleJSON()
	} else if b, err := fs.ReadFile(h.files, name); err == nil {
		body = b
	} else {
		problem(w, r, http.StatusNotFound, "not-found", "no such page file (the API is under /api/v1/)")
		return
	}
	hdr := w.Header()
	ct, ok := contentTypes[path.Ext(name)]
	if !ok {
		ct = "application/octet-stream"
	}
	hdr.Set("Content-Type", ct)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("ETag", h.etag(name, body))
	if name == "index.html" {
		hdr.Set("Content-Security-Policy", csp)
		hdr.Set("Referrer-Policy", "no-referrer")
	}
	// ServeContent answers If-None-Match from the ETag and Range requests.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// styleName is the name fileName gives the palette, which comes from
// package maps rather than the embedded files.
const styleName = "style.json"

// fileName maps a request path to an embedded file name; ok is false for
// paths outside the page (directory listings included).
func fileName(p string) (string, bool) {
	switch {
	case p == "/" || p == "/index.html":
		return "index.html", true
	case p == "/style.json":
		return styleName, true
	case strings.HasPrefix(p, "/static/"):
		name := strings.TrimPrefix(p, "/static/")
		// fs.ValidPath rejects "..", "." and empty elements; a trailing
		// slash names a directory, which is not served.
		if !fs.ValidPath(name) || name == "." || strings.HasSuffix(p, "/") {
			return "", false
		}
		return name, true
	}
	return "", false
}

// problem answers an error as a small RFC 9457 problem, like the API's
// errors (same type URIs: "urn:catchment:problem:" and a slug), so that a
// client gets application/problem+json whatever path it asked for.
func problem(w http.ResponseWriter, r *http.Request, status int, slug, detail string) {
	body, _ := json.Marshal(map[string]any{
		"type":     "urn:catchment:problem:" + slug,
		"title":    http.StatusText(status),
		"status":   status,
		"detail":   detail,
		"instance": r.URL.Path,
	})
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

func (h *handler) etag(name string, body []byte) string {
	if v, ok := h.etags.Load(name); ok {
		return v.(string)
	}
	sum := sha256.Sum256(body)
	tag := `"` + hex.EncodeToString(sum[:12]) + `"`
	h.etags.Store(name, tag)
	return tag
}
