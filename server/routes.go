package server

import (
	"bytes"
	_ "embed" // the OpenAPI description
	"fmt"
	"net/http"
	"strings"
	"time"
)

// openAPI describes every route; TestOpenAPICoversRoutes keeps it honest.
//
//go:embed openapi.json
var openAPI []byte

// route is one method and path of the API, in http.ServeMux syntax.
type route struct {
	method, pattern string
	handle          func(http.ResponseWriter, *http.Request) error
}

// apiRoutes lists every route the server answers (besides the page's
// static files under "/").
func (s *Server) apiRoutes() []route {
	return []route{
		{"GET", "/healthz", s.handleHealth},
		{"GET", "/api/v1/openapi.json", s.handleOpenAPI},
		{"GET", "/api/v1/datasets", s.handleListDatasets},
		{"POST", "/api/v1/datasets", s.handleUpload},
		{"GET", "/api/v1/datasets/{id}", s.handleGetDataset},
		{"DELETE", "/api/v1/datasets/{id}", s.handleDeleteDataset},
		{"GET", "/api/v1/datasets/{id}/coverage", s.handleCoverage},
		{"GET", "/api/v1/datasets/{id}/rejections.csv", s.handleRejections},
		{"GET", "/api/v1/datasets/{id}/roads.geojson", s.handleRoadsGeoJSON},
		{"GET", "/api/v1/runs", s.handleListRuns},
		{"POST", "/api/v1/runs", s.handleCreateRun},
		{"GET", "/api/v1/runs/{id}", s.handleGetRun},
		{"DELETE", "/api/v1/runs/{id}", s.handleDeleteRun},
		{"POST", "/api/v1/runs/{id}/cancel", s.handleCancelRun},
		{"GET", "/api/v1/runs/{id}/{name}", s.handleResult},
		{"GET", "/{$}", s.handlePage},
	}
}

// routes builds the mux. Requests no route matches get a problem: 405 with
// Allow when the path exists for other methods, else 404 under /api/;
// other paths go to the web page, which serves its files or answers 404.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range s.apiRoutes() {
		mux.Handle(rt.method+" "+rt.pattern, s.errorHandler(rt.handle))
	}
	mux.Handle("/api/", s.errorHandler(func(w http.ResponseWriter, r *http.Request) error {
		if err := methodNotAllowed(mux, w, r); err != nil {
			return err
		}
		return fmt.Errorf("%w: no route %s %s (the API is described at /api/v1/openapi.json)", ErrNotFound, r.Method, r.URL.Path)
	}))
	mux.Handle("/", s.errorHandler(func(w http.ResponseWriter, r *http.Request) error {
		if err := methodNotAllowed(mux, w, r); err != nil {
			return err
		}
		s.page.ServeHTTP(w, r)
		return nil
	}))
	return mux
}

// publicPatterns are the mux patterns served without the token: the
// liveness probe and the web page (index.html at "/", its files under
// /static/, /style.json, and the page's 404 for other paths outside
// /api/). The page holds no data, and a browser loading it could not send
// a token anyway; it asks for the token when the API answers 401 and
// sends it as a bearer token from then on.
var publicPatterns = map[string]bool{"GET /healthz": true, "GET /{$}": true, "/": true}

// public reports whether the mux routes r to a public pattern. The mux
// decides rather than a path prefix, so no spelling of a path (dot
// segments, escaped slashes, a missing trailing slash) reaches an API
// route without the token: a path the mux would redirect is judged by
// the route it redirects to.
func (s *Server) public(r *http.Request) bool {
	_, pattern := s.mux.Handler(r)
	return publicPatterns[pattern]
}

// errorHandler adapts a handler that returns an error: the error, if the
// handler wrote nothing, becomes the problem answer.
func (s *Server) errorHandler(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// methodNotAllowed returns an ErrMethodNotAllowed error, and sets Allow,
// when a route has the request's path but another method; nil otherwise.
func methodNotAllowed(mux *http.ServeMux, w http.ResponseWriter, r *http.Request) error {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		return nil
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	return fmt.Errorf("%w: %s %s (allowed: %s)", ErrMethodNotAllowed, r.Method, r.URL.Path, strings.Join(allow, ", "))
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

var openAPITag = etag(string(openAPI))

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", mediaJSON)
	w.Header().Set("ETag", openAPITag)
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "openapi.json", time.Time{}, bytes.NewReader(openAPI))
	return nil
}

// handlePage serves the web page at "/".
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) error {
	s.page.ServeHTTP(w, r)
	return nil
}
