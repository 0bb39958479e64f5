package geo

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// odRandom draws a table over ids "s0".."s(n-1)" with about density of
// the n² pairs (self pairs included), each with km, minutes or both.
func odRandom(rng *rand.Rand, n int, density float64) []ODPair {
	var pairs []ODPair
	for o := range n {
		for d := range n {
			if rng.Float64() >= density {
				continue
			}
			p := ODPair{OriginID: fmt.Sprint("s", o), DestinationID: fmt.Sprint("s", d),
				Km: float64(rng.IntN(40)), Minutes: float64(rng.IntN(60))} // small ints: many ties
			switch rng.IntN(5) {
			case 0:
				p.Km = math.NaN()
			case 1:
				p.Minutes = math.NaN()
			}
			pairs = append(pairs, p)
		}
	}
	rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	return pairs
}

// odSites draws sites from ids s0..s(n+2): some absent from the table, some
// repeated, some with no ID.
func odSites(rng *rand.Rand, n, count int) []Site {
	sites := make([]Site, count)
	for i := range sites {
		if rng.IntN(10) > 0 {
			sites[i].ID = fmt.Sprint("s", rng.IntN(n+3))
		}
	}
	return sites
}

// odNaive is the cost rule stated plainly, pair by pair.
type odNaive struct {
	pairs map[[2]string]ODPair
	unit  CostUnit
}

func (nv odNaive) cost(o, t Site, sameSite bool) (Reach, bool) {
	p, ok := nv.pairs[[2]string{o.ID, t.ID}]
	if !ok || o.ID == "" || t.ID == "" {
		if sameSite || (o.ID != "" && o.ID == t.ID) {
			return Reach{}, true
		}
		return Reach{}, false
	}
	r := Reach{DistanceM: p.Km * 1000, Seconds: p.Minutes * 60, Cost: p.Km * 1000}
	if nv.unit == Seconds {
		r.Cost = p.Minutes * 60
	}
	return r, true
}

func TestODMatrixMatchesNaive(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 9))
		n := 1 + rng.IntN(25)
		pairs := odRandom(rng, n, rng.Float64())
		unit := CostUnit(rng.IntN(2))
		usable := pairs[:0:0]
		for _, p := range pairs {
			if (unit == Metres && !math.IsNaN(p.Km)) || (unit == Seconds && !math.IsNaN(p.Minutes)) {
				usable = append(usable, p)
			}
		}
		m, err := NewODMatrix(usable, unit)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		nv := odNaive{pairs: map[[2]string]ODPair{}, unit: unit}
		for _, p := range usable {
			nv.pairs[[2]string{p.OriginID, p.DestinationID}] = p
		}
		origins, targets := odSites(rng, n, rng.IntN(30)), odSites(rng, n, rng.IntN(30))
		for _, limit := range []float64{math.Inf(1), 0, float64(rng.IntN(40)) * 1000, float64(rng.IntN(60)) * 60} {
			near, err := m.Nearest(ctx, origins, targets, limit)
			if err != nil {
				t.Fatal(err)
			}
			within, err := m.Within(ctx, origins, targets, limit)
			if err != nil {
				t.Fatal(err)
			}
			wantNear, wantWithin := odNaiveQueries(nv, origins, targets, limit)
			if !reachesEqual(near, wantNear) {
				t.Fatalf("seed %d limit %v: Nearest\n got %v\nwant %v", seed, limit, near, wantNear)
			}
			for j := range targets {
				if !reachesEqual(within[j], wantWithin[j]) {
					t.Fatalf("seed %d limit %v target %d: Within\n got %v\nwant %v", seed, limit, j, within[j], wantWithin[j])
				}
			}
		}
		checkODMatrix(t, m, nv, append(origins, targets...))
	}
}

func odNaiveQueries(nv odNaive, origins, targets []Site, limit float64) ([]Reach, [][]Reach) {
	near := make([]Reach, len(origins))
	within := make([][]Reach, len(targets))
	for i, o := range origins {
		near[i] = odNoReach
		for j, tg := range targets {
			r, ok := nv.cost(o, tg, false)
			if !ok || r.Cost > limit {
				continue
			}
			r.Index = j
			if near[i].Index < 0 || r.Cost < near[i].Cost {
				near[i] = r
			}
			within[j] = append(within[j], Reach{Index: i, Cost: r.Cost, DistanceM: r.DistanceM, Seconds: r.Seconds})
		}
	}
	return near, within
}

