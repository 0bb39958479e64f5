package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/catchment/catchment/data/table"
)

// TestPrintRejectionsBounded: with a summary holding the full list, the
// first rows are printed and the rest counted by reason, in a few lines
// however many rows were rejected.
func TestPrintRejectionsBounded(t *testing.T) {
	rep := &table.ReadReport{File: "v.csv", Rows: 100001, Accepted: 1}
	for i := range 100000 {
		reason := `population "-1" is negative`
		if i%10 == 0 {
			reason = fmt.Sprintf("row has %d fields, header has 7", 3+i%3)
		}
		rep.Rejected = append(rep.Rejected, table.Rejection{File: "v.csv", Line: i + 3, Reason: reason})
	}
	var buf bytes.Buffer
	printRejections(&buf, []*table.ReadReport{rep}, "the summary s.json")
	out := buf.String()
	for _, want := range []string{
		"v.csv: 99980 more rejected rows: the summary s.json lists them all\n",
		"v.csv: 89982 more: population \"…\" is negative\n",
		"v.csv: 9998 more: row has N fields, header has N\n",
		"v.csv: 100000 of 100001 rows rejected\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n > 30 {
		t.Errorf("%d lines for 100,000 rejections", n)
	}
}
