package maps

import (
	"fmt"
	"math"
	"slices"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// VillageStatus is a village's county-level care cover in a plan
// (planner.MeasureCountyCare).
type VillageStatus uint8

// The classes a map colours villages by. Their String values are the class
// names of style.json and the QGIS styles.
const (
	// NoCountyCare: beyond the radius of every existing facility of the
	// plan's existing types and of every proposed sub-centre.
	NoCountyCare VillageStatus = iota
	// CountyCareToday: within the radius of an existing facility today.
	CountyCareToday
	// CountyCareAfter: county-level care from a proposed sub-centre only.
	CountyCareAfter
)

func (s VillageStatus) String() string {
	switch s {
	case CountyCareToday:
		return "county_care_today"
	case CountyCareAfter:
		return "county_care_after"
	case NoCountyCare:
		return "no_county_care"
	}
	return fmt.Sprintf("VillageStatus(%d)", uint8(s))
}

// Scene is what a map shows, independent of where it came from. All
// locations are WGS84 longitude/latitude in degrees.
type Scene struct {
	// Title overrides the default title (built from the counties and the
	// radius) when not empty.
	Title string
	// RadiusKm is the emergency radius the village statuses refer to; 0
	// when unknown.
	RadiusKm float64
	// RadiusMinutes is the travel-time radius the statuses refer to when
	// the metric counts time (0 otherwise).
	RadiusMinutes float64
	// Metric names how the statuses were measured: "" or "straight"
	// (WGS84 geodesic), "road", "od" (a precomputed matrix). The legend
	// and subtitle say it.
	Metric string
	// Roads, when not empty, is the road network drawn faintly under the
	// villages (e.g. roads.Network.Lines with RoadToleranceM).
	Roads      orb.MultiLineString
	Villages   []SceneVillage
	Facilities []SceneFacility
	Subcentres []SceneSubcentre
	Joint      []SceneJoint
	Routes     []SceneRoute
	Boundaries []Boundary
	// Warnings are the policy bounds the plan does not meet
	// (planner.PlanResult.Warnings); the title counts the counties
	// concerned.
	Warnings []planner.Warning
}

// SceneVillage is one village marker.
type SceneVillage struct {
	ID, Name, County string
	Location         orb.Point
	Population       int
	Status           VillageStatus
	// Subcentre is the ID of the proposed sub-centre that brings the
	// village county-level care (Status CountyCareAfter), else "".
	Subcentre string
	// NetworkCovered is the village's emergency network cover
	// (planner.MeasureNetwork), which the subtitle counts.
	NetworkCovered bool
	// Clinic is the village clinic the plan puts in the village.
	Clinic VillageClinic
}

// SceneFacility is an existing facility.
type SceneFacility struct {
	ID, Name, County string
	Type             planner.FacilityType
	Location         orb.Point
}

// SceneSubcentre is a proposed sub-centre, drawn with its coverage circle
// of RadiusKm (geodesic); no circle when RadiusKm is 0.
type SceneSubcentre struct {
	ID, Name, County string
	Location         orb.Point
	RadiusKm         float64
	// Rank is the selection order within the county (1 first).
	Rank           int
	GainPopulation int64
}

// SceneJoint is a joint clinic: lines from the host village to each member.
type SceneJoint struct {
	County  string
	Host    orb.Point
	Members []orb.Point
}

// SceneRoute is one day of an itinerant route, drawn as Path.
type SceneRoute struct {
	County string
	Day    int
	Path   orb.LineString
}

// Boundary is a county (or other) boundary, drawn under everything else.
type Boundary struct {
	Name     string
	Geometry orb.MultiPolygon
}

// SceneError reports a scene element that cannot be drawn; it unwraps to
// ErrInput. Kind is "village", "facility", "subcentre", "joint clinic",
// "route" or "boundary", Index its position in the Scene.
type SceneError struct {
	Kind   string
	Index  int
	ID     string
	Reason string
}

func (e *SceneError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("maps: %s %d (%q): %s", e.Kind, e.Index, e.ID, e.Reason)
	}
	return fmt.Sprintf("maps: %s %d: %s", e.Kind, e.Index, e.Reason)
}

