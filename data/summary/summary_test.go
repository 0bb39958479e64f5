package summary

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/planner"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/internal/fixture"
)

func TestNewCoverageSummary(t *testing.T) {
	for _, radii := range [][]float64{{15}, {10, 12.5, 20}} {
		f := fixture.NewCoverage(t, radii...)
		s := coverageSummary(t, f.Villages, f.Facilities, f.Res, fixture.Reports()...)
		if !slices.Equal(s.RadiiKm, radii) {
			t.Errorf("radii %v, want %v", s.RadiiKm, radii)
		}
		checkTally := func(name string, got SummaryTally, villages int, pop int64, cv []int, cp []int64) {
			t.Helper()
			if got.Villages != villages || got.Population != pop || len(got.Covered) != len(radii) {
				t.Fatalf("%s: %+v", name, got)
			}
			for k, c := range got.Covered {
				share := 0.0
				if pop > 0 {
					share = float64(cp[k]) / float64(pop)
				}
				if c.RadiusKm != radii[k] || c.Villages != cv[k] || c.Population != cp[k] || c.Share != share {
					t.Errorf("%s radius %v: %+v, want %d villages %d people share %v", name, radii[k], c, cv[k], cp[k], share)
				}
			}
		}
		tot := f.Res.Total
		checkTally("total", s.Total, tot.Villages, tot.Population, tot.CoveredVillages, tot.CoveredPopulation)
		if len(s.Counties) != len(f.Res.Counties) {
			t.Fatalf("%d counties, want %d", len(s.Counties), len(f.Res.Counties))
		}
		for i, c := range f.Res.Counties {
			if s.Counties[i].County != c.County {
				t.Errorf("county %d is %q, want %q", i, s.Counties[i].County, c.County)
			}
			checkTally(c.County, s.Counties[i].SummaryTally, c.Villages, c.Population, c.CoveredVillages, c.CoveredPopulation)
		}
		if len(s.Uncovered) != len(f.Res.Uncovered) {
			t.Fatalf("%d uncovered, want all %d", len(s.Uncovered), len(f.Res.Uncovered))
		}
		for i, vi := range f.Res.Uncovered {
			u, v, vc := s.Uncovered[i], f.Villages[vi], f.Res.Villages[vi]
			if u.ID != v.ID || u.Population != v.Population || u.County != v.County {
				t.Errorf("uncovered %d: %+v, want village %s", i, u, v.ID)
			}
			if vc.Nearest < 0 {
				if u.HasNearest() || u.NearestFacilityID != "" {
					t.Errorf("uncovered %d: %+v, want no nearest facility", i, u)
				}
			} else if u.NearestFacilityID != f.Facilities[vc.Nearest].ID || u.NearestFacilityKm != vc.DistanceM/1000 {
				t.Errorf("uncovered %d: %+v, want %s at %v m", i, u, f.Facilities[vc.Nearest].ID, vc.DistanceM)
			}
		}
		// nil reports are skipped; rejections and warnings concatenated.
		if len(s.Inputs) != 2 || s.Inputs[0].Rejected != 2 || s.Inputs[1].Warnings != 1 || s.Inputs[1].Rows != 3 {
			t.Errorf("inputs %+v", s.Inputs)
		}
		if s.RejectedCount != 2 || len(s.Rejected) != 2 || s.Rejected[0].ID != "V010" || len(s.Warnings) != 1 {
			t.Errorf("rejected %d %+v, warnings %+v", s.RejectedCount, s.Rejected, s.Warnings)
		}
	}
}

func TestCoverageSummaryJSON(t *testing.T) {
	for _, radii := range [][]float64{{15}, {10, 12.5, 20}} {
		f := fixture.NewCoverage(t, radii...)
		s := coverageSummary(t, f.Villages, f.Facilities, f.Res, fixture.Reports()...)
		compact, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var pretty bytes.Buffer
		if err := WriteSummaryJSON(&pretty, s); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(pretty.String(), "}\n") {
			t.Error("WriteSummaryJSON output lacks the trailing newline")
		}
		var a, b bytes.Buffer
		if err := json.Compact(&a, compact); err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&b, pretty.Bytes()); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("indented and compact encodings differ:\n%s\n%s", a.String(), b.String())
		}
		// Generic decode: key order and values.
		if keys := fixture.ObjectKeys(t, compact); !slices.Equal(keys, []string{"radius_km", "notes", "total", "counties", "network_uncovered_radius_km", "network_uncovered", "inputs", "rejected_count", "rejected", "warnings"}) {
			t.Errorf("top-level keys %q", keys)
		}
		var generic struct {
			Notes             []string
			Total             json.RawMessage
			UncoveredRadiusKm float64          `json:"network_uncovered_radius_km"`
			Uncovered         []map[string]any `json:"network_uncovered"`
		}
		if err := json.Unmarshal(compact, &generic); err != nil {
			t.Fatal(err)
		}
		if generic.UncoveredRadiusKm != slices.Max(radii) || generic.Notes == nil || len(generic.Notes) != 0 {
			t.Errorf("network_uncovered_radius_km %v, notes %q; want %v and []", generic.UncoveredRadiusKm, generic.Notes, slices.Max(radii))
		}
		wantTotal := []string{"villages", "population"}
		for _, l := range radiusSuffixes(radii) {
			wantTotal = append(wantTotal, "network_covered_villages"+l, "network_covered_population"+l, "network_covered_share"+l)
		}
		if keys := fixture.ObjectKeys(t, generic.Total); !slices.Equal(keys, wantTotal) {
			t.Errorf("total keys %q, want %q", keys, wantTotal)
		}
		if u := generic.Uncovered[0]; u["nearest_facility_id"] != nil || u["nearest_facility_km"] != nil {
			t.Errorf("village without facility: %v, want nulls", u)
		}
		if u := generic.Uncovered[1]; u["nearest_facility_km"] != 22.0 {
			t.Errorf("uncovered[1] %v", u)
		}
		// Round trip through UnmarshalJSON.
		var back CoverageSummary
		if err := json.Unmarshal(pretty.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		// Invalid UTF-8 comes back as U+FFFD; distances at 6 decimals.
		want := s
		want.Uncovered = slices.Clone(s.Uncovered)
		for i := range want.Uncovered {
			want.Uncovered[i].Name = enc.ValidText(want.Uncovered[i].Name)
			if want.Uncovered[i].HasNearest() {
				km, _ := strconv.ParseFloat(strconv.FormatFloat(want.Uncovered[i].NearestFacilityKm, 'f', 6, 64), 64)
				want.Uncovered[i].NearestFacilityKm = km
			}
		}
		if !reflect.DeepEqual(back, want) {
			t.Errorf("round trip:\n got %+v\nwant %+v", back, want)
		}
	}
}

