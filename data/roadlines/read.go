package roadlines

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/paulmach/orb/geojson"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/roads"
)

// Options control Read and Load.
type Options struct {
	// CRS is the coordinate system of the input; "" means geo.WGS84.
	// GCJ-02 and BD-09 coordinates are converted to WGS84.
	CRS geo.CRS
	// general reads every feature with encoding/json and orb/geojson (the
	// fast path's reference in tests).
	general bool
}

// Load reads the GeoJSON file at path as Read does, into a buffer of the
// file's size.
func Load(path string, opt Options) ([]roads.Way, *Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Report{File: path}, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	return readData(data, path, opt)
}

// Read reads road lines from a GeoJSON FeatureCollection; name identifies
// the input in the report and errors. The report is never nil. The error
// wraps ErrUnreadable, ErrFormat, ErrEmpty or ErrAllRejected.
func Read(r io.Reader, name string, opt Options) ([]roads.Way, *Report, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &Report{File: name}, fmt.Errorf("%w: %s: %w", ErrUnreadable, name, err)
	}
	return readData(data, name, opt)
}

func readData(data []byte, name string, opt Options) ([]roads.Way, *Report, error) {
	rep := &Report{File: name}
	crs := opt.CRS
	if crs == "" {
		crs = geo.WGS84
	}
	if !crs.Valid() {
		return nil, rep, fmt.Errorf("%w: coordinate system %q", ErrFormat, crs)
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	fr, err := readFeatures(data, name, crs, opt.general)
	*rep = *fr.rep
	if err != nil {
		return nil, rep, err
	}
	rep.Ways = len(fr.ways)
	switch {
	case rep.Features == 0:
		return nil, rep, fmt.Errorf("%w: %s", ErrEmpty, name)
	case rep.Accepted == 0:
		return nil, rep, fmt.Errorf("%w: %s: %d features", ErrAllRejected, name, rep.Features)
	}
	return fr.ways, rep, nil
}

// readFeatures reads the collection on the fast path, or on the general
// path (encoding/json and orb/geojson) when the fast path declines it or
// general is set.
func readFeatures(data []byte, name string, crs geo.CRS, general bool) (*featureReader, error) {
	fresh := func() *featureReader {
		return &featureReader{rep: &Report{File: name}, crs: crs, data: data, lines: newLineCounter(data)}
	}
	if !general {
		if fr := fresh(); fr.fastCollection() {
			return fr, nil
		}
	}
	fr := fresh()
	return fr, fr.collection(json.NewDecoder(bytes.NewReader(data)))
}

// lineCounter turns byte offsets, asked in increasing order, into lines.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func newLineCounter(data []byte) *lineCounter { return &lineCounter{data: data, line: 1} }

func (c *lineCounter) at(off int) int {
	off = min(off, len(c.data))
	if off > c.off {
		c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
		c.off = off
	}
	return c.line
}

// collection walks the top-level object and decodes "features" one by one.
func (fr *featureReader) collection(dec *json.Decoder) error {
	bad := func(reason string, err error) error {
		if err != nil {
			return fmt.Errorf("%w: %s: %s: %w", ErrFormat, fr.rep.File, reason, err)
		}
		return fmt.Errorf("%w: %s: %s", ErrFormat, fr.rep.File, reason)
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return bad("not a JSON object (want a GeoJSON FeatureCollection)", err)
	}
	typ, sawFeatures := "", false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return bad("malformed JSON", err)
		}
		switch t {
		case "type":
			if err := dec.Decode(&typ); err != nil {
				return bad("malformed \"type\"", err)
			}
			if typ != "FeatureCollection" {
				return bad(fmt.Sprintf("type %q, want FeatureCollection", typ), nil)
			}
		case "features":
			sawFeatures = true
			if err := fr.features(dec); err != nil {
				return bad("malformed \"features\"", err)
			}
		case "crs":
			var crs struct{ Properties struct{ Name string } }
			if err := dec.Decode(&crs); err != nil {
				return bad("malformed \"crs\"", err)
			}
			fr.checkCRSMember(crs.Properties.Name)
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return bad("malformed JSON", err)
			}
		}
	}
	if typ == "" || !sawFeatures {
		return bad("no \"type\": \"FeatureCollection\" with \"features\"", nil)
	}
	return nil
}

// features decodes the array of features, each on its own.
func (fr *featureReader) features(dec *json.Decoder) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		if err == nil {
			err = fmt.Errorf("not an array")
		}
		return err
	}
	for i := 0; dec.More(); i++ {
		start := int(dec.InputOffset())
		for start < len(fr.data) && bytes.IndexByte([]byte(" \t\r\n,"), fr.data[start]) >= 0 {
			start++ // the feature starts after the separator and white space
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err // the stream is broken; nothing after it can be read
		}
		// Decoded apart from the stream: an error here (even orb's "unexpected
		// end of JSON input" for a geometry without coordinates) is the
		// feature's alone.
		var f geojson.Feature
		err := json.Unmarshal(raw, &f)
		fr.rep.Features++
		fr.feature(i, fr.lines.at(start), &f, err)
	}
	_, err := dec.Token()
	return err
}
