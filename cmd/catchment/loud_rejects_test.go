package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/gpkg"
	"github.com/catchment/catchment/data/xlsx"
	"github.com/paulmach/orb"
)

// loudVillages are 100 villages of which every tenth has no population:
// 10 % rejected.
func loudVillages() (ids, names []string, pops []string, lons []float64) {
	for i := range 100 {
		pop := "500"
		if i%10 == 0 {
			pop = ""
		}
		ids, names, pops = append(ids, fmt.Sprintf("V%03d", i)), append(names, fmt.Sprintf("村%d", i)), append(pops, pop)
		lons = append(lons, 112+float64(i)*0.001)
	}
	return ids, names, pops, lons
}

// TestLoudRejectionsEveryFormat: a village file losing more than 1 % of
// its rows warns under --quiet, naming the share and the most frequent
// reason, and --strict exits 3, whether it is CSV, an Excel workbook or a
// GeoPackage.
func TestLoudRejectionsEveryFormat(t *testing.T) {
	dir := t.TempDir()
	ids, names, pops, lons := loudVillages()
	var csv strings.Builder
	csv.WriteString("id,name,county,township,population,lon,lat\n")
	var rows [][]xlsx.Cell
	var feats []gpkg.Feature
	for i := range ids {
		fmt.Fprintf(&csv, "%s,%s,甲县,甲镇,%s,%.3f,37.5\n", ids[i], names[i], pops[i], lons[i])
		rows = append(rows, []xlsx.Cell{xlsx.Text(ids[i]), xlsx.Text(names[i]), xlsx.Text("甲县"), xlsx.Text("甲镇"), xlsx.Text(pops[i]),
			xlsx.Number(lons[i]), xlsx.Number(37.5)})
		feats = append(feats, gpkg.Feature{Geometry: orb.Point{lons[i], 37.5}, Values: []any{ids[i], names[i], "甲县", "甲镇", pops[i]}})
	}
	csvPath := writeFile(t, dir, "v.csv", csv.String())
	var wb bytes.Buffer
	if err := xlsx.WriteTables(&wb, []xlsx.Sheet{{Name: "villages",
		Header: []string{"id", "name", "county", "township", "population", "lon", "lat"}, Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	xlsxPath := filepath.Join(dir, "v.xlsx")
	if err := os.WriteFile(xlsxPath, wb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	gpkgPath := filepath.Join(dir, "v.gpkg")
	text := func(n string) gpkg.Field { return gpkg.Field{Name: n, Type: gpkg.Text} }
	if err := gpkg.Write(context.Background(), gpkgPath, []gpkg.Layer{{Name: "villages", GeometryType: gpkg.Point,
		Fields: []gpkg.Field{text("id"), text("name"), text("county"), text("township"), text("population")}, Features: feats}}); err != nil {
		t.Fatal(err)
	}
	f := writeFile(t, dir, "f.csv", "id,name,type,lon,lat\nH1,县医院,county_hospital,112.05,37.5\n")
	for _, v := range []string{csvPath, xlsxPath, gpkgPath} {
		t.Run(filepath.Ext(v), func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "coverage", "-q", "--villages", v, "--facilities", f)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stderr, "warning: "+v+": 10 of 100 rows (10.0 %) rejected") || !strings.Contains(stderr, "missing population (10)") {
				t.Errorf("no loud warning under --quiet:\n%s", stderr)
			}
			if !strings.Contains(stdout, "90") {
				t.Errorf("the good villages are not analysed:\n%s", stdout)
			}
			code, _, stderr = runCLI(t, "coverage", "-q", "--strict", "--villages", v, "--facilities", f)
			if code != exitInvalidData || !strings.Contains(stderr, "missing population") {
				t.Errorf("--strict: exit %d, want %d:\n%s", code, exitInvalidData, stderr)
			}
		})
	}
}
