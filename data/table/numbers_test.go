package table

import (
	"strings"
	"testing"
)

func TestTotalLabel(t *testing.T) {
	for s, want := range map[string]bool{
		"合计": true, "合 计：": true, "总计:": true, "小计": true, "小計": true, "Total": true, "TOTAL:": true,
		"Grand Total": true, "Subtotal": true, "sum": true,
		"": false, "合计村": false, "总计乡": false, "Total population": false, "V001": false, "东关村": false,
	} {
		if got := TotalLabel(s); got != want {
			t.Errorf("TotalLabel(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestPlainCount(t *testing.T) {
	cases := []struct{ in, want, reason string }{
		{"2731", "2731", ""},
		{"2,731", "2731", ""},
		{"+2,731", "+2731", ""},
		{"2\u202f731.00", "2731.00", ""},
		{"２，７３１", "2731", ""},
		{"１２", "12", ""},
		{"2,73", "2,73", "a comma that is not a thousands separator"},
		{"2 73 1", "2 73 1", "a space that is not a thousands separator"},
		{"1,234 567", "1,234 567", "mixes commas and spaces"},
	}
	for _, c := range cases {
		got, reason := PlainCount(c.in)
		if got != c.want || (reason == "") != (c.reason == "") || (c.reason != "" && !strings.Contains(reason, c.reason)) {
			t.Errorf("PlainCount(%q) = %q, %q; want %q, %q", c.in, got, reason, c.want, c.reason)
		}
	}
}
