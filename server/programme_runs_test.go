package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/programme"
	"github.com/catchment/catchment/server/internal/compute"
	"github.com/catchment/catchment/server/internal/runparams"
	"github.com/catchment/catchment/server/internal/store"
)

// programmeRun creates a run, waits for it and checks its result names
// and the Markdown report's sections.
func programmeRun(t *testing.T, base, body, kind string, sections ...string) RunInfo {
	t.Helper()
	run := waitRun(t, base, createRun(t, base, body, http.StatusAccepted).ID)
	if run.Status != store.StatusDone || run.Kind != kind {
		t.Fatalf("run %+v", run)
	}
	if got, want := slices.Sorted(maps.Keys(run.Results)), slices.Sorted(slices.Values(compute.Names(kind))); !slices.Equal(got, want) {
		t.Fatalf("results %v, want %v", got, want)
	}
	md := get(t, base+run.Results["report.md"])
	wantStatus(t, md, http.StatusOK)
	if ct := md.Header.Get("Content-Type"); ct != mediaMarkdown {
		t.Errorf("report.md Content-Type %q", ct)
	}
	for _, s := range append(sections, "## Appendix: rules ") { // "cited", or "R1–R18" after a plan
		if !bytes.Contains(md.Body, []byte(s)) {
			t.Errorf("report.md lacks %q", s)
		}
	}
	return run
}

func csvRows(t *testing.T, r response) [][]string {
	t.Helper()
	wantStatus(t, r, http.StatusOK)
	rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	if err != nil || r.Header.Get("Content-Type") != mediaCSV {
		t.Fatalf("CSV %v, Content-Type %q", err, r.Header.Get("Content-Type"))
	}
	return rows
}

// TestBudgetRun: the budget run places at most N sites and equals the
// command line's answer (planner.PlanWithBudget with the policy's bounds,
// as `catchment plan --subcentres-total 4` runs it) byte for byte.
func TestBudgetRun(t *testing.T) {
	ts := startTestServer(t, Config{})
	in := sampleInputs(t)
	run := programmeRun(t, ts.URL, `{"kind": "budget", "subcentres_total": 4}`, runparams.KindBudget, "## City-wide sub-centre budget (R5)", "Why each county got what it got")
	var params map[string]any
	if err := json.Unmarshal(run.Params, &params); err != nil {
		t.Fatal(err)
	}
	if params["kind"] != "budget" || params["subcentres_total"] != 4.0 || params["county_min"] != 1.0 || params["county_max"] != 3.0 || params["subcentres"] != nil {
		t.Errorf("params %s", run.Params)
	}
	got := decode[programme.BudgetResult](t, get(t, ts.URL+run.Results["budget.json"]))
	sites := 0
	for _, c := range got.Counties {
		sites += c.Sites
	}
	if got.Total != 4 || got.Allocated > 4 || sites != got.Allocated || got.Allocated == 0 {
		t.Errorf("budget total %d, allocated %d, sites %d", got.Total, got.Allocated, sites)
	}

	rs, err := planner.Scenario{}.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	b := programme.BudgetOptions{Total: 4, Bounds: programme.CountyBounds{Min: rs.Policy.MinSubcentres.Value, Max: rs.Policy.MaxSubcentres.Value}}
	res, want, err := programme.PlanWithBudget(context.Background(), in.villages, in.facilities, rs.Plan, b)
	if err != nil {
		t.Fatal(err)
	}
	indented := func(w io.Writer) error { // as the command line's --summary files
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(want)
	}
	if body := get(t, ts.URL+run.Results["budget.json"]).Body; !bytes.Equal(body, render(t, indented)) {
		t.Errorf("budget.json differs from planner.PlanWithBudget's answer")
	}
	sum, err := summary.NewPlanSummary(in.villages, in.facilities, res, rs.Policy, rs.Plan, nil, in.reports...)
	if err != nil {
		t.Fatal(err)
	}
	cites := report.BudgetCites(4, b.Bounds, rs.Policy.MinSubcentres.Source, rs.Policy.MaxSubcentres.Source, "subcentres_total of this run")
	if body := get(t, ts.URL+run.Results["report.md"]).Body; !bytes.Equal(body, render(t, func(w io.Writer) error { return report.WritePlanBudgetReport(w, sum, want, cites, report.Options{}) })) {
		t.Errorf("report.md differs from the plan report with the budget section")
	}
	if rows := csvRows(t, get(t, ts.URL+run.Results["budget.csv"])); len(rows) != 1+len(want.Counties) {
		t.Errorf("budget.csv has %d rows, want a header and %d", len(rows), len(want.Counties))
	}
}

