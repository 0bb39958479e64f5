package odmatrix

import (
	"slices"
	"testing"
)

// TestColumnsFreshCopy changes the names Columns returns and checks that the
// next call and the header reader are unchanged.
func TestColumnsFreshCopy(t *testing.T) {
	tests := []struct {
		f     Field
		first string
		n     int
	}{
		{FieldOrigin, "origin_id", 12},
		{FieldDestination, "destination_id", 13},
		{FieldKm, "km", 11},
		{FieldMetres, "distance_m", 8},
		{FieldMinutes, "minutes", 12},
		{FieldSeconds, "seconds", 6},
		{Field(-1), "", 0},
		{numFields, "", 0},
	}
	for _, tt := range tests {
		got := Columns(tt.f)
		if len(got) != tt.n || (tt.n > 0 && got[0] != tt.first) {
			t.Fatalf("Columns(%d) = %q, want %d names from %q", tt.f, got, tt.n, tt.first)
		}
		want := slices.Clone(got)
		for i := range got {
			got[i] = "changed"
		}
		if again := Columns(tt.f); !slices.Equal(again, want) {
			t.Errorf("after changing a returned slice Columns(%d) = %q, want %q", tt.f, again, want)
		}
	}
	if _, err := parseHeader("t.csv", []string{"origin_id", "destination_id", "km"}); err != nil {
		t.Errorf("header after changing returned names: %v", err)
	}
}
