package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/shanxi"
	"github.com/catchment/catchment/data/xlsx"
	"github.com/catchment/catchment/planner"
	"github.com/xuri/excelize/v2"
)

// realTestSample is one real Shanxi county with synthetic villages.
func realTestSample(t *testing.T) *shanxi.Sample {
	t.Helper()
	s, err := shanxi.Generate(shanxi.Options{Seed: 3, City: "1401", Counties: 2})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// realTestWorkbook writes a bureau-style workbook: a merged title row,
// Chinese headers, numbers stored as text, a 合计 row at the end.
func realTestWorkbook(t *testing.T, path, title string, header []string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	if err := f.MergeCell(sh, "A1", last); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue(sh, "A1", title))
	for j, h := range header {
		cell, _ := excelize.CoordinatesToCellName(j+1, 2)
		must(f.SetCellValue(sh, cell, h))
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+3)
			must(f.SetCellValue(sh, cell, v))
		}
	}
	cell, _ := excelize.CoordinatesToCellName(1, len(rows)+3)
	must(f.SetCellValue(sh, cell, "合计"))
	must(f.SaveAs(path))
}

// realTestSheet reads one sheet of a workbook as maps by header.
func realTestSheet(t *testing.T, path, sheet string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := xlsx.ReadRecords(bytes.NewReader(b), path, xlsx.Options{Sheet: sheet})
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs.Rows {
		m := map[string]string{}
		for j, h := range recs.Header {
			if j < len(r.Cells) {
				m[h] = r.Cells[j]
			}
		}
		out = append(out, m)
	}
	return out
}

// TestExcelChineseCodesEndToEnd runs a county bureau's workbooks (Chinese
// headers, 12-digit division codes and no county/township columns,
// facilities without county or township, codes and populations stored as
// text, a title and a total row) through coverage to Excel and
// GeoPackage, and reads the GeoPackage back.
func TestExcelChineseCodesEndToEnd(t *testing.T) {
	s := realTestSample(t)
	dir := t.TempDir()
	var vrows, frows [][]any
	for i, v := range s.Villages {
		code := any(v.ID) // text
		pop := any(v.Population)
		if i%2 == 1 {
			pop = fmt.Sprint(v.Population) // number stored as text
		}
		vrows = append(vrows, []any{code, v.Name, pop, v.Location[0], v.Location[1]})
	}
	vrows = append(vrows, []any{"140105999999", "坏村", 100, nil, 37.6}) // no longitude
	badRow := len(vrows) + 2                                           // title, header
	for _, f := range s.Facilities {
		frows = append(frows, []any{f.ID, f.Name, map[planner.FacilityType]string{
			planner.CountyHospital: "县医院", planner.TownshipHealthCentre: "乡镇卫生院", planner.VillageClinic: "村卫生室"}[f.Type],
			f.Location[0], f.Location[1]})
	}
	vx, fx := filepath.Join(dir, "村.xlsx"), filepath.Join(dir, "机构.xlsx")
	realTestWorkbook(t, vx, "太原市行政村名单", []string{"统计用区划代码", "村名", "常住人口", "经度", "纬度"}, vrows)
	realTestWorkbook(t, fx, "医疗机构", []string{"编号", "机构名称", "机构类型", "经度", "纬度"}, frows)

	outX, outG := filepath.Join(dir, "out.xlsx"), filepath.Join(dir, "out.gpkg")
	code, stdout, stderr := runCLI(t, "coverage", "--villages", vx, "--facilities", fx, "--division-names", "shanxi",
		"--xlsx", outX, "--gpkg", outG)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := fmt.Sprintf("%s:%d: rejected: missing longitude", vx, badRow); !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	for _, want := range []string{"合计", "taken from the nearest village", "taken from the division code"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, s.Villages[0].County) {
		t.Errorf("the county %q (named from the code) is not in the table:\n%s", s.Villages[0].County, stdout)
	}
	got := realTestSheet(t, outX, "villages")
	if len(got) != len(s.Villages) {
		t.Fatalf("villages sheet has %d rows, want %d", len(got), len(s.Villages))
	}
	byID := map[string]map[string]string{}
	for i, r := range got {
		v := s.Villages[i]
		if r["code"] != v.ID || r["county"] != v.County || r["township"] != v.Township {
			t.Fatalf("row %d: code %q county %q township %q, want %q %q %q", i, r["code"], r["county"], r["township"], v.ID, v.County, v.Township)
		}
		byID[r["id"]] = r
	}

	// The GeoPackage: ogrinfo and geopandas open it, catchment reads it back
	// and finds the same nearest facility for every village.
	realTestOgrinfo(t, outG)
	realTestGeopandas(t, outG, len(s.Villages))
	back := filepath.Join(dir, "back.xlsx")
	if code, _, stderr := runCLI(t, "coverage", "-q", "--villages", outG, "--facilities", outG, "--xlsx", back); code != exitOK {
		t.Fatalf("reading back the GeoPackage: exit %d: %s", code, stderr)
	}
	for _, r := range realTestSheet(t, back, "villages") {
		w := byID[r["id"]]
		if w == nil || r["nearest_facility_id"] != w["nearest_facility_id"] || r["network_covered"] != w["network_covered"] || r["code"] != w["code"] {
			t.Fatalf("village %s after the GeoPackage round trip: %v, want %v", r["id"], r, w)
		}
	}
}

