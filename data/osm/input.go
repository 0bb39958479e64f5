package osm

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
)

// Names of the input formats, as in Options.Format and Report.Format.
const (
	FormatPBF = "pbf"
	FormatXML = "xml"
)

// countingReader counts the bytes read through it; the PBF decoder reads
// from its own goroutine, so the count is atomic. It keeps the first read
// error other than io.EOF, to tell an unreadable input from a corrupt one.
type countingReader struct {
	r   io.Reader
	n   atomic.Int64
	err atomic.Pointer[error]
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	if err != nil && err != io.EOF {
		c.err.CompareAndSwap(nil, &err)
	}
	return n, err
}

func (c *countingReader) readErr() error {
	if p := c.err.Load(); p != nil {
		return *p
	}
	return nil
}

// sizeOf is the size of r when r can tell it, else -1.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Size() int64 }:
		return v.Size()
	case *os.File:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			return st.Size()
		}
	}
	return -1
}

// openInput sniffs the format, undoing gzip or bzip2 compression of XML.
func openInput(br *bufio.Reader, format, name string) (io.Reader, string, error) {
	head, err := br.Peek(64)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", fmt.Errorf("%w: %s: %w", ErrUnreadable, name, err)
	}
	var in io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, "", fmt.Errorf("%w: %s: gzip: %w", ErrFormat, name, err)
		}
		in, format = zr, FormatXML
	case bytes.HasPrefix(head, []byte("BZh")):
		in, format = bzip2.NewReader(br), FormatXML
	}
	if format == "" || format == "auto" {
		format = sniff(head)
	}
	switch format {
	case FormatPBF, FormatXML:
		return in, format, nil
	case "":
		if len(head) == 0 {
			return nil, "", fmt.Errorf("%w: %s: empty input", ErrFormat, name)
		}
		return nil, "", fmt.Errorf("%w: %s: neither OSM PBF nor OSM XML", ErrFormat, name)
	}
	return nil, "", fmt.Errorf("%w: format %q (want pbf or xml)", ErrFormat, format)
}

// sniff recognises PBF by its first blob header (a 4-byte length, then
// the type string "OSMHeader") and XML by a leading '<'.
func sniff(head []byte) string {
	if len(head) > 4 && bytes.Contains(head[4:min(len(head), 24)], []byte("OSMHeader")) {
		return FormatPBF
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if len(t) > 0 && t[0] == '<' {
		return FormatXML
	}
	return ""
}
