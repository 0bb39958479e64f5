package table

import "testing"

func TestLoudRejection(t *testing.T) {
	rep := func(rows int, reasons ...string) *ReadReport {
		r := &ReadReport{File: "v.csv", Rows: rows, Accepted: rows - len(reasons)}
		for i, x := range reasons {
			r.Rejected = append(r.Rejected, Rejection{File: "v.csv", Line: i + 2, Reason: x})
		}
		return r
	}
	cases := []struct {
		name string
		r    *ReadReport
		want string // "" when not loud
	}{
		{"none rejected", rep(100), ""},
		{"exactly 1 %", rep(100, "missing id"), ""},
		{"just over 1 %", rep(99, "missing id"), "1 of 99 rows (1.0 %) rejected and left out of the analysis; most frequent: missing id (1)"},
		{"top three by count", rep(10, `population "a" is not a number`, `population "b" is not a number`, "missing id", "missing lat", "missing lat", "missing lat", "missing name"),
			`7 of 10 rows (70.0 %) rejected and left out of the analysis; most frequent: missing lat (3); population "…" is not a number (2); missing id (1)`},
		{"no rows", &ReadReport{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, loud := LoudRejection(c.r)
			if loud != (c.want != "") || got != c.want {
				t.Errorf("LoudRejection = %q, %v; want %q", got, loud, c.want)
			}
		})
	}
	// A bounded report counts the rows it no longer lists.
	b := rep(10, "missing id", "missing id", "missing lat").Bound(1)
	if got, _ := LoudRejection(b); got != "3 of 10 rows (30.0 %) rejected and left out of the analysis; most frequent: missing id (2); missing lat (1)" {
		t.Errorf("bounded: %q", got)
	}
}