// TestPhaseRun: every clinic once, each year's count equal to its cap.
func TestPhaseRun(t *testing.T) {
	ts := startTestServer(t, Config{})
	run := programmeRun(t, ts.URL, `{"kind": "phase", "per_year": [5, 7], "start_year": 2025, "weights": {"doctor_gap": 3}}`, runparams.KindPhase,
		"## Phased village clinic upgrades (R17)", "3 × doctor gap (R10)", "Cut after 2025")
	res := decode[programme.PhaseResult](t, get(t, ts.URL+run.Results["phase.json"]))
	perYear := map[int]int{}
	ids := map[string]bool{}
	for i, a := range res.Assignments {
		perYear[a.Year]++
		if ids[a.Clinic.ID] {
			t.Errorf("clinic %s twice", a.Clinic.ID)
		}
		ids[a.Clinic.ID] = true
		if i > 0 && a.Score > res.Assignments[i-1].Score {
			t.Errorf("rank %d scores %g, more than rank %d's %g", a.Rank, a.Score, i, res.Assignments[i-1].Score)
		}
	}
	if len(res.Assignments) < 12 || perYear[2025] != 5 || perYear[2026] != 7 || perYear[0] != len(res.Assignments)-12 || res.Weights.DoctorGap != 3 {
		t.Errorf("%d clinics, per year %v, weights %+v", len(res.Assignments), perYear, res.Weights)
	}
	fc := decode[struct {
		Features []struct {
			Properties map[string]any
		}
	}](t, get(t, ts.URL+run.Results["phase.geojson"]))
	if len(fc.Features) != len(res.Assignments) || fc.Features[0].Properties["year"] != 2025.0 || fc.Features[0].Properties["marker-color"] == nil {
		t.Errorf("phase.geojson: %d features, first %v", len(fc.Features), fc.Features[0].Properties)
	}
	if rows := csvRows(t, get(t, ts.URL+run.Results["phase.csv"])); len(rows) != 1+len(res.Assignments) {
		t.Errorf("phase.csv has %d rows", len(rows))
	}
	if rows := csvRows(t, get(t, ts.URL+run.Results["phase_summary.csv"])); len(rows) != 1+len(res.Summary) {
		t.Errorf("phase_summary.csv has %d rows", len(rows))
	}
}

// TestQuotaRun: the quotas sum to the staff asked for, and repeating the
// run's params reuses it.
func TestQuotaRun(t *testing.T) {
	ts := startTestServer(t, Config{})
	run := programmeRun(t, ts.URL, `{"kind": "quota", "staff": 123}`, runparams.KindQuota, "## Staff quotas (R10, R11)", "largest remainder")
	res := decode[programme.QuotaResult](t, get(t, ts.URL+run.Results["quota.json"]))
	sum := 0
	for _, q := range res.Counties {
		sum += q.Quota
	}
	if res.Total != 123 || sum != 123 || len(res.Counties) == 0 {
		t.Errorf("quota total %d, sum %d over %d counties", res.Total, sum, len(res.Counties))
	}
	rows := csvRows(t, get(t, ts.URL+run.Results["quota.csv"]))
	if len(rows) != 1+len(res.Counties) || rows[0][5] != "quota" {
		t.Errorf("quota.csv %v", rows)
	}
	again := createRun(t, ts.URL, string(run.Params), http.StatusOK)
	if again.ID != run.ID {
		t.Errorf("the run's params as a request made run %s, want the same run %s", again.ID, run.ID)
	}
}

