package enc

import (
	"math"
	"slices"
	"strconv"

	"github.com/catchment/catchment/planner"
)

// MetricColumns returns the columns the coverage outputs add when the
// metric is not the straight line (a fresh slice on every call), in order:
//
//	road_km              trip length by the metric in km (6 decimals), empty/null when unreachable
//	minutes              travel time in minutes (3 decimals), empty/null when the metric has none
//	snap_m               off-road leg from the village to the road in metres (1 decimal), empty/null without a network
//	unreachable          why no emergency facility is reachable, empty/null when one is
//	straight_nearest_id  nearest emergency facility in a straight line
//	straight_km          geodesic km to it (6 decimals)
//
// Straight-line outputs do not have them, so they stay as they were.
func MetricColumns() []string { return slices.Clone(metricColumns) }

var metricColumns = []string{"road_km", "minutes", "snap_m", "unreachable", "straight_nearest_id", "straight_km"}

// HasMetricColumns reports whether the coverage outputs of res carry
// MetricColumns.
func HasMetricColumns(res *planner.CoverageResult) bool {
	return res != nil && res.Metric != "" && res.Metric != "straight"
}

// MetricCells returns village i's MetricColumns as text, "" where null,
// and which of them are numbers (JSON writes those unquoted).
func (e *Coverage) MetricCells(i int, num []byte) (cells [6]string, numeric [6]bool) {
	vc := &e.Res.Villages[i]
	numeric = [6]bool{true, true, true, false, false, true}
	if vc.Nearest >= 0 && finite(vc.DistanceM) {
		cells[0] = string(AppendKm(num[:0], vc.DistanceM))
	}
	if vc.Nearest >= 0 && finite(vc.Seconds) {
		cells[1] = strconv.FormatFloat(vc.Seconds/60, 'f', 3, 64)
	}
	if e.Res.Access != nil && i < len(e.Res.Access) && finite(e.Res.Access[i].SnapM) && e.Res.Access[i].Unreachable == "" {
		cells[2] = strconv.FormatFloat(e.Res.Access[i].SnapM, 'f', 1, 64)
	}
	cells[3] = ValidText(vc.Unreachable)
	if vc.StraightNearest >= 0 && vc.StraightNearest < len(e.Facilities) {
		cells[4] = ValidText(e.Facilities[vc.StraightNearest].ID)
		cells[5] = string(AppendKm(num[:0], vc.StraightDistanceM))
	}
	return cells, numeric
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
