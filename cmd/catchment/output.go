package main

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/catchment/catchment/data/atomicfile"
	"github.com/catchment/catchment/data/csvio"
)

// writeOutput writes one result file atomically, or to stdout when path is
// "-". Failures are outputErrors.
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriterSize(stdout, 1<<20)
		if err := write(bw); err != nil {
			return outputError{fmt.Errorf("writing to stdout: %w", err)}
		}
		if err := bw.Flush(); err != nil {
			return outputError{fmt.Errorf("writing to stdout: %w", err)}
		}
		return nil
	}
	if err := atomicfile.WriteFileAtomic(path, write); err != nil {
		return outputError{err}
	}
	return nil
}

// writeCSVOutput is writeOutput for a CSV table: a file ending in .csv
// gets the sidecars GDAL and QGIS read its column types from (a .csvt, and
// a .prj when lon and lat make points: csvio.WriteSidecars).
func writeCSVOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if err := writeOutput(stdout, path, write); err != nil {
		return err
	}
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		return nil
	}
	if _, err := csvio.WriteSidecars(path); err != nil {
		return outputError{err}
	}
	return nil
}

// checkOutputs rejects two outputs written to the same file, or to stdout
// twice, before any work is done. flags are the names of the file flags.
func checkOutputs(c interface{ String(string) string }, flags ...string) error {
	seen := map[string]string{}
	for _, f := range flags {
		path := c.String(f)
		if path == "" {
			continue
		}
		key := path
		if path != "-" {
			if abs, err := filepath.Abs(path); err == nil {
				key = abs
			}
		}
		if other, dup := seen[key]; dup {
			what := "the same file"
			if path == "-" {
				what = "stdout"
			}
			return usagef("--%s and --%s both write to %s (%s)", other, f, what, path)
		}
		seen[key] = f
	}
	return nil
}

// Output formats for village results.
const (
	formatGeoJSON    = "geojson"
	formatGeoJSONSeq = "geojsonseq"
	formatCSV        = "csv"
)

// outputFormat picks the format from --format, else from the file extension.
func outputFormat(flag, path string) (string, error) {
	switch strings.ToLower(flag) {
	case formatGeoJSON, formatGeoJSONSeq, formatCSV:
		return strings.ToLower(flag), nil
	case "":
	default:
		return "", usagef("--format %q: want geojson, geojsonseq or csv", flag)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return formatCSV, nil
	case ".geojsonl", ".geojsons", ".geojsonseq", ".jsonl", ".ndjson":
		return formatGeoJSONSeq, nil
	}
	return formatGeoJSON, nil
}
