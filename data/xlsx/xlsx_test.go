package xlsx

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// book builds a workbook with excelize directly; fill sets cells on the
// first sheet ("Sheet1").
func book(t testing.TB, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f)
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func set(t testing.TB, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, data []byte, opt Options) *Records {
	t.Helper()
	rec, err := ReadRecords(bytes.NewReader(data), "v.xlsx", opt)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func cells(rec *Records) [][]string {
	var out [][]string
	for _, r := range rec.Rows {
		out = append(out, r.Cells)
	}
	return out
}

func TestReadNumbers(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", "代码")
		set(t, f, "Sheet1", "B1", "人口")
		set(t, f, "Sheet1", "C1", "比例")
		// Row 2: a 12-digit code as a number, an artefact, a plain float.
		set(t, f, "Sheet1", "A2", 140105001001)
		f.SetCellDefault("Sheet1", "B2", "2730.9999999999995") // as Excel stores it
		set(t, f, "Sheet1", "D2", 2731.0000001)
		set(t, f, "Sheet1", "D3", "2731.0000001") // text: kept
		set(t, f, "Sheet1", "D4", 112.123456789)
		set(t, f, "Sheet1", "C2", 0.1+0.2)
		// Row 3: the same code stored as text, a number as text with a
		// leading zero, a number with a thousands format.
		set(t, f, "Sheet1", "A3", "140105001002")
		set(t, f, "Sheet1", "B3", "02731")
		set(t, f, "Sheet1", "C3", 12345)
		sci, _ := f.NewStyle(&excelize.Style{NumFmt: 11}) // 0.00E+00
		thousands, _ := f.NewStyle(&excelize.Style{NumFmt: 3})
		f.SetCellStyle("Sheet1", "A2", "A2", sci)
		f.SetCellStyle("Sheet1", "C3", "C3", thousands)
		// Row 4: an integer format rounding what is stored, and a boolean.
		set(t, f, "Sheet1", "A4", 140105001003)
		set(t, f, "Sheet1", "B4", 2731.4)
		set(t, f, "Sheet1", "C4", true)
		intFmt, _ := f.NewStyle(&excelize.Style{NumFmt: 1}) // "0"
		f.SetCellStyle("Sheet1", "B4", "B4", intFmt)
	})
	rec := read(t, data, Options{})
	want := [][]string{
		{"140105001001", "2731", "0.3", "2731"},
		{"140105001002", "02731", "12345", "2731.0000001"},
		{"140105001003", "2731", "TRUE", "112.123456789"},
	}
	if got := cells(rec); !reflect.DeepEqual(got, want) {
		t.Fatalf("cells\n got %q\nwant %q", got, want)
	}
	if rec.HeaderLine != 1 || !reflect.DeepEqual(rec.Header, []string{"代码", "人口", "比例"}) || rec.Rows[0].Line != 2 {
		t.Fatalf("header %q at %d, first row at %d", rec.Header, rec.HeaderLine, rec.Rows[0].Line)
	}
}

func TestReadTitleAndTotals(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", "某某县行政村人口统计表（2024年）")
		if err := f.MergeCell("Sheet1", "A1", "D1"); err != nil {
			t.Fatal(err)
		}
		set(t, f, "Sheet1", "A2", "填报单位：县卫健局")
		for i, h := range []string{"乡镇", "村名", "人口", "代码"} {
			c, _ := excelize.CoordinatesToCellName(i+1, 4)
			set(t, f, "Sheet1", c, h)
		}
		rows := [][]any{
			{"坞城街道", "师范街社区", 3120, "140105001001"},
			{"坞城街道", "山西大学社区", 2050, "140105001002"},
			{"小计", nil, 5170, nil},
			{"北格镇", "北格村", 1800, "140105100201"},
			{},
			{" 合 计： ", nil, 6970, nil},
		}
		for r, row := range rows {
			for c, v := range row {
				if v != nil {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+5)
					set(t, f, "Sheet1", cell, v)
				}
			}
		}
		// Formatting far below the data leaves empty rows in the XML.
		st, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		f.SetCellStyle("Sheet1", "A40", "D60", st)
	})
	rec := read(t, data, Options{})
	if rec.HeaderLine != 4 || rec.Header[1] != "村名" {
		t.Fatalf("header %q at row %d", rec.Header, rec.HeaderLine)
	}
	var lines []int
	for _, r := range rec.Rows {
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(lines, []int{5, 6, 8}) {
		t.Fatalf("data rows %v, want 5 6 8", lines)
	}
	var warn []string
	for _, w := range rec.Warnings {
		warn = append(warn, w.String())
	}
	want := []string{
		`v.xlsx:1: title row "某某县行政村人口统计表（2024年）" skipped above the header`,
		`v.xlsx:2: title row "填报单位：县卫健局" skipped above the header`,
		`v.xlsx:7: total row "小计" skipped`,
		`v.xlsx:10: total row "合 计：" skipped`,
	}
	if !reflect.DeepEqual(warn, want) {
		t.Fatalf("warnings\n got %q\nwant %q", warn, want)
	}
}

