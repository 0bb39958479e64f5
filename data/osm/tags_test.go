package osm

import (
	"slices"
	"testing"

	"github.com/catchment/catchment/roads"
)

// TestDefaultClassesFreshCopy changes the returned classes and checks that
// the next call and Routable are unchanged.
func TestDefaultClassesFreshCopy(t *testing.T) {
	want := roads.RoutableClasses()
	got := DefaultClasses()
	if !slices.Equal(got, want) || !slices.Contains(got, "track") || slices.Contains(got, "footway") {
		t.Fatalf("DefaultClasses() = %q, want roads.RoutableClasses() %q", got, want)
	}
	for i := range got {
		got[i] = "footway"
	}
	if again := DefaultClasses(); !slices.Equal(again, want) {
		t.Errorf("after changing a returned slice DefaultClasses() = %q, want %q", again, want)
	}
	if Routable("footway") || !Routable("track") {
		t.Errorf("Routable changed with a returned slice: footway %v, track %v", Routable("footway"), Routable("track"))
	}
}
