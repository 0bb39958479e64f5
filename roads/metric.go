package roads

import (
	"errors"
	"math"

	"github.com/catchment/catchment/geo"
)

// ErrNoNetwork is returned by a Metric whose Net is nil.
var ErrNoNetwork = errors.New("roads: metric has no network")

// Cost is what a road Metric minimises.
type Cost int8

const (
	// ByDistance minimises the trip length in metres.
	ByDistance Cost = iota
	// ByTime minimises the travel time in seconds.
	ByTime
)

const (
	// DefaultAccessSpeedKmh is the speed of the off-road legs (walking).
	DefaultAccessSpeedKmh = 5.0
	// DefaultMaxSnapKm is the farthest a site may be from a usable road.
	DefaultMaxSnapKm = 5.0
)

// Metric measures trips along a road Network; it implements geo.Metric,
// geo.Pather and geo.Accessor. A trip is the straight off-road leg from
// the origin to the nearest point of the nearest usable road segment, the
// road, and the off-road leg from the target's road point to the target.
// Off-road legs count their geodesic length and, for time, AccessSpeedKmh.
//
// Which segment a site joins depends on the query: in Nearest and Within
// a target joins the nearest segment of a network piece (weakly connected
// component) holding some origin's nearest segment, and an origin joins the
// nearest segment of a piece holding a target, so that a village next to a
// stray fragment is not cut off (Access.PassedOverM reports the fragment's
// distance). In Matrix, Access and Path a site joins the nearest segment of
// a piece holding another site. A site farther than MaxSnapKm from every
// usable segment is unreachable. Metric is a small value; copy it freely.
type Metric struct {
	Net  *Network
	Cost Cost
	// AccessSpeedKmh is the speed of off-road legs in km/h
	// (DefaultAccessSpeedKmh when 0).
	AccessSpeedKmh float64
	// MaxSnapKm is the largest off-road leg in km (DefaultMaxSnapKm when 0).
	MaxSnapKm float64
	// Memo, when not nil, remembers where sites join the network across
	// queries (share one among the Metrics of a run); nil snaps every site
	// of every query afresh. Results are the same either way.
	Memo *SnapMemo
}

var (
	_ geo.Metric   = Metric{}
	_ geo.Pather   = Metric{}
	_ geo.Accessor = Metric{}
)

// Name is "road".
func (m Metric) Name() string { return "road" }

// Unit is geo.Seconds for ByTime, else geo.Metres.
func (m Metric) Unit() geo.CostUnit {
	if m.Cost == ByTime {
		return geo.Seconds
	}
	return geo.Metres
}

func (m Metric) accessSecondsPerM() float64 {
	v := m.AccessSpeedKmh
	if !(v > 0) {
		v = DefaultAccessSpeedKmh
	}
	return 3.6 / v
}

func (m Metric) maxSnapM() float64 {
	if !(m.MaxSnapKm > 0) {
		return DefaultMaxSnapKm * 1000
	}
	return m.MaxSnapKm * 1000
}

func (m Metric) byTime() bool { return m.Cost == ByTime }

// pick returns (cost, other) of a trip of distM metres and secs seconds.
func (m Metric) pick(distM, secs float64) (cost, other float64) {
	if m.byTime() {
		return secs, distM
	}
	return distM, secs
}

// reach builds a geo.Reach from a cost and the other quantity.
func (m Metric) reach(index int, cost, other float64) geo.Reach {
	if index < 0 {
		inf := math.Inf(1)
		return geo.Reach{Index: -1, Cost: inf, DistanceM: inf, Seconds: inf}
	}
	r := geo.Reach{Index: index, Cost: cost, DistanceM: cost, Seconds: other}
	if m.byTime() {
		r.DistanceM, r.Seconds = other, cost
	}
	return r
}
