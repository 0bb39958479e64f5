package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/catchment/catchment/planner"
)

func TestRecoverPanics(t *testing.T) {
	s := &Server{log: discardLogger()}
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/runs", nil))
	if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Type") != mediaProblem {
		t.Fatalf("panic answered %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != 500 || p.Type != ProblemTypePrefix+"internal" {
		t.Errorf("problem %+v, %v", p, err)
	}

	// http.ErrAbortHandler is the server's own signal: passed on.
	abort := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	func() {
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Errorf("recovered %v, want http.ErrAbortHandler passed on", p)
			}
		}()
		abort.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	}()
}

func TestWriteErrorHidesInternals(t *testing.T) {
	s := &Server{log: discardLogger()}
	rec := httptest.NewRecorder()
	s.writeError(rec, httptest.NewRequest(http.MethodGet, "/x", nil), errors.New("open /secret/path: permission denied"))
	var p Problem
	json.Unmarshal(rec.Body.Bytes(), &p)
	if rec.Code != 500 || p.Detail == "" || strings.Contains(p.Detail, "/secret/path") {
		t.Errorf("internal error answered %d with detail %q", rec.Code, p.Detail)
	}

	rec = httptest.NewRecorder()
	s.writeError(rec, httptest.NewRequest(http.MethodGet, "/x", nil), &planner.OptionError{Option: "near-thc-km", Reason: "must not be negative"})
	json.Unmarshal(rec.Body.Bytes(), &p)
	if rec.Code != 400 || p.Option != "near_thc_km" || p.Detail != "option near_thc_km: must not be negative" {
		t.Errorf("option error answered %d with %+v", rec.Code, p)
	}
}

func TestDatasetCache(t *testing.T) {
	c := newDatasetCache(2)
	loads := map[string]int{}
	load := func(id string) func() (*dataset, error) {
		return func() (*dataset, error) {
			loads[id]++
			if id == "bad" {
				return nil, errors.New("no")
			}
			return &dataset{}, nil
		}
	}
	c.pin(SampleID, &dataset{})
	for _, id := range []string{"a", "b", "a", "c", "a", "b"} {
		if _, err := c.get(id, load(id)); err != nil {
			t.Fatal(err)
		}
	}
	// a stays (used most), b was evicted by c and loaded again.
	if loads["a"] != 1 || loads["b"] != 2 || loads["c"] != 1 {
		t.Errorf("loads %v, want a once, b twice, c once", loads)
	}
	for range 2 {
		if _, err := c.get("bad", load("bad")); err == nil {
			t.Fatal("failed load not reported")
		}
	}
	if loads["bad"] != 2 {
		t.Errorf("a failed load was cached: %d loads", loads["bad"])
	}
	if _, ok := c.entries[SampleID]; !ok {
		t.Error("the pinned sample was evicted")
	}
	c.drop("a")
	if _, ok := c.entries["a"]; ok {
		t.Error("dropped entry still cached")
	}
}
