package geo

import (
	"context"
	"math"
	"slices"
)

// odCheckEvery is how many origins or targets a query handles between two
// looks at its context.
const odCheckEvery = 1024

// sitesByID maps each non-empty Site.ID to the indices of the sites with it,
// ascending.
func sitesByID(sites []Site) map[string][]int {
	m := make(map[string][]int, len(sites))
	for i, s := range sites {
		if s.ID != "" {
			m[s.ID] = append(m[s.ID], i)
		}
	}
	return m
}

// Nearest returns, for each origin, the target of least cost within limit
// (inclusive; ties to the lowest index).
func (m *ODMatrix) Nearest(ctx context.Context, origins, targets []Site, limit float64) ([]Reach, error) {
	byID := sitesByID(targets)
	out := make([]Reach, len(origins))
	for i, o := range origins {
		if i%odCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		best := odNoReach
		consider := func(j int, r Reach) {
			if r.Cost <= limit && (r.Cost < best.Cost || (r.Cost == best.Cost && j < best.Index)) {
				r.Index = j
				best = r
			}
		}
		if js := byID[o.ID]; len(js) > 0 && !m.hasSelf(o.ID) {
			consider(js[0], selfReach)
		}
		if k, ok := m.ids[o.ID]; ok {
			for p := m.outStart[k]; p < m.outStart[k+1]; p++ {
				if js := byID[m.name(m.outDest[p])]; len(js) > 0 {
					consider(js[0], m.reach(int(p)))
				}
			}
		}
		out[i] = best
	}
	return out, nil
}

// Within returns, for each target, the origins whose cost to it is within
// limit (inclusive), by origin index.
func (m *ODMatrix) Within(ctx context.Context, origins, targets []Site, limit float64) ([][]Reach, error) {
	byID := sitesByID(origins)
	out := make([][]Reach, len(targets))
	for j, t := range targets {
		if j%odCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var list []Reach
		if 0 <= limit && !m.hasSelf(t.ID) {
			for _, i := range byID[t.ID] {
				r := selfReach
				r.Index = i
				list = append(list, r)
			}
		}
		if d, ok := m.ids[t.ID]; ok {
			for q := m.inStart[d]; q < m.inStart[d+1]; q++ {
				r := m.reach(int(m.inPair[q]))
				if !(r.Cost <= limit) {
					continue
				}
				for _, i := range byID[m.name(m.inOrigin[q])] {
					r.Index = i
					list = append(list, r)
				}
			}
		}
		slices.SortFunc(list, func(a, b Reach) int { return a.Index - b.Index })
		out[j] = list
	}
	return out, nil
}

// Matrix returns the len(sites)² costs, row-major with the row as origin;
// pairs absent are +Inf, a site to itself or to a site with its ID 0 unless
// the table has the pair.
func (m *ODMatrix) Matrix(ctx context.Context, sites []Site) ([]float64, error) {
	n := len(sites)
	out := make([]float64, n*n)
	for k := range out {
		out[k] = math.Inf(1)
	}
	byID := sitesByID(sites)
	for i, s := range sites {
		if i%odCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if !m.hasSelf(s.ID) {
			out[i*n+i] = 0
			for _, j := range byID[s.ID] {
				out[i*n+j] = 0
			}
		}
		k, ok := m.ids[s.ID]
		if !ok {
			continue
		}
		for p := m.outStart[k]; p < m.outStart[k+1]; p++ {
			c := m.reach(int(p)).Cost
			for _, j := range byID[m.name(m.outDest[p])] {
				out[i*n+j] = c
			}
		}
	}
	return out, nil
}
