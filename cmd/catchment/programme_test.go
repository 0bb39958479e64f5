package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readCSVFile returns the rows of a CSV file as maps by header.
func readCSVFile(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return n
}

func TestPlanSubcentresTotal(t *testing.T) {
	dir := t.TempDir()
	p := func(n string) string { return filepath.Join(dir, n) }
	code, stdout, stderr := runCLI(t, "plan", "-q", "--subcentres-total", "4", "--budget", p("budget.json"),
		"--summary", p("plan.json"), "--report", p("plan.md"), "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var b struct {
		Total, Allocated, Unallocated int
		GainPopulation                int64 `json:"gain_population"`
		Counties                      []struct {
			County  string
			Sites   int
			SiteIDs []string `json:"site_ids"`
			Reason  string
			GainByK []int64 `json:"gain_by_k"`
		}
	}
	readJSONFile(t, p("budget.json"), &b)
	if b.Total != 4 || b.Allocated+b.Unallocated != 4 || b.Allocated == 0 || b.GainPopulation <= 0 || len(b.Counties) != 4 {
		t.Fatalf("budget: %+v", b)
	}
	var s struct {
		Counties []struct {
			County     string   `json:"county"`
			Subcentres []string `json:"subcentres"`
		} `json:"counties"`
	}
	readJSONFile(t, p("plan.json"), &s)
	sites, named := 0, 0
	for i, c := range b.Counties {
		sites += c.Sites
		named += len(c.SiteIDs)
		if c.Reason == "" || len(c.GainByK) == 0 {
			t.Errorf("%s: no reason or gains: %+v", c.County, c)
		}
		if s.Counties[i].County != c.County || strings.Join(s.Counties[i].Subcentres, ",") != strings.Join(c.SiteIDs, ",") {
			t.Errorf("%s: plan chose %v, budget %v", c.County, s.Counties[i].Subcentres, c.SiteIDs)
		}
	}
	if sites != b.Allocated || named != b.Allocated {
		t.Errorf("counties hold %d sites (%d named), allocated %d", sites, named, b.Allocated)
	}
	if !strings.Contains(stdout, "City-wide sub-centre budget") || !strings.Contains(stdout, "R5") || !strings.Contains(stdout, "R2") {
		t.Errorf("stdout lacks the budget table with its rules:\n%s", stdout)
	}
	// The plan report gains the budget section and the rules appendix.
	report, _ := os.ReadFile(p("plan.md"))
	for _, want := range []string{"# County sub-centre and clinic plan", "## City-wide sub-centre budget (R5)",
		"### Why each county got what it got", "Its last chosen site adds", "## Appendix: rules R1–R18", "| R5 |"} {
		if !strings.Contains(string(report), want) {
			t.Errorf("plan.md lacks %q", want)
		}
	}
	// CSV and Markdown forms.
	if code, _, stderr := runCLI(t, "plan", "-q", "--subcentres-total", "4", "--budget", p("budget.md"), "--lang", "en"); code != exitOK {
		t.Fatalf("md: exit %d: %s", code, stderr)
	} else if md, _ := os.ReadFile(p("budget.md")); !strings.Contains(string(md), "## City-wide sub-centre budget (R5)") || !strings.Contains(string(md), "| R5 |") {
		t.Errorf("budget.md:\n%s", md)
	}
	if code, _, stderr := runCLI(t, "plan", "-q", "--subcentres-total", "4", "--budget", p("budget.csv")); code != exitOK {
		t.Fatalf("csv: exit %d: %s", code, stderr)
	}
	rows := readCSVFile(t, p("budget.csv"))
	total := 0
	for _, r := range rows {
		total += atoi(t, r["sites"])
	}
	if len(rows) != 4 || total != b.Allocated {
		t.Errorf("budget.csv: %d rows, %d sites; want 4 rows, %d sites", len(rows), total, b.Allocated)
	}
}

func TestPlanSubcentresTotalErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--subcentres-total", "4", "--county-max", "4"}, "exact search"},
		{[]string{"--subcentres-total", "4", "--radius-km", "10,15"}, "sweep"},
		{[]string{"--subcentres-total", "2", "--policy", "xinjiang", "--min-far-km", "0"}, "minimums"},
		{[]string{"--subcentres-total", "-1"}, "negative"},
	} {
		code, _, stderr := runCLI(t, append([]string{"plan", "-q"}, tc.args...)...)
		if code != exitUsage || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d naming %q", tc.args, code, stderr, exitUsage, tc.msg)
		}
	}
}

