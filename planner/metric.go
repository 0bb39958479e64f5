package planner

import (
	"fmt"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
)

// Every planner step measures through one geo.Metric: the Metric field of
// its options, nil meaning geo.Straight (WGS84 geodesic distance, the
// behaviour before metrics existed, to the bit). A road network or an
// origin–destination matrix is another implementation; no step knows which
// one it has.
//
// Radii. A metric counts metres or seconds (geo.CostUnit). Radii given in
// kilometres (RadiusKm, RadiiKm) apply to a metric counting metres; radii
// given in minutes (RadiusMinutes, RadiiMinutes) to one counting seconds.
// Limit does the conversion; an option set in the wrong unit for its
// metric is an *OptionError.
//
// Direction. Costs run from villages (origins) to facilities or host
// villages (targets): the patient-transfer direction. A sub-centre covers a
// village when the village's cost to the site is within the radius; a joint
// clinic's member lies within merge distance of its host when the member's
// cost to the host is.
//
// What stays straight. The sub-centre candidates' distance from the county
// hospitals (MinFarKm) and from the county seat (the tie-break and the
// explanations) remain geodesic: they describe where a site lies in the
// county, as the policy (R2, "far from the county seat") does, not a trip
// anyone makes.

// MaxRadiusMinutes is the largest travel-time radius accepted.
const MaxRadiusMinutes = 24 * 60

// metricOr returns m, or geo.Straight when m is nil.
func metricOr(m geo.Metric) geo.Metric {
	if m == nil {
		return geo.Straight{}
	}
	return m
}

// isStraight reports whether m is the straight-line metric, whose answers a
// step may then reuse for the straight-line figures it reports beside the
// metric's.
func isStraight(m geo.Metric) bool {
	_, ok := m.(geo.Straight)
	return ok
}

// Limit converts a service radius to the cost unit of metric m (nil means
// geo.Straight): kilometres to metres when m counts metres, minutes to
// seconds when m counts seconds. The figure in the other unit is not used
// and may be zero. The figure used must be positive and finite (at most
// 2000 km or MaxRadiusMinutes), else the error is an *OptionError naming
// "radius-km" or "minutes". This is the one conversion every planner step
// uses, so a command line offering --minutes only has to fill the Minutes
// fields and give a metric counting seconds.
func Limit(m geo.Metric, km, minutes float64) (float64, error) {
	m = metricOr(m)
	switch m.Unit() {
	case geo.Metres:
		if err := ValidateRadiusKm("radius-km", km); err != nil {
			return 0, err
		}
		return km * 1000, nil
	case geo.Seconds:
		if err := ValidateRadiusMinutes("minutes", minutes); err != nil {
			return 0, err
		}
		return minutes * 60, nil
	}
	return 0, &OptionError{"distance", fmt.Sprintf("metric %q counts an unknown unit %d", m.Name(), m.Unit())}
}

// ValidateRadiusMinutes checks one travel-time radius in minutes.
func ValidateRadiusMinutes(option string, minutes float64) error {
	if math.IsNaN(minutes) || math.IsInf(minutes, 0) || minutes <= 0 {
		return &OptionError{option, fmt.Sprintf("travel time %v minutes must be a positive number", minutes)}
	}
	if minutes > MaxRadiusMinutes {
		return &OptionError{option, fmt.Sprintf("travel time %v minutes is more than %d minutes", minutes, MaxRadiusMinutes)}
	}
	return nil
}

// limits converts the radii of a step to m's cost unit: the km radii for a
// metric counting metres, the minute radii for one counting seconds (see
// Limit), each checked and none listed twice. With a metric counting
// seconds, km radii may also be given, as many as minute radii, for the
// straight-line comparison; they are checked too.
func limits(m geo.Metric, km, minutes []float64) ([]float64, error) {
	m = metricOr(m)
	if m.Unit() != geo.Seconds {
		if len(km) == 0 {
			return nil, &OptionError{"radius-km", "at least one radius is needed"}
		}
		if err := validateRadii("radius-km", km); err != nil {
			return nil, err
		}
		if len(minutes) > 0 {
			return nil, &OptionError{"minutes", fmt.Sprintf("travel-time radii need a metric counting seconds; the %s metric counts metres", m.Name())}
		}
	} else {
		if len(minutes) == 0 {
			return nil, &OptionError{"minutes", fmt.Sprintf("the %s metric counts travel time: at least one radius in minutes is needed", m.Name())}
		}
		for k, r := range minutes {
			if err := ValidateRadiusMinutes("minutes", r); err != nil {
				return nil, err
			}
			if slices.Contains(minutes[:k], r) {
				return nil, &OptionError{"minutes", fmt.Sprintf("radius %v minutes is listed twice", r)}
			}
		}
		if len(km) > 0 && len(km) != len(minutes) {
			return nil, &OptionError{"radius-km", fmt.Sprintf("%d km radii beside %d minute radii; give as many, or none", len(km), len(minutes))}
		}
		if err := validateRadii("radius-km", km); err != nil {
			return nil, err
		}
	}
	out := make([]float64, max(len(km), len(minutes)))
	for k := range out {
		var err error
		if out[k], err = Limit(m, at(km, k), at(minutes, k)); err != nil {
			return nil, err
		}
	}
	return out[:len(out):len(out)], nil
}

// at returns s[k], or 0 past its end.
func at(s []float64, k int) float64 {
	if k < len(s) {
		return s[k]
	}
	return 0
}

// villageSites returns the sites of villages idx (all villages when idx is
// nil).
func villageSites(villages []Village, idx []int) []geo.Site {
	if idx == nil {
		s := make([]geo.Site, len(villages))
		for i := range villages {
			s[i] = geo.Site{ID: villages[i].ID, Point: villages[i].Location}
		}
		return s
	}
	s := make([]geo.Site, len(idx))
	for k, i := range idx {
		s[k] = geo.Site{ID: villages[i].ID, Point: villages[i].Location}
	}
	return s
}

// facilitySites returns the sites of facilities idx.
func facilitySites(facilities []Facility, idx []int) []geo.Site {
	s := make([]geo.Site, len(idx))
	for k, i := range idx {
		s[k] = geo.Site{ID: facilities[i].ID, Point: facilities[i].Location}
	}
	return s
}

// facilitySite is the site of one facility.
func facilitySite(f *Facility) geo.Site { return geo.Site{ID: f.ID, Point: f.Location} }

// metricLen checks that a metric's answer has one entry per site asked
// about: a metric breaking its contract is reported, not indexed past.
func metricLen(m geo.Metric, call string, got, want int) error {
	if got != want {
		return fmt.Errorf("planner: the %s metric's %s gave %d answers, want %d", m.Name(), call, got, want)
	}
	return nil
}
