package note

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestOrdinalPlural(t *testing.T) {
	for n, want := range map[int64]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int64][2]string{0: {"s", ""}, 1: {"", "s"}, 2: {"s", ""}} {
		if got := [2]string{plural(n), verbS(n)}; got != want {
			t.Errorf("plural, verbS(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestEnglish renders notes of every kind of value, with parts and
// plurals, as the planner's string fields show them.
func TestEnglish(t *testing.T) {
	for _, c := range []struct {
		n    Note
		want string
	}{
		{New(SubNoSitesTooClose, "thcs", 11, "min_far_km", 20.0), "no sites: all 11 township health centres are less than 20.0 km from a county hospital"},
		{New(SubNoSitesAllCovered, "people", int64(7000), "radius_minutes", 30.0), "no sites: all 7,000 people are already within 30 minutes of an existing facility"},
		{New(SubAutoSmallGain, "k", 1, "gain", int64(7000), "min_gain", int64(8000)), "K = 1 chosen automatically: a 2nd site would add only 7,000 people (< 8,000)"},
		{New(SubFewCandidates, "candidates", 1), "only 1 candidate, so at most 1 site"},
		{New(TieSeatKm, "sets", 2, "people", int64(4920), "chosen_km", 30.14, "next_km", 20.0),
			"2 site sets bring county-level care to the same 4,920 people; chosen by total distance from the county seat 30.1 km vs 20.0 km"},
		{New(BudgetCounty).With(New(BudgetSitesGain, "sites", 1, "people", int64(1200), "last", int64(1200)), New(BudgetHeldAtMin, "min", 1)),
			"budget (R5): 1 site brings county-level care to 1,200 people (the last adds 1,200); held at its minimum of 1"},
		{New(WarnBelowMin, "sites", 0, "min", 1).With(New(WarnWhyNoTHC)), "no sub-centre proposed, below the least of 1 per county: the county has no township health centre"},
		{New(FixRelax, "min_far_km", 14.9, "id", "F1", "name", "汶永镇卫生院", "hospital_km", 14.9412, "people", int64(30184), "radius_km", 15.0),
			"set --min-far-km to 14.9 or less: the best site is then 汶永镇卫生院 [F1], 14.94 km from a county hospital, newly giving 30,184 people county-level care within 15 km; or give candidate sites with --candidates"},
		{New(FixAnyCandidate, "candidates", 1), "its one candidate meets the minimum, though it would newly cover no one: choose by capacity; or give candidate sites with --candidates"},
		{New(FigureSetOver, "policy", "shanxi", "value", []float64{10, 15}, "source", "R1 x"), "set for this run; the shanxi policy gives 10, 15 (R1 x)"},
		{New(CiteCapsZibo, "caps", []int{530, 1060}, "start_year", 2024), "caps [530 1060] from 2024: R17 Zibo action plan 2024–2026: 530 (2024), 1,060 (2025), 1,048 (2026)"},
		{New(BasisPer, "count", int64(12), "what", WordVillageDoctorsStaff, "per_count", int64(12000), "per", WordPeopleServed),
			"12 village doctors (village clinic staff) / 12,000 people served"},
		{New(CardNotYesNo, "facility", "F9", "column", "ambulance", "value", "maybe"), `facility F9: ambulance "maybe" is not yes/no; counted as missing`},
	} {
		if got := c.n.String(); got != c.want {
			t.Errorf("%s: %q, want %q", c.n.Code, got, c.want)
		}
	}
}

// TestJSONRoundTrip checks that a note decoded from its JSON (numbers as
// float64, lists as []any) renders as the note did.
func TestJSONRoundTrip(t *testing.T) {
	notes := []Note{
		New(BudgetCounty).With(New(BudgetNextSpent, "next_site", 2, "people", int64(1234567))),
		New(CiteCapsGiven, "caps", []int{5, 6}, "start_year", 2030),
		New(FigureSetOver, "policy", "ordos", "value", 800, "source", "R8"), // a whole number ≥ 1,000 decodes as float64: see FigureText
		New(FigureSetOver, "policy", "ordos", "value", []float64{10, 15}, "source", "R1"),
		New(SubNoSitesAllCovered, "people", int64(7000), "radius_km", 12.25),
	}
	b, err := json.Marshal(notes)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `{"code":"budget.county","parts":[{"code":"budget.next_spent","args":{"next_site":2,"people":1234567}}]}`) {
		t.Errorf("JSON %s", b)
	}
	var back []Note
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if got, want := Text(back), Text(notes); got != want {
		t.Errorf("decoded %q, want %q", got, want)
	}
}

// TestFallback checks that a catalogue without a code or word says it in
// its fallback's words, and that nothing is ever dropped.
func TestFallback(t *testing.T) {
	say := map[Code]func(V) string{BudgetNoSite: func(V) string { return "—" }, BasisNone: func(v V) string { return "none of " + v.Word("of") }}
	other := NewCatalogue(Language{Sep: " / ", Say: say}, English())
	say[BudgetNoSite] = func(V) string { return "changed" } // the catalogue keeps its own copy
	got := other.Join([]Note{New(BudgetNoSite), New(BudgetNoCandidate), New(BasisNone, "of", WordFacilities), New("no.such.code")})
	if want := "— / no candidate site / none of facilities / [no.such.code]"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if !other.Has(BudgetNoSite) || other.Has(BudgetNoCandidate) || !reflect.DeepEqual(other.Codes(), []Code{BasisNone, BudgetNoSite}) {
		t.Errorf("codes %v", other.Codes())
	}
	var v V = V{n: &Note{Args: map[string]any{"x": "text", "y": []any{"a"}}}, c: other}
	if v.Int("x") != 0 || v.Float("missing") != 0 || v.Str("y") != "" || v.Bool("x") || v.Ints("x") != nil || v.Ints("y")[0] != 0 {
		t.Error("a value of another kind does not read as zero")
	}
}

// TestEveryCodeRenders renders every English code with no values: a
// sentence, never a bracketed code or a panic.
func TestEveryCodeRenders(t *testing.T) {
	for _, c := range English().Codes() {
		if s := English().Render(New(c)); strings.HasPrefix(s, "[") && c != FigureCited {
			t.Errorf("%s renders %q", c, s)
		}
	}
	if len(English().Codes()) < 60 || len(English().WordKeys()) != 13 {
		t.Errorf("%d codes, %d words", len(English().Codes()), len(English().WordKeys()))
	}
}
