package enc

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestAppendJSONString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", `""`},
		{"plain", `"plain"`},
		{`quote " and \ backslash`, `"quote \" and \\ backslash"`},
		{"东村 卫生院", `"东村 卫生院"`},
		{"a\nb\rc\td\be\ff", `"a\nb\rc\td\be\ff"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f" + `"`},
		{"bad\xffbyte", "\"bad\uFFFDbyte\""},
		{"\xe4\xb8", "\"\uFFFD\uFFFD\""},           // truncated 3-byte sequence: one U+FFFD per byte
		{"\xed\xa0\x80", "\"\uFFFD\uFFFD\uFFFD\""}, // surrogate half
		{"line\u2028sep\u2029", `"line\u2028sep\u2029"`},
		{"<a href='x'>&</a>", `"<a href='x'>&</a>"`},
		{"emoji 😀", `"emoji 😀"`},
	}
	for _, c := range cases {
		t.Run(strconv.Quote(c.in), func(t *testing.T) {
			got := string(AppendJSONString(nil, c.in))
			if got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
			checkJSONStringLikeStdlib(t, c.in, got)
		})
	}
}

// checkJSONStringLikeStdlib checks that got is valid JSON that decodes to
// what encoding/json's encoding of s decodes to.
func checkJSONStringLikeStdlib(t *testing.T, s, got string) {
	t.Helper()
	std, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var a, b string
	if err := json.Unmarshal([]byte(got), &a); err != nil {
		t.Fatalf("invalid JSON %s: %v", got, err)
	}
	if err := json.Unmarshal(std, &b); err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("%q decodes to %q, encoding/json's to %q", s, a, b)
	}
	if strings.ContainsFunc(got, func(r rune) bool { return r < 0x20 }) {
		t.Errorf("raw control character in %q", got)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\xff\xfe", "村\n", "\u2028", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkJSONStringLikeStdlib(t, s, string(AppendJSONString(nil, s)))
	})
}

// stdDeg is appendDeg done the slow, obviously right way.
func stdDeg(x float64) string {
	s := strconv.FormatFloat(x, 'f', 7, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// stdKm is appendKm done the slow way: metres to 3 decimals, point moved.
func stdKm(m float64) string {
	s := strconv.FormatFloat(m, 'f', 3, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.Replace(strings.TrimPrefix(s, "-"), ".", "", 1)
	for len(s) < 7 {
		s = "0" + s
	}
	s = s[:len(s)-6] + "." + s[len(s)-6:]
	if neg && strings.Trim(s, "0.") != "" {
		s = "-" + s
	}
	return s
}

func TestAppendDeg(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{-0.00000001, "0"},
		{113.25, "113.25"},
		{113.1234567, "113.1234567"},
		{23.123456789, "23.1234568"},
		{22.99999999, "23"},
		{-179.99999996, "-180"},
		{1.0 / 256, "0.0039062"}, // exact tie 39062.5e-7: half to even
		{3.0 / 256, "0.0117188"}, // exact tie 117187.5e-7: half to even
		{1e-320, "0"},            // subnormal
		{1e-7, "0.0000001"},
		{5e-8, "0"}, // 5e-8 is slightly below the tie in binary
		{123456789.123, "123456789.123"},
		{1e300, stdDeg(1e300)}, // strconv fallback, no exponent
	}
	for _, c := range cases {
		if got := string(AppendDeg(nil, c.in)); got != c.want {
			t.Errorf("appendDeg(%v) = %s, want %s", c.in, got, c.want)
		}
		if got := string(AppendDeg(nil, c.in)); got != stdDeg(c.in) {
			t.Errorf("appendDeg(%v) = %s, strconv gives %s", c.in, got, stdDeg(c.in))
		}
	}
	// Random values at every scale, and values on exact 7-decimal ties.
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 200000 {
		var x float64
		switch i % 4 {
		case 0:
			x = (rng.Float64()*2 - 1) * 180
		case 1:
			x = (rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(20)-10))
		case 2:
			x = float64(rng.Int64N(360e7)-180e7)/1e7 + float64(rng.IntN(3)-1)*5e-8
		case 3:
			x = float64(rng.Int64N(1<<40)) / 256 // dyadic: many exact ties
		}
		if got, want := string(AppendDeg(nil, x)), stdDeg(x); got != want {
			t.Fatalf("appendDeg(%v) = %s, want %s", x, got, want)
		}
	}
}

func TestAppendKm(t *testing.T) {
	cases := []struct {
		m    float64
		want string
	}{
		{0, "0.000000"},
		{15000, "15.000000"},
		{2345.6789, "2.345679"},
		{0.0004, "0.000000"},
		{0.0005, "0.000001"}, // 0.0005 is slightly above the tie in binary
		{0.5, "0.000500"},
		{20037508.3427892, "20037.508343"},
		{1e20, stdKm(1e20)}, // strconv fallback
	}
	for _, c := range cases {
		if got := string(AppendKm(nil, c.m)); got != c.want {
			t.Errorf("appendKm(%v) = %s, want %s", c.m, got, c.want)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 200000 {
		m := rng.Float64() * 40000e3
		if i%2 == 0 {
			m = float64(rng.Int64N(1<<40)) / 1024 // exact ties at the millimetre
		}
		if got, want := string(AppendKm(nil, m)), stdKm(m); got != want {
			t.Fatalf("appendKm(%v) = %s, want %s", m, got, want)
		}
	}
}

func TestAppendShortFloat(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {0.8333333333333334, "0.8333333333333334"}, {1e-7, "0.0000001"}, {12.5, "12.5"}} {
		if got := string(AppendShortFloat(nil, c.in)); got != c.want {
			t.Errorf("appendShortFloat(%v) = %s, want %s", c.in, got, c.want)
		}
	}
}

func BenchmarkAppendDeg(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 32)
	x := 113.123456789
	for b.Loop() {
		buf = AppendDeg(buf[:0], x)
	}
}
