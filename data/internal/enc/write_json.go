package enc

import (
	"bytes"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/catchment/catchment/planner"
)

// The writers hand-encode JSON into byte slices: encoding/json through
// interfaces costs several times more per feature, and a county-scale run
// writes millions of them.

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string. Like encoding/json it escapes
// quotes, backslashes, control characters and U+2028/U+2029 (which break
// JavaScript consumers) and replaces every byte that is not part of valid
// UTF-8 with U+FFFD; unlike it, it leaves <, > and & alone (the output is not
// embedded in HTML).
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\uFFFD"...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// RoundScaled returns |x|·scale rounded to the nearest integer, ties to even,
// computed exactly from the binary value of x, so that it agrees digit for
// digit with strconv's correctly rounded 'f' formatting. ok is false when
// the result might not fit in 63 bits (the caller falls back to strconv).
func RoundScaled(x float64, scale uint64) (q uint64, neg, ok bool) {
	const limit = 1 << 62
	if !(math.Abs(x) < float64(limit/scale)) {
		return 0, false, false
	}
	b := math.Float64bits(x)
	neg = b>>63 != 0
	exp := int(b >> 52 & 0x7ff)
	mant := b & (1<<52 - 1)
	if exp == 0 {
		exp = 1 // subnormal
	} else {
		mant |= 1 << 52
	}
	// |x| = mant · 2^e with e < 0 for every |x| < 2^52, which the limit
	// check guarantees; |x|·scale = (hi:lo) · 2^e.
	s := uint(1075 - exp)
	hi, lo := bits.Mul64(mant, scale)
	if s >= 128 {
		return 0, neg, true // (hi:lo) < 2^117, below half a unit
	}
	// q = (hi:lo) >> s; rem = low s bits; half = 2^(s-1).
	var remHi, remLo, halfHi, halfLo uint64
	if s >= 64 {
		q = hi >> (s - 64)
		remHi, remLo = hi&(1<<(s-64)-1), lo
		if s == 64 {
			halfLo = 1 << 63
		} else {
			halfHi = 1 << (s - 65)
		}
	} else {
		q = lo>>s | hi<<(64-s)
		remLo = lo & (1<<s - 1)
		halfLo = 1 << (s - 1)
	}
	switch {
	case remHi > halfHi || remHi == halfHi && remLo > halfLo:
		q++
	case remHi == halfHi && remLo == halfLo && q&1 == 1:
		q++
	}
	return q, neg, true
}

// AppendFixed appends q/10^decimals with exactly decimals digits after the
// point, or with trailing zeros (and a bare point) trimmed when trim is set.
func AppendFixed(dst []byte, q uint64, neg bool, decimals int, pow uint64, trim bool) []byte {
	if neg && q != 0 { // never "-0"
		dst = append(dst, '-')
	}
	dst = strconv.AppendUint(dst, q/pow, 10)
	frac := q % pow
	if trim && frac == 0 {
		return dst
	}
	var buf [20]byte
	n := decimals
	for i := n - 1; i >= 0; i-- {
		buf[i] = byte('0' + frac%10)
		frac /= 10
	}
	if trim {
		for n > 0 && buf[n-1] == '0' {
			n--
		}
	}
	dst = append(dst, '.')
	return append(dst, buf[:n]...)
}

func trimFloat(dst []byte, start int) []byte {
	for dst[len(dst)-1] == '0' {
		dst = dst[:len(dst)-1]
	}
	if dst[len(dst)-1] == '.' {
		dst = dst[:len(dst)-1]
	}
	if string(dst[start:]) == "-0" {
		dst = append(dst[:start], '0')
	}
	return dst
}

// AppendDeg appends a coordinate in degrees rounded to 7 decimals (about
// 1 cm, beyond the accuracy of any village location) with trailing zeros
// trimmed and never in exponent notation: 113.25, 23.1234567, 0.
// x must be finite.
func AppendDeg(dst []byte, x float64) []byte {
	if q, neg, ok := RoundScaled(x, 1e7); ok {
		return AppendFixed(dst, q, neg, 7, 1e7, true)
	}
	start := len(dst)
	return trimFloat(strconv.AppendFloat(dst, x, 'f', 7, 64), start)
}

// AppendKm appends a distance given in metres as kilometres with exactly 6
// decimals (millimetres). Rounding the metres to 3 decimals and moving the
// point avoids the error of dividing by 1000 first. m must be finite.
func AppendKm(dst []byte, m float64) []byte {
	if q, neg, ok := RoundScaled(m, 1e3); ok {
		return AppendFixed(dst, q, neg, 6, 1e6, false)
	}
	return strconv.AppendFloat(dst, m/1000, 'f', 6, 64)
}

// AppendShortFloat appends the shortest decimal that reads back as x,
// without exponent notation (JSON allows exponents, but people read these).
func AppendShortFloat(dst []byte, x float64) []byte {
	if x == 0 {
		return append(dst, '0') // also for -0
	}
	return strconv.AppendFloat(dst, x, 'f', -1, 64)
}

func AppendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

func AppendInt(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }

func AppendCapacity(dst []byte, n int) []byte {
	if n == planner.CapacityUnknown {
		return append(dst, "null"...)
	}
	return AppendInt(dst, n)
}

// AppendRealKm appends a radius so that it always reads as a real number
// ("10.0", "12.5"): GDAL types a field by its JSON numbers, and the field
// should not turn Integer just because every radius is whole.
func AppendRealKm(dst []byte, r float64) []byte {
	start := len(dst)
	dst = AppendShortFloat(dst, r)
	if !bytes.ContainsAny(dst[start:], ".") {
		dst = append(dst, '.', '0')
	}
	return dst
}

func CapacityText(n int) string {
	if n == planner.CapacityUnknown {
		return ""
	}
	return strconv.Itoa(n)
}

// ValidText makes s valid UTF-8, replacing each invalid byte with U+FFFD as
// the JSON writers do.
func ValidText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
