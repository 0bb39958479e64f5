package planner

import (
	"context"
	"strings"
	"testing"

	"github.com/catchment/catchment/planner/note"
)

// warnXinjiang is a Xinjiang-like case: county A's township health centres
// lie 22.43 km (T1) and 15 km (T2) from its county hospital, both nearer
// than the preset's 40 km, so A has no candidate; T1 alone would bring
// 4,000 people within 20 km. County B has a centre 50 km out.
func warnXinjiang() *scWorld {
	w := &scWorld{}
	w.facility("H", CountyHospital, "A", scBase, 300, 500)
	w.village("near", "A", 20000, scAt(scBase, 45, 3))
	t1 := scAt(scBase, 0, 22.43)
	w.facility("T1", TownshipHealthCentre, "A", t1, 30, 40)
	w.village("v1", "A", 4000, scAt(t1, 0, 3))
	w.facility("T2", TownshipHealthCentre, "A", scAt(scBase, 180, 15), 30, 40)
	w.village("v2", "A", 1500, scAt(scBase, 180, 25))
	b := scAt(scBase, 90, 200)
	w.facility("HB", CountyHospital, "B", b, 300, 500)
	w.facility("TB", TownshipHealthCentre, "B", scAt(b, 90, 50), 30, 40)
	w.village("vb", "B", 3000, scAt(b, 90, 52))
	for i := range w.vs {
		w.vs[i].Township = "t-" + w.vs[i].County
	}
	return w
}

func warnPlan(t *testing.T, w *scWorld, s Scenario) *PlanResult {
	t.Helper()
	rs, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Plan(context.Background(), w.vs, w.fs, rs.Plan)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func warnCheck(t *testing.T, ws []Warning, code, county, rule string, reason, suggestion []string) {
	t.Helper()
	if len(ws) != 1 {
		t.Fatalf("warnings %+v, want one", ws)
	}
	w := ws[0]
	if w.Code != code || w.County != county || w.Rule != rule {
		t.Errorf("warning %q %q %q, want %q %q %q", w.Code, w.County, w.Rule, code, county, rule)
	}
	if w.Reason != note.Text(w.ReasonNotes) || w.Suggestion != note.Text(w.SuggestionNotes) || len(w.ReasonNotes) != 1 || len(w.SuggestionNotes) != 1 {
		t.Errorf("reason %q and suggestion %q are not their notes %+v, %+v", w.Reason, w.Suggestion, w.ReasonNotes, w.SuggestionNotes)
	}
	for _, s := range reason {
		if !strings.Contains(w.Reason, s) {
			t.Errorf("reason %q lacks %q", w.Reason, s)
		}
	}
	for _, s := range suggestion {
		if !strings.Contains(w.Suggestion, s) {
			t.Errorf("suggestion %q lacks %q", w.Suggestion, s)
		}
	}
}

func TestPlanWarnsMinimumUnmet(t *testing.T) {
	w := warnXinjiang()
	res := warnPlan(t, w, Scenario{Policy: "xinjiang"})
	if a := scOnlyPlan(t, res, "A"); len(a.Sites) != 0 || a.TooClose != 2 {
		t.Fatalf("county A: sites %v, too close %d", a.ChosenIDs(), a.TooClose)
	}
	warnCheck(t, res.Warnings, WarnMinSubcentresUnmet, "A", "R4",
		[]string{"no sub-centre proposed, below the least of 1 per county", "no candidate at least 40 km from a county hospital",
			"the farthest of its 2 township health centres is 22.4 km"},
		[]string{"set --min-far-km to 22.4 or less", "the best site is then T1, 22.43 km from a county hospital",
			"newly giving 4,000 people county-level care within 20 km", "--candidates"})

	// Following the suggestion meets the minimum with that site.
	relaxed := warnPlan(t, w, Scenario{Policy: "xinjiang", MinFarKm: new(22.4)})
	if a := scOnlyPlan(t, relaxed, "A"); len(a.Sites) != 1 || a.Sites[0].Facility.ID != "T1" || a.Sites[0].GainPopulation != 4000 {
		t.Errorf("relaxed county A: sites %v", a.ChosenIDs())
	}
	if len(relaxed.Warnings) != 0 {
		t.Errorf("relaxed warnings %+v", relaxed.Warnings)
	}
}

func TestPlanWarnsMinimumReasons(t *testing.T) {
	noCentre := warnXinjiang()
	noCentre.fs = []Facility{noCentre.fs[0], noCentre.fs[3], noCentre.fs[4]} // H, HB, TB
	far := warnXinjiang()
	far.fs[1].Location = scAt(scBase, 0, 45) // T1 a candidate, but nobody near it
	far.vs = far.vs[:1]
	far.vs = append(far.vs, Village{ID: "vb", County: "B", Township: "t-B", Population: 3000, Location: scAt(far.fs[3].Location, 90, 52)})
	given := warnXinjiang()
	cases := []struct {
		name       string
		w          *scWorld
		s          Scenario
		reason     []string
		suggestion []string
	}{
		{"no township health centre", noCentre, Scenario{Policy: "xinjiang"},
			[]string{"the county has no township health centre"}, []string{"give candidate sites with --candidates"}},
		{"nobody to gain", far, Scenario{Policy: "xinjiang"},
			[]string{"all 20,000 people already have county-level care within 20 km"}, []string{"its one candidate meets the minimum"}},
		{"candidate list", given, Scenario{Policy: "xinjiang", Candidates: []Facility{{ID: "C", County: "B", Location: scAt(given.fs[3].Location, 90, 50)}}},
			[]string{"the --candidates list has no site in this county"}, []string{"add sites of this county to the --candidates list"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := warnPlan(t, tc.w, tc.s)
			warnCheck(t, res.Warnings, WarnMinSubcentresUnmet, "A", "R4", tc.reason, tc.suggestion)
		})
	}
}

func TestPlanWarnsMaximumExceeded(t *testing.T) {
	w := scFourClusters()
	for i := range w.vs {
		w.vs[i].Township = "t"
	}
	k := []int{3}
	res := warnPlan(t, w, Scenario{Policy: "ordos", RadiiKm: []float64{10}, Subcentres: k, MinFarKm: new(20.0)})
	warnCheck(t, res.Warnings, WarnMaxSubcentresExceeded, "A", "R3",
		[]string{"3 sub-centres proposed, above the most of 2 per county"}, []string{"--subcentres 2, or auto"})

	// Within the policy's bounds: no warning.
	if res := warnPlan(t, w, Scenario{Policy: "ordos", RadiiKm: []float64{10}, MinFarKm: new(20.0)}); len(res.Warnings) != 0 {
		t.Errorf("auto: warnings %+v", res.Warnings)
	}
}

func TestRuleOf(t *testing.T) {
	for src, want := range map[string]string{
		"R4 Xinjiang health commission": "R4", "R12 Dadukou": "R12", "R2 (borrowed)": "R2",
		"": "", "R": "", "Rx": "", "--county-min": "", "R2/R3 \"service range\"": "",
	} {
		if got := RuleOf(src); got != want {
			t.Errorf("RuleOf(%q) = %q, want %q", src, got, want)
		}
	}
}

func scOnlyPlan(t *testing.T, res *PlanResult, county string) *CountySubcentres {
	t.Helper()
	return scOnly(t, res.Counties, county)
}
