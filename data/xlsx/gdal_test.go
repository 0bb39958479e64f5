package xlsx

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteReadByGDAL opens a written workbook with GDAL's XLSX driver, an
// independent reader: field types must come out as String for codes,
// Integer, Real and Boolean for typed cells, and values unchanged.
func TestWriteReadByGDAL(t *testing.T) {
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Fatalf("ogrinfo (Debian gdal-bin) is required: %v", err)
	}
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	err = WriteTables(f, []Sheet{{Name: "村庄", Header: []string{"代码", "村名", "人口", "距离_km", "覆盖"}, Rows: [][]Cell{
		{Text("140105001001"), Text("师范街社区居委会"), Int(3120), Number(4.25), Bool(true)},
		{Text("0140"), Text("北格村"), Int(0), Number(-0.5), Bool(false)},
	}}})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ogr, "-al", "-q", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	s := string(out)
	for _, want := range []string{
		"Layer name: 村庄", "代码 (String) = 140105001001", "代码 (String) = 0140",
		"村名 (String) = 师范街社区居委会", "人口 (Integer) = 3120", "人口 (Integer) = 0",
		"距离_km (Real) = 4.25", "距离_km (Real) = -0.5",
		"覆盖 (Integer(Boolean)) = 1", "覆盖 (Integer(Boolean)) = 0",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("GDAL output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(s)
	}
}

// TestReadGDALWorkbook reads a workbook written by GDAL (not excelize):
// 12-digit codes stored as numbers come back with all digits, reals as
// typed.
func TestReadGDALWorkbook(t *testing.T) {
	ogr2ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Fatalf("ogr2ogr (Debian gdal-bin) is required: %v", err)
	}
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "villages.csv")
	os.WriteFile(csvPath, []byte("代码,村名,人口,经度\n140105001001,师范街社区居委会,3120,112.5612345\n140105100201,北格村,1800,112.6\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "villages.csvt"), []byte("Integer64,String,Integer,Real\n"), 0o644)
	path := filepath.Join(dir, "villages.xlsx")
	if out, err := exec.Command(ogr2ogr, "-f", "XLSX", path, csvPath).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := ReadRecords(f, "villages.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rec.Header, ",")
	for _, r := range rec.Rows {
		got += "\n" + strings.Join(r.Cells, ",")
	}
	want := "代码,村名,人口,经度\n140105001001,师范街社区居委会,3120,112.5612345\n140105100201,北格村,1800,112.6"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
