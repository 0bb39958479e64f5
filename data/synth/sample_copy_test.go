package synth

import (
	"bytes"
	"testing"
)

// TestSampleFreshCopies changes the embedded tables' returned bytes and
// checks that the next call returns the original table.
func TestSampleFreshCopies(t *testing.T) {
	tests := []struct {
		name   string
		table  func() []byte
		header string
	}{
		{"villages", SampleVillagesCSV, "编号,村名,区县,乡镇,常住人口,经度,纬度\n"},
		{"facilities", SampleFacilitiesCSV, "编号,名称,机构类型,区县,乡镇,经度,纬度,床位,人员\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.table()
			if !bytes.HasPrefix(got, []byte(tt.header)) {
				t.Fatalf("table starts %q, want header %q", got[:min(len(got), 80)], tt.header)
			}
			want := bytes.Clone(got)
			clear(got)
			if again := tt.table(); !bytes.Equal(again, want) {
				t.Errorf("after changing a returned table the next call gives %q…", again[:min(len(again), 80)])
			}
		})
	}
	n := MaxSynthCounties()
	if n < 1 || n != len(synthCells) {
		t.Errorf("MaxSynthCounties() = %d, want len(synthCells) = %d", n, len(synthCells))
	}
}
