package roads

// item is a heap entry: a node reached at cost with the label of the source
// it came from (the target index in multi-source searches).
type item struct {
	cost  float64
	label int32
	node  int32
}

// less orders by cost, then label, so that equal costs resolve to the
// lowest source index.
func (x item) less(y item) bool {
	return x.cost < y.cost || (x.cost == y.cost && x.label < y.label)
}

// minHeap is a 4-ary min-heap of items with lazy deletion (stale entries
// are skipped when popped): shallower than a binary heap, so fewer cache
// misses per operation.
type minHeap []item

func (h *minHeap) push(it item) {
	*h = append(*h, it)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !it.less(s[p]) {
			break
		}
		s[i] = s[p]
		i = p
	}
	s[i] = it
}

func (h *minHeap) pop() item {
	s := *h
	top := s[0]
	n := len(s) - 1
	last := s[n]
	s = s[:n]
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		best := c
		for k := c + 1; k < min(c+4, n); k++ {
			if s[k].less(s[best]) {
				best = k
			}
		}
		if !s[best].less(last) {
			break
		}
		s[i] = s[best]
		i = best
	}
	if n > 0 {
		s[i] = last
	}
	*h = s
	return top
}
