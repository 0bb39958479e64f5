package geojsonio

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/catchment/catchment/internal/fresh"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/programme"
	"github.com/paulmach/orb"
)

func TestWritePhaseGeoJSON(t *testing.T) {
	cl := func(id string, gap int, distM float64) programme.PhaseClinic {
		return programme.PhaseClinic{ID: id, County: "C", Location: orb.Point{112.5, 37.5}, DoctorGap: gap, DistanceToTHCM: distM,
			Extra: []planner.Attr{{Key: "condition", Value: "poor"}, {Key: "id", Value: "shadowed"}}}
	}
	res := &programme.PhaseResult{StartYear: 2024, PerYear: []int{1, 1}, Assignments: []programme.PhaseAssignment{
		{Clinic: cl("a", 2, 1500), Rank: 1, Year: 2024, Score: 3},
		{Clinic: cl("b", planner.CapacityUnknown, -1), Rank: 2, Year: 2025, Score: 2},
		{Clinic: cl("c", 0, 0), Rank: 3, Score: 1},
	}}
	var b bytes.Buffer
	if err := WritePhaseGeoJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry   struct{ Coordinates []float64 }
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(b.Bytes(), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 3 {
		t.Fatalf("%v: %s", err, b.String())
	}
	tests := []struct {
		i      int
		year   any
		colour string
		gap    any
	}{{0, 2024.0, "#bd0026", 2.0}, {1, 2025.0, "#f03b20", nil}, {2, nil, phaseNoYear, 0.0}}
	for _, tt := range tests {
		p := fc.Features[tt.i].Properties
		if p["year"] != tt.year || p["marker-color"] != tt.colour || p["doctor_gap"] != tt.gap || p["condition"] != "poor" || p["id"] == "shadowed" {
			t.Errorf("feature %d: %v", tt.i, p)
		}
		if _, has := p["year"]; !has {
			t.Errorf("feature %d has no year property (null beyond the caps)", tt.i)
		}
	}
	if _, has := fc.Features[1].Properties["distance_to_thc_m"]; has {
		t.Errorf("unknown distance written: %v", fc.Features[1].Properties)
	}
	if c := fc.Features[0].Geometry.Coordinates; len(c) != 2 || c[0] != 112.5 || c[1] != 37.5 {
		t.Errorf("coordinates %v", c)
	}
}

// TestPhaseColoursFreshCopy changes the returned palette and checks that the
// next call is unchanged.
func TestPhaseColoursFreshCopy(t *testing.T) {
	want := []string{"#bd0026", "#f03b20", "#fd8d3c", "#fecc5c", "#ffffb2"}
	if got := fresh.Slice(t, "PhaseColours", PhaseColours, "#000000"); !slices.Equal(got, want) {
		t.Errorf("PhaseColours() = %q, want %q", got, want)
	}
}
