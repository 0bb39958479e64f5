package data

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unsafe"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

const (
	readTestVillageHeader  = "id,name,county,township,population,lon,lat"
	readTestFacilityHeader = "id,name,type,county,township,lon,lat,beds,staff"
)

// readTestVillages reads in as villages named "v.csv" and checks the
// report's accounting, which must hold for every outcome.
func readTestVillages(t *testing.T, in string, opt table.ReadOptions) ([]planner.Village, *table.ReadReport, error) {
	t.Helper()
	vs, rep, err := ReadVillages(strings.NewReader(in), "v.csv", opt)
	readTestAccounting(t, rep, len(vs), err)
	return vs, rep, err
}

func readTestFacilities(t *testing.T, in string, opt table.ReadOptions) ([]planner.Facility, *table.ReadReport, error) {
	t.Helper()
	fs, rep, err := ReadFacilities(strings.NewReader(in), "f.csv", opt)
	readTestAccounting(t, rep, len(fs), err)
	return fs, rep, err
}

// readTestAccounting checks that every data row is either accepted or
// rejected, and that the returned slice holds exactly the accepted rows.
func readTestAccounting(t *testing.T, rep *table.ReadReport, n int, err error) {
	t.Helper()
	if rep == nil {
		t.Fatal("report is nil")
	}
	if rep.Accepted+len(rep.Rejected) != rep.Rows {
		t.Errorf("accounting: accepted %d + rejected %d != rows %d", rep.Accepted, len(rep.Rejected), rep.Rows)
	}
	if err == nil && n != rep.Accepted {
		t.Errorf("returned %d values, report says %d accepted", n, rep.Accepted)
	}
	if err != nil && n != 0 {
		t.Errorf("returned %d values along with error %v", n, err)
	}
}

// readTestMust fails the test on a read error.
func readTestMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func TestReadVillagesBasic(t *testing.T) {
	in := readTestVillageHeader + "\n" +
		"V1,甲村,A县,甲镇,1200,116.1,39.9\n" +
		"V2,乙村,A县,乙镇,0,116.25,40.125\n" +
		"V3,丙村,B县,甲镇,35,-70.5,-33.25\n"
	vs, rep, err := readTestVillages(t, in, table.ReadOptions{})
	readTestMust(t, err)
	want := []planner.Village{
		{ID: "V1", Name: "甲村", County: "A县", Township: "甲镇", Population: 1200, Location: orb.Point{116.1, 39.9}},
		{ID: "V2", Name: "乙村", County: "A县", Township: "乙镇", Population: 0, Location: orb.Point{116.25, 40.125}},
		{ID: "V3", Name: "丙村", County: "B县", Township: "甲镇", Population: 35, Location: orb.Point{-70.5, -33.25}},
	}
	if !reflect.DeepEqual(vs, want) {
		t.Errorf("villages\n got %+v\nwant %+v", vs, want)
	}
	// V2's population 0 is kept, with the one warning it deserves.
	if rep.Rows != 3 || rep.Accepted != 3 || len(rep.Rejected) != 0 || len(rep.Warnings) != 1 ||
		!strings.Contains(rep.Warnings[0].Reason, "population 0 (line 3: V2)") {
		t.Errorf("report %+v", rep)
	}
	if rep.Format != "csv" || rep.Encoding != "utf-8" || rep.File != "v.csv" {
		t.Errorf("report format %q encoding %q file %q", rep.Format, rep.Encoding, rep.File)
	}
}

func TestReadFacilitiesBasic(t *testing.T) {
	in := readTestFacilityHeader + "\n" +
		"H1,县人民医院,county_hospital,A县,城关镇,116.1,39.9,500,800\n" +
		"T1,甲镇卫生院,township_health_centre,A县,甲镇,116.2,39.8,,\n" +
		"C1,甲村卫生室,village_clinic,A县,甲镇,116.3,39.7,0,2\n"
	fs, rep, err := readTestFacilities(t, in, table.ReadOptions{})
	readTestMust(t, err)
	want := []planner.Facility{
		{ID: "H1", Name: "县人民医院", Type: planner.CountyHospital, County: "A县", Township: "城关镇", Location: orb.Point{116.1, 39.9}, Beds: 500, Staff: 800},
		{ID: "T1", Name: "甲镇卫生院", Type: planner.TownshipHealthCentre, County: "A县", Township: "甲镇", Location: orb.Point{116.2, 39.8},
			Beds: planner.CapacityUnknown, Staff: planner.CapacityUnknown},
		{ID: "C1", Name: "甲村卫生室", Type: planner.VillageClinic, County: "A县", Township: "甲镇", Location: orb.Point{116.3, 39.7}, Beds: 0, Staff: 2},
	}
	if !reflect.DeepEqual(fs, want) {
		t.Errorf("facilities\n got %+v\nwant %+v", fs, want)
	}
	if rep.Rows != 3 || rep.Accepted != 3 {
		t.Errorf("report %+v", rep)
	}
}

