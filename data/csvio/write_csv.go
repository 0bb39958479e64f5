package csvio

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// utf8BOM is the byte order mark Excel needs to open a CSV file as UTF-8
// rather than the ANSI code page (GBK on Chinese Windows).
const utf8BOM = "\uFEFF"

// CSVOptions tunes the CSV writers.
type CSVOptions struct {
	// BOM starts the file with a UTF-8 byte order mark, for Excel users.
	// GDAL, pandas and catchment's own readers skip it.
	BOM bool
}

// WriteCoverageCSV writes the coverage of every village as CSV with the
// header
//
//	id,name,county,township,population,lon,lat,nearest_facility_id,nearest_facility_km,network_covered...,extras...
//
// and, when the metric is not the straight line, enc.MetricColumns after
// the network_covered columns (road_km, minutes, snap_m, unreachable,
// straight_nearest_id, straight_km); nearest_facility_* then name the
// nearest by the metric.
//
// with the same column meaning, coverage column names and Extra renaming
// as WriteCoverageGeoJSON. A village without any emergency facility has
// empty nearest_facility_id and nearest_facility_km; coverage flags are
// "true" or "false". Extra columns are the union of the villages' keys in
// first-seen order, empty where a village lacks one. Quoting follows
// encoding/csv; text is UTF-8 (invalid bytes become U+FFFD).
func WriteCoverageCSV(w io.Writer, villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult) error {
	return WriteCoverageCSVWith(w, villages, facilities, res, CSVOptions{})
}

// WriteCoverageCSVFile is WriteCoverageCSV with a UTF-8 byte order mark,
// as the command line's --out and the server's coverage URL write it, like
// the plan's CSV tables: Excel opens a CSV without one in the ANSI code
// page, garbling every Chinese name.
func WriteCoverageCSVFile(w io.Writer, villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult) error {
	return WriteCoverageCSVWith(w, villages, facilities, res, CSVOptions{BOM: true})
}

// WriteCoverageCSVWith is WriteCoverageCSV with options.
func WriteCoverageCSVWith(w io.Writer, villages []planner.Village, facilities []planner.Facility, res *planner.CoverageResult, opt CSVOptions) error {
	e, err := enc.NewCoverage(villages, facilities, res)
	if err != nil {
		return err
	}
	header := []string{"id", "name", "county", "township", "population", "lon", "lat", "nearest_facility_id", "nearest_facility_km"}
	header = append(header, e.Covered...)
	metricAt, hasMetric := len(header), enc.HasMetricColumns(res)
	if hasMetric {
		header = append(header, enc.MetricColumns()...)
	}
	header = append(header, e.Extras.Names...)
	cw, flush := newCSVWriter(w, opt)
	if err := cw.Write(header); err != nil {
		return table.WrapWrite(err)
	}
	row := make([]string, len(header))
	extraAt := len(header) - len(e.Extras.Names)
	cur := enc.ExtraCursor{S: e.Extras}
	var num []byte
	for i := range villages {
		v, vc := &villages[i], &res.Villages[i]
		row[0], row[1], row[2], row[3] = enc.ValidText(v.ID), enc.ValidText(v.Name), enc.ValidText(v.County), enc.ValidText(v.Township)
		row[4] = strconv.Itoa(v.Population)
		num = enc.AppendDeg(num[:0], v.Location[0])
		row[5] = string(num)
		num = enc.AppendDeg(num[:0], v.Location[1])
		row[6] = string(num)
		row[7], row[8] = "", ""
		if vc.Nearest >= 0 {
			row[7] = enc.ValidText(facilities[vc.Nearest].ID)
			row[8] = string(enc.AppendKm(num[:0], vc.DistanceM))
		}
		for k, c := range vc.Covered {
			row[9+k] = strconv.FormatBool(c)
		}
		if hasMetric {
			cells, _ := e.MetricCells(i, num)
			copy(row[metricAt:], cells[:])
		}
		clear(row[extraAt:])
		for j, col := range cur.Columns(v.Extra, false) {
			row[extraAt+col] = enc.ValidText(v.Extra[j].Value)
		}
		if err := cw.Write(row); err != nil {
			return table.WrapWrite(err)
		}
	}
	return table.WrapWrite(flush())
}

// newCSVWriter returns a csv.Writer on a buffered w (with the BOM already
// written when asked) and the function that flushes both and reports the
// first error.
func newCSVWriter(w io.Writer, opt CSVOptions) (*csv.Writer, func() error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	if opt.BOM {
		bw.WriteString(utf8BOM) // error is sticky, reported by Flush
	}
	cw := csv.NewWriter(bw)
	return cw, func() error {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	}
}
