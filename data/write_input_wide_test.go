package data

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
)

// wideVillages are rows villages with cols extra columns each.
func wideVillages(rows, cols int) []planner.Village {
	keys := make([]string, cols)
	for j := range keys {
		keys[j] = fmt.Sprintf("c%d", j)
	}
	vs := make([]planner.Village, rows)
	for i := range vs {
		extra := make([]planner.Attr, cols)
		for j := range extra {
			extra[j] = planner.Attr{Key: keys[j], Value: "1"}
		}
		vs[i] = planner.Village{ID: fmt.Sprintf("W%d", i), Name: "a", County: "c", Township: "t",
			Population: 100, Location: [2]float64{112, 37.5}, Extra: extra}
	}
	return vs
}

// TestWriteVillagesCSVDuplicateExtra: a key given twice in one village is
// refused wherever it repeats, while the same keys in every village (and
// a key first seen in a later village) are fine.
func TestWriteVillagesCSVDuplicateExtra(t *testing.T) {
	tests := []struct {
		name    string
		extras  [][]string // keys per village
		wantDup string     // "" = accepted
	}{
		{"same keys in every row", [][]string{{"a", "b", "c"}, {"a", "b", "c"}}, ""},
		{"new key later", [][]string{{"a"}, {"b", "a"}, {"c"}}, ""},
		{"twice in the first row", [][]string{{"a", "b", "a"}}, "a"},
		{"twice in a later row", [][]string{{"a", "b"}, {"b", "c", "d", "c"}}, "c"},
		{"new key twice", [][]string{{"a"}, {"z", "a", "z"}}, "z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Helper()
			vs := wideVillages(len(tt.extras), 0)
			for i, keys := range tt.extras {
				for _, k := range keys {
					vs[i].Extra = append(vs[i].Extra, planner.Attr{Key: k, Value: "1"})
				}
			}
			err := csvio.WriteVillagesCSV(io.Discard, vs)
			if tt.wantDup == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, table.ErrWriteInput) {
				t.Fatalf("err %v, want table.ErrWriteInput", err)
			}
			if want := fmt.Sprintf("extra column %q given twice", tt.wantDup); !strings.Contains(err.Error(), want) {
				t.Errorf("err %q, want it to say %q", err, want)
			}
		})
	}
}

// BenchmarkWriteVillagesCSVWide writes 8 villages with many extra
// columns: the time per column stays flat as the columns grow (it grew
// with the square of them when duplicates were found pairwise: 40,000
// columns took seconds per row).
func BenchmarkWriteVillagesCSVWide(b *testing.B) {
	for _, cols := range []int{1000, 10000, 40000} {
		vs := wideVillages(8, cols)
		b.Run(fmt.Sprintf("cols=%d", cols), func(b *testing.B) {
			for b.Loop() {
				if err := csvio.WriteVillagesCSV(io.Discard, vs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(8*cols), "ns/cell")
		})
	}
}
