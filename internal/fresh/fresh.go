// Package fresh is a test helper: it checks that a function returning a
// slice or a map returns a fresh copy, so that a caller changing what one
// call returned cannot change what the next call (or the package itself)
// sees. It imports nothing of the module, so any package's tests may use it.
package fresh

import (
	"maps"
	"slices"
	"testing"
)

// Slice calls get, overwrites every element of the result with junk, and
// fails t unless the next call returns what the first did. It returns that
// first result (before the change) for the caller's own assertions.
func Slice[T comparable](t testing.TB, name string, get func() []T, junk T) []T {
	t.Helper()
	got := get()
	want := slices.Clone(got)
	for i := range got {
		got[i] = junk
	}
	if again := get(); !slices.Equal(again, want) {
		t.Errorf("%s: after changing a returned slice the next call gives %v, want %v", name, again, want)
	}
	return want
}

// Map calls get, sets key to junk and deletes every other key of the
// result, and fails t unless the next call returns what the first did. It
// returns that first result (before the change).
func Map[K, V comparable](t testing.TB, name string, get func() map[K]V, key K, junk V) map[K]V {
	t.Helper()
	got := get()
	want := maps.Clone(got)
	for k := range got {
		delete(got, k)
	}
	got[key] = junk
	if again := get(); !maps.Equal(again, want) {
		t.Errorf("%s: after changing a returned map the next call gives %v, want %v", name, again, want)
	}
	return want
}
