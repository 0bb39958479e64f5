package csvio

import (
	"fmt"
	"io"
	"strconv"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
)

// WriteCoverageCountiesCSV writes the county tallies of a coverage summary
// as CSV, one row per county in the summary's order (by county name):
//
//	county,villages,population,network_covered_villages,network_covered_population,network_covered_share
//
// The network_covered columns carry the names of the summary JSON: with several
// radii they repeat per radius, named with RadiusLabel
// (network_covered_villages_10km, network_covered_population_10km, network_covered_share_10km,
// network_covered_villages_15km ...). Shares are fractions in [0, 1]. The file
// starts with a UTF-8 byte order mark, as the plan's CSV tables do, so that
// Excel shows Chinese county names. It is the coverage counterpart of the
// plan's counties.csv for front ends (the HTTP server) that offer a county
// table for both kinds of run.
//
// Nothing is written when the summary is inconsistent (ErrWriteInput);
// errors from w unwrap to ErrWrite.
func WriteCoverageCountiesCSV(w io.Writer, s summary.CoverageSummary) error {
	keys, err := s.ColumnKeys()
	if err != nil {
		return err
	}
	for i := range s.Counties {
		c := &s.Counties[i]
		if len(c.Covered) != len(keys.Villages) {
			return &table.WriteInputError{Reason: fmt.Sprintf("county %q has %d radii, the summary %d", c.County, len(c.Covered), len(keys.Villages))}
		}
		for _, rc := range c.Covered {
			if !table.Finite(rc.Share) {
				return &table.WriteInputError{Reason: fmt.Sprintf("county %q: network_covered_share %v is not finite", c.County, rc.Share)}
			}
		}
	}
	header := []string{"county", "villages", "population"}
	for r := range keys.Villages {
		header = append(header, keys.Villages[r], keys.Population[r], keys.Share[r])
	}
	cw, flush := newCSVWriter(w, CSVOptions{BOM: true})
	if err := cw.Write(header); err != nil {
		return table.WrapWrite(err)
	}
	row := make([]string, 0, len(header))
	for i := range s.Counties {
		c := &s.Counties[i]
		row = append(row[:0], enc.ValidText(c.County), strconv.Itoa(c.Villages), strconv.FormatInt(c.Population, 10))
		for _, rc := range c.Covered {
			row = append(row, strconv.Itoa(rc.Villages), strconv.FormatInt(rc.Population, 10), string(enc.AppendShortFloat(nil, rc.Share)))
		}
		if err := cw.Write(row); err != nil {
			return table.WrapWrite(err)
		}
	}
	return table.WrapWrite(flush())
}