func realTestOgrinfo(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ogrinfo (gdal-bin) not installed: .ci/run installs it")
		}
		t.Skip("ogrinfo (gdal-bin) not installed")
	}
	out, err := exec.Command("ogrinfo", "-so", "-al", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	for _, want := range []string{"Layer name: villages", "Layer name: facilities", "Geometry: Point", "EPSG\",4326", "code: String"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("ogrinfo output lacks %q", want)
		}
	}
}

func realTestGeopandas(t *testing.T, path string, villages int) {
	t.Helper()
	script := `import sys, json, geopandas
g = geopandas.read_file(sys.argv[1], layer="villages")
print(json.dumps({"n": len(g), "crs": g.crs.to_epsg(), "cols": list(g.columns)}))`
	out, err := exec.Command("/usr/bin/python3", "-c", script, path).Output()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("geopandas: %v (.ci/run installs python3-geopandas)", err)
		}
		t.Skipf("geopandas not available: %v", err)
	}
	var r struct {
		N    int      `json:"n"`
		CRS  int      `json:"crs"`
		Cols []string `json:"cols"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.N != villages || r.CRS != 4326 || !strings.Contains(strings.Join(r.Cols, ","), "nearest_facility_id") {
		t.Errorf("geopandas read %+v, want %d villages in EPSG:4326 with nearest_facility_id", r, villages)
	}
}

// TestXLSXRoundTrip: coverage writes a workbook that coverage reads back
// as input (villages and facilities sheets) with the same result, and
// plan writes one sheet per --csv-dir table.
func TestXLSXRoundTrip(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	if code, _, stderr := runCLI(t, "coverage", "-q", "--xlsx", first); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "coverage", "-q", "--villages", first, "--facilities", first, "--xlsx", second); code != exitOK {
		t.Fatalf("reading the workbook back: exit %d: %s", code, stderr)
	}
	a, b := realTestSheet(t, first, "villages"), realTestSheet(t, second, "villages")
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d villages", len(a), len(b))
	}
	for i := range a {
		for _, k := range []string{"id", "county", "township", "population", "nearest_facility_id", "nearest_facility_km", "network_covered"} {
			if a[i][k] != b[i][k] {
				t.Fatalf("village %d %s: %q then %q", i, k, a[i][k], b[i][k])
			}
		}
	}
	csvDir, plan := filepath.Join(dir, "tables"), filepath.Join(dir, "plan.xlsx")
	if code, _, stderr := runCLI(t, "plan", "-q", "--csv-dir", csvDir, "--xlsx", plan); code != exitOK {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(csvDir, "*.csv"))
	raw, _ := os.ReadFile(plan)
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n := len(f.GetSheetList()); n != len(files) || n == 0 {
		t.Errorf("plan workbook has %d sheets %v, the CSV directory %d tables", n, f.GetSheetList(), len(files))
	}
}
