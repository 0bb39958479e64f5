package roads

// packedTree is a static R-tree packed bottom-up from boxes already in a
// spatial (Hilbert) order: level 0 holds the boxes themselves, each node of
// level l+1 the union of packFanout consecutive nodes of level l. Built in
// one linear pass, searched without allocation. Each level is four
// parallel arrays of box bounds (lon/lat degrees).
type packedTree struct {
	levels []boxes
}

// packFanout is the number of children of an inner node.
const packFanout = 16

type boxes struct {
	minX, minY, maxX, maxY []float64
}

func (b *boxes) len() int { return len(b.minX) }

func (b *boxes) add(lo, hi [2]float64) {
	b.minX, b.minY = append(b.minX, lo[0]), append(b.minY, lo[1])
	b.maxX, b.maxY = append(b.maxX, hi[0]), append(b.maxY, hi[1])
}

// newPackedTree builds the tree over leaves (which it keeps).
func newPackedTree(leaves boxes) packedTree {
	t := packedTree{levels: []boxes{leaves}}
	for cur := leaves; cur.len() > packFanout; {
		var up boxes
		for k := 0; k < cur.len(); k += packFanout {
			end := min(k+packFanout, cur.len())
			lo := [2]float64{cur.minX[k], cur.minY[k]}
			hi := [2]float64{cur.maxX[k], cur.maxY[k]}
			for c := k + 1; c < end; c++ {
				lo = [2]float64{min(lo[0], cur.minX[c]), min(lo[1], cur.minY[c])}
				hi = [2]float64{max(hi[0], cur.maxX[c]), max(hi[1], cur.maxY[c])}
			}
			up.add(lo, hi)
		}
		t.levels = append(t.levels, up)
		cur = up
	}
	return t
}

// len is the number of leaves.
func (t *packedTree) len() int {
	if len(t.levels) == 0 {
		return 0
	}
	return t.levels[0].len()
}

// appendLeaves appends to dst every leaf whose box meets the box lo–hi
// (edges included), once each, and returns it. stack is scratch.
func (t *packedTree) appendLeaves(lo, hi [2]float64, dst []int32, stack *[]treeRef) []int32 {
	if len(t.levels) == 0 {
		return dst
	}
	top := len(t.levels) - 1
	st := append((*stack)[:0], treeRef{int32(top), 0})
	for len(st) > 0 {
		r := st[len(st)-1]
		st = st[:len(st)-1]
		b := &t.levels[r.level]
		from, to := 0, b.len()
		if r.level < int32(top) {
			from, to = int(r.node)*packFanout, min(int(r.node+1)*packFanout, b.len())
		}
		for k := from; k < to; k++ {
			if b.minX[k] > hi[0] || b.maxX[k] < lo[0] || b.minY[k] > hi[1] || b.maxY[k] < lo[1] {
				continue
			}
			if r.level == 0 {
				dst = append(dst, int32(k))
			} else {
				st = append(st, treeRef{r.level - 1, int32(k)})
			}
		}
	}
	*stack = st
	return dst
}

// treeRef is a node of a packedTree: its level and its index there; the
// children of node k of level l+1 are nodes k·packFanout… of level l. The
// top level is read whole.
type treeRef struct{ level, node int32 }

// bytes is the memory of the tree's arrays.
func (t *packedTree) bytes() int64 {
	var n int64
	for _, l := range t.levels {
		n += int64(l.len()) * 4 * 8
	}
	return n
}
