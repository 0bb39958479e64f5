package roads

import (
	"maps"
	"sort"
)

// DefaultSpeedsKmh returns (a copy of) catchment's assumption of the typical driving speed,
// in km/h, on each routable road class in rural China (an ambulance or a
// township minibus, not the legal limit): expressways 100, national and
// provincial trunk roads 80/60, county roads 50, township roads 40, village
// roads 30, lanes inside a village 20, service roads and farm tracks 15.
// Links (ramps) are slower than their road. "road" is an OSM road of unknown
// class (25). A line without a class (a GIS layer without a class column) is
// taken as a village road, "unclassified" (30). BuildOptions.SpeedsKmh
// overrides or adds classes; Way.SpeedKmh overrides a single way.
func DefaultSpeedsKmh() map[string]float64 { return maps.Clone(defaultSpeedsKmh) }

var defaultSpeedsKmh = map[string]float64{
	"motorway":       100,
	"motorway_link":  60,
	"trunk":          80,
	"trunk_link":     50,
	"primary":        60,
	"primary_link":   40,
	"secondary":      50,
	"secondary_link": 35,
	"tertiary":       40,
	"tertiary_link":  30,
	"unclassified":   30,
	"road":           25,
	"residential":    20,
	"living_street":  10,
	"service":        15,
	"track":          15,
}

// NonRoutable lists the road classes no vehicle carrying a patient uses
// (paths, steps, roads not yet built or abandoned). Ways of these classes
// are counted in BuildReport.NonRoutable, not reported one by one, unless
// BuildOptions.SpeedsKmh gives the class a speed.
func NonRoutable(class string) bool { return nonRoutable[class] }

var nonRoutable = map[string]bool{
	"footway": true, "path": true, "steps": true, "cycleway": true,
	"bridleway": true, "pedestrian": true, "construction": true,
	"proposed": true, "abandoned": true, "disused": true, "platform": true,
	"corridor": true, "elevator": true, "bus_guideway": true,
	"raceway": true, "escape": true, "via_ferrata": true, "rest_area": true,
	"services": true, "bus_stop": true, "razed": true, "planned": true,
}

// classSpeedKmh returns the speed in km/h for a class under the options'
// overrides, and whether the class is routable at all. An empty class is
// "unclassified".
func (o *BuildOptions) classSpeedKmh(class string) (float64, bool) {
	if class == "" {
		class = "unclassified"
	}
	if v, ok := o.SpeedsKmh[class]; ok {
		return v, v > 0
	}
	if nonRoutable[class] {
		return 0, false
	}
	v, ok := defaultSpeedsKmh[class]
	return v, ok
}

// SpeedTable returns the effective speed per routable class in km/h under
// opt (defaults with the overrides applied), sorted by class name, for
// stating the assumption in summaries and reports.
func SpeedTable(opt BuildOptions) []ClassSpeed {
	seen := map[string]bool{}
	var out []ClassSpeed
	add := func(c string) {
		if seen[c] {
			return
		}
		seen[c] = true
		if v, ok := opt.classSpeedKmh(c); ok {
			out = append(out, ClassSpeed{Class: c, SpeedKmh: v})
		}
	}
	for c := range defaultSpeedsKmh {
		add(c)
	}
	for c := range opt.SpeedsKmh {
		add(c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Class < out[j].Class })
	return out
}

// RoutableClasses returns the classes of DefaultSpeedsKmh that are not in
// NonRoutable, sorted: the road classes a reader keeps by default. It is
// the one source of truth for which classes are routable (data/osm takes
// its DefaultClasses from it).
func RoutableClasses() []string {
	out := make([]string, 0, len(defaultSpeedsKmh))
	for c := range defaultSpeedsKmh {
		if !nonRoutable[c] {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// ClassSpeed is one row of the speed assumption: a road class and its speed
// in km/h.
type ClassSpeed struct {
	Class    string
	SpeedKmh float64
}
