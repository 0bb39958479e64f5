package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/catchment/catchment/server/internal/store"
)

// TestResultCSVT checks NAME.csvt beside a run's CSV results: the column
// types of the table, one per column; and not found for a name that is no
// CSV result of the run.
func TestResultCSVT(t *testing.T) {
	ts := startTestServer(t, Config{})
	run := waitRun(t, ts.URL, createRun(t, ts.URL, `{"kind": "plan"}`, http.StatusAccepted).ID)
	if run.Status != store.StatusDone {
		t.Fatalf("run %+v", run)
	}
	table := get(t, ts.URL+run.Results["townships.csv"])
	r := get(t, ts.URL+strings.TrimSuffix(run.Results["townships.csv"], ".csv")+".csvt")
	wantStatus(t, r, http.StatusOK)
	header := strings.Split(strings.TrimPrefix(strings.SplitN(string(table.Body), "\n", 2)[0], "\uFEFF"), ",")
	types := strings.Split(strings.TrimSpace(string(r.Body)), ",")
	if len(types) != len(header) || types[0] != `"String"` {
		t.Fatalf("townships.csvt %q for the header %q", r.Body, header)
	}
	for i, col := range header {
		want := map[string]string{"county": `"String"`, "villages": `"Integer"`, "route_km": `"Real"`, "exact": `"Integer(Boolean)"`, "thc_id": `"String"`}[col]
		if want != "" && types[i] != want {
			t.Errorf("column %s: %s, want %s", col, types[i], want)
		}
	}
	if r.Header.Get("ETag") == "" || r.Header.Get("ETag") == table.Header.Get("ETag") {
		t.Errorf("ETag %q, the table's %q", r.Header.Get("ETag"), table.Header.Get("ETag"))
	}
	for _, name := range []string{"villages.csvt", "plan.csvt", "nothing.csvt"} {
		wantProblem(t, get(t, ts.URL+run.URL+"/"+name), http.StatusNotFound)
	}
}
