package runparams

import (
	"fmt"
	"strings"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/roads"
	"github.com/catchment/catchment/server/internal/apierr"
)

// Values of the distance parameter of runs and of the coverage GET.
const (
	DistanceStraight = "straight"
	DistanceRoad     = "road"
)

// ParseDistance checks a distance value; "" is straight.
func ParseDistance(param, v string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", DistanceStraight:
		return DistanceStraight, nil
	case DistanceRoad:
		return DistanceRoad, nil
	}
	return "", &planner.OptionError{Option: param, Reason: fmt.Sprintf("%q: want straight or road", v)}
}

// CheckMinutes checks travel-time radii against the distance and the km
// radii: minutes need distance=road and exclude radius_km (the metric
// then counts time; a km radius would say something else).
func CheckMinutes(distance string, minutes []float64, haveKm bool) error {
	if minutes == nil {
		return nil
	}
	if distance != DistanceRoad {
		return &planner.OptionError{Option: "minutes", Reason: "travel-time radii need distance=road"}
	}
	if haveKm {
		return &planner.OptionError{Option: "minutes", Reason: "give radius_km or minutes, not both: with minutes the road metric counts travel time"}
	}
	if len(minutes) == 0 {
		return &planner.OptionError{Option: "minutes", Reason: "at least one travel time is needed"}
	}
	if len(minutes) > MaxRadii {
		return &apierr.LimitError{Param: "minutes", Reason: fmt.Sprintf("%d travel times, more than the limit of %d per request", len(minutes), MaxRadii)}
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
	distance := DistanceStraight
	if v.has("distance") {
		s, err := v.str("distance")
		if err != nil {
			return "", nil, err
		}
		if distance, err = ParseDistance("distance", s); err != nil {
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
	return distance, minutes, CheckMinutes(distance, minutes, haveKm)
}

// RoadMetric is the road metric of a distance and minutes, without its
// network; nil for straight (geo.Straight).
func RoadMetric(distance string, minutes []float64) geo.Metric {
	if distance != DistanceRoad {
		return nil
	}
	m := roads.Metric{Cost: roads.ByDistance}
	if minutes != nil {
		m.Cost = roads.ByTime
	}
	return m
}

func (sp *Spec) metric() geo.Metric { return RoadMetric(sp.Distance, sp.Minutes) }

// clinicMetric measures the clinic plan, whose distances are kilometres:
// the road network counting metres when the run counts time.
func (sp *Spec) clinicMetric() geo.Metric {
	if sp.Distance != DistanceRoad {
		return nil
	}
	return roads.Metric{Cost: roads.ByDistance}
}

// ParseMinutes reads travel-time radii in minutes; errors name param.
func ParseMinutes(param string, items []string) ([]float64, error) {
	return parseNumbers(param, items, "travel times", "minutes")
}

// MetricLabel names a metric for people: "straight-line km (WGS84
// geodesic)", "road km", "road minutes".
func MetricLabel(distance string, minutes bool) string {
	switch {
	case distance == DistanceRoad && minutes:
		return "road minutes"
	case distance == DistanceRoad:
		return "road km"
	}
	return "straight-line km (WGS84 geodesic)"
}
