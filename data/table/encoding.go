package table

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Names of the text encodings the readers understand, as reported in
// ReadReport.Encoding.
const (
	readEncUTF8    = "utf-8"
	readEncGBK     = "gbk"
	readEncGB18030 = "gb18030"
)

// readBadText says how a decoded input marks bytes that were not valid in
// its encoding, so rows containing them can be rejected instead of being
// carried through garbled.
type readBadText int

const (
	readTextClean       readBadText = iota // every byte decoded
	readTextInvalidUTF8                    // raw UTF-8 with invalid sequences left in place
	readTextReplaced                       // decoder replaced undecodable bytes by U+FFFD
)

// readDecoded is the input as UTF-8 text.
type readDecoded struct {
	text     string
	data     []byte // the same bytes as text; never written to
	encoding string // readEnc* name actually used
	bad      readBadText
	warnings []string
}

// ParseEncoding checks a ReadOptions.Encoding value without reading
// anything, so that a command line can reject a mistyped --encoding as a
// usage error before it opens the input files. It returns the canonical
// name: "auto" for "" and "auto" (detect per file), "utf-8" (also "utf8"),
// "gbk" (also "cp936" and "gb2312", which GBK contains) or "gb18030", in
// any case and with surrounding spaces ignored. Any other name is an error
// wrapping ErrEncoding.
func ParseEncoding(name string) (string, error) {
	enc, ok := EncodingName(name)
	if !ok {
		return "", fmt.Errorf("%w %s (want auto, utf-8, gbk or gb18030)", ErrEncoding, Quote(name))
	}
	if enc == "" {
		return "auto", nil
	}
	return enc, nil
}

// EncodingName normalises the ReadOptions.Encoding value. It returns ""
// for automatic detection.
func EncodingName(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return "", true
	case "utf-8", "utf8":
		return readEncUTF8, true
	case "gbk", "cp936", "gb2312":
		// GB2312 is a subset of GBK; decoding it as GBK is exact.
		return readEncGBK, true
	case "gb18030":
		return readEncGB18030, true
	}
	return "", false
}

var (
	readBOMUTF8    = []byte{0xEF, 0xBB, 0xBF}
	readBOMUTF16LE = []byte{0xFF, 0xFE}
	readBOMUTF16BE = []byte{0xFE, 0xFF}
)

// decode turns raw input bytes into UTF-8 text. With enc == "" it
// detects the encoding: a UTF-8 byte-order mark or valid UTF-8 means UTF-8;
// otherwise the input is decoded as GB18030 (a superset of GBK and GB2312,
// which is what Chinese Excel and WPS write by default) and a warning says
// so. Input that is mostly valid UTF-8 with a few broken bytes stays UTF-8,
// so one corrupt row cannot garble every Chinese name in the file.
func decode(raw []byte, enc string) (readDecoded, error) {
	if bytes.HasPrefix(raw, readBOMUTF16LE) || bytes.HasPrefix(raw, readBOMUTF16BE) {
		return readDecoded{}, fmt.Errorf("input is UTF-16 text (Excel \"Unicode text\"); save it as \"CSV UTF-8\" instead")
	}
	if enc == "" {
		switch {
		case utf8.Valid(raw):
			return readNewDecoded(bytes.TrimPrefix(raw, readBOMUTF8), readEncUTF8), nil
		case bytes.HasPrefix(raw, readBOMUTF8):
			enc = readEncUTF8 // the mark is authoritative; broken bytes reject their rows
		default:
			valid, invalid := readCountUTF8(raw)
			if valid >= 10*invalid {
				d := readNewDecoded(bytes.TrimPrefix(raw, readBOMUTF8), readEncUTF8)
				d.bad = readTextInvalidUTF8
				d.warnings = append(d.warnings, fmt.Sprintf("input is UTF-8 with %d invalid byte(s); rows containing them are rejected", invalid))
				return d, nil
			}
			d, err := readDecodeWith(raw, readEncGB18030, simplifiedchinese.GB18030)
			if err == nil {
				d.warnings = append(d.warnings, "input is not valid UTF-8; read it as GB18030 (GBK)")
			}
			return d, err
		}
	}
	switch enc {
	case readEncUTF8:
		d := readNewDecoded(bytes.TrimPrefix(raw, readBOMUTF8), readEncUTF8)
		if !utf8.ValidString(d.text) {
			d.bad = readTextInvalidUTF8
		}
		return d, nil
	case readEncGBK:
		return readDecodeWith(raw, readEncGBK, simplifiedchinese.GBK)
	default:
		return readDecodeWith(raw, readEncGB18030, simplifiedchinese.GB18030)
	}
}

func readDecodeWith(raw []byte, name string, e encoding.Encoding) (readDecoded, error) {
	out, err := e.NewDecoder().Bytes(raw)
	if err != nil {
		return readDecoded{}, fmt.Errorf("decoding as %s: %w", name, err)
	}
	// A GB18030 byte-order mark decodes to U+FEFF.
	out = bytes.TrimPrefix(out, readBOMUTF8)
	d := readNewDecoded(out, name)
	if bytes.ContainsRune(out, utf8.RuneError) {
		d.bad = readTextReplaced
	}
	return d, nil
}

func readNewDecoded(b []byte, enc string) readDecoded {
	return readDecoded{text: readOwnString(b), data: b, encoding: enc}
}

// readOwnString returns b as a string without copying it. The readers
// own their input buffer (they read it themselves and never hand it out or
// write to it again), so the bytes are immutable from here on as a string
// requires; not copying saves a second input-sized allocation.
func readOwnString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// readCountUTF8 counts valid multi-byte UTF-8 sequences and invalid bytes.
func readCountUTF8(b []byte) (valid, invalid int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	return valid, invalid
}

// readTextOK reports whether s decoded cleanly under the given mode.
func readTextOK(s string, bad readBadText) bool {
	switch bad {
	case readTextInvalidUTF8:
		return utf8.ValidString(s)
	case readTextReplaced:
		return !strings.ContainsRune(s, utf8.RuneError)
	}
	return true
}
