package osm

import (
	"cmp"
	"context"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	posm "github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"

	"github.com/catchment/catchment/roads"
)

const andorraPBF = "testdata/andorra-2021-10-28.osm.pbf"

// andorraRef is the Andorra extract read plainly with the library's
// scanner, no filtering: every node and every way.
type andorraRef struct {
	nodes map[int64]orb.Point
	ways  map[int64]*posm.Way
}

var (
	andorraOnce   sync.Once
	andorraShared *andorraRef
	andorraErr    error
)

// loadAndorraRef reads the reference once for all tests; tests must not
// change it.
func loadAndorraRef(t *testing.T) *andorraRef {
	t.Helper()
	andorraOnce.Do(func() { andorraShared, andorraErr = scanAndorraRef() })
	if andorraErr != nil {
		t.Fatal(andorraErr)
	}
	return andorraShared
}

func scanAndorraRef() (*andorraRef, error) {
	f, err := os.Open(andorraPBF)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ref := &andorraRef{nodes: map[int64]orb.Point{}, ways: map[int64]*posm.Way{}}
	sc := osmpbf.New(context.Background(), f, 1)
	defer sc.Close()
	for sc.Scan() {
		switch o := sc.Object().(type) {
		case *posm.Node:
			ref.nodes[int64(o.ID)] = orb.Point{o.Lon, o.Lat}
		case *posm.Way:
			ref.ways[int64(o.ID)] = o
		}
	}
	return ref, sc.Err()
}

// refRoutable is an independent statement of the package's road rule.
func refRoutable(w *posm.Way) bool {
	if !Routable(w.Tags.Find("highway")) || w.Tags.Find("area") == "yes" {
		return false
	}
	for _, k := range []string{"motorcar", "motor_vehicle", "vehicle", "access"} {
		if v := w.Tags.Find(k); v != "" {
			return v != "no" && v != "private"
		}
	}
	return true
}

func TestAndorraWholeFile(t *testing.T) {
	ref := loadAndorraRef(t)
	var calls int
	var last, total int64
	ways, rep, err := Load(context.Background(), andorraPBF, Options{Progress: func(n, tot int64) {
		if n < last {
			t.Errorf("progress went back from %d to %d", last, n)
		}
		calls, last, total = calls+1, n, tot
	}})
	if err != nil {
		t.Fatal(err)
	}
	checkAccounting(t, rep)
	if calls == 0 || last != 1849301 || total != 1849301 {
		t.Errorf("progress: %d calls, last %d of %d", calls, last, total)
	}
	if rep.Nodes != int64(len(ref.nodes)) || rep.Ways != int64(len(ref.ways)) {
		t.Errorf("report counts %d nodes %d ways, file has %d and %d", rep.Nodes, rep.Ways, len(ref.nodes), len(ref.ways))
	}
	kept := map[int64]bool{}
	for _, w := range ways {
		checkWayAgainstRef(t, ref, w)
		kept[wayNum(t, w.ID)] = true
	}
	want := 0
	for id, w := range ref.ways {
		if refRoutable(w) {
			want++
			if !kept[id] {
				t.Errorf("routable way/%d not kept", id)
			}
		}
	}
	if len(kept) != want || rep.WaysKept != want {
		t.Errorf("kept %d ways (report %d), reference says %d routable", len(kept), rep.WaysKept, want)
	}
	t.Logf("Andorra: %d nodes, %d ways in the file; %d routable ways kept as %d pieces over %d nodes",
		rep.Nodes, rep.Ways, rep.WaysKept, rep.Pieces, rep.NodesUsed)
}

func wayNum(t *testing.T, id string) int64 {
	t.Helper()
	var n int64
	for _, c := range id[len("way/"):] {
		n = n*10 + int64(c-'0')
	}
	return n
}

