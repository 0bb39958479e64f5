package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strconv"
	"testing"

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
		f := newWriteFixture(t, radii...)
		var buf bytes.Buffer
		if err := WriteCoverageCSV(&buf, f.villages, f.facilities, f.res); err != nil {
			t.Fatal(err)
		}
		recs := readAllCSV(t, buf.Bytes())
		covered, _ := CoveredColumns(radii)
		wantHeader := append([]string{"id", "name", "county", "township", "population", "lon", "lat", "nearest_facility_id", "nearest_facility_km"}, covered...)
		wantHeader = append(wantHeader, "备注", "extra_ID")
		if !slices.Equal(recs[0], wantHeader) {
			t.Fatalf("header %q, want %q", recs[0], wantHeader)
		}
		if len(recs) != len(f.villages)+1 {
			t.Fatalf("%d records, want %d", len(recs), len(f.villages)+1)
		}
		for i, rec := range recs[1:] {
			v, vc := f.villages[i], f.res.Villages[i]
			want := []string{v.ID, csvText(v.Name), v.County, v.Township, strconv.Itoa(v.Population),
				stdDeg(v.Location[0]), stdDeg(v.Location[1]), "", ""}
			if vc.Nearest >= 0 {
				want[7], want[8] = f.facilities[vc.Nearest].ID, stdKm(vc.DistanceM)
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
	f := newWriteFixture(t, 15)
	var plain, bom bytes.Buffer
	if err := WriteCoverageCSV(&plain, f.villages, f.facilities, f.res); err != nil {
		t.Fatal(err)
	}
	if err := WriteCoverageCSVWith(&bom, f.villages, f.facilities, f.res, CSVOptions{BOM: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bom.Bytes(), append([]byte("\xef\xbb\xbf"), plain.Bytes()...)) {
		t.Error("BOM output is not the BOM followed by the plain output")
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
		{ID: "c", Location: orb.Point{113, 23}, Extra: []planner.Attr{{Key: "x", Value: "5"}, {Key: "x", Value: "6"}, {Key: "covered", Value: "7"}, {Key: "", Value: "8"}}},
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
	if got, want := recs[0][10:], []string{"x", "y", "extra_X", "extra_extra_x", "extra_covered", "extra_"}; !slices.Equal(got, want) {
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
	f := syntheticRun(5000, 9)
	w := &failingWriter{limit: 100000}
	err := WriteCoverageCSV(w, f.villages, f.facilities, f.res)
	if !errors.Is(err, ErrWrite) || !errors.Is(err, errDiskFull) {
		t.Fatalf("err = %v, want ErrWrite wrapping the cause", err)
	}
}
