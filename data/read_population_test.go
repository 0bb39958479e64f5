package data

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"
)

// TestReadPopulationColumns covers tables with several population
// figures: the resident or served one is used, a plain "population" next,
// the registered one last, and the others are kept as extra columns with a
// file-level warning.
func TestReadPopulationColumns(t *testing.T) {
	tests := []struct {
		name   string
		header string // population columns, between township and lon
		values string
		want   int      // population read
		extra  []string // Extra keys and values, in column order
		warn   []string // substrings of the single warning; nil for none
	}{
		{"registered then resident", "户籍人口,常住人口", "900,1000", 1000,
			[]string{"户籍人口", "900"}, []string{`2 population columns: using "常住人口" (resident or served population)`, `"户籍人口" (registered population) kept as an extra column`}},
		{"resident then registered", "常住人口,户籍人口", "1000,900", 1000,
			[]string{"户籍人口", "900"}, []string{`using "常住人口"`, `"户籍人口" (registered population) kept`}},
		{"served and registered", "服务人口,户籍人口", "1100,900", 1100,
			[]string{"户籍人口", "900"}, []string{`using "服务人口"`}},
		{"generic and registered", "户籍人口,population", "900,950", 950,
			[]string{"户籍人口", "900"}, []string{`using "population" (population)`, `"户籍人口" (registered population) kept`}},
		{"generic and resident", "人口,常住人口", "950,1000", 1000,
			[]string{"人口", "950"}, []string{`using "常住人口"`, `"人口" (population) kept`}},
		{"three kinds", "户籍人口,Population,服务人口", "900,950,1100", 1100,
			[]string{"户籍人口", "900", "Population", "950"},
			[]string{`3 population columns: using "服务人口"`, `"户籍人口" (registered population) and "Population" (population) kept as extra columns`}},
		{"registered alone", "户籍人口", "900", 900, nil, nil},
		{"resident alone", "常住人口", "1000", 1000, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "id,name,county,township," + tt.header + ",lon,lat,备注\n" +
				"V1,甲村,A县,甲镇," + tt.values + ",116,39,河边\n" +
				"V2,乙村,A县,甲镇," + tt.values + ",116.1,39.1,\n"
			vs, rep, err := readTestVillages(t, in, table.ReadOptions{})
			readTestMust(t, err)
			if len(vs) != 2 {
				t.Fatalf("read %d villages, want 2", len(vs))
			}
			if vs[0].Population != tt.want || vs[1].Population != tt.want {
				t.Errorf("population %d, %d; want %d", vs[0].Population, vs[1].Population, tt.want)
			}
			want := readTestAttrs(append(append([]string(nil), tt.extra...), "备注", "河边")...)
			if !reflect.DeepEqual(vs[0].Extra, want) {
				t.Errorf("extra %q, want %q", vs[0].Extra, want)
			}
			readTestWarning(t, rep, tt.warn...)
		})
	}
}

// readTestWarning checks that rep has no warning when want is empty, else
// exactly one file-level warning containing every string in want.
func readTestWarning(t *testing.T, rep *table.ReadReport, want ...string) {
	t.Helper()
	if len(want) == 0 {
		if len(rep.Warnings) != 0 {
			t.Errorf("unexpected warnings %+v", rep.Warnings)
		}
		return
	}
	if len(rep.Warnings) != 1 {
		t.Fatalf("warnings %+v, want one", rep.Warnings)
	}
	w := rep.Warnings[0]
	if w.Line != 0 || w.File != rep.File || w.Position() != rep.File {
		t.Errorf("warning at %q line %d, want file-level in %q", w.Position(), w.Line, rep.File)
	}
	for _, s := range want {
		if !strings.Contains(w.Reason, s) {
			t.Errorf("warning %q lacks %q", w.Reason, s)
		}
	}
}

func TestReadPopulationColumnsAmbiguous(t *testing.T) {
	tests := []struct {
		header string
		want   string
	}{
		{"常住人口,常住人口", `columns 5 ("常住人口") and 6 ("常住人口") both give population`},
		{"常住人口,服务人口", `columns 5 ("常住人口") and 6 ("服务人口") both give population`},
		{"population,人口", `columns 5 ("population") and 6 ("人口") both give population`},
		{"户籍人口,户籍人口", `columns 5 ("户籍人口") and 6 ("户籍人口")`},
		// The same kind twice is ambiguous even when a preferred column
		// would have been used, and in whichever order they come.
		{"常住人口,户籍人口,户籍人口", `columns 6 ("户籍人口") and 7 ("户籍人口")`},
		{"户籍人口,常住人口,户籍人口", `columns 5 ("户籍人口") and 7 ("户籍人口")`},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			n := strings.Count(tt.header, ",") + 1
			in := "id,name,county,township," + tt.header + ",lon,lat\nV1,甲村,A县,甲镇" + strings.Repeat(",1", n) + ",116,39\n"
			_, _, err := readTestVillages(t, in, table.ReadOptions{})
			if !errors.Is(err, table.ErrFormat) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want ErrFormat with %q", err, tt.want)
			}
		})
	}
}

