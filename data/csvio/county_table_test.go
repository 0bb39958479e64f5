package csvio

import (
	"errors"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"
)

func TestReadCountyTable(t *testing.T) {
	got, err := ReadCountyTable(strings.NewReader("\ufeff区县,常住人口,gps\nA,1000,\nB,,3\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Residents != 1000 || got[0].GPs != -1 || got[0].HealthWorkers != -1 || got[1].Residents != -1 || got[1].GPs != 3 {
		t.Errorf("%+v", got)
	}
	for _, tc := range []struct{ in, msg string }{
		{"county,residents\nA,-1\n", "t.csv:2"},
		{"county,residents\nA,1\nA,2\n", "already on line 2"},
		{"name,residents\nA,1\n", "no county column"},
		{"county,gps\n,1\n", "no county name"},
	} {
		_, err := ReadCountyTable(strings.NewReader(tc.in), "t.csv")
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: err %v, want %q", tc.in, err, tc.msg)
		}
	}
	prev, err := ReadPreviousCards(strings.NewReader("county,rank,yellow_card\nA,1,false\nB,2,true\n"), "p.csv")
	if err != nil || len(prev) != 1 || !prev["B"] {
		t.Errorf("previous: %v %v", prev, err)
	}
	if _, err := ReadPreviousCards(strings.NewReader("county,yellow_card\nA,maybe\n"), "p.csv"); !errors.Is(err, table.ErrInvalidRow) {
		t.Errorf("bad yellow_card: %v", err)
	}
}

// FuzzReadCountyTable: any input gives rows or an error, never a panic,
// and every accepted figure is unknown (-1) or non-negative.
func FuzzReadCountyTable(f *testing.F) {
	f.Add("county,residents,gps,health_workers\nA,1000,2,30\n")
	f.Add("区县,常住人口\nA,\n")
	f.Add("county\n\"A\nB\",1\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := ReadCountyTable(strings.NewReader(in), "f.csv")
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.County == "" || r.Residents < -1 || r.GPs < -1 || r.HealthWorkers < -1 {
				t.Fatalf("accepted %+v", r)
			}
		}
	})
}

// FuzzReadPreviousCards: any input gives counties or an error, never a
// panic, and no accepted county is named "" unless the file said so.
func FuzzReadPreviousCards(f *testing.F) {
	f.Add("county,yellow_card\nA,true\nB,false\n")
	f.Add("\ufeff区县,yellow_card\nA,1\n")
	f.Fuzz(func(t *testing.T, in string) {
		cards, err := ReadPreviousCards(strings.NewReader(in), "f.csv")
		if err != nil && cards != nil {
			t.Fatalf("error %v with counties %v", err, cards)
		}
	})
}

func TestSmallTableRowLimit(t *testing.T) {
	in := "county,residents\n" + strings.Repeat("A,1\n", MaxSmallTableRows+1)
	if _, err := ReadCountyTable(strings.NewReader(in), "big.csv"); !errors.Is(err, table.ErrFormat) || !strings.Contains(err.Error(), "big.csv") {
		t.Errorf("err %v, want ErrFormat naming the file", err)
	}
}
