package programme

import (
	"slices"
	"testing"

	"github.com/catchment/catchment/internal/fresh"
)

// TestDefaultsAreFreshCopies changes what each exported default returns and
// checks that the next call is unchanged.
func TestDefaultsAreFreshCopies(t *testing.T) {
	want := []string{IndVillageDoctors, IndTHCStaff, IndPrimaryCare, IndGPs, IndLicensedShare, IndFeverClinic, IndAmbulance}
	if got := fresh.Slice(t, "ScorecardIndicators", ScorecardIndicators, "changed"); !slices.Equal(got, want) {
		t.Errorf("ScorecardIndicators() = %q, want %q", got, want)
	}
	if w := fresh.Map(t, "DefaultScorecardWeights", DefaultScorecardWeights, IndGPs, 7); len(w) != len(want) || w[IndGPs] != 1 {
		t.Errorf("DefaultScorecardWeights() = %v, want 1 for each of %q", w, want)
	}
	if ts := fresh.Map(t, "DefaultScorecardTargets", DefaultScorecardTargets, IndGPs, Target{Min: -1}); len(ts) != len(want) || ts[IndGPs].Min != 4 {
		t.Errorf("DefaultScorecardTargets() = %v", ts)
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
}