func TestReadFacilitiesWithoutCapacityColumns(t *testing.T) {
	in := "id,name,type,county,township,lon,lat\nH1,医院,county_hospital,A县,城关镇,116.1,39.9\n"
	fs, _, err := readTestFacilities(t, in, table.ReadOptions{})
	readTestMust(t, err)
	if fs[0].Beds != planner.CapacityUnknown || fs[0].Staff != planner.CapacityUnknown {
		t.Errorf("beds %d staff %d, want CapacityUnknown", fs[0].Beds, fs[0].Staff)
	}
}

// readTestHeaderWith returns header with the column named canonical
// replaced by alias.
func readTestHeaderWith(t *testing.T, header, canonical, alias string) string {
	t.Helper()
	cols := strings.Split(header, ",")
	for i, c := range cols {
		if c == canonical {
			cols[i] = alias
			return strings.Join(cols, ",")
		}
	}
	t.Fatalf("no column %q in %q", canonical, header)
	return ""
}

func TestReadVillageAliases(t *testing.T) {
	// The spellings the brief promises, written out here rather than taken
	// from the implementation's table so a typo there fails the test.
	aliases := []struct {
		canonical string
		names     []string
	}{
		{"id", []string{"ID", " Id ", "编号", "村代码", "机构代码"}},
		{"name", []string{"NAME", "村名", "名称", "机构名称", "村庄名称", "行政村"}},
		{"county", []string{"County", "县", "区县", "旗", "县区", "县（市、区）", "县(市、区)", "所属区县"}},
		{"township", []string{"TOWNSHIP", "乡镇", "街道", "乡镇街道", "苏木", "所属乡镇"}},
		{"population", []string{"Population", "人口", "常住人口", "户籍人口", "服务人口"}},
		{"lon", []string{"LON", "经度", "lng", "longitude", "x", "X", "Longitude"}},
		{"lat", []string{"LAT", "纬度", "latitude", "y", "Y"}},
	}
	row := "V1,甲村,A县,甲镇,1200,116.5,39.5"
	want := planner.Village{ID: "V1", Name: "甲村", County: "A县", Township: "甲镇", Population: 1200, Location: orb.Point{116.5, 39.5}}
	for _, a := range aliases {
		for _, name := range a.names {
			t.Run(a.canonical+"="+name, func(t *testing.T) {
				in := readTestHeaderWith(t, readTestVillageHeader, a.canonical, name) + "\n" + row + "\n"
				vs, _, err := readTestVillages(t, in, table.ReadOptions{})
				readTestMust(t, err)
				if len(vs) != 1 || !reflect.DeepEqual(vs[0], want) {
					t.Errorf("got %+v, want %+v", vs, want)
				}
			})
		}
	}
}

func TestReadFacilityAliases(t *testing.T) {
	aliases := []struct {
		canonical string
		names     []string
	}{
		{"type", []string{"TYPE", "类型", "机构类型"}},
		{"beds", []string{"Beds", "床位", "床位数"}},
		{"staff", []string{"STAFF", "人员", "人员数", "职工数", "卫技人员"}},
		{"id", []string{"机构代码"}},
		{"name", []string{"机构名称"}},
	}
	row := "T1,甲镇卫生院,乡镇卫生院,A县,甲镇,116.5,39.5,40,60"
	want := planner.Facility{ID: "T1", Name: "甲镇卫生院", Type: planner.TownshipHealthCentre, County: "A县", Township: "甲镇",
		Location: orb.Point{116.5, 39.5}, Beds: 40, Staff: 60}
	for _, a := range aliases {
		for _, name := range a.names {
			t.Run(a.canonical+"="+name, func(t *testing.T) {
				in := readTestHeaderWith(t, readTestFacilityHeader, a.canonical, name) + "\n" + row + "\n"
				fs, _, err := readTestFacilities(t, in, table.ReadOptions{})
				readTestMust(t, err)
				if len(fs) != 1 || !reflect.DeepEqual(fs[0], want) {
					t.Errorf("got %+v, want %+v", fs, want)
				}
			})
		}
	}
}

