package data_test

import (
	"strings"
	"testing"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/table"
	"github.com/paulmach/orb"
)

// TestReadDivisionCodes: a code column gives id, county and township when
// they are absent, and is kept in Extra "code".
func TestReadDivisionCodes(t *testing.T) {
	names := map[string]string{"140105": "小店区", "140105001": "坞城街道"}
	tests := []struct {
		name, in         string
		opt              table.ReadOptions
		id, county, town string
		rejected         string
	}{
		{"12 digits", "统计用区划代码,村名,人口,经度,纬度\n140105001001,甲村,10,112.5,37.6\n", table.ReadOptions{},
			"140105001001", "140105", "140105001", ""},
		{"named", "代码,村名,人口,经度,纬度\n140105001001,甲村,10,112.5,37.6\n", table.ReadOptions{DivisionNames: names},
			"140105001001", "小店区", "坞城街道", ""},
		{"stated names win", "id,code,name,county,township,population,lon,lat\nV1,140105001001,甲村,A县,甲镇,10,112.5,37.6\n",
			table.ReadOptions{DivisionNames: names}, "V1", "A县", "甲镇", ""},
		{"6 digits: no township", "区划代码,村名,人口,经度,纬度\n140105,甲村,10,112.5,37.6\n", table.ReadOptions{},
			"", "", "", "missing township"},
		{"bad code, names given", "id,code,name,county,township,population,lon,lat\nV1,14x,甲村,A县,甲镇,10,112.5,37.6\n",
			table.ReadOptions{}, "V1", "A县", "甲镇", ""},
		{"bad code, no names", "code,name,population,lon,lat\n1401050,甲村,10,112.5,37.6\n", table.ReadOptions{},
			"", "", "", "missing county"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, rep, err := data.ReadVillages(strings.NewReader(tt.in), "v.csv", tt.opt)
			if tt.rejected != "" {
				if err == nil || len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0].Reason, tt.rejected) {
					t.Fatalf("want rejection %q; got %v, %+v", tt.rejected, err, rep.Rejected)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			v := vs[0]
			if v.ID != tt.id || v.County != tt.county || v.Township != tt.town {
				t.Errorf("got %q %q %q, want %q %q %q", v.ID, v.County, v.Township, tt.id, tt.county, tt.town)
			}
			if len(v.Extra) == 0 || v.Extra[len(v.Extra)-1].Key != "code" {
				t.Errorf("code not kept in Extra: %+v", v.Extra)
			}
		})
	}
}

// TestReadLocate: a Locator fills a missing county and reports, without
// changing it, a stated county that differs.
func TestReadLocate(t *testing.T) {
	locate := func(p orb.Point) (string, string, bool) {
		if p[0] < 112 {
			return "140101", "西县", true
		}
		return "140102", "东县", true
	}
	in := "id,name,county,township,population,lon,lat\n" +
		"V1,甲,,甲镇,10,111.5,37\n" + // county from the polygon
		"V2,乙,东县,乙镇,10,112.5,37\n" + // agrees
		"V3,丙,东县,丙镇,10,111.5,37\n" // disagrees: kept, reported
	vs, rep, err := data.ReadVillages(strings.NewReader(in), "v.csv", table.ReadOptions{Locate: locate})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 3 || vs[0].County != "西县" || vs[1].County != "东县" || vs[2].County != "东县" {
		t.Fatalf("counties %+v", vs)
	}
	var w []string
	for _, x := range rep.Warnings {
		w = append(w, x.Reason)
	}
	all := strings.Join(w, "\n")
	for _, want := range []string{"1 rows without a county: county taken from the boundary polygon",
		`1 rows state a county that differs from the boundary polygon containing them; kept as stated (line 4: stated "东县", polygon "西县 140101")`} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	// Without a Locator, a missing county is a rejection.
	if _, rep, _ := data.ReadVillages(strings.NewReader(in), "v.csv", table.ReadOptions{}); len(rep.Rejected) != 1 {
		t.Errorf("without boundaries: %d rejected, want 1", len(rep.Rejected))
	}
}
