package data

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

func TestReadInputErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  table.ReadOptions
		is   error
		want string // substring of the message
	}{
		{"empty", "", table.ReadOptions{}, table.ErrEmpty, "empty"},
		{"whitespace only", " \r\n\n\t\n", table.ReadOptions{}, table.ErrEmpty, "empty"},
		{"BOM only", "\ufeff", table.ReadOptions{}, table.ErrEmpty, "empty"},
		{"header only", readTestVillageHeader + "\n", table.ReadOptions{}, table.ErrEmpty, "no data rows"},
		{"header and blank rows", readTestVillageHeader + "\n\n,,,,,,\n  \n", table.ReadOptions{}, table.ErrEmpty, "no data rows"},
		{"missing column", "id,name,county,township,lon,lat\nV1,a,b,c,116,39\n", table.ReadOptions{}, table.ErrMissingColumn, `missing column "population"`},
		{"duplicate column", "id,name,county,township,population,lon,经度,lat\n", table.ReadOptions{}, table.ErrFormat, `columns 6 ("lon") and 7 ("经度") both give lon`},
		{"malformed header", "id,\"name\"x,county\n", table.ReadOptions{}, table.ErrFormat, "malformed header"},
		{"xlsx", "PK\x03\x04\x14\x00\x06\x00", table.ReadOptions{}, table.ErrFormat, "xlsx"},
		{"xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", table.ReadOptions{}, table.ErrFormat, ".xls"},
		{"binary", "id,name\x00\x01\x02", table.ReadOptions{}, table.ErrFormat, "NUL"},
		{"unknown format option", readTestVillageHeader + "\n", table.ReadOptions{Format: "xls"}, table.ErrFormat, `unknown format "xls"`},
		{"geojson forced on CSV", readTestVillageHeader + "\nV1,a,b,c,1,116,39\n", table.ReadOptions{Format: "geojson"}, table.ErrFormat, "must start with '{'"},
		{"bad CRS", readTestVillageHeader + "\nV1,a,b,c,1,116,39\n", table.ReadOptions{CRS: "mercator"}, geo.ErrUnknownCRS, "coordinate system"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, rep, err := readTestVillages(t, tt.in, tt.opt)
			if !errors.Is(err, tt.is) {
				t.Fatalf("error %v, want %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("message %q lacks %q", err, tt.want)
			}
			if vs != nil || rep.Rows != 0 {
				t.Errorf("villages %v rows %d", vs, rep.Rows)
			}
		})
	}
}

func TestReadMissingColumns(t *testing.T) {
	_, _, err := readTestVillages(t, "编号,名称,县,乡镇,经度\nV1,a,b,c,116\n", table.ReadOptions{})
	var mc *table.MissingColumnError
	if !errors.As(err, &mc) || !errors.Is(err, table.ErrMissingColumn) {
		t.Fatalf("error %v, want *MissingColumnError", err)
	}
	if mc.File != "v.csv" || mc.Column != "population" {
		t.Errorf("first missing column %+v, want population in v.csv", mc)
	}
	if !strings.Contains(strings.Join(mc.Aliases, ","), "常住人口") {
		t.Errorf("aliases %q lack 常住人口", mc.Aliases)
	}
	// Every missing column is named, not just the first.
	for _, col := range []string{`"population"`, `"lat"`, "纬度"} {
		if !strings.Contains(err.Error(), col) {
			t.Errorf("message %q lacks %s", err, col)
		}
	}
	if strings.Contains(err.Error(), `"lon"`) {
		t.Errorf("message %q names lon, which is present as 经度", err)
	}

	// Facility files do not need population but do need type.
	_, _, err = readTestFacilities(t, readTestVillageHeader+"\nV1,a,b,c,1,116,39\n", table.ReadOptions{})
	if !errors.As(err, &mc) || mc.Column != "type" {
		t.Errorf("facility error %v, want missing type", err)
	}
}

func TestReadUnreadable(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, path string
		is         error
	}{
		{"no such file", filepath.Join(dir, "nope.csv"), fs.ErrNotExist},
		{"directory", dir, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			vs, rep, err := LoadVillages(tt.path, table.ReadOptions{})
			if !errors.Is(err, table.ErrUnreadable) {
				t.Fatalf("error %v, want ErrUnreadable", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
			if vs != nil || rep == nil || rep.File != tt.path {
				t.Errorf("villages %v report %+v", vs, rep)
			}
			if _, _, err := LoadFacilities(tt.path, table.ReadOptions{}); !errors.Is(err, table.ErrUnreadable) {
				t.Errorf("LoadFacilities error %v, want ErrUnreadable", err)
			}
		})
	}
	t.Run("reader fails", func(t *testing.T) {
		boom := errors.New("boom")
		_, rep, err := ReadVillages(iotest.ErrReader(boom), "pipe", table.ReadOptions{})
		if !errors.Is(err, table.ErrUnreadable) || !errors.Is(err, boom) || rep == nil {
			t.Errorf("error %v, want ErrUnreadable wrapping boom", err)
		}
	})
}

