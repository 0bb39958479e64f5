package data_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/gpkg"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/data/xlsx"
	"github.com/paulmach/orb"
)

// binaryFuzzSeeds are a small village workbook and GeoPackage.
func binaryFuzzSeeds(t testing.TB) [][]byte {
	t.Helper()
	var wb bytes.Buffer
	err := xlsx.WriteTables(&wb, []xlsx.Sheet{{Name: "villages",
		Header: []string{"统计用区划代码", "村名", "人口", "经度", "纬度"},
		Rows: [][]xlsx.Cell{{xlsx.Text("140105001001"), xlsx.Text("甲村"), xlsx.Int(10), xlsx.Number(112.5), xlsx.Number(37.6)},
			{xlsx.Text("140105001002"), xlsx.Text("乙村"), xlsx.Text("x"), xlsx.Number(112.5), xlsx.Number(37.6)}}}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v.gpkg")
	err = gpkg.Write(context.Background(), path, []gpkg.Layer{{Name: "villages", GeometryType: gpkg.Point,
		Fields:   []gpkg.Field{{Name: "code", Type: gpkg.Text}, {Name: "name", Type: gpkg.Text}, {Name: "population", Type: gpkg.Integer}},
		Features: []gpkg.Feature{{Geometry: orb.Point{112.5, 37.6}, Values: []any{"140105001001", "甲村", int64(10)}}}}})
	if err != nil {
		t.Fatal(err)
	}
	g, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return [][]byte{wb.Bytes(), g}
}

// TestReadBinarySeeds checks the seeds read as intended: the workbook's
// second row rejected at spreadsheet row 3, the GeoPackage's one village
// with its county from the code.
func TestReadBinarySeeds(t *testing.T) {
	seeds := binaryFuzzSeeds(t)
	vs, rep, err := data.ReadVillages(bytes.NewReader(seeds[0]), "v.xlsx", table.ReadOptions{})
	if err != nil || len(vs) != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 3 || rep.Format != "xlsx" {
		t.Errorf("xlsx: %v %+v %+v", err, vs, rep)
	}
	vs, rep, err = data.ReadVillages(bytes.NewReader(seeds[1]), "v.gpkg", table.ReadOptions{})
	if err != nil || len(vs) != 1 || vs[0].County != "140105" || vs[0].Township != "140105001" || rep.Format != "gpkg" {
		t.Errorf("gpkg: %v %+v %+v", err, vs, rep)
	}
}

// FuzzReadBinary: no workbook or GeoPackage, however damaged, panics the
// readers, and the report accounts for every row.
func FuzzReadBinary(f *testing.F) {
	for _, s := range binaryFuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, name := range []string{"in.xlsx", "in.gpkg"} {
			_, rep, _ := data.ReadVillages(bytes.NewReader(raw), name, table.ReadOptions{})
			if rep == nil {
				t.Fatal("nil report")
			}
			if rep.Rows != rep.Accepted+len(rep.Rejected) {
				t.Fatalf("%s: rows %d != accepted %d + rejected %d", name, rep.Rows, rep.Accepted, len(rep.Rejected))
			}
			_, _, _ = data.ReadFacilities(bytes.NewReader(raw), name, table.ReadOptions{})
		}
	})
}
