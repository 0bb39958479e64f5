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

// search calls fn with every leaf whose box meets the box lo–hi (edges
// included), once each.
func (t *packedTree) search(lo, hi [2]float64, fn func(leaf int32)) {
	if len(t.levels) == 0 {
		return
	}
	top := len(t.levels) - 1
	t.visit(top, 0, t.levels[top].len(), lo, hi, fn)
}

func (t *packedTree) visit(level, from, to int, lo, hi [2]float64, fn func(int32)) {
	b := &t.levels[level]
	for k := from; k < to; k++ {
		if b.minX[k] > hi[0] || b.maxX[k] < lo[0] || b.minY[k] > hi[1] || b.maxY[k] < lo[1] {
			continue
		}
		if level == 0 {
			fn(int32(k))
		} else {
			below := t.levels[level-1].len()
			t.visit(level-1, k*packFanout, min((k+1)*packFanout, below), lo, hi, fn)
		}
	}
}

// bytes is the memory of the tree's arrays.
func (t *packedTree) bytes() int64 {
	var n int64
	for _, l := range t.levels {
		n += int64(l.len()) * 4 * 8
	}
	return n
}
