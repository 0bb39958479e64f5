package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/catchment/catchment/server/internal/store"
)

// TestRunSummaryWarnings checks that plan and budget runs carry the policy
// warnings in summary.json and say them in report.md.
func TestRunSummaryWarnings(t *testing.T) {
	ts := startTestServer(t, Config{})
	cases := []struct {
		name, body, code, county, rule, reason string
	}{
		{"xinjiang minimum", `{"kind": "plan", "policy": "xinjiang", "min_far_km": 25}`, "min_subcentres_unmet", "明寿县", "R4",
			"no candidate at least 25 km from a county hospital (--min-far-km): the farthest of its 11 township health centres is 17.0 km"},
		{"budget above the maximum", `{"kind": "budget", "policy": "ordos", "min_far_km": 10, "subcentres_total": 12, "county_max": 3}`,
			"max_subcentres_exceeded", "", "R3", "3 sub-centres proposed, above the most of 2 per county"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run := waitRun(t, ts.URL, createRun(t, ts.URL, c.body, http.StatusAccepted).ID)
			if run.Status != store.StatusDone {
				t.Fatalf("run %+v", run)
			}
			r := get(t, ts.URL+run.Results["summary.json"])
			wantStatus(t, r, http.StatusOK)
			s := decode[struct {
				Warnings []map[string]any `json:"warnings"`
			}](t, r)
			found := false
			for _, w := range s.Warnings {
				if w["code"] == c.code && (c.county == "" || w["county"] == c.county) && w["rule"] == c.rule &&
					strings.Contains(w["reason"].(string), c.reason) && w["suggestion"] != "" {
					found = true
				}
			}
			if !found {
				t.Errorf("summary warnings %v lack %s %s %s %q", s.Warnings, c.code, c.county, c.rule, c.reason)
			}
			md := get(t, ts.URL+run.Results["report.md"])
			if !strings.Contains(string(md.Body), "## Warnings") || !strings.Contains(string(md.Body), c.reason) {
				t.Errorf("report.md lacks the warning %q", c.reason)
			}
		})
	}
}