func checkODMatrix(t *testing.T, m *ODMatrix, nv odNaive, sites []Site) {
	t.Helper()
	got, err := m.Matrix(context.Background(), sites)
	if err != nil {
		t.Fatal(err)
	}
	n := len(sites)
	for i := range n {
		for j := range n {
			want := math.Inf(1)
			if r, ok := nv.cost(sites[i], sites[j], i == j); ok {
				want = r.Cost
			}
			if got[i*n+j] != want {
				t.Fatalf("Matrix[%d][%d] (%q→%q) = %v, want %v", i, j, sites[i].ID, sites[j].ID, got[i*n+j], want)
			}
		}
	}
}

// reachesEqual compares Reaches, NaN equal to NaN.
func reachesEqual(a, b []Reach) bool {
	if len(a) != len(b) {
		return false
	}
	same := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	for i := range a {
		if a[i].Index != b[i].Index || !same(a[i].Cost, b[i].Cost) || !same(a[i].DistanceM, b[i].DistanceM) ||
			!same(a[i].Seconds, b[i].Seconds) {
			return false
		}
	}
	return true
}

func TestNewODMatrixRejects(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name  string
		pairs []ODPair
		unit  CostUnit
		index int
	}{
		{"empty id", []ODPair{{"a", "", 1, 1}}, Metres, 0},
		{"no cost", []ODPair{{"a", "b", 1, 1}, {"a", "c", nan, nan}}, Metres, 1},
		{"no km", []ODPair{{"a", "b", nan, 3}}, Metres, 0},
		{"no minutes", []ODPair{{"a", "b", 3, nan}}, Seconds, 0},
		{"negative", []ODPair{{"a", "b", -1, 3}}, Seconds, 0},
		{"infinite", []ODPair{{"a", "b", 1, math.Inf(1)}}, Metres, 0},
		{"repeat", []ODPair{{"a", "b", 1, 1}, {"b", "a", 1, 1}, {"a", "b", 2, 2}}, Metres, 2},
	} {
		_, err := NewODMatrix(c.pairs, c.unit)
		var pe *ODPairError
		if !errors.As(err, &pe) || !errors.Is(err, ErrODMatrix) || pe.Index != c.index {
			t.Errorf("%s: err = %v, want pair %d", c.name, err, c.index)
		}
	}
	if _, err := NewODMatrix(nil, CostUnit(7)); !errors.Is(err, ErrODMatrix) {
		t.Errorf("bad unit: %v", err)
	}
}

func TestODMatrixBasics(t *testing.T) {
	m, err := NewODMatrix([]ODPair{{"v1", "f1", 12.5, 20}, {"v1", "f2", 8, math.NaN()}, {"v2", "f1", 3, 4}}, Metres)
	if err != nil {
		t.Fatal(err)
	}
	if m.Name() != "od" || m.Unit() != Metres || m.Len() != 3 {
		t.Errorf("name %q unit %v len %d", m.Name(), m.Unit(), m.Len())
	}
	if km, min, ok := m.Pair("v1", "f1"); !ok || km != 12.5 || min != 20 {
		t.Errorf("Pair = %v %v %v", km, min, ok)
	}
	if _, _, ok := m.Pair("f1", "v1"); ok {
		t.Error("reverse pair found")
	}
	got, err := m.Nearest(context.Background(), []Site{{ID: "v1"}, {ID: "v9"}},
		[]Site{{ID: "f1"}, {ID: "f2"}}, 10000)
	if err != nil {
		t.Fatal(err)
	}
	want := []Reach{{Index: 1, Cost: 8000, DistanceM: 8000, Seconds: math.NaN()}, odNoReach}
	if !reachesEqual(got, want) {
		t.Errorf("Nearest = %v, want %v", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Within(ctx, nil, []Site{{ID: "f1"}}, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Within: %v", err)
	}
}

func TestODPairsWith(t *testing.T) {
	pairs := []ODPair{{"a", "b", 1, math.NaN()}, {"a", "c", math.NaN(), 2}, {"b", "c", 3, 4}}
	kept, missing := ODPairsWith(pairs, Seconds)
	if len(kept) != 2 || kept[0].DestinationID != "c" || kept[1].OriginID != "b" || len(missing) != 1 || missing[0] != 0 {
		t.Errorf("Seconds: kept %v missing %v", kept, missing)
	}
	if _, err := NewODMatrix(kept, Seconds); err != nil {
		t.Error(err)
	}
	kept, missing = ODPairsWith(pairs, Metres)
	if len(kept) != 2 || len(missing) != 1 || missing[0] != 1 {
		t.Errorf("Metres: kept %v missing %v", kept, missing)
	}
}
