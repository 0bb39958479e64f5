package roads

import (
	"maps"
	"slices"
	"testing"
)

// TestSpeedDefaultsFreshCopies changes the map DefaultSpeedsKmh returns and
// the slice RoutableClasses returns and checks that the next calls, and the
// builder's speeds, are unchanged.
func TestSpeedDefaultsFreshCopies(t *testing.T) {
	speeds := DefaultSpeedsKmh()
	wantSpeeds := maps.Clone(speeds)
	if speeds["motorway"] != 100 || speeds["unclassified"] != 30 {
		t.Fatalf("DefaultSpeedsKmh() = %v", speeds)
	}
	speeds["motorway"] = 1
	speeds["footway"] = 5
	delete(speeds, "track")
	if again := DefaultSpeedsKmh(); !maps.Equal(again, wantSpeeds) {
		t.Errorf("after changing a returned map DefaultSpeedsKmh() = %v, want %v", again, wantSpeeds)
	}
	var opt BuildOptions
	if v, ok := opt.classSpeedKmh("motorway"); !ok || v != 100 {
		t.Errorf("motorway speed %v %v after changing a returned map, want 100", v, ok)
	}

	classes := RoutableClasses()
	wantClasses := slices.Clone(classes)
	for i := range classes {
		classes[i] = "footway"
	}
	if again := RoutableClasses(); !slices.Equal(again, wantClasses) {
		t.Errorf("after changing a returned slice RoutableClasses() = %q, want %q", again, wantClasses)
	}
	if !NonRoutable("footway") || NonRoutable("track") {
		t.Errorf("NonRoutable: footway %v, track %v", NonRoutable("footway"), NonRoutable("track"))
	}
}
