package odmatrix

import (
	"testing"

	"github.com/catchment/catchment/internal/fresh"
)

// TestColumnsFreshCopy changes the names Columns returns and checks that the
// next call is unchanged; a value that is not a field has no names.
func TestColumnsFreshCopy(t *testing.T) {
	first := map[Field]string{FieldOrigin: "origin_id", FieldDestination: "destination_id", FieldKm: "km",
		FieldMetres: "distance_m", FieldMinutes: "minutes", FieldSeconds: "seconds", Field(-1): "", numFields: ""}
	for f, want := range first {
		got := fresh.Slice(t, "Columns", func() []string { return Columns(f) }, "changed")
		if (want == "") != (got == nil) || (want != "" && got[0] != want) {
			t.Errorf("Columns(%d) = %q, want names from %q", f, got, want)
		}
	}
}
