package geo

import (
	"context"

	"github.com/paulmach/orb"
)

// Site is a place a Metric measures from or to: a village or a facility.
// Point is WGS84 longitude/latitude in degrees. ID identifies the site to
// metrics built on precomputed tables (an origin–destination matrix); the
// geometric metrics ignore it.
type Site struct {
	ID    string
	Point orb.Point
}

// CostUnit is what a Metric's costs count.
type CostUnit int

const (
	// Metres: the cost is a distance in metres.
	Metres CostUnit = iota
	// Seconds: the cost is a travel time in seconds.
	Seconds
)

// Reach is one measured trip from an origin to a target.
type Reach struct {
	// Index is the position of the other end in the slice the query was given
	// (the target for Nearest, the origin for Within); -1 when nothing was
	// reached within the limit.
	Index int
	// Cost is in the metric's CostUnit (+Inf when Index is -1).
	Cost float64
	// DistanceM is the length of the trip in metres, off-road legs included
	// (NaN when the metric does not know it, +Inf when not reached).
	DistanceM float64
	// Seconds is the travel time of the trip (NaN when the metric does not
	// know it, +Inf when not reached).
	Seconds float64
}

// Metric measures travel from origins (villages: the patient-transfer
// direction) to targets (facilities, or villages acting as hosts). Straight
// lines, a road network and a user's origin–destination matrix are its
// implementations; every planner step takes a Metric, so none of them
// branches on which one it has.
//
// Limits are inclusive and in the metric's CostUnit; math.Inf(1) means no
// limit. Ties go to the lowest index. Implementations are safe for
// concurrent use and stop with ctx.Err() when ctx is cancelled.
type Metric interface {
	// Name is "straight", "road" or "od".
	Name() string
	// Unit is what Cost counts.
	Unit() CostUnit
	// Nearest returns, for each origin, the target of least cost from that
	// origin whose cost is <= limit; Reach.Index is -1 when there is none.
	Nearest(ctx context.Context, origins, targets []Site, limit float64) ([]Reach, error)
	// Within returns, for each target, every origin whose cost to that target
	// is <= limit, ordered by origin index.
	Within(ctx context.Context, origins, targets []Site, limit float64) ([][]Reach, error)
	// Matrix returns the len(sites)² costs among sites, row-major with the
	// row as origin; unreachable pairs are +Inf.
	Matrix(ctx context.Context, sites []Site) ([]float64, error)
}

// Pather is implemented by metrics whose trips have a shape other than the
// straight line (the road network): Path is the line a trip from one site to
// another follows, for drawing routes. A metric without it draws straight.
type Pather interface {
	Path(ctx context.Context, from, to Site) (orb.LineString, error)
}

// Access describes how a site joins a metric's network.
type Access struct {
	// SnapM is the off-network leg in metres (0 for metrics without a
	// network).
	SnapM float64
	// PassedOverM is the distance to a nearer network piece that was passed
	// over because it reaches nothing (a fragment); 0 when none was.
	PassedOverM float64
	// Unreachable is empty when the site joins the network, else the reason
	// it does not (for instance "no road within 5 km").
	Unreachable string
}

// Accessor is implemented by metrics with a network (roads): Access reports,
// for each site, how it joins the network, so outputs can show the off-road
// leg and the reason a site is unreachable.
type Accessor interface {
	Access(ctx context.Context, sites []Site) ([]Access, error)
}