func TestReadFacilityTypes(t *testing.T) {
	tests := []struct {
		value string
		want  planner.FacilityType
	}{
		{"county_hospital", planner.CountyHospital},
		{"County_Hospital", planner.CountyHospital},
		{"县医院", planner.CountyHospital},
		{"县级医院", planner.CountyHospital},
		{"县人民医院", planner.CountyHospital},
		{"township_health_centre", planner.TownshipHealthCentre},
		{"township_health_center", planner.TownshipHealthCentre},
		{"乡镇卫生院", planner.TownshipHealthCentre},
		{"中心卫生院", planner.TownshipHealthCentre},
		{"卫生院", planner.TownshipHealthCentre},
		{" 卫生院 ", planner.TownshipHealthCentre},
		{"village_clinic", planner.VillageClinic},
		{"VILLAGE_CLINIC", planner.VillageClinic},
		{"村卫生室", planner.VillageClinic},
		{"卫生室", planner.VillageClinic},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			in := readTestFacilityHeader + "\nF1,某机构," + tt.value + ",A县,甲镇,116.5,39.5,,\n"
			fs, _, err := readTestFacilities(t, in, table.ReadOptions{})
			readTestMust(t, err)
			if fs[0].Type != tt.want {
				t.Errorf("type %q -> %q, want %q", tt.value, fs[0].Type, tt.want)
			}
		})
	}
}