func TestLoadFixtures(t *testing.T) {
	t.Run("GBK villages", func(t *testing.T) {
		vs, rep, err := LoadVillages(filepath.Join("testdata", "read_villages_gbk.csv"), table.ReadOptions{})
		readTestMust(t, err)
		readTestAccounting(t, rep, len(vs), err)
		want := []planner.Village{
			{ID: "140121001", Name: "东关村", County: "清徐县", Township: "清源镇", Population: 2310, Location: orb.Point{112.3581, 37.6072}, Extra: readTestAttrs("备注", "城郊")},
			{ID: "140121002", Name: "西关村", County: "清徐县", Township: "清源镇", Population: 1875, Location: orb.Point{112.3402, 37.6049}, Extra: readTestAttrs("备注", "")},
			{ID: "140121003", Name: "南营村", County: "清徐县", Township: "孟封镇", Population: 642, Location: orb.Point{112.4012, 37.5533}, Extra: readTestAttrs("备注", "沿河,低洼")},
		}
		if !readTestEqualVillages(vs, want) {
			t.Errorf("villages\n got %+v\nwant %+v", vs, want)
		}
		if rep.Encoding != "gb18030" || len(rep.Warnings) != 1 {
			t.Errorf("encoding %q warnings %+v", rep.Encoding, rep.Warnings)
		}
		readTestRejection(t, rep, filepath.Join("testdata", "read_villages_gbk.csv"), 5, "140121004", `population "壹佰" is not a number`)
	})
	t.Run("GeoJSON facilities", func(t *testing.T) {
		path := filepath.Join("testdata", "read_facilities.geojson")
		fs, rep, err := LoadFacilities(path, table.ReadOptions{})
		readTestMust(t, err)
		readTestAccounting(t, rep, len(fs), err)
		want := []planner.Facility{
			{ID: "H1", Name: "清徐县人民医院", Type: planner.CountyHospital, County: "清徐县", Township: "清源镇",
				Location: orb.Point{112.3556, 37.6071}, Beds: 450, Staff: 620, Extra: readTestAttrs("等级", "二甲")},
			{ID: "T1", Name: "孟封镇卫生院", Type: planner.TownshipHealthCentre, County: "清徐县", Township: "孟封镇",
				Location: orb.Point{112.4051, 37.5580}, Beds: planner.CapacityUnknown, Staff: 35, Extra: readTestAttrs("等级", "")},
		}
		if !readTestEqualFacilities(fs, want) {
			t.Errorf("facilities\n got %+v\nwant %+v", fs, want)
		}
		if rep.Format != "geojson" {
			t.Errorf("format %q", rep.Format)
		}
		readTestRejection(t, rep, path, 10, "C1", `geometry is "LineString"; only Point is accepted`)
	})
}

func readTestEqualVillages(a, b []planner.Village) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.ID != y.ID || x.Name != y.Name || x.County != y.County || x.Township != y.Township ||
			x.Population != y.Population || x.Location != y.Location || !readTestEqualAttrs(x.Extra, y.Extra) {
			return false
		}
	}
	return true
}

func readTestEqualFacilities(a, b []planner.Facility) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.ID != y.ID || x.Name != y.Name || x.Type != y.Type || x.County != y.County || x.Township != y.Township ||
			x.Location != y.Location || x.Beds != y.Beds || x.Staff != y.Staff || !readTestEqualAttrs(x.Extra, y.Extra) {
			return false
		}
	}
	return true
}

// readTestEqualAttrs treats nil and empty as equal.
func readTestEqualAttrs(a, b []planner.Attr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReadCRS(t *testing.T) {
	in := readTestVillageHeader + "\nV1,甲村,A县,甲镇,10,116.397,39.909\nV2,乙村,A县,乙镇,20,180.5,39.909\n"
	input := orb.Point{116.397, 39.909}
	for _, tt := range []struct {
		opt  geo.CRS
		want orb.Point
	}{
		{"", input},
		{geo.WGS84, input},
		{geo.GCJ02, geo.ToWGS84(geo.GCJ02, input)},
		{geo.BD09, geo.ToWGS84(geo.BD09, input)},
		{"GCJ-02", geo.ToWGS84(geo.GCJ02, input)}, // aliases as geo.ParseCRS knows them
	} {
		t.Run(string(tt.opt), func(t *testing.T) {
			vs, rep, err := readTestVillages(t, in, table.ReadOptions{CRS: tt.opt})
			readTestMust(t, err)
			if len(vs) != 1 || vs[0].Location != tt.want {
				t.Errorf("location %v, want %v", vs, tt.want)
			}
			// Ranges are checked on the input, before conversion.
			readTestRejection(t, rep, "v.csv", 3, "V2", `longitude "180.5" is outside`)
		})
	}
	if p := geo.ToWGS84(geo.GCJ02, input); p == input {
		t.Errorf("GCJ-02 conversion is the identity in Beijing (%v); the test proves nothing", p)
	}
}

func TestLoadByExtension(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A .json name with CSV content is a format error, not a CSV read.
	_, _, err := LoadVillages(write("v.json", readTestVillageHeader+"\nV1,a,b,c,1,116,39\n"), table.ReadOptions{})
	if !errors.Is(err, table.ErrFormat) {
		t.Errorf(".json with CSV content: error %v, want ErrFormat", err)
	}
	// GeoJSON content is recognised whatever the name says.
	gj := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"V1","name":"a","county":"b","township":"c","population":1},"geometry":{"type":"Point","coordinates":[116,39]}}]}`
	for _, name := range []string{"v.txt", "v.csv", "v.GEOJSON"} {
		vs, rep, err := LoadVillages(write(name, gj), table.ReadOptions{})
		if err != nil || len(vs) != 1 || rep.Format != "geojson" {
			t.Errorf("%s: %v %+v %v", name, vs, rep, err)
		}
	}
	// Forcing CSV on GeoJSON content reads it as a (malformed) CSV header.
	if _, _, err := LoadVillages(write("v2.geojson", gj), table.ReadOptions{Format: "csv"}); !errors.Is(err, table.ErrFormat) ||
		!strings.Contains(err.Error(), "malformed header") {
		t.Errorf("forced CSV: error %v, want ErrFormat for the header", err)
	}
}
