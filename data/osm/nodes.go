package osm

import (
	"slices"
	"sort"

	"github.com/paulmach/orb"
)

// nodeStore holds the nodes inside the region: ids ascending (after
// finish) with their coordinates, 24 bytes a node.
type nodeStore struct {
	ids      []int64
	pts      []orb.Point
	unsorted bool
}

func (s *nodeStore) add(id int64, lon, lat float64) {
	if n := len(s.ids); n > 0 && id <= s.ids[n-1] {
		s.unsorted = true
	}
	s.ids = append(s.ids, id)
	s.pts = append(s.pts, orb.Point{lon, lat})
}

// finish sorts the nodes by id when they did not come in order and drops
// repeated ids (keeping the last, as a later version would be). It reports
// whether it had to sort.
func (s *nodeStore) finish() bool {
	if !s.unsorted {
		return false
	}
	idx := make([]int, len(s.ids))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.ids[idx[a]] < s.ids[idx[b]] })
	ids := make([]int64, 0, len(idx))
	pts := make([]orb.Point, 0, len(idx))
	for _, i := range idx {
		if n := len(ids); n > 0 && ids[n-1] == s.ids[i] {
			pts[n-1] = s.pts[i]
			continue
		}
		ids = append(ids, s.ids[i])
		pts = append(pts, s.pts[i])
	}
	s.ids, s.pts, s.unsorted = ids, pts, false
	return true
}

// index returns the position of node id.
func (s *nodeStore) index(id int64) (int, bool) {
	return slices.BinarySearch(s.ids, id)
}
