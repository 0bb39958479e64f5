package data

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// readTestCandidates reads in as candidates named "c.csv" and checks the
// report's accounting.
func readTestCandidates(t *testing.T, in string, opt table.ReadOptions) ([]planner.Facility, *table.ReadReport, error) {
	t.Helper()
	fs, rep, err := ReadCandidates(strings.NewReader(in), "c.csv", opt)
	readTestAccounting(t, rep, len(fs), err)
	return fs, rep, err
}

func TestReadCandidatesMinimal(t *testing.T) {
	// Only id, county and the coordinates: any point may be a candidate.
	in := "编号,县,经度,纬度\nS1,A县,116.1,39.9\nS2,B县,116.2,39.8\n"
	cs, rep, err := readTestCandidates(t, in, table.ReadOptions{})
	readTestMust(t, err)
	want := []planner.Facility{
		{ID: "S1", Type: planner.TownshipHealthCentre, County: "A县", Location: orb.Point{116.1, 39.9},
			Beds: planner.CapacityUnknown, Staff: planner.CapacityUnknown},
		{ID: "S2", Type: planner.TownshipHealthCentre, County: "B县", Location: orb.Point{116.2, 39.8},
			Beds: planner.CapacityUnknown, Staff: planner.CapacityUnknown},
	}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("candidates\n got %+v\nwant %+v", cs, want)
	}
	if rep.Rows != 2 || rep.Accepted != 2 || len(rep.Warnings) != 0 {
		t.Errorf("report %+v", rep)
	}
}

func TestReadCandidatesTypes(t *testing.T) {
	in := "id,name,type,county,township,lon,lat,beds,staff,population,备注\n" +
		"S1,甲镇卫生院,乡镇卫生院,A县,甲镇,116.1,39.9,40,60,,旧址\n" + // known tier
		"S2,县医院分院,County_Hospital,A县,城关镇,116.2,39.8,,,,\n" + // known, any case
		"S3,,,A县,,116.3,39.7,,,,\n" + // blank type, name and township
		"S4,空地,拟建,A县,乙镇,116.4,39.6,,5,,\n" + // unknown: kept in Extra
		"S5,卫生室,村卫生室,A县,乙镇,116.5,39.5,0,1,800,\n" + // population is only an extra here
		"S6,诊所,诊所,A县,丙镇,116.6,39.4,,,,\n" // unknown again: one warning only
	cs, rep, err := readTestCandidates(t, in, table.ReadOptions{})
	readTestMust(t, err)
	unknown := planner.CapacityUnknown
	want := []planner.Facility{
		{ID: "S1", Name: "甲镇卫生院", Type: planner.TownshipHealthCentre, County: "A县", Township: "甲镇",
			Location: orb.Point{116.1, 39.9}, Beds: 40, Staff: 60, Extra: readTestAttrs("population", "", "备注", "旧址")},
		{ID: "S2", Name: "县医院分院", Type: planner.CountyHospital, County: "A县", Township: "城关镇",
			Location: orb.Point{116.2, 39.8}, Beds: unknown, Staff: unknown, Extra: readTestAttrs("population", "", "备注", "")},
		{ID: "S3", Type: planner.TownshipHealthCentre, County: "A县",
			Location: orb.Point{116.3, 39.7}, Beds: unknown, Staff: unknown, Extra: readTestAttrs("population", "", "备注", "")},
		{ID: "S4", Name: "空地", Type: planner.TownshipHealthCentre, County: "A县", Township: "乙镇",
			Location: orb.Point{116.4, 39.6}, Beds: unknown, Staff: 5, Extra: readTestAttrs("population", "", "备注", "", "type", "拟建")},
		{ID: "S5", Name: "卫生室", Type: planner.VillageClinic, County: "A县", Township: "乙镇",
			Location: orb.Point{116.5, 39.5}, Beds: 0, Staff: 1, Extra: readTestAttrs("population", "800", "备注", "")},
		{ID: "S6", Name: "诊所", Type: planner.TownshipHealthCentre, County: "A县", Township: "丙镇",
			Location: orb.Point{116.6, 39.4}, Beds: unknown, Staff: unknown, Extra: readTestAttrs("population", "", "备注", "", "type", "诊所")},
	}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("candidates\n got %+v\nwant %+v", cs, want)
	}
	readTestWarning(t, rep, `type "拟建" (line 5)`, "read as township_health_centre", `extra column "type"`)
}

