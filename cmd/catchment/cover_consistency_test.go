package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/catchment/catchment/server"
)

// Issue 13: "covered" meant two things. These tests run one plan of the
// sample (Shanxi, 15 km, with a 10 km sweep row) through the command line
// and through the HTTP API, read every output of both, and check that
// each states the same two measures — emergency network cover and
// county-level care today and after — for every village and every county.

// coverRef is the reference the outputs are checked against: the village
// flags of the CLI's plan.geojson and the tallies they add up to.
type coverRef struct {
	villages map[string]coverFlags
	pops     map[string]coverPop // by county, and totalKey
}

func newCoverRef(t *testing.T, flags map[string]coverFlags, pops map[string]int64, counties map[string]string) coverRef {
	t.Helper()
	ref := coverRef{villages: flags, pops: map[string]coverPop{}}
	for id, f := range flags {
		for _, key := range []string{counties[id], totalKey} {
			p := ref.pops[key]
			p.Population += pops[id]
			for _, m := range []struct {
				on  bool
				sum *int64
			}{{f.Network, &p.Network}, {f.Today, &p.Today}, {f.After, &p.After}} {
				if m.on {
					*m.sum += pops[id]
				}
			}
			ref.pops[key] = p
		}
	}
	tot := ref.pops[totalKey]
	// The check means nothing unless the measures differ somewhere.
	if len(flags) == 0 || tot.Network == tot.Today || tot.Today == tot.After {
		t.Fatalf("the sample should tell the measures apart: %d villages, total %+v", len(flags), tot)
	}
	return ref
}