func TestPhaseOnSample(t *testing.T) {
	dir := t.TempDir()
	p := func(n string) string { return filepath.Join(dir, n) }
	code, stdout, stderr := runCLI(t, "phase", "-q", "--csv", p("phase.csv"), "--out", p("phase.geojson"),
		"--summary", p("phase.json"), "--report", p("phase.md"), "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSVFile(t, p("phase.csv"))
	if len(rows) != 612 { // the sample's village clinics
		t.Fatalf("%d clinics phased, want 612", len(rows))
	}
	years := map[string]int{}
	prev := 1e18
	for i, r := range rows {
		years[r["year"]]++
		if atoi(t, r["rank"]) != i+1 {
			t.Fatalf("row %d has rank %s", i, r["rank"])
		}
		sc, _ := strconv.ParseFloat(r["score"], 64)
		if sc > prev {
			t.Fatalf("row %d: score %v after %v", i, sc, prev)
		}
		prev = sc
	}
	if years["2024"] != 530 || years["2025"] != 82 || len(years) != 2 {
		t.Errorf("per year %v, want 530 in 2024 and 82 in 2025 (R17's caps)", years)
	}
	feats := featureCollection(t, p("phase.geojson"))
	if len(feats) != 612 || feats[0]["year"].(float64) != 2024 || feats[0]["marker-color"] == "" {
		t.Errorf("geojson: %d features, first %v", len(feats), feats[0])
	}
	if !strings.Contains(stdout, "R17") {
		t.Errorf("stdout does not cite R17:\n%s", stdout)
	}
	md, _ := os.ReadFile(p("phase.md"))
	if !strings.Contains(string(md), "## Phased village clinic upgrades") {
		t.Errorf("report lacks its section")
	}
	// From the plan, with other caps and weights.
	code, _, stderr = runCLI(t, "phase", "-q", "--from", "plan", "--per-year", "10,20", "--start-year", "2025",
		"--weights", "doctor_gap=3", "--csv", p("plan-phase.csv"))
	if code != exitOK {
		t.Fatalf("--from plan: exit %d: %s", code, stderr)
	}
	rows = readCSVFile(t, p("plan-phase.csv"))
	years = map[string]int{}
	for _, r := range rows {
		years[r["year"]]++
	}
	if len(rows) < 30 || years["2025"] != 10 || years["2026"] != 20 || years[""] != len(rows)-30 {
		t.Errorf("--from plan: %d clinics, per year %v", len(rows), years)
	}
	if code, _, _ := runCLI(t, "phase", "-q", "--per-year", "10,x"); code != exitUsage {
		t.Errorf("bad --per-year: exit %d", code)
	}
}

func TestQuotaOnSample(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "quota.csv")
	mdPath := filepath.Join(dir, "quota.md")
	code, stdout, stderr := runCLI(t, "quota", "-q", "--staff", "500", "--csv", csvPath, "--report", mdPath, "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSVFile(t, csvPath)
	sum, need := 0, 0
	for _, r := range rows {
		sum += atoi(t, r["quota"])
		need += atoi(t, r["need"])
		if atoi(t, r["need"]) != atoi(t, r["doctor_gap"])+atoi(t, r["thc_staff_gap"]) {
			t.Errorf("%s: need is not the sum of the gaps: %v", r["county"], r)
		}
	}
	if len(rows) != 4 || sum != 500 || need == 0 {
		t.Errorf("%d counties, quotas sum to %d (want 500), need %d", len(rows), sum, need)
	}
	if !strings.Contains(stdout, "R10") || !strings.Contains(stdout, "R11") || !strings.Contains(stdout, "500") {
		t.Errorf("stdout does not cite its rules:\n%s", stdout)
	}
	if md, _ := os.ReadFile(mdPath); !strings.Contains(string(md), "## Staff quotas (R10, R11)") || !strings.Contains(string(md), "(here 500)") ||
		!strings.Contains(string(md), "| R11 |") {
		t.Errorf("quota.md:\n%s", md)
	}
}

func TestScorecardOnSample(t *testing.T) {
	dir := t.TempDir()
	p := func(n string) string { return filepath.Join(dir, n) }
	code, stdout, stderr := runCLI(t, "scorecard", "-q", "--csv", p("2024.csv"), "--report", p("card.md"), "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSVFile(t, p("2024.csv"))
	cards := 0
	for i, r := range rows {
		if atoi(t, r["rank"]) != i+1 {
			t.Errorf("row %d rank %s", i, r["rank"])
		}
		if r["yellow_card"] == "true" {
			cards++
			if i < len(rows)-2 {
				t.Errorf("%s carded at rank %d of %d", r["county"], i+1, len(rows))
			}
		}
		// The sample has no gps column: not assessed, never 0.
		if r["gps_per_10000"] != "" || r["gps_per_10000_status"] != "not assessed" {
			t.Errorf("%s: gps %q (%s), want not assessed", r["county"], r["gps_per_10000"], r["gps_per_10000_status"])
		}
		if r["village_doctors_per_1000_status"] == "not assessed" {
			t.Errorf("%s: village doctors not assessed; the sample has clinic staff", r["county"])
		}
	}
	if len(rows) != 4 || cards != 2 {
		t.Fatalf("%d counties, %d cards; want 4 and 2", len(rows), cards)
	}
	if !strings.Contains(stdout, "R16") || !strings.Contains(stdout, "not assessed") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if md, _ := os.ReadFile(p("card.md")); !strings.Contains(string(md), "## County scorecard (R16)") ||
		!strings.Contains(string(md), "| not assessed |") || !strings.Contains(string(md), "| R16 |") {
		t.Errorf("card.md:\n%s", md)
	}
	// Next year: last year's CSV as --previous, and a county table giving
	// one county's GPs.
	counties := writeFile(t, dir, "counties.csv", "county,residents,gps\n"+rows[0]["county"]+",300000,150\n")
	code, stdout, stderr = runCLI(t, "scorecard", "-q", "--previous", p("2024.csv"), "--counties", counties, "--csv", p("2025.csv"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	next := readCSVFile(t, p("2025.csv"))
	twice := 0
	for _, r := range next {
		if r["two_in_a_row"] == "true" {
			twice++
		}
		if r["county"] == rows[0]["county"] && (r["gps_per_10000"] != "5.000000" || r["gps_per_10000_status"] != "met") {
			t.Errorf("%s: gps %s (%s), want 5 per 10,000 (150 / 300,000), met", r["county"], r["gps_per_10000"], r["gps_per_10000_status"])
		}
	}
	if twice == 0 || !strings.Contains(stdout, "two years in a row") {
		t.Errorf("no county carded twice in a row (the same data, so the same bottom two):\n%s", stdout)
	}
	bad := writeFile(t, dir, "bad.csv", "county,residents\nA,many\n")
	if code, _, stderr := runCLI(t, "scorecard", "-q", "--counties", bad); code != exitInvalidData || !strings.Contains(stderr, "bad.csv:2") {
		t.Errorf("bad county table: exit %d, %s", code, stderr)
	}
}

// Each programme scenario runs with its command (named by the file).
func TestProgrammeExampleScenarios(t *testing.T) {
	files, err := filepath.Glob("../../examples/programme/*.toml")
	if err != nil || len(files) != 3 {
		t.Fatalf("scenarios: %v %v", files, err)
	}
	for _, f := range files {
		cmd := strings.TrimSuffix(filepath.Base(f), ".toml")
		t.Run(cmd, func(t *testing.T) {
			if code, stdout, stderr := runCLI(t, cmd, "-q", "--scenario", f); code != exitOK || stdout == "" {
				t.Errorf("exit %d: %s", code, stderr)
			}
		})
	}
	code, stdout, stderr := runCLI(t, "plan", "-q", "--scenario", "../../examples/scenarios/zibo-budget.toml")
	if code != exitOK || !strings.Contains(stdout, "City-wide sub-centre budget: 4 of 4 sites") {
		t.Errorf("zibo-budget: exit %d: %s\n%s", code, stderr, stdout)
	}
}
