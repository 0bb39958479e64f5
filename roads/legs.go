package roads

import "math"

// leg is the part of a chain between a snapped point and one of the
// chain's ends: the end's graph node, its chain position (0 or the chain's
// length) and the metres and seconds of the part.
type leg struct {
	node  int32
	posM  float64
	m, s  float64
	valid bool
}

// exits are the legs along which a trip may leave the snapped point h for
// the graph (respecting oneway): to the chain's end b if it may be
// travelled forward, to its start a if backward.
func (net *Network) exits(h segHit) [2]leg {
	return net.legs(h, false)
}

// entries are the legs along which a trip may arrive at h from the graph.
func (net *Network) entries(h segHit) [2]leg {
	return net.legs(h, true)
}

func (net *Network) legs(h segHit, arrive bool) [2]leg {
	c := net.place.chain[h.seg]
	ch := &net.ch
	spm := ch.spm[c]
	pos := net.chainPos(h.seg, h.alongM)
	toA := math.Max(pos, 0)
	toB := math.Max(ch.lenM[c]-pos, 0)
	// Leaving towards b, or arriving from a, is travel in the forward direction.
	fa, fb := ch.forward(c), ch.backward(c)
	la := leg{node: ch.a[c], posM: 0, m: toA, s: toA * spm}
	lb := leg{node: ch.b[c], posM: ch.lenM[c], m: toB, s: toB * spm}
	// A leg of no length is no travel: a point on a chain's end node joins
	// that node whatever the chain's direction.
	if arrive {
		la.valid, lb.valid = fa || toA == 0, fb || toB == 0
		return [2]leg{la, lb}
	}
	lb.valid, la.valid = fa || toB == 0, fb || toA == 0
	return [2]leg{lb, la}
}

// direct returns the metres and seconds from snapped point o to snapped
// point t along their common chain, ok false when they are on different
// chains or oneway forbids it.
func (net *Network) direct(o, t segHit) (m, s float64, ok bool) {
	c := net.place.chain[o.seg]
	if c != net.place.chain[t.seg] {
		return 0, 0, false
	}
	d := net.chainPos(t.seg, t.alongM) - net.chainPos(o.seg, o.alongM)
	switch {
	case d >= 0 && net.ch.forward(c):
	case d <= 0 && net.ch.backward(c):
		d = -d
	default:
		return 0, 0, false
	}
	return d, d * net.ch.spm[c], true
}

// accessLeg is the metres and seconds of a site's off-road leg.
func (m Metric) accessLeg(h segHit) (float64, float64) {
	return h.distM, h.distM * m.accessSecondsPerM()
}

// targetSeeds returns the search sources of target snap t with label j:
// the segment nodes from which t can be reached, entered at the cost of the
// leg into t plus t's off-road leg.
func (m Metric) targetSeeds(t segHit, j int32, dst []seed) []seed {
	am, as := m.accessLeg(t)
	for _, l := range m.Net.entries(t) {
		if l.valid {
			c, o := m.pick(am+l.m, as+l.s)
			dst = append(dst, seed{node: l.node, cost: c, other: o, label: j})
		}
	}
	return dst
}

// viaGraph returns the best (cost, other, label) of origin snap o leaving
// by its exits into a finished search sc; label -1 when no exit was
// reached.
func (m Metric) viaGraph(sc *scratch, o segHit) (cost, other float64, label int32) {
	cost, other, label = math.Inf(1), math.Inf(1), -1
	am, as := m.accessLeg(o)
	for _, l := range m.Net.exits(o) {
		if !l.valid {
			continue
		}
		c, oth, lab, ok := sc.reached(l.node)
		if !ok {
			continue
		}
		lc, lo := m.pick(am+l.m, as+l.s)
		if better3(c+lc, lab, cost, label) {
			cost, other, label = c+lc, oth+lo, lab
		}
	}
	return cost, other, label
}

// viaSegment returns the (cost, other) of origin o to target t along their
// common segment, ok false when there is no such trip.
func (m Metric) viaSegment(o, t segHit) (cost, other float64, ok bool) {
	dm, ds, ok := m.Net.direct(o, t)
	if !ok {
		return 0, 0, false
	}
	om, os := m.accessLeg(o)
	tm, ts := m.accessLeg(t)
	cost, other = m.pick(om+dm+tm, os+ds+ts)
	return cost, other, true
}

// better3 orders (cost, label) pairs, label -1 being worst.
func better3(c float64, l int32, than float64, thanL int32) bool {
	if thanL < 0 {
		return l >= 0
	}
	return c < than || (c == than && l < thanL)
}
