package report

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/planner"
)

// TestCoverageSummaryNotes checks the note on an input without emergency
// facilities, its JSON form and its line in the table.
func TestCoverageSummaryNotes(t *testing.T) {
	noFacility := func(f *fixture.Coverage) {
		for i := range f.Res.Villages {
			f.Res.Villages[i] = planner.VillageCoverage{Nearest: -1, DistanceM: math.Inf(1), Covered: make([]bool, len(f.Res.RadiiKm))}
		}
		fixture.Tally(f.Res, f.Villages)
	}
	defaultNote := "no facility of the emergency types (county_hospital, township_health_centre) in the input: no village has emergency network cover"
	cases := []struct {
		name   string
		change func(f *fixture.Coverage)
		want   []string
	}{
		{"facilities found", func(*fixture.Coverage) {}, []string{}},
		{"no emergency facility", func(f *fixture.Coverage) {
			f.Facilities = slices.DeleteFunc(f.Facilities, func(fc planner.Facility) bool { return fc.Type != planner.VillageClinic })
			noFacility(f)
		}, []string{defaultNote}},
		{"other types counted", noFacility, []string{"no facility of the types counted as emergency cover in the input: no village has emergency network cover"}},
		{"no villages", func(f *fixture.Coverage) {
			f.Villages, f.Facilities = nil, nil
			f.Res = &planner.CoverageResult{RadiiKm: f.Res.RadiiKm}
			fixture.Tally(f.Res, nil)
		}, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := fixture.NewCoverage(t, 10, 20)
			c.change(&f)
			s := coverageSummary(t, f.Villages, f.Facilities, f.Res)
			if !slices.Equal(s.Notes, c.want) || s.Notes == nil {
				t.Fatalf("notes %q, want %q", s.Notes, c.want)
			}
			var buf bytes.Buffer
			if err := summary.WriteSummaryJSON(&buf, s); err != nil {
				t.Fatal(err)
			}
			var back summary.CoverageSummary
			if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(back.Notes, c.want) {
				t.Errorf("notes after a round trip %q", back.Notes)
			}
			buf.Reset()
			if err := WriteCoverageTable(&buf, s); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(buf.String(), "\n")
			for i, n := range c.want {
				if got := lines[1+i]; got != "Note: "+n {
					t.Errorf("table line %d %q, want the note %q", 2+i, got, n)
				}
			}
			if strings.Count(buf.String(), "Note: ") != len(c.want) {
				t.Errorf("table:\n%s", buf.String())
			}
		})
	}
}