func TestReadCandidatesRejections(t *testing.T) {
	tests := []struct {
		name string
		row  string // on line 3
		id   string
		want string
	}{
		{"missing id", ",A县,116.3,39.7,,", "", "missing id"},
		{"missing county", "X,,116.3,39.7,,", "X", "missing county"},
		{"missing longitude", "X,A县,,39.7,,", "X", "missing longitude"},
		{"swapped", "X,A县,39.7,116.3,,", "X", "appear swapped"},
		{"swapped inside valid ranges", "X,A县,39.47,75.99,,", "X", "(39.47, 75.99) is outside China, (75.99, 39.47) inside"},
		{"null island", "X,A县,0,0,,", "X", "(0, 0)"},
		{"duplicate id", "S1,A县,116.3,39.7,,", "S1", `duplicate id "S1" (first on line 2)`},
		{"bad beds", "X,A县,116.3,39.7,2.5,", "X", `beds "2.5" is not a whole number`},
		{"negative staff", "X,A县,116.3,39.7,,-1", "X", `staff "-1" is negative`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "id,county,lon,lat,beds,staff\nS1,A县,116.1,39.9,,\n" + tt.row + "\n"
			cs, rep, err := readTestCandidates(t, in, table.ReadOptions{})
			readTestMust(t, err)
			if len(cs) != 1 || cs[0].ID != "S1" {
				t.Errorf("accepted %+v, want S1", cs)
			}
			readTestRejection(t, rep, "c.csv", 3, tt.id, tt.want)
		})
	}
}

func TestReadCandidatesMissingColumns(t *testing.T) {
	for _, tt := range []struct {
		header string
		column string
	}{
		{"id,name,lon,lat", "county"},
		{"id,county,lat", "lon"},
		{"name,county,lon,lat", "id"},
	} {
		t.Run(tt.column, func(t *testing.T) {
			_, _, err := readTestCandidates(t, tt.header+"\nx,y,1,2\n", table.ReadOptions{})
			var mc *table.MissingColumnError
			if !errors.As(err, &mc) || mc.Column != tt.column {
				t.Errorf("error %v, want missing column %q", err, tt.column)
			}
		})
	}
}

func TestReadCandidatesGeoJSON(t *testing.T) {
	in := readTestFC(
		readTestFeature(`{"id": "S1", "县": "A县", "类型": "备选点"}`, readTestPoint),
		readTestFeature(`{"id": "S2", "county": "A县", "name": "卫生院", "type": "卫生院", "staff": 12}`, `{"type": "Point", "coordinates": [116.25, 39.75]}`),
		readTestFeature(`{"id": "S3", "county": "A县"}`, `{"type": "Point", "coordinates": [39.47, 75.99]}`),
	)
	cs, rep, err := ReadCandidates(strings.NewReader(in), "c.geojson", table.ReadOptions{})
	readTestAccounting(t, rep, len(cs), err)
	readTestMust(t, err)
	want := []planner.Facility{
		{ID: "S1", Type: planner.TownshipHealthCentre, County: "A县", Location: orb.Point{116.5, 39.5},
			Beds: planner.CapacityUnknown, Staff: planner.CapacityUnknown, Extra: readTestAttrs("type", "备选点")},
		{ID: "S2", Name: "卫生院", Type: planner.TownshipHealthCentre, County: "A县", Location: orb.Point{116.25, 39.75},
			Beds: planner.CapacityUnknown, Staff: 12},
	}
	if !readTestEqualFacilities(cs, want) {
		t.Errorf("candidates\n got %+v\nwant %+v", cs, want)
	}
	readTestRejection(t, rep, "c.geojson", 5, "S3", "outside China")
}

func TestLoadCandidates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sites.csv")
	if err := os.WriteFile(path, []byte("id,county,lon,lat\nS1,A县,116.1,39.9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cs, rep, err := LoadCandidates(path, table.ReadOptions{})
	readTestMust(t, err)
	if len(cs) != 1 || cs[0].ID != "S1" || rep.File != path {
		t.Errorf("candidates %+v report %+v", cs, rep)
	}
	_, rep, err = LoadCandidates(filepath.Join(dir, "nope.csv"), table.ReadOptions{})
	if !errors.Is(err, table.ErrUnreadable) || rep == nil {
		t.Errorf("missing file: error %v, report %v", err, rep)
	}
}
