package geo

import (
	"context"
	"math"
	"slices"
)

// odCheckEvery is how many origins or targets a query handles between two
// looks at its context.
const odCheckEvery = 1024

// odSiteIndex indexes a query's sites by interned ID: first[k] is the lowest
// index of a site with ID k, next[i] the next site with the ID of site i
// (-1 at the end). Sites whose ID is not in the table are left out.
type odSiteIndex struct {
	first map[int32]int32
	next  []int32
}

func (m *ODMatrix) index(sites []Site) odSiteIndex {
	x := odSiteIndex{first: make(map[int32]int32, len(sites)), next: make([]int32, len(sites))}
	for i := len(sites) - 1; i >= 0; i-- {
		x.next[i] = -1
		k, ok := m.ids[sites[i].ID]
		if !ok {
			continue
		}
		if f, ok := x.first[k]; ok {
			x.next[i] = f
		}
		x.first[k] = int32(i)
	}
	return x
}

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
	ix := m.index(targets)
	out := make([]Reach, len(origins))
	for i, o := range origins {
		if i%odCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		best := odNoReach
		if js := byID[o.ID]; len(js) > 0 && !m.hasSelf(o.ID) && 0 <= limit {
			best = selfReach
			best.Index = js[0]
		}
		if k, ok := m.ids[o.ID]; ok {
			for p := m.outStart[k]; p < m.outStart[k+1]; p++ {
				j, ok := ix.first[m.outDest[p]]
				if !ok {
					continue
				}
				if r := m.reach(int(p)); r.Cost <= limit && (r.Cost < best.Cost || (r.Cost == best.Cost && int(j) < best.Index)) {
					r.Index = int(j)
					best = r
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
	ix := m.index(origins)
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
				i, ok := ix.first[m.inOrigin[q]]
				for ; ok && i >= 0; i = ix.next[i] {
					r.Index = int(i)
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
	ix := m.index(sites)
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
			j, ok := ix.first[m.outDest[p]]
			for ; ok && j >= 0; j = ix.next[j] {
				out[i*n+int(j)] = c
			}
		}
	}
	return out, nil
}
