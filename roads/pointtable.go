package roads

import (
	"math"
	"math/bits"
)

// pointTable finds the node at exact coordinates: an open-addressing hash
// table of node numbers whose keys are the nodes' own coordinates (in the
// builder's lon/lat arrays), so it costs 4 bytes a slot and no per-entry
// allocation. Equality is that of float64 (0 and -0 are one coordinate),
// as with a map keyed by orb.Point; coordinates are never NaN here.
type pointTable struct {
	slot  []int32 // node number, or -1 for an empty slot
	mask  uint64
	count int
}

// pointHash mixes a coordinate pair into 64 bits.
func pointHash(lon, lat float64) uint64 {
	if lon == 0 {
		lon = 0 // -0 hashes as 0
	}
	if lat == 0 {
		lat = 0
	}
	h := math.Float64bits(lon)*0x9E3779B97F4A7C15 ^ bits.RotateLeft64(math.Float64bits(lat)*0xC2B2AE3D27D4EB4F, 31)
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	return h ^ h>>32
}

// reserve sizes the table for n nodes in all.
func (t *pointTable) reserve(n int, lon, lat []float64) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if size > len(t.slot) {
		t.rehash(size, lon, lat)
	}
}

func (t *pointTable) rehash(size int, lon, lat []float64) {
	old := t.slot
	t.slot = make([]int32, size)
	for i := range t.slot {
		t.slot[i] = -1
	}
	t.mask = uint64(size - 1)
	for _, v := range old {
		if v >= 0 {
			i := pointHash(lon[v], lat[v]) & t.mask
			for t.slot[i] >= 0 {
				i = (i + 1) & t.mask
			}
			t.slot[i] = v
		}
	}
}

// find returns the node at (x, y), or -1 with the slot where it would go.
func (t *pointTable) find(x, y float64, lon, lat []float64) (node int32, slot uint64) {
	i := pointHash(x, y) & t.mask
	for {
		v := t.slot[i]
		if v < 0 || lon[v] == x && lat[v] == y {
			return v, i
		}
		i = (i + 1) & t.mask
	}
}

// insert records node v (whose coordinates are lon[v], lat[v]) in the
// empty slot find returned, growing the table when it is half full (which
// moves the slots).
func (t *pointTable) insert(v int32, slot uint64, lon, lat []float64) {
	t.slot[slot] = v
	t.count++
	if 2*t.count > len(t.slot) {
		t.rehash(2*len(t.slot), lon, lat)
	}
}
