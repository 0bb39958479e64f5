package table

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
)

// MinutesLabel is the column suffix for a travel-time radius: 30 ->
// "30min", 7.5 -> "7_5min".
func MinutesLabel(minutes float64) string {
	return strings.Replace(strconv.FormatFloat(minutes, 'f', -1, 64), ".", "_", 1) + "min"
}

// MinutesColumns is RadiusColumns for travel-time radii: prefix alone for
// one radius, else prefix_<MinutesLabel> per radius.
func MinutesColumns(prefix string, minutes []float64) ([]string, error) {
	if len(minutes) == 0 {
		return nil, &WriteInputError{Reason: "no radius"}
	}
	if len(minutes) == 1 {
		return []string{prefix}, nil
	}
	names := make([]string, len(minutes))
	for k, r := range minutes {
		if err := planner.ValidateRadiusMinutes("minutes", r); err != nil {
			return nil, &WriteInputError{Reason: err.Error()}
		}
		names[k] = prefix + "_" + MinutesLabel(r)
		for _, prev := range names[:k] {
			if prev == names[k] {
				return nil, &WriteInputError{Reason: fmt.Sprintf("radius %v minutes is listed twice", r)}
			}
		}
	}
	return names, nil
}

// ByMinutes reports whether res's cover flags are by travel time (its
// metric counts seconds and it has minute radii).
func ByMinutes(res *planner.CoverageResult) bool {
	return res != nil && res.Unit == geo.Seconds && len(res.RadiiMinutes) > 0
}

// CoverageColumns are the emergency network cover columns of res: NetworkCoveredColumns of its km
// radii, or MinutesColumns of its minute radii when ByMinutes.
func CoverageColumns(res *planner.CoverageResult) ([]string, error) {
	if ByMinutes(res) {
		return MinutesColumns("network_covered", res.RadiiMinutes)
	}
	return NetworkCoveredColumns(res.RadiiKm)
}
