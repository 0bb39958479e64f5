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
