package roads

import (
	"slices"
	"testing"

	"github.com/catchment/catchment/internal/fresh"
)

// TestSpeedDefaultsFreshCopies changes the map DefaultSpeedsKmh returns and
// the slice RoutableClasses returns and checks that the next calls, and the
// builder's speeds, are unchanged.
func TestSpeedDefaultsFreshCopies(t *testing.T) {
	if speeds := fresh.Map(t, "DefaultSpeedsKmh", DefaultSpeedsKmh, "motorway", 1); speeds["motorway"] != 100 || speeds["unclassified"] != 30 {
		t.Errorf("DefaultSpeedsKmh() = %v", speeds)
	}
	var opt BuildOptions
	if v, ok := opt.classSpeedKmh("motorway"); !ok || v != 100 {
		t.Errorf("motorway speed %v %v after changing a returned map, want 100", v, ok)
	}
	if classes := fresh.Slice(t, "RoutableClasses", RoutableClasses, "footway"); !slices.Contains(classes, "track") || slices.Contains(classes, "footway") {
		t.Errorf("RoutableClasses() = %q", classes)
	}
	if !NonRoutable("footway") || NonRoutable("track") {
		t.Errorf("NonRoutable: footway %v, track %v", NonRoutable("footway"), NonRoutable("track"))
	}
}
