package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner"
)

// The scorecard's two small tables are read here; they belong with the
// other readers in package data once it has a county-table reader.

// openSmall opens a small input table.
func openSmall(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", table.ErrUnreadable, err)
	}
	return f, nil
}

// parseSmallCSV reads a UTF-8 CSV (BOM allowed) into a header index and
// rows with their line numbers; path names it in errors.
func parseSmallCSV(in io.Reader, path string) (map[string]int, [][]string, []int, error) {
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, nil, fmt.Errorf("%s: %w", path, table.ErrEmpty)
		}
		return nil, nil, nil, fmt.Errorf("%s: %v: %w", path, err, table.ErrFormat)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var rows [][]string
	var lines []int
	for {
		line, _ := r.FieldPos(0)
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %v: %w", path, err, table.ErrFormat)
		}
		rows, lines = append(rows, rec), append(lines, line+1)
	}
	return idx, rows, lines, nil
}

func column(idx map[string]int, names ...string) int {
	for _, n := range names {
		if i, ok := idx[n]; ok {
			return i
		}
	}
	return -1
}

func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// readCountyTable reads the county table at path.
func readCountyTable(path string) ([]planner.CountyFacts, error) {
	f, err := openSmall(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseCountyTable(f, path)
}

// parseCountyTable reads county, residents, gps, health_workers; an empty
// cell is unknown, anything else must be a whole number ≥ 0 (up to 2^31-1
// for gps and health_workers). A bad row is an error naming file and line.
func parseCountyTable(in io.Reader, path string) ([]planner.CountyFacts, error) {
	idx, rows, lines, err := parseSmallCSV(in, path)
	if err != nil {
		return nil, err
	}
	ci := column(idx, "county", "区县", "县", "旗", "county_name")
	if ci < 0 {
		return nil, fmt.Errorf("%s: no county column: %w", path, table.ErrMissingColumn)
	}
	ri, gi, hi := column(idx, "residents", "常住人口", "population"), column(idx, "gps", "全科医生"), column(idx, "health_workers", "卫生人员")
	seen := map[string]int{}
	var out []planner.CountyFacts
	for n, rec := range rows {
		bad := func(why string) error {
			return fmt.Errorf("%s:%d: %s: %w", path, lines[n], why, table.ErrInvalidRow)
		}
		num := func(i int, name string) (int64, error) {
			s := cell(rec, i)
			if s == "" {
				return -1, nil
			}
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil || v < 0 {
				return 0, bad(fmt.Sprintf("%s %q is not a whole number ≥ 0", name, s))
			}
			return v, nil
		}
		f := planner.CountyFacts{County: cell(rec, ci)}
		if f.County == "" {
			return nil, bad("no county name")
		}
		if prev, dup := seen[f.County]; dup {
			return nil, bad(fmt.Sprintf("county %q already on line %d", f.County, prev))
		}
		seen[f.County] = lines[n]
		var g, h int64
		if f.Residents, err = num(ri, "residents"); err != nil {
			return nil, err
		}
		if g, err = num(gi, "gps"); err != nil {
			return nil, err
		}
		if h, err = num(hi, "health_workers"); err != nil {
			return nil, err
		}
		if g > math.MaxInt32 || h > math.MaxInt32 {
			return nil, bad("gps or health_workers too large")
		}
		f.GPs, f.HealthWorkers = int(g), int(h)
		out = append(out, f)
	}
	return out, nil
}

// readPreviousCards reads last year's scorecard CSV at path.
func readPreviousCards(path string) (map[string]bool, error) {
	f, err := openSmall(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parsePreviousCards(f, path)
}

// parsePreviousCards reads a scorecard CSV: the counties whose yellow_card
// is true.
func parsePreviousCards(in io.Reader, path string) (map[string]bool, error) {
	idx, rows, lines, err := parseSmallCSV(in, path)
	if err != nil {
		return nil, err
	}
	ci, yi := column(idx, "county", "区县"), column(idx, "yellow_card")
	if ci < 0 || yi < 0 {
		return nil, fmt.Errorf("%s: want county and yellow_card columns (a scorecard CSV): %w", path, table.ErrMissingColumn)
	}
	out := map[string]bool{}
	for n, rec := range rows {
		v, err := strconv.ParseBool(cell(rec, yi))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: yellow_card %q is not true or false: %w", path, lines[n], cell(rec, yi), table.ErrInvalidRow)
		}
		if v {
			out[cell(rec, ci)] = true
		}
	}
	return out, nil
}
