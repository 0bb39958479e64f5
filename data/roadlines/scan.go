package roadlines

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// scanner is a strict JSON reader over a document held in memory: it
// accepts exactly RFC 8259 JSON (the grammar encoding/json accepts), so
// that whatever it reads encoding/json would read alike. Every method
// returns ok false at the first byte it does not accept and leaves pos
// there; the caller then falls back to encoding/json, which words the
// error.
type scanner struct {
	b   []byte
	pos int
}

// maxScanDepth bounds the nesting the scanner follows (encoding/json
// allows 10,000; deeper documents go to it and fail there).
const maxScanDepth = 512

func (s *scanner) ws() {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.pos < len(s.b) {
		return s.b[s.pos]
	}
	return 0
}

// eat consumes c after white space, reporting whether it was there.
func (s *scanner) eat(c byte) bool {
	if s.peek() == c {
		s.pos++
		return true
	}
	return false
}

// str reads the string literal at pos (after white space) and returns it
// with its quotes; plain is true when it is printable ASCII without
// escapes, so that its text is the bytes between the quotes.
func (s *scanner) str() (raw []byte, plain, ok bool) {
	if s.peek() != '"' {
		return nil, false, false
	}
	start := s.pos
	plain = true
	for i := s.pos + 1; i < len(s.b); i++ {
		switch c := s.b[i]; {
		case c == '"':
			s.pos = i + 1
			return s.b[start:s.pos], plain, true
		case c == '\\':
			plain = false
			if i++; i >= len(s.b) {
				return nil, false, false
			}
			switch s.b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(s.b) || !isHex4(s.b[i+1:i+5]) {
					return nil, false, false
				}
				i += 4
			default:
				return nil, false, false
			}
		case c < 0x20:
			return nil, false, false
		case c >= 0x80:
			plain = false
		}
	}
	return nil, false, false
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// text reads a string literal and returns its value as encoding/json
// decodes it (escapes resolved, invalid UTF-8 replaced by U+FFFD).
func (s *scanner) text() (string, bool) {
	raw, plain, ok := s.str()
	if !ok {
		return "", false
	}
	return decodeText(raw, plain)
}

func decodeText(raw []byte, plain bool) (string, bool) {
	inner := raw[1 : len(raw)-1]
	if plain {
		return string(inner), true
	}
	if !hasByte(inner, '\\') && utf8.Valid(inner) {
		return string(inner), true
	}
	var v string
	if json.Unmarshal(raw, &v) != nil {
		return "", false
	}
	return v, true
}

func hasByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// number reads the number literal at pos (after white space) and returns
// its value as encoding/json decodes it into a float64; ok is false for
// a malformed literal or one out of float64's range.
func (s *scanner) number() (float64, bool) {
	s.ws()
	start := s.pos
	if !s.numberLiteral() {
		return 0, false
	}
	raw := s.b[start:s.pos]
	if x, ok := exactDecimal(raw); ok {
		return x, true
	}
	x, err := strconv.ParseFloat(string(raw), 64)
	return x, err == nil
}

// numberLiteral consumes -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (s *scanner) numberLiteral() bool {
	b, i := s.b, s.pos
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		if j := digits(b, i+1); j > i+1 {
			i = j
		} else {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return false
		}
		i = j
	}
	s.pos = i
	return true
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// pow10 holds the powers of ten that are exact in a float64.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// exactDecimal converts a well-formed number literal without exponent
// whose digits, as an integer m, are at most 2⁵³ and which has at most 22
// decimals: m / 10^k is then one correctly rounded division of two exact
// floats, the same value strconv.ParseFloat returns. ok is false for any
// other literal.
func exactDecimal(raw []byte) (float64, bool) {
	i, neg := 0, false
	if raw[0] == '-' {
		neg, i = true, 1
	}
	var m uint64
	frac, sig := 0, 0
	for dot := false; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '.':
			dot = true
			continue
		case c < '0' || c > '9':
			return 0, false // an exponent
		}
		if m != 0 || c != '0' {
			if sig++; sig > 15 {
				return 0, false
			}
		}
		m = m*10 + uint64(c-'0')
		if dot {
			frac++
		}
	}
	if frac >= len(pow10) {
		return 0, false
	}
	x := float64(m) / pow10[frac]
	if neg {
		x = -x
	}
	return x, true
}

// literal consumes the keyword word (true, false or null).
func (s *scanner) literal(word string) bool {
	s.ws()
	if len(s.b)-s.pos >= len(word) && string(s.b[s.pos:s.pos+len(word)]) == word {
		s.pos += len(word)
		return true
	}
	return false
}

// skip consumes one JSON value of any kind, checking its grammar.
func (s *scanner) skip(depth int) bool {
	if depth > maxScanDepth {
		return false
	}
	switch c := s.peek(); {
	case c == '{':
		s.pos++
		return s.members(func(_ []byte, _ bool) bool { return s.skip(depth + 1) })
	case c == '[':
		s.pos++
		return s.elements(func() bool { return s.skip(depth + 1) })
	case c == '"':
		_, _, ok := s.str()
		return ok
	case c == '-' || '0' <= c && c <= '9':
		return s.numberLiteral()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return false
}

// members reads the members of an object whose '{' was consumed, calling
// value with each key (raw, with quotes) positioned at its value, which
// value must consume.
func (s *scanner) members(value func(key []byte, plain bool) bool) bool {
	if s.eat('}') {
		return true
	}
	for {
		key, plain, ok := s.str()
		if !ok || !s.eat(':') || !value(key, plain) {
			return false
		}
		if s.eat(',') {
			continue
		}
		return s.eat('}')
	}
}

// elements reads the elements of an array whose '[' was consumed, calling
// value positioned at each.
func (s *scanner) elements(value func() bool) bool {
	if s.eat(']') {
		return true
	}
	for {
		if !value() {
			return false
		}
		if s.eat(',') {
			continue
		}
		return s.eat(']')
	}
}