func (e *SceneError) Unwrap() error { return ErrInput }

// Validate checks that every location is a finite WGS84 point, that
// populations are not negative and radii are finite and not negative: a
// map must not silently leave out what it cannot place.
func (s *Scene) Validate() error {
	bad := func(p orb.Point) string {
		if !geo.ValidPoint(p) {
			return fmt.Sprintf("location (%v, %v) is not a finite longitude and a latitude within [-90, 90]", p[0], p[1])
		}
		return ""
	}
	badRadius := func(r float64) bool { return math.IsNaN(r) || math.IsInf(r, 0) || r < 0 }
	if badRadius(s.RadiusKm) {
		return &SceneError{"scene", 0, "", fmt.Sprintf("radius %v km is not a finite, non-negative number", s.RadiusKm)}
	}
	for i, v := range s.Villages {
		if r := bad(v.Location); r != "" {
			return &SceneError{"village", i, v.ID, r}
		}
		if v.Population < 0 {
			return &SceneError{"village", i, v.ID, fmt.Sprintf("population %d is negative", v.Population)}
		}
		if v.Status > CountyCareAfter {
			return &SceneError{"village", i, v.ID, fmt.Sprintf("unknown status %d", v.Status)}
		}
		if v.Clinic > JointClinicHost {
			return &SceneError{"village", i, v.ID, fmt.Sprintf("unknown clinic %d", v.Clinic)}
		}
	}
	for i, f := range s.Facilities {
		if r := bad(f.Location); r != "" {
			return &SceneError{"facility", i, f.ID, r}
		}
	}
	for i, c := range s.Subcentres {
		if r := bad(c.Location); r != "" {
			return &SceneError{"subcentre", i, c.ID, r}
		}
		if badRadius(c.RadiusKm) {
			return &SceneError{"subcentre", i, c.ID, fmt.Sprintf("radius %v km is not a finite, non-negative number", c.RadiusKm)}
		}
	}
	for i, j := range s.Joint {
		for _, p := range append([]orb.Point{j.Host}, j.Members...) {
			if r := bad(p); r != "" {
				return &SceneError{"joint clinic", i, "", r}
			}
		}
	}
	for i, r := range s.Routes {
		for _, p := range r.Path {
			if why := bad(p); why != "" {
				return &SceneError{"route", i, "", why}
			}
		}
	}
	for i, b := range s.Boundaries {
		for _, poly := range b.Geometry {
			for _, ring := range poly {
				for _, p := range ring {
					if r := bad(p); r != "" {
						return &SceneError{"boundary", i, b.Name, r}
					}
				}
			}
		}
	}
	return nil
}

