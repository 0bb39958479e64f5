package osm

import (
	"slices"
	"testing"

	"github.com/catchment/catchment/internal/fresh"
	"github.com/catchment/catchment/roads"
)

// TestDefaultClassesFreshCopy changes the returned classes and checks that
// the next call and Routable are unchanged.
func TestDefaultClassesFreshCopy(t *testing.T) {
	got := fresh.Slice(t, "DefaultClasses", DefaultClasses, "footway")
	if want := roads.RoutableClasses(); !slices.Equal(got, want) || !slices.Contains(got, "track") || slices.Contains(got, "footway") {
		t.Errorf("DefaultClasses() = %q, want roads.RoutableClasses() %q", got, want)
	}
	if Routable("footway") || !Routable("track") {
		t.Errorf("Routable: footway %v, track %v", Routable("footway"), Routable("track"))
	}
}