// TestScorecardRun: ranks 1..n, the bottom two carded, two-in-a-row from
// the previous year's cards.
func TestScorecardRun(t *testing.T) {
	ts := startTestServer(t, Config{})
	res0 := decode[programme.ScorecardResult](t, get(t, ts.URL+programmeRun(t, ts.URL, `{"kind": "scorecard"}`, runparams.KindScorecard,
		"## County scorecard (R16)", "two-in-a-row is not assessed", "not assessed").Results["scorecard.json"]))
	if len(res0.YellowCards) != 2 {
		t.Fatalf("yellow cards %v", res0.YellowCards)
	}
	prev, _ := json.Marshal([]string{res0.YellowCards[0], "elsewhere"})
	run := programmeRun(t, ts.URL, `{"kind": "scorecard", "previous_yellow_cards": `+string(prev)+`}`, runparams.KindScorecard, "carded two years in a row")
	res := decode[programme.ScorecardResult](t, get(t, ts.URL+run.Results["scorecard.json"]))
	ranked := 0
	for i, c := range res.Counties {
		if c.Rank == 0 {
			continue
		}
		ranked++
		if c.Rank != i+1 {
			t.Errorf("%s has rank %d at position %d", c.County, c.Rank, i+1)
		}
		if c.YellowCard != slices.Contains(res.YellowCards, c.County) {
			t.Errorf("%s: yellow card %v, list %v", c.County, c.YellowCard, res.YellowCards)
		}
	}
	bottom := []string{res.Counties[ranked-2].County, res.Counties[ranked-1].County}
	if !res.HasPrevious || !slices.Equal(slices.Sorted(slices.Values(res.YellowCards)), slices.Sorted(slices.Values(bottom))) ||
		!slices.Equal(res.TwoInARow, []string{res0.YellowCards[0]}) {
		t.Errorf("cards %v (bottom two %v), two in a row %v", res.YellowCards, bottom, res.TwoInARow)
	}
	// A county table gives one county's GPs: 150 per 300,000 residents is
	// 5 per 10,000, met (R13: 4); the others stay not assessed.
	first := res.Counties[0].County
	table, _ := json.Marshal([]map[string]any{{"county": first, "residents": 300000, "gps": 150}})
	withTable := decode[programme.ScorecardResult](t, get(t, ts.URL+programmeRun(t, ts.URL, `{"kind": "scorecard", "counties": `+string(table)+`}`,
		runparams.KindScorecard, "## County scorecard (R16)").Results["scorecard.json"]))
	for _, c := range withTable.Counties {
		for _, x := range c.Indicators {
			if x.Key != programme.IndGPs {
				continue
			}
			if c.County == first && (x.Value == nil || *x.Value != 5 || x.Status != programme.StatusMet) {
				t.Errorf("%s: gps %+v, want 5 per 10,000, met", c.County, x)
			}
			if c.County != first && (x.Value != nil || x.Status != programme.StatusNotAssessed) {
				t.Errorf("%s: gps %+v, want not assessed", c.County, x)
			}
		}
	}
	rows := csvRows(t, get(t, ts.URL+run.Results["scorecard.csv"]))
	if want := csvio.ScorecardRows(&res); len(rows) != len(want) || !slices.Equal(rows[0], want[0]) {
		t.Errorf("scorecard.csv header %v, %d rows", rows[0], len(rows))
	}
}

