package enc

import (
	"slices"
	"testing"
)

// TestListsAreFreshCopies changes the slices the exported list functions
// return and checks that the next call returns what it did before.
func TestListsAreFreshCopies(t *testing.T) {
	tests := []struct {
		name  string
		list  func() []string
		first string
		n     int
	}{
		{"PlanReserved", PlanReserved, "layer", 42},
		{"MetricColumns", MetricColumns, "road_km", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.list()
			if len(got) != tt.n || got[0] != tt.first {
				t.Fatalf("%s() = %q, want %d names from %q", tt.name, got, tt.n, tt.first)
			}
			want := slices.Clone(got)
			for i := range got {
				got[i] = "changed"
			}
			if again := tt.list(); !slices.Equal(again, want) {
				t.Errorf("after changing a returned slice %s() = %q, want %q", tt.name, again, want)
			}
		})
	}
}
