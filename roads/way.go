package roads

import "github.com/paulmach/orb"

// Oneway is the direction a way may be travelled in.
type Oneway int8

const (
	// BothWays: the way may be travelled in either direction.
	BothWays Oneway = 0
	// Forward: only in the order of its points.
	Forward Oneway = 1
	// Backward: only against the order of its points (OSM oneway=-1).
	Backward Oneway = -1
)

// Way is one road line as a reader hands it to the graph builder. Points
// are WGS84 lon/lat in degrees, in order; consecutive ways join where they
// share a point exactly (OSM ways share node coordinates).
type Way struct {
	// ID is the source's identifier (an OSM way id, a feature id), for
	// messages; it may be empty.
	ID string
	// Points has at least two points.
	Points []orb.Point
	// NodeIDs, when not nil, is parallel to Points and gives the source's
	// node identity (OSM node ids); ways join at equal node ids. When nil,
	// ways join at exactly equal coordinates.
	NodeIDs []int64
	// Highway is the road class (OSM highway=* value, or a GIS class such as
	// "county road" mapped by the reader); it selects the default speed.
	Highway string
	// SpeedKmh overrides the class speed when > 0 (a maxspeed tag or a
	// speed_kmh property).
	SpeedKmh float64
	// Oneway is the permitted direction.
	Oneway Oneway
}
