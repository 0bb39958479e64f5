package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/table"
	"strings"
	"testing"
)

func TestReasonKind(t *testing.T) {
	tests := []struct{ in, want string }{
		{`population "-1" is negative`, `population "…" is negative`},
		{`row has 5 fields, header has 7`, `row has N fields, header has N`},
		{`duplicate id "V1" (first on line 12)`, `duplicate id "…" (first on line N)`},
		{`latitude "91.5" is outside [-90, 90]`, `latitude "…" is outside [-N, N]`},
		{`unterminated "quote`, `unterminated "quote`},
	}
	for _, tt := range tests {
		if got := table.ReasonKind(tt.in); got != tt.want {
			t.Errorf("table.ReasonKind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBoundReport: the first rows stay in full, the rest are counted by
// kind of reason, the total is unchanged, and bounding again merges.
func TestBoundReport(t *testing.T) {
	rep := &table.ReadReport{File: "v.csv", Rows: 1005, Accepted: 5}
	for i := range 1000 {
		reason := fmt.Sprintf("population %q is negative", fmt.Sprint(-i-1))
		if i%4 == 0 {
			reason = fmt.Sprintf("row has %d fields, header has 7", i%7)
		}
		rep.Rejected = append(rep.Rejected, table.Rejection{File: "v.csv", Line: i + 2, ID: fmt.Sprint("V", i), Reason: reason})
	}
	b := rep.Bound(10)
	if len(b.Rejected) != 10 || b.Rejected[9].Line != 11 || len(rep.Rejected) != 1000 {
		t.Fatalf("bounded list %d (last line %d), original %d", len(b.Rejected), b.Rejected[len(b.Rejected)-1].Line, len(rep.Rejected))
	}
	if b.RejectedTotal() != 1000 || rep.RejectedTotal() != 1000 {
		t.Errorf("totals %d, %d, want 1000", b.RejectedTotal(), rep.RejectedTotal())
	}
	want := []table.ReasonCount{{Reason: `population "…" is negative`, Count: 743}, {Reason: `row has N fields, header has N`, Count: 247}}
	if fmt.Sprint(b.Omitted) != fmt.Sprint(want) {
		t.Errorf("omitted %v, want %v", b.Omitted, want)
	}
	bb := b.Bound(2)
	if bb.RejectedTotal() != 1000 || len(bb.Rejected) != 2 || bb.Omitted[0].Count+bb.Omitted[1].Count != 998 {
		t.Errorf("bounded twice: %d rows, %v", len(bb.Rejected), bb.Omitted)
	}
	// Within the bound nothing is omitted.
	if c := rep.Bound(5000); len(c.Rejected) != 1000 || len(c.Omitted) != 0 {
		t.Errorf("within bound: %d, %v", len(c.Rejected), c.Omitted)
	}
}

func TestWriteRejectionsCSV(t *testing.T) {
	rep := &table.ReadReport{File: "v.csv", Rejected: []table.Rejection{
		{File: "v.csv", Line: 2, ID: "V1", Reason: `population "-1" is negative`},
		{File: "v.csv", Line: 3, ID: "=cmd", Reason: "missing name"},
	}}
	var buf bytes.Buffer
	if err := csvio.WriteRejectionsCSV(&buf, rep, nil, &table.ReadReport{File: "f.csv"}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || strings.Join(recs[0], ",") != "file,line,id,reason" || recs[1][3] != `population "-1" is negative` || recs[2][1] != "3" {
		t.Errorf("records %q", recs)
	}
}

// TestReadMaxColumns: a CSV header wider than MaxColumns is refused
// before any row; a GeoJSON feature with more properties is rejected.
func TestReadMaxColumns(t *testing.T) {
	head := "id,name,county,township,population,lon,lat,a,b\n"
	row := "V1,A,C,T,100,112,37,1,2\n"
	_, _, err := ReadVillages(strings.NewReader(head+row), "v.csv", table.ReadOptions{MaxColumns: 8})
	var ce *table.ColumnLimitError
	if !errors.As(err, &ce) || !errors.Is(err, table.ErrTooManyColumns) || !errors.Is(err, table.ErrFormat) || ce.Columns != 9 || ce.Max != 8 {
		t.Fatalf("err %v, want a table.ColumnLimitError for 9 > 8", err)
	}
	if vs, _, err := ReadVillages(strings.NewReader(head+row), "v.csv", table.ReadOptions{MaxColumns: 9}); err != nil || len(vs) != 1 {
		t.Fatalf("at the limit: %d villages, %v", len(vs), err)
	}
	gj := `{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[112,37]},"properties":{"id":"V1","name":"A","county":"C","township":"T","population":100}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[112,37]},"properties":{"id":"V2","name":"A","county":"C","township":"T","population":100,"x1":1,"x2":2}}]}`
	vs, rep, err := ReadVillages(strings.NewReader(gj), "v.geojson", table.ReadOptions{MaxColumns: 6})
	if err != nil || len(vs) != 1 || len(rep.Rejected) != 1 || !strings.Contains(rep.Rejected[0].Reason, "7 columns, more than the limit of 6") {
		t.Fatalf("geojson: %d villages, %+v, %v", len(vs), rep, err)
	}
}

// TestReadContext: a done Context stops the reader within about a
// thousand rows, valid or rejected.
func TestReadContext(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,county,township,population,lon,lat\n")
	for i := range 5000 {
		pop := "100"
		if i%2 == 1 {
			pop = "-1"
		}
		fmt.Fprintf(&b, "V%d,A,C,T,%s,112,37\n", i, pop)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, rep, err := ReadVillages(strings.NewReader(b.String()), "v.csv", table.ReadOptions{Context: ctx})
	if !errors.Is(err, context.Canceled) || rep.Rows > 1024 {
		t.Fatalf("err %v after %d rows, want context.Canceled within 1024", err, rep.Rows)
	}
	if vs, _, err := ReadVillages(strings.NewReader(b.String()), "v.csv", table.ReadOptions{Context: context.Background()}); err != nil || len(vs) != 2500 {
		t.Fatalf("live context: %d villages, %v", len(vs), err)
	}
}
