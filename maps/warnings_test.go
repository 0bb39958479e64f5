package maps

import (
	"testing"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// TestMapTitleWarnings checks that the title says when the plan does not
// meet the policy's sub-centre bounds, for the whole map and per county.
func TestMapTitleWarnings(t *testing.T) {
	s := tinyScene()
	s.Villages = append(s.Villages, SceneVillage{ID: "V2", County: "D", Location: orb.Point{112.1, 37.1}, Population: 100})
	s.Warnings = []planner.Warning{
		{Code: planner.WarnMinSubcentresUnmet, County: "D", Rule: "R4"},
		{Code: planner.WarnMaxSubcentresExceeded, County: "C", Rule: "R3"},
	}
	cases := []struct {
		county, want string
	}{
		{"", "County-level care cover and proposed sub-centres, 2 counties (1 county could not meet the R4 minimum; 1 county above the R3 maximum)"},
		{"D", "D: county-level care cover and proposed sub-centres (1 county could not meet the R4 minimum)"},
		{"C", "C: county-level care cover and proposed sub-centres (1 county above the R3 maximum)"},
	}
	for _, c := range cases {
		sc := s
		if c.county != "" {
			var err error
			if sc, err = s.ForCounty(c.county); err != nil {
				t.Fatal(err)
			}
		}
		m, err := New(sc, Options{Fonts: LatinFonts()})
		if err != nil {
			t.Fatal(err)
		}
		if m.title != c.want {
			t.Errorf("county %q: title %q, want %q", c.county, m.title, c.want)
		}
	}
	s.Warnings = nil
	m, err := New(s, Options{Fonts: LatinFonts()})
	if err != nil {
		t.Fatal(err)
	}
	if m.title != "County-level care cover and proposed sub-centres, 2 counties" {
		t.Errorf("no warnings: title %q", m.title)
	}
}
