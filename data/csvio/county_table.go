package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/planner/programme"
)

// MaxSmallTableRows bounds the scorecard's county and previous-year
// tables: one row per county, so far more than any province has.
const MaxSmallTableRows = 100_000

// parseSmallCSV reads a UTF-8 CSV (BOM allowed) into a header index and
// rows with their line numbers; path names it in errors.
func readSmallCSV(in io.Reader, path string) (map[string]int, [][]string, []int, error) {
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
		if len(rows) == MaxSmallTableRows {
			return nil, nil, nil, fmt.Errorf("%s: more than %d rows: %w", path, MaxSmallTableRows, table.ErrFormat)
		}
		rows, lines = append(rows, rec), append(lines, line+1)
	}
	return idx, rows, lines, nil
}

func smallColumn(idx map[string]int, names ...string) int {
	for _, n := range names {
		if i, ok := idx[n]; ok {
			return i
		}
	}
	return -1
}

func smallCell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// ReadCountyTable reads the scorecard's county table (CSV, UTF-8, a BOM
// allowed): county, and any of residents, gps, health_workers (Chinese
// headers 区县, 常住人口, 全科医生, 卫生人员); path names it in errors. An empty
// cell is unknown (-1 in planner.CountyFacts), never 0. More than
// MaxSmallTableRows rows is table.ErrFormat.
//
// It reads county, residents, gps, health_workers; an empty
// cell is unknown, anything else must be a whole number ≥ 0 (up to 2^31-1
// for gps and health_workers). A bad row is an error naming file and line.
func ReadCountyTable(in io.Reader, path string) ([]programme.CountyFacts, error) {
	idx, rows, lines, err := readSmallCSV(in, path)
	if err != nil {
		return nil, err
	}
	ci := smallColumn(idx, "county", "区县", "县", "旗", "county_name")
	if ci < 0 {
		return nil, fmt.Errorf("%s: no county column: %w", path, table.ErrMissingColumn)
	}
	ri, gi, hi := smallColumn(idx, "residents", "常住人口", "population"), smallColumn(idx, "gps", "全科医生"), smallColumn(idx, "health_workers", "卫生人员")
	seen := map[string]int{}
	var out []programme.CountyFacts
	for n, rec := range rows {
		bad := func(why string) error {
			return fmt.Errorf("%s:%d: %s: %w", path, lines[n], why, table.ErrInvalidRow)
		}
		num := func(i int, name string) (int64, error) {
			s := smallCell(rec, i)
			if s == "" {
				return -1, nil
			}
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil || v < 0 {
				return 0, bad(fmt.Sprintf("%s %q is not a whole number ≥ 0", name, s))
			}
			return v, nil
		}
		f := programme.CountyFacts{County: smallCell(rec, ci)}
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

// ReadPreviousCards reads last year's scorecard CSV (what the scorecard
// writes: county and yellow_card columns) and returns the counties whose
// yellow_card is true; path names it in errors.
func ReadPreviousCards(in io.Reader, path string) (map[string]bool, error) {
	idx, rows, lines, err := readSmallCSV(in, path)
	if err != nil {
		return nil, err
	}
	ci, yi := smallColumn(idx, "county", "区县"), smallColumn(idx, "yellow_card")
	if ci < 0 || yi < 0 {
		return nil, fmt.Errorf("%s: want county and yellow_card columns (a scorecard CSV): %w", path, table.ErrMissingColumn)
	}
	out := map[string]bool{}
	for n, rec := range rows {
		v, err := strconv.ParseBool(smallCell(rec, yi))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: yellow_card %q is not true or false: %w", path, lines[n], smallCell(rec, yi), table.ErrInvalidRow)
		}
		if v {
			out[smallCell(rec, ci)] = true
		}
	}
	return out, nil
}