// Facility files do not read population, so every population column is an
// ordinary extra column there.
func TestReadPopulationColumnsInFacilities(t *testing.T) {
	in := "id,name,type,county,township,常住人口,户籍人口,lon,lat\nT1,卫生院,卫生院,A县,甲镇,1000,900,116,39\n"
	fs, rep, err := readTestFacilities(t, in, table.ReadOptions{})
	readTestMust(t, err)
	if want := readTestAttrs("常住人口", "1000", "户籍人口", "900"); !reflect.DeepEqual(fs[0].Extra, want) {
		t.Errorf("extra %q, want %q", fs[0].Extra, want)
	}
	readTestWarning(t, rep)
}

func TestReadPopulationGeoJSON(t *testing.T) {
	in := readTestFC(
		readTestFeature(`{"id": "V1", "name": "a", "county": "c", "township": "t", "户籍人口": 900, "常住人口": 1000, "备注": "x"}`, readTestPoint),
		readTestFeature(`{"id": "V2", "name": "b", "county": "c", "township": "t", "常住人口": 1000, "户籍人口": 900}`, readTestPoint),
		readTestFeature(`{"id": "V3", "name": "c", "county": "c", "township": "t", "户籍人口": 900}`, readTestPoint),
		readTestFeature(`{"id": "V4", "name": "d", "county": "c", "township": "t", "population": 950, "户籍人口": 900}`, readTestPoint),
		readTestFeature(`{"id": "V5", "name": "e", "county": "c", "township": "t", "常住人口": 1000, "户籍人口": 900, "服务人口": 1100}`, readTestPoint),
		readTestFeature(`{"id": "V6", "name": "f", "county": "c", "township": "t", "population": 1, "人口": 2, "常住人口": 3}`, readTestPoint),
	)
	vs, rep, err := ReadVillages(strings.NewReader(in), "v.geojson", table.ReadOptions{})
	readTestAccounting(t, rep, len(vs), err)
	readTestMust(t, err)
	type got struct {
		id    string
		pop   int
		extra []string
	}
	var gots []got
	for _, v := range vs {
		g := got{id: v.ID, pop: v.Population}
		for _, a := range v.Extra {
			g.extra = append(g.extra, a.Key+"="+a.Value)
		}
		gots = append(gots, g)
	}
	want := []got{
		{"V1", 1000, []string{"户籍人口=900", "备注=x"}},
		{"V2", 1000, []string{"户籍人口=900"}},
		{"V3", 900, nil},
		{"V4", 950, []string{"户籍人口=900"}},
	}
	if !reflect.DeepEqual(gots, want) {
		t.Errorf("villages\n got %+v\nwant %+v", gots, want)
	}
	// Rows with two figures of one kind are rejected, naming the pair.
	if len(rep.Rejected) != 2 ||
		!strings.Contains(rep.Rejected[0].Reason, `properties "常住人口" and "服务人口" both give population`) ||
		!strings.Contains(rep.Rejected[1].Reason, `properties "population" and "人口" both give population`) {
		t.Errorf("rejected %+v", rep.Rejected)
	}
	// One warning per combination of keys, not per feature.
	var warns []string
	for _, w := range rep.Warnings {
		if w.Line != 0 {
			t.Errorf("warning %+v is not file-level", w)
		}
		warns = append(warns, w.Reason)
	}
	wantWarns := []string{
		`2 population columns: using "常住人口" (resident or served population) as the population; "户籍人口" (registered population) kept as an extra column`,
		`2 population columns: using "population" (population) as the population; "户籍人口" (registered population) kept as an extra column`,
	}
	if !reflect.DeepEqual(warns, wantWarns) {
		t.Errorf("warnings\n got %q\nwant %q", warns, wantWarns)
	}
}

// TestZeroPopulationWarned: a village with population 0 (OpenStreetMap's
// placeholder) is kept, and the file gets a warning naming it.
func TestZeroPopulationWarned(t *testing.T) {
	in := "id,name,county,township,population,lon,lat\nV1,A,C,T,0,112,37\nV2,B,C,T,10,112.1,37\n"
	vs, rep, err := ReadVillages(strings.NewReader(in), "v.csv", table.ReadOptions{})
	if err != nil || len(vs) != 2 {
		t.Fatalf("%d villages, err %v", len(vs), err)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Reason, "1 village with population 0 (line 2: V1)") {
		t.Errorf("warnings %+v", rep.Warnings)
	}
}
