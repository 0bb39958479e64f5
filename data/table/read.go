package table

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/catchment/catchment/geo"
)

// ReadAll reads r to the end, sizing the buffer up front when r knows its
// length (bytes.Reader, strings.Reader, *os.File). Like os.ReadFile it
// reads into a buffer from make rather than bytes.Buffer, whose growth
// clears the whole buffer first: on a large input that doubles the cost.
func ReadAll(r io.Reader) ([]byte, error) {
	size := 0
	switch x := r.(type) {
	case interface{ Len() int }:
		size = x.Len()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := x.Stat(); err == nil && fi.Mode().IsRegular() {
			size = int(min(fi.Size(), 1<<40))
		}
	}
	buf := make([]byte, 0, max(size, 512-1)+1) // +1: see EOF without growing
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// Format is one input format a Read can dispatch to. Adding a format
// (Excel, GeoPackage) is one more Format in the list handed to Read.
type Format struct {
	// Name is the format as reported in ReadReport.Format and accepted in
	// ReadOptions.Format; Aliases are other accepted option values.
	Name    string
	Aliases []string
	// Exts are the lower-case file name extensions, with the dot, that
	// select this format when ReadOptions.Format is empty or "auto".
	Exts []string
	// Sniff reports whether decoded text (leading white space trimmed,
	// never empty) is in this format; nil marks the fallback format taken
	// when no other format's Sniff matches. Mismatch is the reason given
	// when a file named as this format fails Sniff.
	Sniff    func(text string) bool
	Mismatch string
	// Read parses the decoded text (data is the same UTF-8 bytes), hands
	// each data row to c.Collect and sets c.EstRows before the first.
	Read func(c *Ctx, text string, data []byte) error
	// ReadBinary, when not nil, is used instead of Read for a binary
	// format (Excel, GeoPackage): it gets the raw bytes, undecoded, and
	// the options (sheet, layer). Magic is the prefix of raw that selects
	// this format when neither the option nor the extension does.
	ReadBinary func(c *Ctx, raw []byte, opt ReadOptions) error
	Magic      []byte
}

// Read validates the options, decodes raw as text, picks the format of
// formats that the options, name and content select, and reads the rows
// with build. The report is never nil.
func Read[T any](raw []byte, name string, opt ReadOptions, spec *Spec, build func(*Ctx, *Row) T, formats []Format) ([]T, *ReadReport, error) {
	rep := &ReadReport{File: name}
	enc, ok := EncodingName(opt.Encoding)
	if !ok {
		_, err := ParseEncoding(opt.Encoding)
		return nil, rep, &FormatError{File: name, Reason: "bad encoding option", Err: err}
	}
	crs := opt.CRS
	if crs == "" {
		crs = geo.WGS84
	}
	if !crs.Valid() {
		// Accept the aliases geo.ParseCRS knows ("EPSG:4326", "GCJ-02").
		c, err := geo.ParseCRS(string(crs))
		if err != nil {
			return nil, rep, &FormatError{File: name, Reason: "bad coordinate system option", Err: err}
		}
		crs = c
	}
	format, err := formatNamed(formats, opt.Format, name)
	if err != nil {
		return nil, rep, err
	}
	if format == nil {
		format = formatMagic(formats, raw)
	}
	if format != nil && format.ReadBinary != nil {
		return readBinary(raw, name, opt, spec, build, format, crs, rep)
	}
	if reason := sniffBinary(raw); reason != "" {
		return nil, rep, &FormatError{File: name, Reason: reason}
	}
	dec, err := decode(raw, enc)
	if err != nil {
		return nil, rep, &FormatError{File: name, Reason: "cannot decode text", Err: err}
	}
	rep.Encoding = dec.encoding
	for _, w := range dec.warnings {
		rep.Warnings = append(rep.Warnings, Rejection{File: name, Reason: w})
	}
	text := dec.text
	first := strings.TrimLeft(text, " \t\r\n")
	if first == "" {
		return nil, rep, fmt.Errorf("%w in %s (the input is empty)", ErrEmpty, name)
	}
	switch {
	case format == nil:
		format = formatSniffed(formats, first)
	case format.Sniff != nil && !format.Sniff(first):
		return nil, rep, &FormatError{File: name, Reason: format.Mismatch}
	}
	rep.Format = format.Name
	k := &Collector[T]{Build: build}
	c := newCtx(name, crs, rep, spec, opt, k)
	c.bad, c.Enc = dec.bad, dec.encoding
	if err := format.Read(c, text, dec.data); err != nil {
		return nil, rep, encodingHint(err, raw, enc)
	}
	return finish(c, k)
}

// newCtx is the state of one read.
func newCtx[T any](name string, crs geo.CRS, rep *ReadReport, spec *Spec, opt ReadOptions, k *Collector[T]) *Ctx {
	if opt.Locate != nil && spec.Required(readFieldCounty) {
		spec = spec.WithoutCounty()
	}
	return &Ctx{
		File:   name,
		CRS:    crs,
		Rep:    rep,
		Spec:   spec,
		names:  make(map[string]string),
		Enc:    "utf-8",
		Strict: opt.Strict,
		sink:   k,

		MaxCols:  opt.MaxColumns,
		ctx:      opt.Context,
		Locate:   opt.Locate,
		DivNames: opt.DivisionNames,
	}
}

// readBinary reads raw with a binary format.
func readBinary[T any](raw []byte, name string, opt ReadOptions, spec *Spec, build func(*Ctx, *Row) T, format *Format, crs geo.CRS, rep *ReadReport) ([]T, *ReadReport, error) {
	rep.Format = format.Name
	k := &Collector[T]{Build: build}
	c := newCtx(name, crs, rep, spec, opt, k)
	if len(raw) == 0 {
		return nil, rep, fmt.Errorf("%w in %s (the input is empty)", ErrEmpty, name)
	}
	if err := format.ReadBinary(c, raw, opt); err != nil {
		return nil, rep, err
	}
	return finish(c, k)
}

// finish ends a read: repaired numbers and division warnings, then the empty and
// all-rejected checks.
func finish[T any](c *Ctx, k *Collector[T]) ([]T, *ReadReport, error) {
	rep, name := c.Rep, c.File
	c.finishRepairs()
	c.finishDivisions()
	if rep.Rows == 0 {
		return nil, rep, fmt.Errorf("%w in %s (only a header)", ErrEmpty, name)
	}
	if rep.Accepted == 0 {
		r0 := rep.Rejected[0]
		return nil, rep, fmt.Errorf("%w in %s (%d rows); first, line %d: %s",
			ErrAllRejected, name, rep.Rows, r0.Line, r0.Reason)
	}
	return k.Out, rep, nil
}

// formatNamed resolves the Format option, using the file name's extension
// when the option is empty. It returns nil when the content has to decide.
func formatNamed(formats []Format, opt, name string) (*Format, error) {
	o := strings.ToLower(strings.TrimSpace(opt))
	if o != "" && o != "auto" {
		for i := range formats {
			if formats[i].Name == o || slices.Contains(formats[i].Aliases, o) {
				return &formats[i], nil
			}
		}
		names := make([]string, len(formats))
		for i := range formats {
			names[i] = formats[i].Name
		}
		return nil, &FormatError{File: name, Reason: fmt.Sprintf("unknown format %q (want auto, %s)", opt, strings.Join(names, " or "))}
	}
	ext := strings.ToLower(filepath.Ext(name))
	for i := range formats {
		if slices.Contains(formats[i].Exts, ext) {
			return &formats[i], nil
		}
	}
	return nil, nil
}

// formatMagic is the binary format whose Magic starts raw, or nil.
func formatMagic(formats []Format, raw []byte) *Format {
	for i := range formats {
		if m := formats[i].Magic; len(m) > 0 && bytes.HasPrefix(raw, m) {
			return &formats[i]
		}
	}
	return nil
}

// formatSniffed is the first format whose Sniff accepts text, else the
// fallback format (Sniff nil).
func formatSniffed(formats []Format, text string) *Format {
	var fallback *Format
	for i := range formats {
		switch f := &formats[i]; {
		case f.ReadBinary != nil:
			// Binary formats are chosen by name or magic, never by text.
		case f.Sniff == nil:
			if fallback == nil {
				fallback = f
			}
		case f.Sniff(text):
			return f
		}
	}
	return fallback
}

// sniffBinary names the kind of binary file raw looks like, or returns
// "" for text. Spreadsheets are the usual mistake, so they get advice.
func sniffBinary(raw []byte) string {
	switch {
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return "input is a ZIP archive, probably an Excel .xlsx workbook; save the sheet as CSV"
	case bytes.HasPrefix(raw, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "input is an Excel .xls workbook; save the sheet as CSV"
	}
	head := raw[:min(len(raw), 8192)]
	if bytes.IndexByte(head, 0) >= 0 && !bytes.HasPrefix(raw, readBOMUTF16LE) && !bytes.HasPrefix(raw, readBOMUTF16BE) {
		return "input contains NUL bytes; it is not a text file"
	}
	return ""
}
