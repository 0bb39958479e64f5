package i18n

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want Lang
		err  bool
	}{
		{"", "", false}, {"en", En, false}, {"EN", En, false}, {"zh", Zh, false}, {"zh-CN", Zh, false},
		{"zh_cn", Zh, false}, {"zh-Hans", Zh, false}, {" zh ", Zh, false},
		{"fr", "", true}, {"zh-TW", "", true}, {"chinese", "", true},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("Parse(%q) = %q, %v; want %q, error %v", c.in, got, err, c.want, c.err)
		}
		if err != nil && !errors.Is(err, ErrLang) {
			t.Errorf("Parse(%q): %v does not wrap ErrLang", c.in, err)
		}
	}
}

func TestForPolicy(t *testing.T) {
	for p, want := range map[string]Lang{"shanxi": Zh, "ordos": Zh, "dadukou": Zh, "xinjiang": Zh, "Shanxi": Zh, "": En, "custom": En} {
		if got := ForPolicy(p); got != want {
			t.Errorf("ForPolicy(%q) = %q, want %q", p, got, want)
		}
	}
	if got := Lang("").Or(Zh); got != Zh {
		t.Errorf("unset Or(Zh) = %q", got)
	}
	if got := En.Or(Zh); got != En {
		t.Errorf("En.Or(Zh) = %q", got)
	}
}

func TestCounts(t *testing.T) {
	county := Noun{"county", "counties", "个县"}
	people := Noun{"person", "people", "人"}
	cases := []struct {
		l    Lang
		n    int64
		noun Noun
		want string
	}{
		{En, 1, county, "1 county"}, {En, 0, county, "0 counties"}, {En, 4, county, "4 counties"},
		{En, -1, county, "-1 county"}, {En, 1200, people, "1,200 people"},
		{Zh, 4, county, "4个县"}, {Zh, 1231695, people, "1,231,695人"}, {"", 2, county, "2 counties"},
	}
	for _, c := range cases {
		if got := c.l.N(c.n, c.noun); got != c.want {
			t.Errorf("%q.N(%d) = %q, want %q", c.l, c.n, got, c.want)
		}
	}
	m := Msg{"%s people in %d villages", "%[2]d个村%[1]s人"}
	if got := Zh.F(m, "5", 2); got != "2个村5人" {
		t.Errorf("Zh.F = %q", got)
	}
	if got := Lang("").S(m); got != m.En {
		t.Errorf("unset language S = %q", got)
	}
}

func TestCheckMsgs(t *testing.T) {
	good := struct {
		a Msg
		B []Msg
		n Noun
	}{Msg{"%d of %s", "%[2]s的%[1]d"}, []Msg{{"x", "甲"}}, Noun{"a", "as", "个"}}
	if errs := CheckMsgs(good); len(errs) != 0 {
		t.Errorf("good catalogue: %v", errs)
	}
	bad := struct {
		missing Msg
		verbs   Msg
		noun    Noun
		M       map[string]Msg
	}{Msg{"x", ""}, Msg{"%d km", "%s公里"}, Noun{"a", "", "个"}, map[string]Msg{"k": {"", "乙"}}}
	if errs := CheckMsgs(&bad); len(errs) != 4 {
		t.Errorf("bad catalogue: %d errors, want 4: %v", len(errs), errs)
	}
}
