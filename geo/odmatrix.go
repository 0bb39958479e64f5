package geo

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrODMatrix is returned (wrapped in an *ODPairError) by NewODMatrix for
// a pair it cannot use.
var ErrODMatrix = errors.New("geo: invalid origin-destination pair")

// ODPair is one precomputed trip of an origin–destination matrix (from
// OSRM, pgRouting or ArcGIS Network Analyst). Km and Minutes are NaN when
// not given; at least one of them must be.
type ODPair struct {
	OriginID      string
	DestinationID string
	Km            float64
	Minutes       float64
}

// ODPairError explains why pair Index of NewODMatrix's input is unusable.
type ODPairError struct {
	Index                 int
	OriginID, Destination string
	Reason                string
}

func (e *ODPairError) Error() string {
	return fmt.Sprintf("geo: origin-destination pair %d (%q → %q): %s", e.Index, e.OriginID, e.Destination, e.Reason)
}

// Unwrap returns ErrODMatrix.
func (e *ODPairError) Unwrap() error { return ErrODMatrix }

// ODMatrix is a Metric read from precomputed pairs: the cost from an origin
// to a target is the pair (origin.ID, target.ID), matched by Site.ID; any
// pair absent is not reachable. Points are ignored. Two exceptions make it a
// metric the planner can use on villages acting as hosts: a site with the
// same (non-empty) ID as the other end costs 0 when the table has no pair
// for it, and the diagonal of Matrix is 0 unless the table says otherwise.
//
// Pairs are stored once, sorted by origin (a CSR layout: 24 bytes a pair
// plus the interned ids), with an index by destination, so Nearest costs
// O(len(targets) + pairs leaving the origins), Within O(len(origins) +
// pairs entering the targets) plus sorting the answer, and Matrix its n²
// output plus the pairs among the sites. An ODMatrix is immutable and safe
// for concurrent use.
type ODMatrix struct {
	unit CostUnit
	ids  map[string]int32
	// Pairs of origin o are [outStart[o], outStart[o+1]), sorted by
	// destination.
	outStart []int32
	outDest  []int32
	km, min  []float64
	// Pairs into destination d are inPair[inStart[d]:inStart[d+1]], indices
	// into the out arrays, in origin order.
	inStart  []int32
	inPair   []int32
	inOrigin []int32
}

var _ Metric = (*ODMatrix)(nil)

// NewODMatrix builds an ODMatrix whose costs are in unit: Metres uses each
// pair's Km, Seconds its Minutes, and every pair must have that value. IDs
// must be non-empty, costs finite and non-negative, and no (origin,
// destination) may repeat; the first pair that breaks a rule is returned as
// an *ODPairError.
func NewODMatrix(pairs []ODPair, unit CostUnit) (*ODMatrix, error) {
	if unit != Metres && unit != Seconds {
		return nil, fmt.Errorf("%w: unknown cost unit %d", ErrODMatrix, unit)
	}
	m := &ODMatrix{unit: unit, ids: make(map[string]int32)}
	recs := make([]odRec, len(pairs))
	for i, p := range pairs {
		if reason := odCheck(p, unit); reason != "" {
			return nil, &ODPairError{Index: i, OriginID: p.OriginID, Destination: p.DestinationID, Reason: reason}
		}
		recs[i] = odRec{m.intern(p.OriginID), m.intern(p.DestinationID), int32(i)}
	}
	recs = odSort(recs, len(m.ids))
	n := len(m.ids)
	m.outStart = make([]int32, n+1)
	m.outDest = make([]int32, len(recs))
	m.km, m.min = make([]float64, len(recs)), make([]float64, len(recs))
	m.inStart = make([]int32, n+1)
	for k, r := range recs {
		if k > 0 && recs[k-1].o == r.o && recs[k-1].d == r.d {
			p := pairs[r.i]
			return nil, &ODPairError{Index: int(r.i), OriginID: p.OriginID, Destination: p.DestinationID,
				Reason: fmt.Sprintf("repeats pair %d", recs[k-1].i)}
		}
		m.outStart[r.o+1]++
		m.inStart[r.d+1]++
		m.outDest[k], m.km[k], m.min[k] = r.d, pairs[r.i].Km, pairs[r.i].Minutes
	}
	m.buildIndex(recs)
	return m, nil
}