// checkVillages checks the flags of every village against the reference.
func (ref coverRef) checkVillages(t *testing.T, source string, got map[string]coverFlags) {
	t.Helper()
	if len(got) != len(ref.villages) {
		t.Errorf("%s: %d villages, the reference %d", source, len(got), len(ref.villages))
	}
	bad := 0
	for id, want := range ref.villages {
		if g, ok := got[id]; !ok || g != want {
			if bad++; bad <= 5 {
				t.Errorf("%s: village %s has %+v (present %v), the reference %+v", source, id, g, ok, want)
			}
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d villages disagree in all", source, bad)
	}
}

// checkTallies checks county and total tallies; only reports those fields a
// source has (fields: "population", "network", "today", "after").
func (ref coverRef) checkTallies(t *testing.T, source string, got map[string]coverPop, wantAll bool, fields ...string) {
	t.Helper()
	if wantAll && len(got) != len(ref.pops) && len(got) != len(ref.pops)-1 {
		t.Errorf("%s: %d counties (with or without a total), the reference %d and a total", source, len(got), len(ref.pops)-1)
	}
	for key, g := range got {
		w, ok := ref.pops[key]
		if !ok {
			t.Errorf("%s: unknown county %q", source, key)
			continue
		}
		pick := map[string][2]int64{"population": {g.Population, w.Population}, "network": {g.Network, w.Network},
			"today": {g.Today, w.Today}, "after": {g.After, w.After}}
		for _, f := range fields {
			if pick[f][0] != pick[f][1] {
				t.Errorf("%s: %s %s %d, the villages add up to %d", source, key, f, pick[f][0], pick[f][1])
			}
		}
	}
}

// checkPcts checks printed shares against the reference tallies.
func (ref coverRef) checkPcts(t *testing.T, source string, got map[string]coverPct) {
	t.Helper()
	if len(got) != len(ref.pops) {
		t.Errorf("%s: %d rows, want %d counties and the total", source, len(got), len(ref.pops))
	}
	for key, g := range got {
		if w := pctOf(ref.pops[key]); g != w {
			t.Errorf("%s: %s prints %+v, the villages give %+v", source, key, g, w)
		}
	}
}

var allCoverFields = []string{"population", "network", "today", "after"}

// planOutputs are the outputs of one plan run by name: a result name of
// the server, or the same name for the CLI's file ("table.txt" is stdout).
type planOutputs map[string][]byte

// cliPlan runs the plan with every output and reads them back.
func cliPlan(t *testing.T, dir string) planOutputs {
	t.Helper()
	code, stdout, stderr := runCLI(t, "plan", "--radius-km", "15,10", "--out", filepath.Join(dir, "plan.geojson"),
		"--out-dir", filepath.Join(dir, "layers"), "--csv-dir", filepath.Join(dir, "tables"),
		"--summary", filepath.Join(dir, "summary.json"), "--report", filepath.Join(dir, "report.md"), "--lang", "en")
	if code != exitOK {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	out := planOutputs{"table.txt": []byte(stdout)}
	for name, path := range map[string]string{
		"plan.geojson": "plan.geojson", "villages.geojson": "layers/villages.geojson", "subcentres.geojson": "layers/subcentres.geojson",
		"villages.csv": "tables/villages.csv", "counties.csv": "tables/counties.csv", "sweep.csv": "tables/sweep.csv",
		"summary.json": "summary.json", "report.md": "report.md",
	} {
		b, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = b
	}
	return out
}

// apiPlan runs the same plan through the HTTP API and fetches every
// result of the run.
func apiPlan(t *testing.T) planOutputs {
	t.Helper()
	srv, err := server.New(server.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	fetch := func(method, url, body string) []byte {
		req, err := http.NewRequest(method, ts.URL+url, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %v\n%s", method, url, resp.StatusCode, err, b)
		}
		return b
	}
	var run server.RunInfo
	decodeRun := func(b []byte) {
		if err := json.Unmarshal(b, &run); err != nil {
			t.Fatalf("run %s: %v", b, err)
		}
	}
	decodeRun(fetch(http.MethodPost, "/api/v1/runs", `{"kind": "plan", "dataset": "sample", "policy": "shanxi", "radius_km": [15, 10]}`))
	for deadline := time.Now().Add(3 * time.Minute); run.Status != "done"; time.Sleep(20 * time.Millisecond) {
		if run.Status == "failed" || time.Now().After(deadline) {
			t.Fatalf("run %s: %s, error %v", run.ID, run.Status, run.Error)
		}
		decodeRun(fetch(http.MethodGet, run.URL, ""))
	}
	out := planOutputs{}
	for name, url := range run.Results {
		out[name] = fetch(http.MethodGet, url, "")
	}
	return out
}

// checkPlanOutputs checks every output of one run (source names it)
// against the reference.
func checkPlanOutputs(t *testing.T, ref coverRef, source string, out planOutputs) {
	t.Helper()
	need := []string{"plan.geojson", "villages.geojson", "subcentres.geojson", "summary.json", "counties.csv", "sweep.csv", "report.md"}
	for _, name := range need {
		if out[name] == nil {
			t.Fatalf("%s: no %s among %v", source, name, sortedKeys(out))
		}
	}
	for _, name := range []string{"plan.geojson", "villages.geojson"} {
		flags, _, _ := villageLayer(t, source+" "+name, out[name])
		ref.checkVillages(t, source+" "+name, flags)
	}
	if b := out["villages.csv"]; b != nil {
		ref.checkVillages(t, source+" villages.csv", villagesCSV(t, source+" villages.csv", b))
	}
	sum, sweep := planSummary(t, source+" summary.json", out["summary.json"])
	ref.checkTallies(t, source+" summary.json", sum, true, allCoverFields...)
	ref.checkTallies(t, source+" counties.csv", csvPops(t, source+" counties.csv", out["counties.csv"],
		func(r map[string]string) string { return r["county"] }), true, allCoverFields...)
	for _, name := range []string{"plan.geojson", "subcentres.geojson"} {
		sites := subcentreLayer(t, source+" "+name, out[name])
		if len(sites) == 0 {
			t.Errorf("%s %s: no sub-centre", source, name)
		}
		ref.checkTallies(t, source+" "+name+" (sub-centres)", sites, false, "today", "after")
	}
	pops, pcts, mdSweep := reportCover(t, source+" report.md", string(out["report.md"]))
	ref.checkTallies(t, source+" report.md", pops, true, allCoverFields...)
	ref.checkPcts(t, source+" report.md", pcts)

	// The sweep row of the plan's own radius and K is the plan; each sweep
	// output gives the same rows.
	csvSweep := csvPops(t, source+" sweep.csv", out["sweep.csv"], func(r map[string]string) string { return r["radius_km"] + "/" + r["k"] })
	tot := ref.pops[totalKey]
	for name, rows := range map[string]map[string]coverPop{"summary.json": sweep, "sweep.csv": csvSweep, "report.md": mdSweep} {
		if len(rows) != 2 {
			t.Errorf("%s %s: sweep rows %v, want 15/auto and 10/auto", source, name, rows)
		}
		if g := rows["15/auto"]; g.Network != tot.Network || g.Today != tot.Today || g.After != tot.After {
			t.Errorf("%s %s: sweep row 15/auto %+v, the plan %+v", source, name, g, tot)
		}
		if g := rows["10/auto"]; g.Network != sweep["10/auto"].Network || g.Today != sweep["10/auto"].Today || g.After != sweep["10/auto"].After {
			t.Errorf("%s %s: sweep row 10/auto %+v, the summary %+v", source, name, g, sweep["10/auto"])
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestCoverMeasuresAgreeAcrossOutputs is issue 13's check: one plan run
// by the command line (table, GeoJSON, layers, CSV tables, summary,
// report) and by the HTTP API (every result of the run) states the same
// emergency network cover and county-level care, village by village and
// county by county.
func TestCoverMeasuresAgreeAcrossOutputs(t *testing.T) {
	cli := cliPlan(t, t.TempDir())
	flags, pops, counties := villageLayer(t, "cli plan.geojson", cli["plan.geojson"])
	ref := newCoverRef(t, flags, pops, counties)
	checkPlanOutputs(t, ref, "cli", cli)

	table, tableSweep := planTable(t, string(cli["table.txt"]))
	ref.checkPcts(t, "cli table", table)
	_, sweep := planSummary(t, "cli summary.json", cli["summary.json"])
	for key, row := range sweep {
		if got, want := tableSweep[key], pctOf(row); got != want {
			t.Errorf("cli table: sweep row %s prints %+v, the summary gives %+v", key, got, want)
		}
	}

	checkPlanOutputs(t, ref, "api", apiPlan(t))
}

// TestCoverageNetworkCoverIsThePlans: `catchment coverage` measures the
// same emergency network cover as the plan at each radius — village by
// village at 15 km, and in the totals at 15 and 10 km (the plan's sweep
// row).
func TestCoverageNetworkCoverIsThePlans(t *testing.T) {
	dir := t.TempDir()
	plan := cliPlan(t, dir)
	planFlags, _, _ := villageLayer(t, "plan.geojson", plan["plan.geojson"])
	_, sweep := planSummary(t, "plan summary.json", plan["summary.json"])

	cov, sum := filepath.Join(dir, "coverage.csv"), filepath.Join(dir, "coverage.json")
	if code, _, stderr := runCLI(t, "coverage", "--quiet", "--radius-km", "10,15", "--out", cov, "--summary", sum); code != exitOK {
		t.Fatalf("coverage: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(cov)
	if err != nil {
		t.Fatal(err)
	}
	rows := csvRows(t, "coverage.csv", b)
	if len(rows) != len(planFlags) {
		t.Fatalf("coverage has %d villages, the plan %d", len(rows), len(planFlags))
	}
	differ := 0
	for _, r := range rows {
		if got, want := r["network_covered_15km"] == "true", planFlags[r["id"]].Network; got != want {
			t.Errorf("village %s: coverage network_covered_15km %q, plan network_covered %v", r["id"], r["network_covered_15km"], want)
		}
		if planFlags[r["id"]].Network != planFlags[r["id"]].Today {
			differ++
		}
	}
	if differ == 0 {
		t.Error("no village with emergency network cover but no county-level care: the sample should have many")
	}
	var s struct{ Total map[string]float64 }
	readJSONFile(t, sum, &s)
	for radius, key := range map[string]string{"15": "15/auto", "10": "10/auto"} {
		if got, want := int64(s.Total["network_covered_population_"+radius+"km"]), sweep[key].Network; got != want || got == 0 {
			t.Errorf("coverage network_covered_population_%skm %d, plan sweep %s network_covered_population %d", radius, got, key, want)
		}
	}
}
