package synth

import (
	"bytes"
	"testing"

	"github.com/catchment/catchment/internal/fresh"
)

// TestSampleFreshCopies changes the embedded tables' returned bytes and
// checks that the next call returns the original table.
func TestSampleFreshCopies(t *testing.T) {
	if got := fresh.Slice(t, "SampleVillagesCSV", SampleVillagesCSV, 0); !bytes.HasPrefix(got, []byte("编号,村名,区县,乡镇,常住人口,经度,纬度\n")) {
		t.Errorf("village table starts %q", got[:min(len(got), 80)])
	}
	if got := fresh.Slice(t, "SampleFacilitiesCSV", SampleFacilitiesCSV, 0); !bytes.HasPrefix(got, []byte("编号,名称,机构类型,区县,乡镇,经度,纬度,床位,人员\n")) {
		t.Errorf("facility table starts %q", got[:min(len(got), 80)])
	}
	if n := MaxSynthCounties(); n < 1 || n != len(synthCells) {
		t.Errorf("MaxSynthCounties() = %d, want len(synthCells) = %d", n, len(synthCells))
	}
}
