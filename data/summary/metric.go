package summary

import (
	"slices"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/roads"
)

// MetricInfo says how distances were measured, for the summary JSON, the
// table and the report.
type MetricInfo struct {
	// Name is straight, road or od; Description says it in words
	// ("road by travel time").
	Name        string `json:"name"`
	Description string `json:"description"`
	// RoadFile, RoadFormat and Stats describe the road network (road only).
	RoadFile   string       `json:"road_file,omitempty"`
	RoadFormat string       `json:"road_format,omitempty"`
	Stats      *roads.Stats `json:"road_stats,omitempty"`
	// SpeedsKmh is the speed per road class used: catchment's assumption
	// (roads.DefaultSpeedsKmh()) with the scenario's overrides.
	SpeedsKmh      map[string]float64 `json:"speeds_kmh,omitempty"`
	AccessSpeedKmh float64            `json:"access_speed_kmh,omitempty"`
	MaxSnapKm      float64            `json:"max_snap_km,omitempty"`
	// Notes are what the road reader skipped or read differently.
	Notes []string `json:"road_notes,omitempty"`
	// ODFile and ODPairs describe an origin–destination matrix (od only).
	ODFile  string `json:"od_file,omitempty"`
	ODPairs int    `json:"od_pairs,omitempty"`
}

// MetricCoverage is what the coverage summary adds for a metric other than
// the straight line.
type MetricCoverage struct {
	MetricInfo
	// RadiiMinutes are the travel-time radii, when the metric counts time.
	RadiiMinutes []float64 `json:"radius_minutes,omitempty"`
	// CoverLost[k] and CoverGained[k] count villages covered within radius
	// k in a straight line but not by the metric, and the reverse.
	CoverLost   []int `json:"cover_lost_vs_straight,omitempty"`
	CoverGained []int `json:"cover_gained_vs_straight,omitempty"`
	// Unreachable counts villages that reach no emergency facility by the
	// metric although one exists; OffRoadMaxM is the longest off-road leg.
	Unreachable int     `json:"unreachable"`
	OffRoadMaxM float64 `json:"off_road_max_m,omitempty"`
}

// AddMetric records how res was measured (info) in s, unless res is by the
// straight line. s must be the summary of res.
func (s *CoverageSummary) AddMetric(res *planner.CoverageResult, info MetricInfo) {
	if res == nil || res.Metric == "" || res.Metric == "straight" {
		return
	}
	mc := &MetricCoverage{MetricInfo: info, RadiiMinutes: slices.Clone(res.RadiiMinutes),
		CoverLost: slices.Clone(res.CoverLost), CoverGained: slices.Clone(res.CoverGained)}
	for i := range res.Villages {
		if res.Villages[i].Unreachable != "" {
			mc.Unreachable++
		}
		if i < len(res.Access) && res.Access[i].Unreachable == "" {
			mc.OffRoadMaxM = max(mc.OffRoadMaxM, res.Access[i].SnapM)
		}
	}
	s.Metric = mc
}
