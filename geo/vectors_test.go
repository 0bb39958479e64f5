package geo

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"
)

// vectorRow is one line of a pyproj reference file: a group label and the
// numeric columns in file order.
type vectorRow struct {
	group string
	v     []float64
}

// loadVectors reads a CSV written by testdata/gen_vectors.py.
func loadVectors(t testing.TB, name string, ncol int) []vectorRow {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatalf("open test vectors: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: no rows", name)
	}
	rows := make([]vectorRow, 0, len(recs)-1)
	for i, r := range recs[1:] {
		if len(r) != ncol+1 {
			t.Fatalf("%s line %d: %d columns, want %d", name, i+2, len(r), ncol+1)
		}
		row := vectorRow{group: r[0], v: make([]float64, ncol)}
		for j, s := range r[1:] {
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s line %d col %d: %v", name, i+2, j+2, err)
			}
			row.v[j] = x
		}
		rows = append(rows, row)
	}
	return rows
}
