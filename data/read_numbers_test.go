package data_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/catchment/catchment/data"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/data/xlsx"
	"github.com/catchment/catchment/planner"
)

// excelNumberCases are populations as people type them in Excel or a
// Chinese input method: read as the number, or rejected with a reason.
var excelNumberCases = []struct {
	name, in string
	want     int    // the population read, when reason is ""
	reason   string // part of the rejection reason
}{
	{"plain", "2731", 2731, ""},
	{"comma", "2,731", 2731, ""},
	{"comma, millions", "1,234,567", 1234567, ""},
	{"comma and zero fraction", "1,234.0", 1234, ""},
	{"space", "2 731", 2731, ""},
	{"no-break space", "2\u00a0731", 2731, ""},
	{"narrow no-break space", "2\u202f731", 2731, ""},
	{"thin space, millions", "1\u2009234\u2009567", 1234567, ""},
	{"full-width digits", "２７３１", 2731, ""},
	{"full-width comma", "２，７３１", 2731, ""},
	{"full-width comma and period", "２，７３１．０", 2731, ""},
	{"ASCII digits, full-width comma", "2，731", 2731, ""},
	{"decimal comma", "2,73", 0, "has a comma that is not a thousands separator"},
	{"decimal comma, four digits", "2,7310", 0, "has a comma that is not a thousands separator"},
	{"leading comma", ",731", 0, "has a comma that is not a thousands separator"},
	{"Indian grouping", "1,23,456", 0, "has a comma that is not a thousands separator"},
	{"four-digit lead group", "2731,000", 0, "has a comma that is not a thousands separator"},
	{"space, bad groups", "27 31", 0, "has a space that is not a thousands separator"},
	{"commas and spaces", "1,234 567", 0, "mixes commas and spaces"},
	{"two kinds of spaces", "1 234\u00a0567", 0, "mixes different spaces"},
	{"grouped fraction", "2,731.5", 0, "is not a whole number"},
	{"grouped negative", "-2,731", 0, "is negative"},
	{"full-width letters", "２千", 0, "is not a number"},
}

// TestReadExcelNumbersCSV reads each case as a CSV population.
func TestReadExcelNumbersCSV(t *testing.T) {
	for _, c := range excelNumberCases {
		t.Run(c.name, func(t *testing.T) {
			in := "id,name,county,township,population,lon,lat\nV1,甲村,A县,甲镇,10,116,39\nX,乙村,A县,甲镇,\"" + c.in + "\",116,39\n"
			vs, rep, err := data.ReadVillages(strings.NewReader(in), "v.csv", table.ReadOptions{})
			excelNumberCheck(t, c.in, c.want, c.reason, vs, rep, err, 3)
		})
	}
}

// TestReadExcelNumbersXLSX reads each case as a text cell of a workbook,
// as Excel keeps a number typed with a separator it does not know.
func TestReadExcelNumbersXLSX(t *testing.T) {
	for _, c := range excelNumberCases {
		t.Run(c.name, func(t *testing.T) {
			var wb bytes.Buffer
			err := xlsx.WriteTables(&wb, []xlsx.Sheet{{Name: "villages",
				Header: []string{"id", "name", "county", "township", "population", "lon", "lat"},
				Rows: [][]xlsx.Cell{
					{xlsx.Text("V1"), xlsx.Text("甲村"), xlsx.Text("A县"), xlsx.Text("甲镇"), xlsx.Int(10), xlsx.Number(116), xlsx.Number(39)},
					{xlsx.Text("X"), xlsx.Text("乙村"), xlsx.Text("A县"), xlsx.Text("甲镇"), xlsx.Text(c.in), xlsx.Number(116), xlsx.Number(39)},
				}}})
			if err != nil {
				t.Fatal(err)
			}
			vs, rep, err := data.ReadVillages(bytes.NewReader(wb.Bytes()), "v.xlsx", table.ReadOptions{})
			excelNumberCheck(t, c.in, c.want, c.reason, vs, rep, err, 3)
		})
	}
}

func excelNumberCheck(t *testing.T, in string, want int, reason string, vs []planner.Village, rep *table.ReadReport, err error, line int) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 2 || rep.Accepted+len(rep.Rejected) != 2 {
		t.Fatalf("rows %d, accepted %d, rejected %d", rep.Rows, rep.Accepted, len(rep.Rejected))
	}
	if reason != "" {
		if len(vs) != 1 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != line || !strings.Contains(rep.Rejected[0].Reason, reason) ||
			!strings.Contains(rep.Rejected[0].Reason, "population "+table.Quote(in)) {
			t.Errorf("%q: accepted %+v, rejected %+v; want rejected for %q", in, vs, rep.Rejected, reason)
		}
		return
	}
	if len(vs) != 2 || vs[1].Population != want {
		t.Fatalf("%q: accepted %+v, rejected %+v; want population %d", in, vs, rep.Rejected, want)
	}
	repaired := false
	for _, w := range rep.Warnings {
		if strings.Contains(w.Reason, "1 row with numbers written with thousands separators or full-width digits") {
			repaired = true
		}
	}
	if repaired != (in != "2731") {
		t.Errorf("%q: repair warning %v in %+v", in, repaired, rep.Warnings)
	}
}

// TestReadExcelNumbersFixture reads a bureau-style CSV export: numbers with
// every kind of separator, full-width digits in population and
// coordinates, one decimal comma and a total row at the end.
func TestReadExcelNumbersFixture(t *testing.T) {
	raw, err := os.ReadFile("testdata/read_villages_excel_numbers.csv")
	if err != nil {
		t.Fatal(err)
	}
	vs, rep, err := data.ReadVillages(bytes.NewReader(raw), "villages.csv", table.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pops := map[string]int{}
	for _, v := range vs {
		pops[v.ID] = v.Population
	}
	want := map[string]int{"140121001": 2731, "140121002": 1875, "140121003": 3642, "140121004": 1204, "140121005": 12340, "140121007": 1234567}
	for id, p := range want {
		if pops[id] != p {
			t.Errorf("%s: population %d, want %d", id, pops[id], p)
		}
	}
	if len(vs) != len(want) || vs[4].Location[0] != 112.4301 || vs[4].Location[1] != 37.5702 {
		t.Errorf("villages %+v", vs)
	}
	if rep.Rows != 7 || len(rep.Rejected) != 1 || rep.Rejected[0].Line != 7 || !strings.Contains(rep.Rejected[0].Reason, `population "2,73"`) {
		t.Errorf("rows %d, rejected %+v", rep.Rows, rep.Rejected)
	}
	var total, repairs []table.Rejection
	for _, w := range rep.Warnings {
		switch {
		case strings.Contains(w.Reason, "total row"):
			total = append(total, w)
		case strings.Contains(w.Reason, "thousands separators or full-width digits"):
			repairs = append(repairs, w)
		}
	}
	if len(total) != 1 || total[0].File != "villages.csv" || total[0].Line != 9 || total[0].Reason != `total row "合计" skipped (name)` {
		t.Errorf("total row warnings %+v", total)
	}
	if len(repairs) != 1 || !strings.HasPrefix(repairs[0].Reason, "6 rows with numbers") ||
		!strings.Contains(repairs[0].Reason, `line 6 longitude "１１２．４３０１" as 112.4301`) {
		t.Errorf("repair warnings %+v", repairs)
	}
}
