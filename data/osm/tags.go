package osm

import (
	"strconv"
	"strings"

	posm "github.com/paulmach/osm"

	"github.com/catchment/catchment/roads"
)

// DefaultClasses returns the highway=* values read as roads when
// Options.Classes is nil: the classes a car (an ambulance, a patient's
// transport) may drive on, sorted, as a fresh slice on every call. They are
// roads.RoutableClasses(), the classes that have a default speed in
// roads.DefaultSpeedsKmh, so the reader and the graph builder agree on what
// is routable.
func DefaultClasses() []string { return roads.RoutableClasses() }

var defaultClassSet = classSet(roads.RoutableClasses())

// Routable reports whether highway is one of DefaultClasses.
func Routable(highway string) bool { return defaultClassSet[highway] }

func classSet(classes []string) map[string]bool {
	m := make(map[string]bool, len(classes))
	for _, c := range classes {
		m[c] = true
	}
	return m
}

// closedToCars reports whether the most specific access tag present closes
// the way to cars, and which tag that was.
func closedToCars(tags posm.Tags) (string, bool) {
	for _, k := range [...]string{"motorcar", "motor_vehicle", "vehicle", "access"} {
		v := tags.Find(k)
		if v == "" {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "no", "private":
			return k + "=" + v, true
		}
		return "", false
	}
	return "", false
}

// onewayOf interprets oneway, junction and highway. note is non-empty when
// a value was not understood or was simplified.
func onewayOf(tags posm.Tags, highway string) (dir roads.Oneway, note string) {
	v := strings.ToLower(strings.TrimSpace(tags.Find("oneway")))
	switch v {
	case "yes", "1", "true":
		return roads.Forward, ""
	case "-1", "reverse":
		return roads.Backward, ""
	case "no", "0", "false":
		return roads.BothWays, ""
	case "reversible", "alternating":
		return roads.BothWays, "oneway=" + v + " read as both ways"
	case "":
	default:
		note = "oneway=" + v + " not understood"
	}
	switch tags.Find("junction") {
	case "roundabout", "circular":
		return roads.Forward, note
	}
	if highway == "motorway" || highway == "motorway_link" {
		return roads.Forward, note
	}
	return roads.BothWays, note
}

// Speed unit factors to km/h.
const (
	kmhPerMph  = 1.609344
	kmhPerKnot = 1.852
	// maxSpeedKmh bounds a credible maxspeed; larger values are typos.
	maxSpeedKmh = 300
)

// ParseMaxspeed reads an OSM maxspeed value in km/h: "50", "50 km/h",
// "50kmh", "50 kph", "30 mph" and "10 knots". ok is false for "none",
// "signals", "variable", "walk", implicit country values ("DE:rural"),
// several values ("50;30"), values <= 0 or above 300 km/h and anything
// else; the caller then keeps the class speed.
func ParseMaxspeed(s string) (kmh float64, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	factor := 1.0
	for _, u := range [...]struct {
		suffix string
		f      float64
	}{{"km/h", 1}, {"kmh", 1}, {"kph", 1}, {"mph", kmhPerMph}, {"knots", kmhPerKnot}} {
		if strings.HasSuffix(s, u.suffix) {
			s, factor = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.f
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "eExXnN") { // no 1e2, hex, inf, nan
		return 0, false
	}
	v *= factor
	if !(v > 0 && v <= maxSpeedKmh) {
		return 0, false
	}
	return v, true
}
