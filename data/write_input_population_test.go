package data

import (
	"bytes"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// A village read from a table with both 常住人口 and 户籍人口 keeps the
// registered figure as an extra; written in input format it must read back
// the same (the server stores uploads this way).
func TestWriteVillagesCSVKeepsRegisteredPopulation(t *testing.T) {
	in := "编号,村名,区县,乡镇,常住人口,户籍人口,经度,纬度\nV1,甲村,C,T,420,515,112.5,37.5\n"
	vs, _, err := ReadVillages(strings.NewReader(in), "two.csv", table.ReadOptions{})
	if err != nil || len(vs) != 1 {
		t.Fatalf("read: %v %v", vs, err)
	}
	var buf bytes.Buffer
	if err := csvio.WriteVillagesCSV(&buf, vs); err != nil {
		t.Fatal(err)
	}
	back, rep, err := ReadVillages(&buf, "back.csv", table.ReadOptions{})
	if err != nil || len(back) != 1 {
		t.Fatalf("read back: %v %v", back, err)
	}
	if back[0].Population != 420 || len(back[0].Extra) != 1 || back[0].Extra[0] != (planner.Attr{Key: "户籍人口", Value: "515"}) {
		t.Errorf("read back %+v, want population 420 and 户籍人口 515 as an extra", back[0])
	}
	if len(rep.Warnings) != 1 {
		t.Errorf("warnings %v, want one saying which population column is used", rep.Warnings)
	}
	// A resident figure as an extra would outrank the written column: refused.
	v := planner.Village{ID: "V2", Name: "乙村", County: "C", Township: "T", Population: 1, Location: orb.Point{112, 37},
		Extra: []planner.Attr{{Key: "常住人口", Value: "9"}}}
	if err := csvio.WriteVillagesCSV(&bytes.Buffer{}, []planner.Village{v}); err == nil {
		t.Error("an extra 常住人口 column was written; it would be read back as the population")
	}
}
