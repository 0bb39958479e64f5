package lru

import (
	"errors"
	"testing"
)

// TestBoundedTable: at most max values are kept, the least
// recently used goes first and gives its memory back, a failed build is
// not kept, and a hit does not build.
func TestBoundedTable(t *testing.T) {
	c := New[*int](2)
	released := map[string]int{}
	builds := 0
	get := func(id string, fail bool) error {
		t.Helper()
		_, err := c.Get(id, func() (*int, func(), error) {
			builds++
			if fail {
				return nil, nil, errors.New("no value")
			}
			return new(int), func() { released[id]++ }, nil
		})
		return err
	}
	for _, step := range []struct {
		id         string
		fail       bool
		wantBuilds int
		wantLen    int
		wantFreed  string
	}{
		{"a", false, 1, 1, ""},
		{"b", false, 2, 2, ""},
		{"a", false, 2, 2, ""},  // hit: a is now the most recent
		{"c", false, 3, 2, "b"}, // b was the least recently used
		{"x", true, 4, 2, ""},   // failed: not kept
		{"x", true, 5, 2, ""},   // and built again
		{"a", false, 5, 2, ""},
	} {
		err := get(step.id, step.fail)
		if (err != nil) != step.fail {
			t.Fatalf("get %s: %v", step.id, err)
		}
		if builds != step.wantBuilds || c.Len() != step.wantLen {
			t.Fatalf("after get %s: %d builds, %d cached; want %d and %d", step.id, builds, c.Len(), step.wantBuilds, step.wantLen)
		}
		if step.wantFreed != "" && released[step.wantFreed] != 1 {
			t.Fatalf("after get %s: %s released %d times, want once", step.id, step.wantFreed, released[step.wantFreed])
		}
	}
	c.Drop("a")
	if released["a"] != 1 || c.Len() != 1 {
		t.Errorf("drop a: released %d times, %d cached", released["a"], c.Len())
	}
}