// Counties lists the counties of the scene's villages and sub-centres,
// sorted.
func (s *Scene) Counties() []string {
	var names []string
	for _, v := range s.Villages {
		names = append(names, v.County)
	}
	for _, c := range s.Subcentres {
		names = append(names, c.County)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// ForCounty returns the part of the scene in one county: its villages,
// facilities, sub-centres, joint clinics and routes, and the boundaries
// named after the county (or, when none is, those that reach the county's
// extent). An unknown county is an *UnknownCountyError listing the known
// ones.
func (s *Scene) ForCounty(county string) (*Scene, error) {
	counties := s.Counties()
	if _, ok := slices.BinarySearch(counties, county); !ok {
		return nil, &UnknownCountyError{County: county, Counties: counties}
	}
	out := &Scene{
		Title:         s.Title,
		RadiusKm:      s.RadiusKm,
		RadiusMinutes: s.RadiusMinutes,
		Metric:        s.Metric,
		Roads:         s.Roads, // clipped to the county's frame when drawn
		Villages:      inCounty(s.Villages, county, func(v SceneVillage) string { return v.County }),
		Facilities:    inCounty(s.Facilities, county, func(f SceneFacility) string { return f.County }),
		Subcentres:    inCounty(s.Subcentres, county, func(c SceneSubcentre) string { return c.County }),
		Joint:         inCounty(s.Joint, county, func(j SceneJoint) string { return j.County }),
		Routes:        inCounty(s.Routes, county, func(r SceneRoute) string { return r.County }),
		Warnings:      inCounty(s.Warnings, county, func(w planner.Warning) string { return w.County }),
	}
	for _, b := range s.Boundaries {
		if b.Name == county {
			out.Boundaries = append(out.Boundaries, b)
		}
	}
	if len(out.Boundaries) == 0 {
		ext := out.dataBound()
		for _, b := range s.Boundaries {
			if len(b.Geometry) > 0 && b.Geometry.Bound().Intersects(ext) {
				out.Boundaries = append(out.Boundaries, b)
			}
		}
	}
	return out, nil
}

// empty reports whether the scene has no point to draw.
func (s *Scene) empty() bool {
	return len(s.Villages) == 0 && len(s.Facilities) == 0 && len(s.Subcentres) == 0
}

// circleSegments is the number of vertices of a drawn coverage circle:
// at 20 km radius the chord is 1 km, far below a marker's size.
const circleSegments = 128

// dataBound is the extent of everything drawn except the boundaries:
// points, coverage circles, routes and joint-clinic links.
func (s *Scene) dataBound() orb.Bound {
	first := true
	var b orb.Bound
	add := func(p orb.Point) {
		if first {
			b, first = p.Bound(), false
			return
		}
		b = b.Extend(p)
	}
	for _, v := range s.Villages {
		add(v.Location)
	}
	for _, f := range s.Facilities {
		add(f.Location)
	}
	for _, c := range s.Subcentres {
		add(c.Location)
		if c.RadiusKm > 0 {
			for _, p := range geo.Circle(c.Location, c.RadiusKm*1000, circleSegments) {
				add(p)
			}
		}
	}
	for _, j := range s.Joint {
		add(j.Host)
		for _, p := range j.Members {
			add(p)
		}
	}
	for _, r := range s.Routes {
		for _, p := range r.Path {
			add(p)
		}
	}
	return b
}

// countyLabel is where a county's name goes: the population-weighted
// centroid of its villages (the plain centroid when nobody lives there).
type countyLabel struct {
	Name     string
	Location orb.Point
}

func (s *Scene) countyLabels() []countyLabel {
	type acc struct {
		lon, lat, w, plon, plat float64
		n                       int
	}
	sums := map[string]*acc{}
	for _, v := range s.Villages {
		a := sums[v.County]
		if a == nil {
			a = &acc{}
			sums[v.County] = a
		}
		w := float64(v.Population)
		a.lon += w * v.Location[0]
		a.lat += w * v.Location[1]
		a.w += w
		a.plon += v.Location[0]
		a.plat += v.Location[1]
		a.n++
	}
	var out []countyLabel
	for name, a := range sums {
		p := orb.Point{a.plon / float64(a.n), a.plat / float64(a.n)}
		if a.w > 0 {
			p = orb.Point{a.lon / a.w, a.lat / a.w}
		}
		out = append(out, countyLabel{name, p})
	}
	slices.SortFunc(out, func(a, b countyLabel) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}

// Tally counts a scene's villages and people by status (county-level
// care), and the people with emergency network cover.
type Tally struct {
	Villages          [3]int   // indexed by VillageStatus
	Population        [3]int64 // indexed by VillageStatus
	NetworkPopulation int64
}

// Total is all villages and all people.
func (t Tally) Total() (villages int, population int64) {
	for i := range t.Villages {
		villages += t.Villages[i]
		population += t.Population[i]
	}
	return villages, population
}

// Tally counts the scene's villages and people by status; a village with
// an invalid status (see Validate) is not counted.
func (s *Scene) Tally() Tally {
	var t Tally
	for _, v := range s.Villages {
		if v.Status > CountyCareAfter {
			continue
		}
		t.Villages[v.Status]++
		t.Population[v.Status] += int64(v.Population)
		if v.NetworkCovered {
			t.NetworkPopulation += int64(v.Population)
		}
	}
	return t
}

// inCounty keeps the items of one county, in order.
func inCounty[T any](items []T, county string, of func(T) string) []T {
	var out []T
	for _, it := range items {
		if of(it) == county {
			out = append(out, it)
		}
	}
	return out
}
