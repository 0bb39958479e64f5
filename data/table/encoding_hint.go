package table

import (
	"errors"
	"fmt"
	"strings"
)

// encodingHint adds to err, a read that found required columns missing
// with the encoding enc given explicitly, a hint when the detected
// encoding reads more of the header's names as known columns: a UTF-8
// file read as GBK (or the reverse) garbles every Chinese header name, so
// the only errors are "missing column". err is returned unchanged
// otherwise.
func encodingHint(err error, raw []byte, enc string) error {
	if enc == "" || !errors.Is(err, ErrMissingColumn) {
		return err
	}
	given, gerr := decode(raw, enc)
	auto, aerr := decode(raw, "")
	if gerr != nil || aerr != nil || auto.encoding == enc || auto.bad != readTextClean {
		return err
	}
	g, a := knownHeaderNames(given.text), knownHeaderNames(auto.text)
	if len(a) <= len(g) {
		return err
	}
	names := a
	if len(names) > 4 {
		names = append(names[:4:4], "…")
	}
	alt := strings.ToUpper(auto.encoding)
	return fmt.Errorf("%w\nhint: the encoding may be wrong: read as %s the header has %d known column name(s), read as %s %d (%s); "+
		"the file is probably %s: give that encoding, or auto", err, strings.ToUpper(enc), len(g), alt, len(a), strings.Join(names, ", "), alt)
}

// knownHeaderNames are the names of the first non-blank line of text, split
// at commas, tabs or semicolons, that select a field.
func knownHeaderNames(text string) []string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line == "" {
			continue
		}
		var known []string
		for _, cell := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '\t' || r == ';' }) {
			cell = strings.Trim(strings.TrimSpace(cell), `"`)
			if readLookupField(cell) != FieldExtra {
				known = append(known, cell)
			}
		}
		return known
	}
	return nil
}
