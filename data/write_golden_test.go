package data

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/report"
	"github.com/catchment/catchment/data/summary"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/geojsonio"

	"github.com/catchment/catchment/data/internal/fixture"
)

// updateGolden rewrites the writers' golden files: go test ./data -run Golden -update
var updateGolden = flag.Bool("update", false, "rewrite data/testdata/golden/* from the writers' current output")

// checkGolden compares got with testdata/golden/name, or rewrites the file
// with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from golden at line %d:\n got: %q\nwant: %q\n(run with -update if the change is intended)", name, i+1, g, w)
			}
		}
		t.Fatalf("%s differs from golden", name)
	}
}

func TestWritersGolden(t *testing.T) {
	single := fixture.NewCoverage(t, 15)
	multi := fixture.NewCoverage(t, 10, 12.5, 20)
	type writer func(buf *bytes.Buffer) error
	cov := func(f fixture.Coverage, w func(*bytes.Buffer, fixture.Coverage) error) writer {
		return func(buf *bytes.Buffer) error { return w(buf, f) }
	}
	cases := []struct {
		name  string
		write writer
	}{
		{"coverage_single.geojson", cov(single, func(b *bytes.Buffer, f fixture.Coverage) error {
			return geojsonio.WriteCoverageGeoJSON(b, f.Villages, f.Facilities, f.Res)
		})},
		{"coverage_multi.geojson", cov(multi, func(b *bytes.Buffer, f fixture.Coverage) error {
			return geojsonio.WriteCoverageGeoJSON(b, f.Villages, f.Facilities, f.Res)
		})},
		{"coverage_single.geojsons", cov(single, func(b *bytes.Buffer, f fixture.Coverage) error {
			return geojsonio.WriteCoverageGeoJSONSeq(b, f.Villages, f.Facilities, f.Res)
		})},
		{"coverage_single.csv", cov(single, func(b *bytes.Buffer, f fixture.Coverage) error {
			return csvio.WriteCoverageCSV(b, f.Villages, f.Facilities, f.Res)
		})},
		{"coverage_multi_bom.csv", cov(multi, func(b *bytes.Buffer, f fixture.Coverage) error {
			return csvio.WriteCoverageCSVWith(b, f.Villages, f.Facilities, f.Res, csvio.CSVOptions{BOM: true})
		})},
		{"summary_single.json", cov(single, func(b *bytes.Buffer, f fixture.Coverage) error {
			s, err := summary.NewCoverageSummary(f.Villages, f.Facilities, f.Res, fixture.Reports()...)
			if err != nil {
				return err
			}
			return summary.WriteSummaryJSON(b, s)
		})},
		{"summary_multi.json", cov(multi, func(b *bytes.Buffer, f fixture.Coverage) error {
			s, err := summary.NewCoverageSummary(f.Villages, f.Facilities, f.Res, fixture.Reports()...)
			if err != nil {
				return err
			}
			return summary.WriteSummaryJSON(b, s)
		})},
		{"table_single.txt", cov(single, func(b *bytes.Buffer, f fixture.Coverage) error {
			s, err := summary.NewCoverageSummary(f.Villages, f.Facilities, f.Res, fixture.Reports()...)
			if err != nil {
				return err
			}
			return report.WriteCoverageTable(b, s)
		})},
		{"table_multi.txt", cov(multi, func(b *bytes.Buffer, f fixture.Coverage) error {
			s, err := summary.NewCoverageSummary(f.Villages, f.Facilities, f.Res, fixture.Reports()...)
			if err != nil {
				return err
			}
			return report.WriteCoverageTable(b, s)
		})},
		// Circles come from geo.Circle and are checked by property, not
		// by golden file, so that the golden does not depend on geo.
		{"facilities_points.geojson", func(b *bytes.Buffer) error {
			return geojsonio.WriteFacilitiesGeoJSON(b, fixture.Facilities())
		}},
		{"villages_input.csv", func(b *bytes.Buffer) error { return csvio.WriteVillagesCSV(b, fixture.InputVillages()) }},
		{"facilities_input.csv", func(b *bytes.Buffer) error { return csvio.WriteFacilitiesCSV(b, fixture.InputFacilities()) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.write(&buf); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.name, buf.Bytes())
		})
	}
}
