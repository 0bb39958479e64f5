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

// minHeap is a binary min-heap of items with lazy deletion (stale entries
// are skipped when popped).
type minHeap []item

func (h *minHeap) push(it item) {
	*h = append(*h, it)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !s[i].less(s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *minHeap) pop() item {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		c := l
		if r := l + 1; r < n && s[r].less(s[l]) {
			c = r
		}
		if !s[c].less(s[i]) {
			break
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
	*h = s
	return top
}
