package roadlines

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// checkNumber fails unless the scanner reads lit as strconv.ParseFloat
// does, bit for bit, when lit is a JSON number.
func checkNumber(t *testing.T, lit string) {
	t.Helper()
	s := &scanner{b: []byte(lit)}
	got, ok := s.number()
	if !ok || s.pos != len(lit) {
		if _, err := strconv.ParseFloat(lit, 64); err == nil && isJSONNumber(lit) {
			t.Fatalf("%q: scanner declined a valid number", lit)
		}
		return
	}
	want, err := strconv.ParseFloat(strings.TrimLeft(lit, " \t\r\n"), 64) // the scanner skips white space first
	if err != nil || math.Float64bits(got) != math.Float64bits(want) {
		t.Fatalf("%q: scanner %v (%x), strconv %v (%x, %v)", lit, got, math.Float64bits(got), want, math.Float64bits(want), err)
	}
}

// isJSONNumber is the JSON number grammar as a plain state machine.
func isJSONNumber(lit string) bool {
	s := &scanner{b: []byte(lit)}
	return s.numberLiteral() && s.pos == len(lit)
}

func TestScannerNumbers(t *testing.T) {
	for _, lit := range []string{
		"0", "-0", "110", "110.1234567", "-33.0000001", "0.1", "0.30000000000000004", "9007199254740993",
		"123456789012345", "1234567890123456", "0.000000000000000000000123", "1.00000000000000000000000",
		"110.12345678901234567", "4503599627370497.5", "1e2", "1E-7", "-1.5e+300", "1e400",
	} {
		checkNumber(t, lit)
	}
	for _, bad := range []string{"01", "1.", ".5", "+1", "1e", "-", "0x10", "Inf", "NaN", "1_0"} {
		if isJSONNumber(bad) {
			t.Errorf("%q read as a JSON number", bad)
		}
	}
}

// FuzzScannerNumbers: every number the scanner reads has strconv's value.
func FuzzScannerNumbers(f *testing.F) {
	for _, s := range []string{"110.1234567", "-0.5", "1e5", "123456789012345.6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lit string) { checkNumber(t, lit) })
}