func TestProgrammeRunErrors(t *testing.T) {
	ts := startTestServer(t, Config{})
	cases := []struct {
		name, body string
		status     int
		option     string
	}{
		{"budget without total", `{"kind": "budget"}`, 400, "subcentres_total"},
		{"budget zero", `{"kind": "budget", "subcentres_total": 0}`, 422, "subcentres_total"},
		{"budget huge", `{"kind": "budget", "subcentres_total": 20000}`, 422, "subcentres_total"},
		{"budget text", `{"kind": "budget", "subcentres_total": "ten"}`, 400, "subcentres_total"},
		{"county max beyond exact", `{"kind": "budget", "subcentres_total": 5, "county_max": 4}`, 422, "county_max"},
		{"county min over max", `{"kind": "budget", "subcentres_total": 5, "county_min": 3, "county_max": 2}`, 422, "county_min"},
		{"budget with subcentres", `{"kind": "budget", "subcentres_total": 5, "subcentres": 2}`, 400, "subcentres"},
		{"budget sweep", `{"kind": "budget", "subcentres_total": 5, "radius_km": [10, 15]}`, 400, "radius_km"},
		{"quota sweep", `{"kind": "quota", "subcentres": [1, 2]}`, 400, "subcentres"},
		{"staff in phase", `{"kind": "phase", "staff": 5}`, 400, "staff"},
		{"quota key in plan", `{"kind": "plan", "staff": 5}`, 400, "staff"},
		{"no years", `{"kind": "phase", "per_year": []}`, 422, "per_year"},
		{"zero cap", `{"kind": "phase", "per_year": [5, 0]}`, 422, "per_year"},
		{"too many years", `{"kind": "phase", "per_year": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}`, 422, "per_year"},
		{"caps not numbers", `{"kind": "phase", "per_year": "530"}`, 400, "per_year"},
		{"year far off", `{"kind": "phase", "start_year": 3000}`, 422, "start_year"},
		{"bad from", `{"kind": "phase", "from": "moon"}`, 400, "from"},
		{"unknown weight", `{"kind": "phase", "weights": {"beauty": 1}}`, 400, "weights"},
		{"negative weight", `{"kind": "phase", "weights": {"doctor_gap": -1}}`, 422, "weights"},
		{"zero weights", `{"kind": "scorecard", "weights": {"gps_per_10000": 0}}`, 422, "weights"},
		{"scorecard phase weight", `{"kind": "scorecard", "weights": {"doctor_gap": 1}}`, 400, "weights"},
		{"negative staff", `{"kind": "quota", "staff": -1}`, 422, "staff"},
		{"staff beyond cap", `{"kind": "quota", "staff": 2000000}`, 422, "staff"},
		{"no yellow cards", `{"kind": "scorecard", "yellow_cards": 0}`, 422, "yellow_cards"},
		{"blank previous county", `{"kind": "scorecard", "previous_yellow_cards": [" "]}`, 400, "previous_yellow_cards"},
		{"county table not a list", `{"kind": "scorecard", "counties": {"A": 1}}`, 400, "counties"},
		{"county table unknown column", `{"kind": "scorecard", "counties": [{"county": "A", "doctors": 1}]}`, 400, "counties"},
		{"county table twice", `{"kind": "scorecard", "counties": [{"county": "A"}, {"county": "A"}]}`, 400, "counties"},
		{"county table negative", `{"kind": "scorecard", "counties": [{"county": "A", "gps": -1}]}`, 422, "counties"},
		{"county table fraction", `{"kind": "scorecard", "counties": [{"county": "A", "residents": 1.5}]}`, 400, "counties"},
		{"plan key checked", `{"kind": "quota", "merge_km": -1}`, 400, "merge_km"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := wantProblem(t, postJSON(t, ts.URL+"/api/v1/runs", c.body), c.status)
			if p.Option != c.option || !strings.Contains(p.Detail, c.option) {
				t.Errorf("option %q, want %q (detail %q)", p.Option, c.option, p.Detail)
			}
		})
	}
	if runs := decode[struct{ Runs []RunInfo }](t, get(t, ts.URL+"/api/v1/runs")).Runs; len(runs) != 0 {
		t.Errorf("refused requests created runs: %+v", runs)
	}
}