func TestReadSheets(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", "first")
		f.NewSheet("村庄")
		set(t, f, "村庄", "A1", "name")
		set(t, f, "村庄", "A2", "北格村")
	})
	if rec := read(t, data, Options{}); rec.Sheet != "Sheet1" || rec.Header[0] != "first" || len(rec.Rows) != 0 {
		t.Fatalf("default sheet: %+v", rec)
	}
	if rec := read(t, data, Options{Sheet: " 村庄 "}); rec.Sheet != "村庄" || rec.Rows[0].Cells[0] != "北格村" {
		t.Fatalf("named sheet: %+v", rec)
	}
	_, err := ReadRecords(bytes.NewReader(data), "v.xlsx", Options{Sheet: "villages"})
	var se *SheetError
	if !errors.As(err, &se) || !errors.Is(err, ErrNoSheet) || !strings.Contains(err.Error(), "(sheets: Sheet1, 村庄)") {
		t.Fatalf("err = %v", err)
	}
}

func TestReadBounds(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		for r := 1; r <= 20; r++ {
			for c := 1; c <= 5; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				set(t, f, "Sheet1", cell, r*c)
			}
		}
	})
	for _, opt := range []Options{{MaxRows: 19}, {MaxCols: 4}, {MaxBytes: 100}} {
		if _, err := ReadRecords(bytes.NewReader(data), "v.xlsx", opt); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%+v: err = %v, want ErrTooLarge", opt, err)
		}
	}
	if rec := read(t, data, Options{MaxRows: 20, MaxCols: 5}); len(rec.Rows) != 19 {
		t.Fatalf("%d rows", len(rec.Rows))
	}
	for _, bad := range [][]byte{nil, []byte("name,pop\nA,1\n"), data[:len(data)/2]} {
		if _, err := ReadRecords(bytes.NewReader(bad), "bad.xlsx", Options{}); !errors.Is(err, ErrRead) && !errors.Is(err, ErrNoHeader) {
			t.Errorf("garbage: err = %v", err)
		}
	}
	empty := book(t, func(*excelize.File) {})
	if _, err := ReadRecords(bytes.NewReader(empty), "e.xlsx", Options{}); !errors.Is(err, ErrNoHeader) {
		t.Errorf("empty sheet: err = %v", err)
	}
}

func TestWriteRoundTrip(t *testing.T) {
	sheets := []Sheet{
		{Name: "村庄覆盖 Villages: coverage/by county [2024]", Header: []string{"代码", "村名", "人口", "距离_km", "覆盖"},
			Rows: [][]Cell{
				{Text("140105001001"), Text("师范街社区居委会"), Int(3120), Number(4.25), Bool(true)},
				{Text("0140"), Text("北格村"), Int(0), Number(-0.5), Bool(false)},
				{Text("140105100201"), {}, Int(1800)},
			}},
		{Name: "村庄覆盖 villages: coverage/by county [2025]", Header: []string{"x"}},
		{Name: "", Header: []string{"y"}},
	}
	var b bytes.Buffer
	if err := WriteTables(&b, sheets); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	wantNames := []string{"村庄覆盖 Villages_ coverage_by coun", "村庄覆盖 villages_ coverage_by co~2", "Sheet3"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Fatalf("sheets %q, want %q", names, wantNames)
	}
	// A number cell has no t attribute (CellTypeUnset means "n"); a code
	// written as Text must be a string cell.
	if typ, _ := f.GetCellType(names[0], "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("population cell type %v, want number", typ)
	}
	if typ, _ := f.GetCellType(names[0], "A2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString && typ != excelize.CellTypeFormula {
		t.Errorf("code cell type %v, want a string", typ)
	}
	if panes, err := f.GetPanes(names[0]); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth(names[0], "B"); w < 18 {
		t.Errorf("column B width %v too narrow for 8 CJK characters", w)
	}
	rec := read(t, b.Bytes(), Options{})
	want := [][]string{
		{"140105001001", "师范街社区居委会", "3120", "4.25", "TRUE"},
		{"0140", "北格村", "0", "-0.5", "FALSE"},
		{"140105100201", "", "1800"},
	}
	if got := cells(rec); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(rec.Header, sheets[0].Header) {
		t.Fatalf("round trip\n got %q %q\nwant %q", rec.Header, got, want)
	}
}

func TestWriteRejects(t *testing.T) {
	for _, s := range []Sheet{
		{Name: "a", Header: []string{"x"}, Rows: [][]Cell{{Number(nanValue())}}},
		{Name: "a", Header: []string{"x"}, Rows: [][]Cell{{Int(1 << 60)}}},
		{Name: "a", Header: []string{"x"}, Rows: [][]Cell{{Int(1), Int(2)}}},
		{Name: "a", Header: []string{"x"}, Rows: [][]Cell{{Text(strings.Repeat("字", 40000))}}},
	} {
		if err := WriteTables(&bytes.Buffer{}, []Sheet{s}); !errors.Is(err, ErrInvalidTable) {
			t.Errorf("err = %v, want ErrInvalidTable", err)
		}
	}
	if err := WriteTables(&bytes.Buffer{}, nil); !errors.Is(err, ErrInvalidTable) {
		t.Errorf("no sheets: %v", err)
	}
}

func nanValue() float64 { var z float64; return z / z }

func TestSheetName(t *testing.T) {
	used := map[string]bool{}
	for _, c := range []struct{ in, want string }{
		{"plan", "plan"}, {"PLAN", "PLAN~2"}, {"'quoted'", "quoted"}, {"a/b\\c?d*e[f]g:h", "a_b_c_d_e_f_g_h"},
		{"", "Sheet5"}, {"History", "Sheet6"}, {strings.Repeat("长", 40), strings.Repeat("长", 31)},
		{strings.Repeat("长", 35), strings.Repeat("长", 29) + "~2"},
	} {
		if got := SheetName(c.in, len(used), used); got != c.want {
			t.Errorf("SheetName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
