package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanXinjiangMinimumUnmet runs the Xinjiang scenario on the sample:
// 明寿县's township health centres all lie less than 25 km from a county
// hospital, so R4's one sub-centre per county cannot be met. The table,
// summary, report and map all say so, with the reason and what would
// meet it; following the suggestion meets it.
func TestPlanXinjiangMinimumUnmet(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	scenario := "../../examples/scenarios/xinjiang.toml"
	code, stdout, stderr := runCLI(t, "plan", "-q", "--scenario", scenario, "--summary", p("plan.json"), "--report", p("plan.md"), "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	const reason = "no sub-centre proposed, below the least of 1 per county: no candidate at least 25 km from a county hospital (--min-far-km): the farthest of its 11 township health centres is 17.0 km"
	const fix = "set --min-far-km to 13.1 or less: the best site is then 夏昭镇卫生院 [F000086]"
	block := stdout[strings.Index(stdout, "\nWarnings:"):]
	for _, want := range []string{"Warnings: the plan does not meet the policy in 1 case\n", "  明寿县 (R4): " + reason + "\n", "    what would meet it: " + fix} {
		if !strings.Contains(block, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Index(stdout, "\nWarnings:") < strings.Index(stdout, "Total") {
		t.Error("the Warnings block is not after the county table")
	}

	var s struct {
		Warnings []map[string]any `json:"warnings"`
	}
	b, err := os.ReadFile(p("plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 1 {
		t.Fatalf("summary warnings %v, want one", s.Warnings)
	}
	w := s.Warnings[0]
	if w["code"] != "min_subcentres_unmet" || w["county"] != "明寿县" || w["rule"] != "R4" || w["reason"] != reason ||
		!strings.HasPrefix(w["suggestion"].(string), fix) {
		t.Errorf("summary warning %v", w)
	}
	md, err := os.ReadFile(p("plan.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "## Warnings\n") || !strings.Contains(string(md), "- 明寿县 (R4): "+reason+". What would meet it: "+fix) {
		t.Errorf("report lacks the warning:\n%s", md)
	}

	code, _, stderr = runCLI(t, "map", "-q", "--scenario", scenario, "--out", p("map.svg"))
	if code != exitOK {
		t.Fatalf("map: exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(p("map.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "proposed sub-centres, 4 counties (1 county could not meet the R4 minimum)") {
		t.Error("the map title does not count the county below the R4 minimum")
	}

	// The suggestion, followed, meets the minimum.
	code, stdout, stderr = runCLI(t, "plan", "-q", "--scenario", scenario, "--min-far-km", "13.1")
	if code != exitOK {
		t.Fatalf("relaxed: exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "Warnings:") || !strings.Contains(stdout, "F000086") {
		t.Errorf("relaxed plan:\n%s", stdout)
	}
}
