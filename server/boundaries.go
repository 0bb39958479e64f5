package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/geojsonio"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/maps"
)

// boundariesFile is the name of a dataset's county boundaries, stored next
// to its tables and offered as a result of its runs.
const boundariesFile = "boundaries.geojson"

// optionalResults are results a run of either kind has only when its
// dataset has them: the county boundaries for the map page.
var optionalResults = []string{boundariesFile}

// readBoundaries reads a county boundary file (a GeoJSON FeatureCollection
// of Polygon and MultiPolygon features, each with a county name in one of
// maps.BoundaryNameKeys) with maps.ReadBoundaries and returns its
// canonical form: a FeatureCollection of MultiPolygons whose only property
// is "county". The canonical bytes are what is stored, hashed into the
// dataset's content hash and served; the original's other properties are
// not kept. A file that cannot be used is a *rowsError wrapping
// table.ErrFormat (422, exit status 3) and maps.ErrInput.
func readBoundaries(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", table.ErrUnreadable, name, err)
	}
	fail := func(feature int, reason string) error {
		ie := &maps.InputError{File: name, Feature: feature, Reason: reason}
		return boundaryError(ie)
	}
	// Check the type first, so that a Feature or a bare geometry is
	// refused by name in words for this upload field.
	var head struct {
		Type *string `json:"type"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, fail(-1, "not a GeoJSON FeatureCollection: "+err.Error())
	}
	if head.Type == nil || *head.Type != "FeatureCollection" {
		got := "no type"
		if head.Type != nil {
			got = fmt.Sprintf("type %q", *head.Type)
		}
		return nil, fail(-1, "want a GeoJSON FeatureCollection of county Polygons or MultiPolygons, got "+got)
	}
	bs, err := maps.ReadBoundaries(bytes.NewReader(b), name, maps.BoundaryNameKeys()...)
	if err != nil {
		return nil, boundaryError(err)
	}
	if len(bs) == 0 {
		return nil, fail(-1, "no features: want one Polygon or MultiPolygon per county")
	}
	for i, bd := range bs {
		if strings.TrimSpace(bd.Name) == "" {
			return nil, fail(i, "no county name: give one of the properties "+strings.Join(maps.BoundaryNameKeys(), ", "))
		}
	}
	return canonicalBoundaries(bs), nil
}

// canonicalBoundaries writes boundaries as the stored FeatureCollection:
// members in the order orb/geojson wrote them before (the bytes are
// hashed into dataset ids, so they stay as they were), geometry by
// geojsonio.AppendGeometry at full precision, the county name as
// encoding/json quotes it (HTML-safe).
func canonicalBoundaries(bs []maps.Boundary) []byte {
	out := []byte(`{"features":[`)
	for i, bd := range bs {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"type":"Feature","geometry":`...)
		out = geojsonio.AppendGeometry(out, bd.Geometry)
		county, _ := json.Marshal(bd.Name) // a string always marshals
		out = append(out, `,"properties":{"county":`...)
		out = append(out, county...)
		out = append(out, '}', '}')
	}
	return append(out, "],\"type\":\"FeatureCollection\"}\n"...)
}

// boundaryError words a refused boundary file as an upload fault: 422 with
// the fault in the problem's errors.
func boundaryError(err error) error {
	row := table.Rejection{Reason: strings.TrimPrefix(err.Error(), "maps: ")}
	var ie *maps.InputError
	if errors.As(err, &ie) {
		row.File, row.Reason = ie.File, ie.Reason
		if ie.Feature >= 0 {
			row.Reason = fmt.Sprintf("feature %d: %s", ie.Feature, ie.Reason)
		}
	}
	return &rowsError{err: fmt.Errorf("%w: county boundaries: %w", table.ErrFormat, err), rows: []table.Rejection{row}}
}

// boundariesPath is the stored boundaries file of a dataset, or "" when it
// has none.
func (s *Server) boundariesPath(id string) string {
	if id == SampleID {
		return s.sampleBoundaries
	}
	p := filepath.Join(s.datasetDir(id), boundariesFile)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// AttachSampleBoundaries reads a county boundary file and attaches it to
// the embedded sample, whose runs then offer boundaries.geojson. The
// sample's content hash changes with it, so runs with and without
// boundaries are told apart. Call it before serving; the file is stored in
// the data directory for this server's life (startup removes it). Errors
// are as for an upload's boundaries field: they wrap table.ErrFormat.
func (s *Server) AttachSampleBoundaries(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	defer f.Close()
	b, err := readBoundaries(f, path)
	if err != nil {
		return err
	}
	dir := s.datasetDir(SampleID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("server: sample boundaries: %w", err)
	}
	dst := filepath.Join(dir, boundariesFile)
	if err := atomicfile.WriteFileAtomic(dst, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return fmt.Errorf("server: sample boundaries: %w", err)
	}
	d, err := s.load(context.Background(), s.sample) // pinned: never read from disk
	if err != nil {
		return err
	}
	h, err := hashTables(d.villages, d.facilities, b)
	if err != nil {
		return err
	}
	rec := *s.sample
	rec.Hash = hexSum(h)
	rec.Boundaries = true
	s.sample, s.sampleBoundaries = &rec, dst
	return nil
}
