package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/catchment/catchment/planner"
)

// TestDuplicateRadii: a radius listed twice, however it is spelt, is a 400
// invalid-options problem naming radius_km, on every route that takes
// radii, and queues nothing.
func TestDuplicateRadii(t *testing.T) {
	ts := startTestServer(t, Config{})
	runs := []struct{ name, body, twice string }{
		{"coverage run", `{"kind": "coverage", "radius_km": [15, 15]}`, "15"},
		{"coverage run, 15.0", `{"kind": "coverage", "radius_km": [15, 20, 15.0]}`, "15"},
		{"coverage run with a policy", `{"kind": "coverage", "policy": "shanxi", "radius_km": [10, 10]}`, "10"},
		{"plan run", `{"kind": "plan", "radius_km": [15, 15]}`, "15"},
		{"plan sweep", `{"kind": "plan", "radius_km": [10, 12.5, 15, 12.5], "subcentres": [1, 2]}`, "12.5"},
	}
	for _, c := range runs {
		t.Run(c.name, func(t *testing.T) {
			p := wantProblem(t, postJSON(t, ts.URL+"/api/v1/runs", c.body), http.StatusBadRequest)
			checkTwiceProblem(t, p, c.twice)
		})
	}
	queries := []struct{ name, radii, twice string }{
		{"coverage query", "15,15", "15"},
		{"coverage query, 20.0", "10,20,20.0", "20"},
		{"coverage query, spaces", "10, 15 ,10", "10"},
	}
	for _, c := range queries {
		t.Run(c.name, func(t *testing.T) {
			r := get(t, ts.URL+"/api/v1/datasets/sample/coverage?radius_km="+url.QueryEscape(c.radii))
			checkTwiceProblem(t, wantProblem(t, r, http.StatusBadRequest), c.twice)
		})
	}
	if list := decode[struct{ Runs []RunInfo }](t, get(t, ts.URL+"/api/v1/runs")).Runs; len(list) != 0 {
		t.Errorf("refused requests queued %d runs", len(list))
	}
}

func checkTwiceProblem(t *testing.T, p Problem, radius string) {
	t.Helper()
	if p.Option != "radius_km" || p.Type != ProblemTypePrefix+"invalid-options" {
		t.Errorf("problem option %q, type %q; want radius_km, invalid-options", p.Option, p.Type)
	}
	if want := "option radius_km: radius " + radius + " km is listed twice"; p.Detail != want {
		t.Errorf("detail %q, want %q", p.Detail, want)
	}
}

// TestPlannerDuplicateRadiusProblem: the planner's own refusal of a radius
// listed twice (its OptionError names "radius-km") answers the same 400
// problem as the server's early check, so a request that reached the
// planner would read the same.
func TestPlannerDuplicateRadiusProblem(t *testing.T) {
	_, covErr := planner.Coverage(context.Background(), nil, nil, planner.CoverageOptions{RadiiKm: []float64{15, 15}})
	_, resErr := planner.Scenario{RadiiKm: []float64{15, 15}}.Resolve()
	for name, err := range map[string]error{"Coverage": covErr, "Scenario.Resolve": resErr} {
		t.Run(name, func(t *testing.T) {
			if err == nil {
				t.Fatalf("planner.%s accepted radii 15, 15", name)
			}
			s := &Server{log: discardLogger()}
			rec := httptest.NewRecorder()
			s.writeError(rec, httptest.NewRequest(http.MethodPost, "/api/v1/runs", strings.NewReader("")), err)
			if rec.Code != http.StatusBadRequest || rec.Header().Get("Content-Type") != mediaProblem {
				t.Fatalf("answered %d %q", rec.Code, rec.Header().Get("Content-Type"))
			}
			var p Problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			checkTwiceProblem(t, p, "15")
		})
	}
}