// odSort orders recs by origin (a counting sort over the n interned ids),
// then each origin's run by destination and input position.
func odSort(recs []odRec, n int) []odRec {
	start := make([]int, n+1)
	for _, r := range recs {
		start[r.o+1]++
	}
	for k := 1; k <= n; k++ {
		start[k] += start[k-1]
	}
	out := make([]odRec, len(recs))
	next := slices.Clone(start[:n])
	for _, r := range recs {
		out[next[r.o]] = r
		next[r.o]++
	}
	for k := range n {
		slices.SortFunc(out[start[k]:start[k+1]], func(a, b odRec) int {
			if a.d != b.d {
				return int(a.d) - int(b.d)
			}
			return int(a.i) - int(b.i)
		})
	}
	return out
}

// odRec is pair i of the input between interned ids o and d.
type odRec struct{ o, d, i int32 }

func odCheck(p ODPair, unit CostUnit) string {
	switch {
	case p.OriginID == "" || p.DestinationID == "":
		return "empty id"
	case math.IsNaN(p.Km) && math.IsNaN(p.Minutes):
		return "neither km nor minutes"
	case unit == Metres && math.IsNaN(p.Km):
		return "no km (costs are distances)"
	case unit == Seconds && math.IsNaN(p.Minutes):
		return "no minutes (costs are travel times)"
	case p.Km < 0 || math.IsInf(p.Km, 0) || p.Minutes < 0 || math.IsInf(p.Minutes, 0):
		return "cost negative or infinite"
	}
	return ""
}

func (m *ODMatrix) intern(id string) int32 {
	k, ok := m.ids[id]
	if !ok {
		k = int32(len(m.ids))
		m.ids[id] = k
	}
	return k
}

// buildIndex turns the counts into offsets and fills the destination index.
func (m *ODMatrix) buildIndex(recs []odRec) {
	for k := 1; k < len(m.outStart); k++ {
		m.outStart[k] += m.outStart[k-1]
		m.inStart[k] += m.inStart[k-1]
	}
	m.inPair = make([]int32, len(recs))
	m.inOrigin = make([]int32, len(recs))
	next := slices.Clone(m.inStart[:len(m.inStart)-1])
	for k, r := range recs { // origin order, so each destination's list is too
		m.inPair[next[r.d]] = int32(k)
		m.inOrigin[next[r.d]] = r.o
		next[r.d]++
	}
}

// Name returns "od".
func (m *ODMatrix) Name() string { return "od" }

// Unit is Metres or Seconds, as given to NewODMatrix.
func (m *ODMatrix) Unit() CostUnit { return m.unit }

// Len is the number of pairs.
func (m *ODMatrix) Len() int { return len(m.outDest) }

// Pair returns the table's pair from originID to destinationID (km and
// minutes NaN where not given); ok is false when the table has none.
func (m *ODMatrix) Pair(originID, destinationID string) (km, minutes float64, ok bool) {
	o, ok1 := m.ids[originID]
	d, ok2 := m.ids[destinationID]
	if !ok1 || !ok2 {
		return math.NaN(), math.NaN(), false
	}
	k, ok := m.find(o, d)
	if !ok {
		return math.NaN(), math.NaN(), false
	}
	return m.km[k], m.min[k], true
}

// find is the position of pair (o, d).
func (m *ODMatrix) find(o, d int32) (int, bool) {
	lo, hi := int(m.outStart[o]), int(m.outStart[o+1])
	k, ok := slices.BinarySearch(m.outDest[lo:hi], d)
	return lo + k, ok
}

// reach is the Reach of pair k (index left to the caller).
func (m *ODMatrix) reach(k int) Reach {
	r := Reach{DistanceM: m.km[k] * 1000, Seconds: m.min[k] * 60}
	r.Cost = r.DistanceM
	if m.unit == Seconds {
		r.Cost = r.Seconds
	}
	return r
}

// selfReach is a trip to a site with the same ID absent from the table.
var selfReach = Reach{}

// hasSelf reports whether the table has a pair from id to itself.
func (m *ODMatrix) hasSelf(id string) bool {
	k, ok := m.ids[id]
	if !ok {
		return false
	}
	_, ok = m.find(k, k)
	return ok
}

var odNoReach = Reach{Index: -1, Cost: math.Inf(1), DistanceM: math.Inf(1), Seconds: math.Inf(1)}

// ODPairsWith keeps the pairs that have the cost unit needs (Km for
// Metres, Minutes for Seconds), for a table that gives both costs on some
// rows only; missing lists the indices of the others so the caller can
// report them (NewODMatrix rejects them).
func ODPairsWith(pairs []ODPair, unit CostUnit) (kept []ODPair, missing []int) {
	kept = make([]ODPair, 0, len(pairs))
	for i, p := range pairs {
		if (unit == Metres && math.IsNaN(p.Km)) || (unit == Seconds && math.IsNaN(p.Minutes)) {
			missing = append(missing, i)
			continue
		}
		kept = append(kept, p)
	}
	return kept, missing
}
