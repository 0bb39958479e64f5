package table

import (
	"slices"
	"testing"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
)

func TestCoverageColumns(t *testing.T) {
	tests := []struct {
		name string
		res  planner.CoverageResult
		want []string
		err  bool
	}{
		{"km one", planner.CoverageResult{RadiiKm: []float64{15}}, []string{"network_covered"}, false},
		{"km several", planner.CoverageResult{RadiiKm: []float64{10, 12.5}}, []string{"network_covered_10km", "network_covered_12_5km"}, false},
		{"minutes one", planner.CoverageResult{Unit: geo.Seconds, RadiiMinutes: []float64{30}}, []string{"network_covered"}, false},
		{"minutes several beside km", planner.CoverageResult{Unit: geo.Seconds, RadiiKm: []float64{10, 20}, RadiiMinutes: []float64{7.5, 30}},
			[]string{"network_covered_7_5min", "network_covered_30min"}, false},
		{"minutes on a metre metric are ignored", planner.CoverageResult{RadiiKm: []float64{15}, RadiiMinutes: []float64{30}}, []string{"network_covered"}, false},
		{"minutes twice", planner.CoverageResult{Unit: geo.Seconds, RadiiMinutes: []float64{30, 30}}, nil, true},
		{"bad minutes", planner.CoverageResult{Unit: geo.Seconds, RadiiMinutes: []float64{-1, 30}}, nil, true},
		{"none", planner.CoverageResult{Unit: geo.Seconds}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CoverageColumns(&tt.res)
			if (err != nil) != tt.err || !slices.Equal(got, tt.want) {
				t.Errorf("got %q, %v; want %q, error %v", got, err, tt.want, tt.err)
			}
		})
	}
}
