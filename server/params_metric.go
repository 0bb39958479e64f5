package server

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/roads"
)

// Values of the distance parameter of runs and of the coverage GET.
const (
	distanceStraight = "straight"
	distanceRoad     = "road"
)

// parseDistance checks a distance value; "" is straight.
func parseDistance(param, v string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", distanceStraight:
		return distanceStraight, nil
	case distanceRoad:
		return distanceRoad, nil
	}
	return "", &planner.OptionError{Option: param, Reason: fmt.Sprintf("%q: want straight or road", v)}
}

// checkMinutes checks travel-time radii against the distance and the km
// radii: minutes need distance=road and exclude radius_km (the metric
// then counts time; a km radius would say something else).
func checkMinutes(distance string, minutes []float64, haveKm bool) error {
	if minutes == nil {
		return nil
	}
	if distance != distanceRoad {
		return &planner.OptionError{Option: "minutes", Reason: "travel-time radii need distance=road"}
	}
	if haveKm {
		return &planner.OptionError{Option: "minutes", Reason: "give radius_km or minutes, not both: with minutes the road metric counts travel time"}
	}
	if len(minutes) == 0 {
		return &planner.OptionError{Option: "minutes", Reason: "at least one travel time is needed"}
	}
	if len(minutes) > MaxRadii {
		return &LimitError{Param: "minutes", Reason: fmt.Sprintf("%d travel times, more than the limit of %d per request", len(minutes), MaxRadii)}
	}
	for _, m := range minutes {
		if err := planner.ValidateRadiusMinutes("minutes", m); err != nil {
			return err
		}
	}
	return nil
}

// runMetricKeys reads the distance and minutes keys of a run request.
func runMetricKeys(v values, haveKm bool) (string, []float64, error) {
	distance := distanceStraight
	if v.has("distance") {
		s, err := v.str("distance")
		if err != nil {
			return "", nil, err
		}
		if distance, err = parseDistance("distance", s); err != nil {
			return "", nil, err
		}
	}
	var minutes []float64
	if v.has("minutes") {
		var err error
		if minutes, err = v.numbers("minutes"); err != nil {
			return "", nil, err
		}
	}
	return distance, minutes, checkMinutes(distance, minutes, haveKm)
}

// roadMetric is the road metric of a distance and minutes, without its
// network; nil for straight (geo.Straight).
func roadMetric(distance string, minutes []float64) geo.Metric {
	if distance != distanceRoad {
		return nil
	}
	m := roads.Metric{Cost: roads.ByDistance}
	if minutes != nil {
		m.Cost = roads.ByTime
	}
	return m
}

func (sp *runSpec) metric() geo.Metric { return roadMetric(sp.Distance, sp.Minutes) }

// clinicMetric measures the clinic plan, whose distances are kilometres:
// the road network counting metres when the run counts time.
func (sp *runSpec) clinicMetric() geo.Metric {
	if sp.Distance != distanceRoad {
		return nil
	}
	return roads.Metric{Cost: roads.ByDistance}
}

// parseMinutes reads travel-time radii in minutes; errors name param.
func parseMinutes(param string, items []string) ([]float64, error) {
	if len(items) > MaxRadii {
		return nil, &LimitError{Param: param, Reason: fmt.Sprintf("%d travel times, more than the limit of %d per request", len(items), MaxRadii)}
	}
	out := make([]float64, 0, len(items))
	for _, s := range items {
		s = strings.TrimSpace(s)
		m, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, &planner.OptionError{Option: param, Reason: fmt.Sprintf("%q is not a number of minutes", s)}
		}
		out = append(out, m)
	}
	return out, nil
}

// metricLabel names a metric for people: "straight-line km (WGS84
// geodesic)", "road km", "road minutes".
func metricLabel(distance string, minutes bool) string {
	switch {
	case distance == distanceRoad && minutes:
		return "road minutes"
	case distance == distanceRoad:
		return "road km"
	}
	return "straight-line km (WGS84 geodesic)"
}

// metricInfo describes a run's metric for its summary.json, as the command
// line's summaries do: the road file, its network and the speeds assumed.
func (s *Server) metricInfo(sp *runSpec) summary.MetricInfo {
	if sp.Distance != distanceRoad {
		return summary.MetricInfo{Name: distanceStraight, Description: "straight line (WGS84 geodesic)"}
	}
	info := summary.MetricInfo{Name: distanceRoad, Description: "road by distance",
		SpeedsKmh: roads.DefaultSpeedsKmh(), AccessSpeedKmh: roads.DefaultAccessSpeedKmh, MaxSnapKm: roads.DefaultMaxSnapKm}
	if sp.Minutes != nil {
		info.Description = "road by travel time"
	}
	if ri := s.roadsInfo(sp.Dataset); ri != nil {
		st := ri.Stats
		info.RoadFile, info.RoadFormat, info.Stats, info.Notes = ri.File, ri.Format, &st, ri.Notes
	}
	return info
}