// checkWayAgainstRef asserts that w is a run of consecutive nodes of the
// way it names, with the file's coordinates and tags.
func checkWayAgainstRef(t *testing.T, ref *andorraRef, w roads.Way) {
	t.Helper()
	src := ref.ways[wayNum(t, w.ID)]
	if src == nil || !refRoutable(src) || src.Tags.Find("highway") != w.Highway {
		t.Fatalf("%s: not a routable way of the file", w.ID)
	}
	if len(w.Points) < 2 || len(w.Points) != len(w.NodeIDs) {
		t.Fatalf("%s: %d points, %d node ids", w.ID, len(w.Points), len(w.NodeIDs))
	}
	start := -1
	for i, n := range src.Nodes {
		if int64(n.ID) == w.NodeIDs[0] {
			start = i
			break
		}
	}
	if start < 0 {
		t.Fatalf("%s: first node %d not in the source way", w.ID, w.NodeIDs[0])
	}
	j := start
	for i, id := range w.NodeIDs {
		for j < len(src.Nodes) && i > 0 && int64(src.Nodes[j].ID) == w.NodeIDs[i-1] {
			j++ // repeated nodes removed
		}
		if j >= len(src.Nodes) || int64(src.Nodes[j].ID) != id {
			t.Fatalf("%s: node %d is not the next of the source way", w.ID, id)
		}
		if ref.nodes[id] != w.Points[i] {
			t.Fatalf("%s: node %d at %v, file says %v", w.ID, id, w.Points[i], ref.nodes[id])
		}
	}
}

func TestAndorraBound(t *testing.T) {
	ref := loadAndorraRef(t)
	// Around Andorra la Vella, 1 km margin.
	box := orb.Bound{Min: orb.Point{1.51, 42.50}, Max: orb.Point{1.54, 42.52}}
	opt := Options{Bound: box, MarginKm: 1, Procs: 2}
	ways, rep, err := Load(context.Background(), andorraPBF, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkAccounting(t, rep)
	reg, _ := newRegion(box, 1)
	if rep.Region != reg.bound || rep.NodesInRegion >= int(rep.Nodes)/2 {
		t.Errorf("region %v, %d of %d nodes kept", rep.Region, rep.NodesInRegion, rep.Nodes)
	}
	// Reference: cut every routable way of the file into its maximal runs
	// of nodes inside the region.
	var want [][]int64
	for _, w := range sortedWays(ref) {
		if !refRoutable(w) {
			continue
		}
		var run []int64
		for _, n := range append(w.Nodes, posm.WayNode{ID: -1}) {
			p, ok := ref.nodes[int64(n.ID)]
			if ok && reg.bound.Contains(p) {
				if len(run) == 0 || run[len(run)-1] != int64(n.ID) {
					run = append(run, int64(n.ID))
				}
				continue
			}
			if len(run) >= 2 {
				want = append(want, run)
			}
			run = nil
		}
	}
	if len(ways) != len(want) {
		t.Fatalf("%d pieces, reference cut gives %d", len(ways), len(want))
	}
	for i, w := range ways {
		checkWayAgainstRef(t, ref, w)
		if len(w.NodeIDs) != len(want[i]) {
			t.Fatalf("piece %d (%s): %v, reference %v", i, w.ID, w.NodeIDs, want[i])
		}
		for k := range w.NodeIDs {
			if w.NodeIDs[k] != want[i][k] {
				t.Fatalf("piece %d (%s): %v, reference %v", i, w.ID, w.NodeIDs, want[i])
			}
		}
	}
	t.Logf("bound %v: %d of %d nodes held, %d pieces", rep.Region, rep.NodesInRegion, rep.Nodes, len(ways))
}

// sortedWays lists the reference ways in id order, the file's order.
func sortedWays(ref *andorraRef) []*posm.Way {
	ws := make([]*posm.Way, 0, len(ref.ways))
	for _, w := range ref.ways {
		ws = append(ws, w)
	}
	slices.SortFunc(ws, func(a, b *posm.Way) int { return cmp.Compare(a.ID, b.ID) })
	return ws
}
