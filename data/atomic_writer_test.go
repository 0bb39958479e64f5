package data

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/internal/fixture"
)

// TestWriteFileAtomicWithWriter runs a real writer through WriteFileAtomic,
// as the command line does.
func TestWriteFileAtomicWithWriter(t *testing.T) {
	f := fixture.NewCoverage(t, 15)
	path := filepath.Join(t.TempDir(), "coverage.geojson")
	if err := atomicfile.WriteFileAtomic(path, func(w io.Writer) error {
		return geojsonio.WriteCoverageGeoJSON(w, f.Villages, f.Facilities, f.Res)
	}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "golden", "coverage_single.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("file differs from the golden coverage_single.geojson")
	}
}