// radiusSuffixes are the key suffixes for radii: "" for one radius.
func radiusSuffixes(radii []float64) []string {
	if len(radii) == 1 {
		return []string{""}
	}
	var s []string
	for _, r := range radii {
		s = append(s, "_"+table.RadiusLabel(r))
	}
	return s
}

func TestCoverageSummaryJSONEmpty(t *testing.T) {
	s := CoverageSummary{RadiiKm: []float64{15}, Total: SummaryTally{Covered: []RadiusCoverage{{RadiusKm: 15}}}}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"radius_km":[15],"notes":[],"total":{"villages":0,"population":0,"network_covered_villages":0,"network_covered_population":0,"network_covered_share":0},"counties":[],"network_uncovered_radius_km":15,"network_uncovered":[],"inputs":[],"rejected_count":0,"rejected":[],"warnings":[]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func TestCoverageSummaryJSONRejects(t *testing.T) {
	f := fixture.NewCoverage(t, 10, 20)
	cases := map[string]func(s *CoverageSummary){
		"radius count mismatch": func(s *CoverageSummary) { s.Counties[0].Covered = s.Counties[0].Covered[:1] },
		"NaN share":             func(s *CoverageSummary) { s.Total.Covered[1].Share = math.NaN() },
		"duplicate radius":      func(s *CoverageSummary) { s.RadiiKm = []float64{10, 10} },
		"no radius":             func(s *CoverageSummary) { s.RadiiKm = nil },
		"NaN distance":          func(s *CoverageSummary) { s.Uncovered[1].NearestFacilityKm = math.NaN() },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			s := coverageSummary(t, f.Villages, f.Facilities, f.Res)
			mutate(&s)
			var buf bytes.Buffer
			if err := WriteSummaryJSON(&buf, s); !errors.Is(err, table.ErrWriteInput) {
				t.Fatalf("err = %v, want ErrWriteInput", err)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes", buf.Len())
			}
		})
	}
}

func TestNewCoverageSummaryMismatch(t *testing.T) {
	f := fixture.NewCoverage(t, 15)
	far := *f.Res
	far.Villages = slices.Clone(f.Res.Villages)
	for _, i := range f.Res.Uncovered {
		far.Villages[i].Nearest = len(f.Facilities) // out of range
	}
	for name, c := range map[string]struct {
		villages []planner.Village
		res      *planner.CoverageResult
	}{
		"another village set":     {f.Villages[:2], f.Res},
		"no result":               {f.Villages, nil},
		"nearest facility beyond": {f.Villages, &far},
	} {
		_, err := NewCoverageSummary(c.villages, f.Facilities, c.res)
		var we *table.WriteInputError
		if !errors.As(err, &we) || !errors.Is(err, table.ErrWriteInput) {
			t.Errorf("%s: error %v, want a *table.WriteInputError", name, err)
		}
	}
	if len(f.Res.Uncovered) == 0 {
		t.Fatal("fixture has no uncovered village: the out-of-range case tests nothing")
	}
}

func TestCoverageSummaryUncoveredRadius(t *testing.T) {
	for radius, radii := range map[float64][]float64{15: {15}, 20: {20, 10, 12.5}, 0: nil} {
		if got := (CoverageSummary{RadiiKm: radii}).UncoveredRadiusKm(); got != radius {
			t.Errorf("radii %v: uncovered radius %v, want %v", radii, got, radius)
		}
	}
	// A file that names another radius is not one MarshalJSON wrote.
	f := fixture.NewCoverage(t, 10, 20)
	b, err := json.Marshal(coverageSummary(t, f.Villages, f.Facilities, f.Res))
	if err != nil {
		t.Fatal(err)
	}
	var back CoverageSummary
	if err := json.Unmarshal(bytes.Replace(b, []byte(`"network_uncovered_radius_km":20`), []byte(`"network_uncovered_radius_km":10`), 1), &back); err == nil ||
		!strings.Contains(err.Error(), "network_uncovered_radius_km 10 is not the largest radius 20") {
		t.Errorf("err = %v", err)
	}
	// Older files without the key decode.
	if err := json.Unmarshal(bytes.Replace(b, []byte(`"network_uncovered_radius_km":20,`), nil, 1), &back); err != nil {
		t.Errorf("without network_uncovered_radius_km: %v", err)
	}
}

// coverageSummary is NewCoverageSummary for results that belong to their
// villages.
func coverageSummary(t testing.TB, villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult, reports ...*table.ReadReport) CoverageSummary {
	t.Helper()
	s, err := NewCoverageSummary(villages, facilities, res, reports...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