func TestReadCSVSyntax(t *testing.T) {
	v1 := planner.Village{ID: "V1", Name: "甲村", County: "A县", Township: "甲镇", Population: 10, Location: orb.Point{116, 39}}
	v2 := planner.Village{ID: "V2", Name: "乙村", County: "A县", Township: "乙镇", Population: 20, Location: orb.Point{117, 40}}
	tests := []struct {
		name string
		in   string
		want []planner.Village
		warn string // substring of the single expected warning, "" for none
	}{
		{"LF", readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\nV2,乙村,A县,乙镇,20,117,40\n", []planner.Village{v1, v2}, ""},
		{"no final newline", readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\nV2,乙村,A县,乙镇,20,117,40", []planner.Village{v1, v2}, ""},
		{"CRLF", readTestVillageHeader + "\r\nV1,甲村,A县,甲镇,10,116,39\r\nV2,乙村,A县,乙镇,20,117,40\r\n", []planner.Village{v1, v2}, ""},
		{"CR (old Mac Excel)", readTestVillageHeader + "\rV1,甲村,A县,甲镇,10,116,39\rV2,乙村,A县,乙镇,20,117,40\r", []planner.Village{v1, v2}, ""},
		{"BOM", "\ufeff" + readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\n", []planner.Village{v1}, ""},
		{"trailing empty lines", readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\n\n\r\n  \n\t\n", []planner.Village{v1}, ""},
		{"leading and inner blank lines", "\n\n" + readTestVillageHeader + "\n\nV1,甲村,A县,甲镇,10,116,39\n\n\nV2,乙村,A县,乙镇,20,117,40\n", []planner.Village{v1, v2}, ""},
		{"whitespace around fields", " id , name,county ,township,population,lon,lat \n V1 ,\t甲村 ,A县, 甲镇,  10 , 116 ,39\t\n", []planner.Village{v1}, ""},
		{"quoted fields", readTestVillageHeader + "\n\"V1\",\"甲村\",\"A县\",\"甲镇\",\"10\",\"116\",\"39\"\n", []planner.Village{v1}, ""},
		{"spaces around quoted fields", readTestVillageHeader + "\nV1, \"甲村\" ,A县,甲镇,10,116,39\n", []planner.Village{v1}, ""},
		{"Excel all-empty rows", readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\n,,,,,,\n,,,,,,\n", []planner.Village{v1}, ""},
		{"Excel trailing commas", readTestVillageHeader + ",\nV1,甲村,A县,甲镇,10,116,39,\nV2,乙村,A县,乙镇,20,117,40\n", []planner.Village{v1, v2}, ""},
		{"tab delimited", strings.ReplaceAll(readTestVillageHeader, ",", "\t") + "\nV1\t甲村\tA县\t甲镇\t10\t116\t39\n", []planner.Village{v1}, "tab"},
		{"tab delimited after blank lines", "\r\n\n" + strings.ReplaceAll(readTestVillageHeader, ",", "\t") + "\nV1\t甲村\tA县\t甲镇\t10\t116\t39\n", []planner.Village{v1}, "tab"},
		{"semicolon delimited", strings.ReplaceAll(readTestVillageHeader, ",", ";") + "\nV1;甲村;A县;甲镇;10;116;39\n", []planner.Village{v1}, "semicolon"},
		{"any column order", "lat,population,township,lon,county,name,id\n39,10,甲镇,116,A县,甲村,V1\n", []planner.Village{v1}, ""},
		{"pandas float population", readTestVillageHeader + "\nV1,甲村,A县,甲镇,10.0,116,39\nV2,乙村,A县,乙镇,20.000,117,40\n", []planner.Village{v1, v2}, ""},
		{"quoted comma, quote and newline", readTestVillageHeader + "\nV1,\"甲\"\"东\"\",\n村\",A县,甲镇,10,116,39\n",
			[]planner.Village{{ID: "V1", Name: "甲\"东\",\n村", County: "A县", Township: "甲镇", Population: 10, Location: orb.Point{116, 39}}}, ""},
		{"CRLF inside quotes becomes LF", readTestVillageHeader + "\r\nV1,\"甲\r\n村\",A县,甲镇,10,116,39\r\n",
			[]planner.Village{{ID: "V1", Name: "甲\n村", County: "A县", Township: "甲镇", Population: 10, Location: orb.Point{116, 39}}}, ""},
		{"quote inside unquoted field is literal", readTestVillageHeader + "\nV1,甲\"东\"村,A县,甲镇,10,116,39\n",
			[]planner.Village{{ID: "V1", Name: "甲\"东\"村", County: "A县", Township: "甲镇", Population: 10, Location: orb.Point{116, 39}}}, ""},
		{"plus sign and exponent coordinates", readTestVillageHeader + "\nV1,甲村,A县,甲镇,+10,1.16e2,3.9E1\n", []planner.Village{v1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, rep, err := readTestVillages(t, tt.in, table.ReadOptions{})
			readTestMust(t, err)
			if !reflect.DeepEqual(vs, tt.want) {
				t.Errorf("villages\n got %+v\nwant %+v", vs, tt.want)
			}
			if len(rep.Rejected) != 0 {
				t.Errorf("rejected %+v", rep.Rejected)
			}
			switch {
			case tt.warn == "" && len(rep.Warnings) != 0:
				t.Errorf("unexpected warnings %+v", rep.Warnings)
			case tt.warn != "" && (len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Reason, tt.warn)):
				t.Errorf("warnings %+v, want one mentioning %q", rep.Warnings, tt.warn)
			}
		})
	}
}

func TestReadLineNumbersAfterMultilineFields(t *testing.T) {
	in := readTestVillageHeader + "\r\n" + // 1
		"V1,\"多\r\n行\r\n名\",A县,甲镇,10,116,39\r\n" + // 2-4
		"\r\n" + // 5
		"V2,乙村,A县,乙镇,-1,117,40\r\n" + // 6
		"V3,\"丙\n村\",A县,乙镇,x,117,40\n" + // 7-8
		"V4,丁村,A县,乙镇,1,117,40\r" + // 9 (lone CR)
		"V5,戊村,A县,乙镇,1,117,400\n" // 10
	_, rep, err := readTestVillages(t, in, table.ReadOptions{})
	readTestMust(t, err)
	var got []int
	for _, r := range rep.Rejected {
		got = append(got, r.Line)
	}
	if want := []int{6, 7, 10}; !reflect.DeepEqual(got, want) {
		t.Errorf("rejected lines %v, want %v (%+v)", got, want, rep.Rejected)
	}
	if rep.Rows != 5 || rep.Accepted != 2 {
		t.Errorf("rows %d accepted %d, want 5 and 2", rep.Rows, rep.Accepted)
	}
}

func TestReadExtraColumns(t *testing.T) {
	in := "备注,id,name,type,county,township,population,,lon,lat,beds,Remark\n" +
		"近河,V1,甲村,山区,A县,甲镇,10,x,116,39,,\"a,b\"\n"
	vs, _, err := readTestVillages(t, in, table.ReadOptions{})
	readTestMust(t, err)
	// Village files do not use type or beds: those columns pass through.
	want := readTestAttrs("备注", "近河", "type", "山区", "column_8", "x", "beds", "", "Remark", "a,b")
	if !reflect.DeepEqual(vs[0].Extra, want) {
		t.Errorf("extra %q, want %q", vs[0].Extra, want)
	}
	if vs[0].ID != "V1" || vs[0].Population != 10 {
		t.Errorf("village %+v", vs[0])
	}

	// Facility files use type and beds, and pass population through.
	fin := "id,name,type,county,township,population,lon,lat,电话\nF1,卫生室,村卫生室,A县,甲镇,800,116,39,123\n"
	fs, _, err := readTestFacilities(t, fin, table.ReadOptions{})
	readTestMust(t, err)
	if want := readTestAttrs("population", "800", "电话", "123"); !reflect.DeepEqual(fs[0].Extra, want) {
		t.Errorf("facility extra %q, want %q", fs[0].Extra, want)
	}
}

func TestReadInterning(t *testing.T) {
	in := readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\nV2,乙村,A县,甲镇,20,117,40\n"
	vs, _, err := readTestVillages(t, in, table.ReadOptions{})
	readTestMust(t, err)
	// Repeated county and township names share one string.
	if unsafe.StringData(vs[0].County) != unsafe.StringData(vs[1].County) ||
		unsafe.StringData(vs[0].Township) != unsafe.StringData(vs[1].Township) {
		t.Errorf("county/township not interned: %+v", vs)
	}
}

func TestReadStrict(t *testing.T) {
	in := readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\nV2,乙村,A县,乙镇,abc,117,40\nV3,丙村,A县,乙镇,x,117,40\n"
	vs, rep, err := readTestVillages(t, in, table.ReadOptions{Strict: true})
	if !errors.Is(err, table.ErrInvalidRow) {
		t.Fatalf("error %v, want ErrInvalidRow", err)
	}
	var re *table.RowError
	if !errors.As(err, &re) {
		t.Fatalf("error %T is not a *RowError", err)
	}
	if re.File != "v.csv" || re.Line != 3 || re.ID != "V2" || !strings.Contains(re.Reason, `population "abc" is not a number`) {
		t.Errorf("row error %+v", re)
	}
	if !strings.Contains(err.Error(), "v.csv:3") {
		t.Errorf("message %q lacks file:line", err)
	}
	if vs != nil {
		t.Errorf("strict failure returned %d villages", len(vs))
	}
	if len(rep.Rejected) != 1 {
		t.Errorf("report rejected %+v, want the one failing row", rep.Rejected)
	}

	// A clean file passes strict mode.
	if _, _, err := readTestVillages(t, readTestVillageHeader+"\nV1,甲村,A县,甲镇,10,116,39\n", table.ReadOptions{Strict: true}); err != nil {
		t.Errorf("clean strict read: %v", err)
	}
}

// readTestAttrs builds Extra from key, value pairs.
func readTestAttrs(kv ...string) []planner.Attr {
	attrs := make([]planner.Attr, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		attrs = append(attrs, planner.Attr{Key: kv[i], Value: kv[i+1]})
	}
	return attrs
}

func TestReadConcurrent(t *testing.T) {
	// Readers share only read-only tables, so callers may read the village
	// and facility files at the same time.
	vin := readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116,39\nV2,乙村,A县,乙镇,20,117,40\n"
	fin := readTestFacilityHeader + "\nF1,医院,county_hospital,A县,城关镇,116,39,1,2\n"
	done := make(chan error, 8)
	for i := range cap(done) {
		go func() {
			var err error
			if i%2 == 0 {
				_, _, err = ReadVillages(strings.NewReader(vin), "v.csv", table.ReadOptions{})
			} else {
				_, _, err = ReadFacilities(strings.NewReader(fin), "f.csv", table.ReadOptions{})
			}
			done <- err
		}()
	}
	for range cap(done) {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestReadUnsizedReader(t *testing.T) {
	// A reader that does not know its length, handing out one byte at a
	// time, still yields the whole input.
	var b strings.Builder
	b.WriteString(readTestVillageHeader + "\n")
	for i := range 300 {
		fmt.Fprintf(&b, "V%d,村%d,A县,甲镇,%d,116,39\n", i, i, i)
	}
	vs, _, err := ReadVillages(iotest.OneByteReader(strings.NewReader(b.String())), "pipe", table.ReadOptions{})
	readTestMust(t, err)
	if len(vs) != 300 || vs[299].ID != "V299" || vs[299].Population != 299 {
		t.Errorf("read %d villages, last %+v", len(vs), vs[len(vs)-1])
	}
}
