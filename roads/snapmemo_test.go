package roads

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/catchment/catchment/geo"
)

// TestSnapMemoSameResults runs every query with and without a memo, twice
// with it (the second time from the memo), on a network of many pieces
// where restricted snaps (a fragment passed over) happen, and wants the
// same answers.
func TestSnapMemoSameResults(t *testing.T) {
	ctx := context.Background()
	net := mustBuild(t, randomWays(21, 16, 0.55, 0.2))
	if net.Components() < 5 {
		t.Fatalf("want a network of many pieces, got %d", net.Components())
	}
	origins, targets := randomSites(30, 80, 16), randomSites(31, 9, 16)
	type answers struct {
		Near    []geo.Reach
		Within  [][]geo.Reach
		Matrix  []float64
		Path    [][]float64
		O, T, A []geo.Access
	}
	run := func(m Metric) answers {
		var a answers
		var err error
		must := func(e error) {
			if e != nil && err == nil {
				err = e
			}
		}
		a.Near, err = m.Nearest(ctx, origins, targets, math.Inf(1))
		w, e := m.Within(ctx, origins, targets, 4000)
		a.Within = w
		must(e)
		mat, e := m.Matrix(ctx, append(origins[:12:12], targets...))
		a.Matrix = mat
		must(e)
		for k := range 6 {
			ls, e := m.Path(ctx, origins[k], targets[k])
			if e == nil {
				a.Path = append(a.Path, []float64{float64(len(ls)), ls[len(ls)/2][0], ls[len(ls)/2][1]})
			}
		}
		a.O, a.T, e = m.AccessTo(ctx, origins, targets)
		must(e)
		a.A, e = m.Access(ctx, origins)
		must(e)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, cost := range []Cost{ByDistance, ByTime} {
		plain := run(Metric{Net: net, Cost: cost, MaxSnapKm: 2})
		memo := NewSnapMemo()
		m := Metric{Net: net, Cost: cost, MaxSnapKm: 2, Memo: memo}
		for pass := range 2 {
			if got := run(m); !reflect.DeepEqual(got, plain) {
				t.Fatalf("cost %d pass %d: answers with a memo differ from those without", cost, pass)
			}
		}
		if memo.len() == 0 {
			t.Fatal("the memo remembered nothing")
		}
		// The memo serves its first network and distance only: used with
		// others it must not answer from what it remembers.
		if got := run(Metric{Net: net, Cost: cost, MaxSnapKm: 1, Memo: memo}); !reflect.DeepEqual(got, run(Metric{Net: net, Cost: cost, MaxSnapKm: 1})) {
			t.Fatalf("cost %d: a memo of another snapping distance changed the answers", cost)
		}
		other := mustBuild(t, randomWays(22, 16, 0.55, 0.2))
		if got := run(Metric{Net: other, Cost: cost, MaxSnapKm: 2, Memo: memo}); !reflect.DeepEqual(got, run(Metric{Net: other, Cost: cost, MaxSnapKm: 2})) {
			t.Fatalf("cost %d: a memo of another network changed the answers", cost)
		}
		passed := 0
		for _, a := range plain.O {
			if a.PassedOverM > 0 {
				passed++
			}
		}
		if passed == 0 {
			t.Error("no origin passed over a fragment: the restricted snaps went untested")
		}
	}
}
