package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/internal/fixture"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

func readAllCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestWriteCoverageCSV(t *testing.T) {
	for _, radii := range [][]float64{{15}, {10, 12.5, 20}} {
		f := fixture.NewCoverage(t, radii...)
		var buf bytes.Buffer
		if err := WriteCoverageCSV(&buf, f.Villages, f.Facilities, f.Res); err != nil {
			t.Fatal(err)
		}
		recs := readAllCSV(t, buf.Bytes())
		covered, _ := table.NetworkCoveredColumns(radii)
		wantHeader := append([]string{"id", "name", "county", "township", "population", "lon", "lat", "nearest_facility_id", "nearest_facility_km"}, covered...)
		wantHeader = append(wantHeader, "备注", "extra_ID")
		if !slices.Equal(recs[0], wantHeader) {
			t.Fatalf("header %q, want %q", recs[0], wantHeader)
		}
		if len(recs) != len(f.Villages)+1 {
			t.Fatalf("%d records, want %d", len(recs), len(f.Villages)+1)
		}
		for i, rec := range recs[1:] {
			v, vc := f.Villages[i], f.Res.Villages[i]
			want := []string{v.ID, enc.ValidText(v.Name), v.County, v.Township, strconv.Itoa(v.Population),
				stdDeg(v.Location[0]), stdDeg(v.Location[1]), "", ""}
			if vc.Nearest >= 0 {
				want[7], want[8] = f.Facilities[vc.Nearest].ID, stdKm(vc.DistanceM)
			}
			for _, c := range vc.Covered {
				want = append(want, strconv.FormatBool(c))
			}
			want = append(want, v.Extra[0].Value, v.Extra[1].Value)
			if !slices.Equal(rec, want) {
				t.Errorf("row %d:\n got %q\nwant %q", i, rec, want)
			}
		}
	}
}

func TestWriteCoverageCSVBOM(t *testing.T) {
	f := fixture.NewCoverage(t, 15)
	var plain, bom bytes.Buffer
	if err := WriteCoverageCSV(&plain, f.Villages, f.Facilities, f.Res); err != nil {
		t.Fatal(err)
	}
	if err := WriteCoverageCSVWith(&bom, f.Villages, f.Facilities, f.Res, CSVOptions{BOM: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bom.Bytes(), append([]byte("\xef\xbb\xbf"), plain.Bytes()...)) {
		t.Error("BOM output is not the BOM followed by the plain output")
	}
	// The file and URL writer starts with the BOM, like the plan tables.
	var file bytes.Buffer
	if err := WriteCoverageCSVFile(&file, f.Villages, f.Facilities, f.Res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file.Bytes(), bom.Bytes()) {
		t.Error("WriteCoverageCSVFile does not write the BOM")
	}
}

// TestWriteCoverageCSVExtrasUnion checks that villages with different extra
// columns get the union, in first-seen order, with empty cells, and that a
// key given twice in a village keeps both values, all names distinct
// ignoring case.
func TestWriteCoverageCSVExtrasUnion(t *testing.T) {
	villages := []planner.Village{
		{ID: "a", Location: orb.Point{113, 23}, Extra: []planner.Attr{{Key: "x", Value: "1"}}},
		{ID: "b", Location: orb.Point{113, 23}, Extra: []planner.Attr{{Key: "y", Value: "2"}, {Key: "x", Value: "3"}, {Key: "X", Value: "4"}}},
		{ID: "c", Location: orb.Point{113, 23}, Extra: []planner.Attr{{Key: "x", Value: "5"}, {Key: "x", Value: "6"}, {Key: "network_covered", Value: "7"}, {Key: "", Value: "8"}}},
	}
	res := &planner.CoverageResult{RadiiKm: []float64{15}}
	for range villages {
		res.Villages = append(res.Villages, planner.VillageCoverage{Nearest: -1, Covered: []bool{false}})
	}
	var buf bytes.Buffer
	if err := WriteCoverageCSV(&buf, villages, nil, res); err != nil {
		t.Fatal(err)
	}
	recs := readAllCSV(t, buf.Bytes())
	if got, want := recs[0][10:], []string{"x", "y", "extra_X", "extra_extra_x", "extra_network_covered", "extra_"}; !slices.Equal(got, want) {
		t.Fatalf("extra header %q, want %q", got, want)
	}
	wantRows := [][]string{{"1", "", "", "", "", ""}, {"3", "2", "4", "", "", ""}, {"5", "", "", "6", "7", "8"}}
	for i, w := range wantRows {
		if got := recs[i+1][10:]; !slices.Equal(got, w) {
			t.Errorf("row %d extras %q, want %q", i, got, w)
		}
	}
}

func TestWriteCoverageCSVWriteError(t *testing.T) {
	f := fixture.SyntheticRun(5000, 9)
	w := &fixture.FailingWriter{Limit: 100000}
	err := WriteCoverageCSV(w, f.Villages, f.Facilities, f.Res)
	if !errors.Is(err, table.ErrWrite) || !errors.Is(err, fixture.ErrDiskFull) {
		t.Fatalf("err = %v, want ErrWrite wrapping the cause", err)
	}
}

// stdDeg formats degrees as the writers should: 7 decimals, trailing
// zeros trimmed, never "-0".
func stdDeg(x float64) string {
	s := strconv.FormatFloat(x, 'f', 7, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
func stdKm(m float64) string {
	s := strconv.FormatFloat(m, 'f', 3, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.Replace(strings.TrimPrefix(s, "-"), ".", "", 1)
	for len(s) < 7 {
		s = "0" + s
	}
	s = s[:len(s)-6] + "." + s[len(s)-6:]
	if neg && strings.Trim(s, "0.") != "" {
		s = "-" + s
	}
	return s
}
