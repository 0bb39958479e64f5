package programme

import (
	"maps"
	"slices"
	"testing"
)

// TestDefaultsAreFreshCopies changes what each exported default returns and
// checks that the next call (and the package's own use of it) is unchanged.
func TestDefaultsAreFreshCopies(t *testing.T) {
	want := []string{IndVillageDoctors, IndTHCStaff, IndPrimaryCare, IndGPs, IndLicensedShare, IndFeverClinic, IndAmbulance}
	got := ScorecardIndicators()
	if !slices.Equal(got, want) {
		t.Fatalf("ScorecardIndicators() = %q, want %q", got, want)
	}
	got[0], got[len(got)-1] = "changed", "changed"
	if again := ScorecardIndicators(); !slices.Equal(again, want) {
		t.Errorf("after changing a returned slice ScorecardIndicators() = %q, want %q", again, want)
	}
	if w := DefaultScorecardWeights(); len(w) != len(want) || w["changed"] != 0 {
		t.Errorf("DefaultScorecardWeights() = %v after changing a returned indicator list", w)
	}

	wantW := PhaseWeights{ServedPopulation: 1, DoctorGap: 2, DistanceToTHC: 1, NetworkUncovered: 2}
	w := DefaultPhaseWeights()
	if w != wantW {
		t.Fatalf("DefaultPhaseWeights() = %+v, want %+v", w, wantW)
	}
	w.DoctorGap = 99
	if again := DefaultPhaseWeights(); again != wantW {
		t.Errorf("after changing a returned value DefaultPhaseWeights() = %+v, want %+v", again, wantW)
	}

	targets := DefaultScorecardTargets()
	targets[IndGPs] = Target{Min: -1}
	delete(targets, IndAmbulance)
	if again := DefaultScorecardTargets(); again[IndGPs].Min != 4 || len(again) != len(want) {
		t.Errorf("after changing a returned map DefaultScorecardTargets() = %v", again)
	}
	weights := DefaultScorecardWeights()
	before := maps.Clone(weights)
	weights[IndGPs] = 7
	if again := DefaultScorecardWeights(); !maps.Equal(again, before) {
		t.Errorf("after changing a returned map DefaultScorecardWeights() = %v, want %v", again, before)
	}
}
