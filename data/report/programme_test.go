package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/programme"
)

func TestCitedRules(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"single", []string{"budget (R5)"}, []string{"R5"}},
		{"range en dash", []string{"indicators R10–R13"}, []string{"R10", "R11", "R12", "R13"}},
		{"range hyphen, no second R", []string{"R2-3"}, []string{"R2", "R3"}},
		{"order and dedup", []string{"R16, R10", "R10 again", "R2/R3"}, []string{"R2", "R3", "R10", "R16"}},
		{"not a rule", []string{"R100", "RR5", "R0", "R19"}, nil},
		{"none", []string{"no rule here"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CitedRules(tt.in...); !slices.Equal(got, tt.want) {
				t.Errorf("CitedRules(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestWriteRulesAppendix(t *testing.T) {
	var b bytes.Buffer
	if err := WriteRulesAppendix(&b, []string{"R5", "R99"}, i18n.En); err != nil {
		t.Fatal(err)
	}
	r5, _ := planner.LookupRule("R5")
	for _, want := range []string{"## Appendix: rules cited", "| R5 | " + r5.Figure + " |", "| R99 | — | not in the policy digest's rule table"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("appendix lacks %q:\n%s", want, b.String())
		}
	}
}

// contains checks that out has every want, in order.
func contains(t *testing.T, out string, wants ...string) {
	t.Helper()
	rest := out
	for _, w := range wants {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("output lacks %q (in order):\n%s", w, out)
		}
		rest = rest[i+len(w):]
	}
}

func ptr(n int64) *int64 { return &n }

func TestWriteBudgetReport(t *testing.T) {
	b := &programme.BudgetResult{RadiusKm: 15, Total: 3, Allocated: 3, Population: 10000, CountyCareToday: 4000, CountyCareAfter: 6500, GainPopulation: 2500,
		TieBreak: programme.BudgetTieBreak,
		Counties: []programme.CountyBudget{
			{County: "A", Bounds: programme.CountyBounds{Min: 1, Max: 3}, Lo: 1, Hi: 3, Candidates: 3, Sites: 2, SiteIDs: []string{"a1", "a2"},
				GainByK: []int64{0, 1500, 2000, 2200}, GainPopulation: 2000, LastSiteGain: ptr(500), NextSiteGain: ptr(200), Reason: "two sites"},
			{County: "B", Bounds: programme.CountyBounds{Min: 1, Max: 3}, Lo: 1, Hi: 1, Candidates: 1, Sites: 1, SiteIDs: []string{"b1"},
				GainByK: []int64{0, 500}, GainPopulation: 500, LastSiteGain: ptr(500), Reason: "all 1 candidate used"},
		}}
	var out bytes.Buffer
	if err := WriteBudgetReport(&out, b, BudgetCites(3, programme.CountyBounds{Min: 1, Max: 3}, "R4", "R2", "--subcentres-total"), Options{}); err != nil {
		t.Fatal(err)
	}
	contains(t, out.String(), "## City-wide sub-centre budget (R5)", "budget: 3 sub-centres city-wide", "3 of 3 sites placed across 2 counties; 2,500 people added to county-level care cover",
		"Ties: among allocations", "**A**: 2 sites (allowed 1–3, 3 candidates). Its last chosen site adds 500 people. A next site would add 200.",
		"**B**: 1 site", "No next site is possible.", "weakest site built beyond a minimum is A's last (500 people); the best site not built is A's next (200 people)",
		"| A | 3 | 1 | 3 | 2 | a1 a2 |", "## Appendix: rules cited", "| R2 |", "| R3 |", "| R4 |", "| R5 |", "| R17 |")
}

func TestWritePhaseReport(t *testing.T) {
	cl := func(id string, served int) programme.PhaseClinic {
		return programme.PhaseClinic{ID: id, County: "C", ServedPopulation: served, DoctorGap: 1, DistanceToTHCM: 1000}
	}
	res := &programme.PhaseResult{StartYear: 2024, PerYear: []int{2, 1}, Weights: programme.DefaultPhaseWeights(),
		Scale: programme.PhaseScale{ServedPopulation: 900, DoctorGap: 1, DistanceToTHCM: 1000}, Scheduled: []int{2, 1}, Unscheduled: 1,
		TieBreak: "larger served population first", Source: "R17",
		Assignments: []programme.PhaseAssignment{
			{Clinic: cl("k1", 900), Rank: 1, Year: 2024, Score: 4}, {Clinic: cl("k2", 800), Rank: 2, Year: 2024, Score: 3.5},
			{Clinic: cl("k3", 700), Rank: 3, Year: 2025, Score: 3}, {Clinic: cl("k4", 100), Rank: 4, Score: 1},
		},
		Summary: []programme.PhaseYearCounty{{Year: 2024, County: "C", Clinics: 2, ServedPopulation: 1700, DoctorGap: 2}, {Year: 2025, County: "C", Clinics: 1, ServedPopulation: 700, DoctorGap: 1}},
	}
	var out bytes.Buffer
	if err := WritePhaseReport(&out, res, PhaseCites(res, false, false, 15, "R1"), Options{}); err != nil {
		t.Fatal(err)
	}
	contains(t, out.String(), "## Phased village clinic upgrades (R17)", "caps [2 1] from 2024: R17 Zibo",
		"score = 1 × served population / 900 + 2 × doctor gap (R10) / 1 + 1 × distance to the township health centre / 1 km + 2 × (no emergency network cover today)",
		"ties: larger served population first", "| 2024 | 2 | 2 |", "| 2025 | 1 | 1 |", "| beyond the caps | — | 1 |",
		"Cut after 2024: k2 (C, score 3.5000) is the last of 2024; k3 (C, score 3.0000) the first of 2025.",
		"Cut after 2025: k3", "the first of the clinics beyond the caps", "| 2024 | C | 2 | 1700 |", "| 1 | 2024 | k1 |", "| 4 |  | k4 |",
		"## Appendix: rules cited", "| R1 |", "| R10 |", "| R17 |")
}

func TestWriteQuotaReport(t *testing.T) {
	res, err := programme.QuotaStaff(10, []programme.CountyNeed{{County: "A", DoctorGap: 2, THCStaffGap: 1}, {County: "B", DoctorGap: 3}, {County: "C", DoctorGap: 1, Unknown: 2}})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteQuotaReport(&out, res, QuotaCites(res, true), Options{}); err != nil {
		t.Fatal(err)
	}
	// Shares 10·3/7 = 4.286, 10·3/7 = 4.286, 10·1/7 = 1.429: floors 4+4+1 = 9, the seat left goes to the
	// largest remainder (.429 of C beats .286).
	contains(t, out.String(), "## Staff quotas (R10, R11)", "10 staff: given for this run", "= 10 × need / 7",
		"the 1 seat left over", "(here 10)", "**A**: need 3 (doctors 2 + township staff 1); exact share 4.286 → 4 (rounded down)",
		"**B**: need 3", "→ 4 (rounded down)", "**C**: need 1", "exact share 1.429 → 2 (rounded up", "2 townships without a staff figure",
		"## Appendix: rules cited", "| R10 |", "| R11 |")
}

func TestWriteScorecardReport(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	tgt := programme.Target{Min: 1, Source: "R10 Shanxi"}
	res := &programme.ScorecardResult{Rule: programme.ScorecardRule, Weights: programme.DefaultScorecardWeights(),
		YellowCards: []string{"B", "C"}, TwoInARow: []string{"C"}, HasPrevious: true,
		Counties: []programme.CountyScore{
			{County: "A", Rank: 1, Total: v(1), AssessedWeight: 0.5, Indicators: []programme.Indicator{
				{Key: programme.IndVillageDoctors, Value: v(1.2), Target: tgt, Status: programme.StatusMet, Basis: "12 doctors / 10,000 served"},
				{Key: programme.IndGPs, Target: programme.Target{Min: 4, Source: "R13"}, Status: programme.StatusNotAssessed, Basis: "no gps column"}},
				Subsidy: programme.SubsidyCost{Doctors: 12, MinYuanPerMonth: 7200, MaxYuanPerMonth: 7200, Basis: "R14: 600 yuan each"}},
			{County: "B", Rank: 2, Total: v(0.8), AssessedWeight: 0.5, YellowCard: true},
			{County: "C", Rank: 3, Total: v(0.5), AssessedWeight: 0.5, YellowCard: true, TwoInARow: true},
		}}
	var out bytes.Buffer
	if err := WriteScorecardReport(&out, res, Options{}); err != nil {
		t.Fatal(err)
	}
	contains(t, out.String(), "## County scorecard (R16)", "yellow cards (R16, the lowest 2): B, C; carded two years in a row, to leave the pilot list: C",
		"| 1 | A | 1.000 | 50 % |  |", "| 3 | C | 0.500 | 50 % | yellow card, 2nd in a row |",
		"### A — rank 1, total 1.000", "| `village_doctors_per_1000` | R10 | 1.200 | ≥ 1 | met |",
		"| `gps_per_10000` | R13 | — | ≥ 4 | not assessed | no gps column |", "R14 subsidy: 7,200–7,200 yuan a month for 12 village doctors",
		"### C — rank 3, total 0.500, yellow card, 2nd in a row", "## Appendix: rules cited", "| R10 |", "| R13 |", "| R14 |", "| R16 |")
	res.HasPrevious, res.TwoInARow = false, nil
	if s := ScorecardCards(res); !strings.Contains(s, "two-in-a-row is not assessed") {
		t.Errorf("without a previous year: %q", s)
	}
}
