package enc

import (
	"testing"

	"github.com/catchment/catchment/internal/fresh"
)

// TestListsAreFreshCopies changes the slices PlanReserved and MetricColumns
// return and checks that the next call is unchanged.
func TestListsAreFreshCopies(t *testing.T) {
	if got := fresh.Slice(t, "PlanReserved", PlanReserved, "changed"); len(got) != 42 || got[0] != "layer" {
		t.Errorf("PlanReserved() = %q, want 42 names from \"layer\"", got)
	}
	if got := fresh.Slice(t, "MetricColumns", MetricColumns, "changed"); len(got) != 6 || got[0] != "road_km" {
		t.Errorf("MetricColumns() = %q, want 6 names from \"road_km\"", got)
	}
}
