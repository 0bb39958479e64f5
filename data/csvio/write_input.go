package csvio

import (
	"fmt"
	"io"
	"strconv"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/planner"
)

// WriteVillagesCSV writes villages in catchment's village input format,
//
//	id,name,county,township,population,lon,lat,extras...
//
// so that the village reader reads them back unchanged, provided the
// coordinates have at most 7 decimals (they are written rounded to 7, about
// 1 cm). Extra columns are the union of the villages' keys in first-seen
// order, empty where a village lacks one (the reader then gives that village
// the key with an empty value). An Extra key the reader would take for one
// of its own columns (any alias, e.g. "经度" or "X"), an empty key, or a key
// given twice in one village cannot round-trip and fails with ErrWriteInput
// before anything is written.
func WriteVillagesCSV(w io.Writer, villages []planner.Village) error {
	for i := range villages {
		v := &villages[i]
		if !table.Finite(v.Location[0]) || !table.Finite(v.Location[1]) {
			return &table.WriteInputError{Record: table.VillageRecord(i, v), Reason: fmt.Sprintf("location (%v, %v) is not finite", v.Location[0], v.Location[1])}
		}
	}
	extras, err := inputExtraColumns(table.VillageSpec(), len(villages),
		func(i int) []planner.Attr { return villages[i].Extra },
		func(i int) string { return table.VillageRecord(i, &villages[i]) })
	if err != nil {
		return err
	}
	header := append([]string{"id", "name", "county", "township", "population", "lon", "lat"}, extras.names...)
	cw, flush := newCSVWriter(w, CSVOptions{})
	if err := cw.Write(header); err != nil {
		return table.WrapWrite(err)
	}
	row := make([]string, len(header))
	const extraAt = 7
	var num []byte
	for i := range villages {
		v := &villages[i]
		row[0], row[1], row[2], row[3] = enc.ValidText(v.ID), enc.ValidText(v.Name), enc.ValidText(v.County), enc.ValidText(v.Township)
		row[4] = strconv.Itoa(v.Population)
		row[5] = string(enc.AppendDeg(num[:0], v.Location[0]))
		row[6] = string(enc.AppendDeg(num[:0], v.Location[1]))
		extras.fill(row[extraAt:], v.Extra)
		if err := cw.Write(row); err != nil {
			return table.WrapWrite(err)
		}
	}
	return table.WrapWrite(flush())
}

// WriteFacilitiesCSV writes facilities in catchment's facility input format,
//
//	id,name,type,county,township,lon,lat,beds,staff,extras...
//
// with beds and staff empty when planner.CapacityUnknown, so that the
// facility reader reads them back unchanged (same conditions as
// WriteVillagesCSV). A facility of an unknown type fails with ErrWriteInput.
func WriteFacilitiesCSV(w io.Writer, facilities []planner.Facility) error {
	for i := range facilities {
		f := &facilities[i]
		if !table.Finite(f.Location[0]) || !table.Finite(f.Location[1]) {
			return &table.WriteInputError{Record: table.FacilityRecord(i, f), Reason: fmt.Sprintf("location (%v, %v) is not finite", f.Location[0], f.Location[1])}
		}
		if !f.Type.Valid() {
			return &table.WriteInputError{Record: table.FacilityRecord(i, f), Reason: fmt.Sprintf("unknown facility type %q", f.Type)}
		}
	}
	extras, err := inputExtraColumns(table.FacilitySpec(), len(facilities),
		func(i int) []planner.Attr { return facilities[i].Extra },
		func(i int) string { return table.FacilityRecord(i, &facilities[i]) })
	if err != nil {
		return err
	}
	header := append([]string{"id", "name", "type", "county", "township", "lon", "lat", "beds", "staff"}, extras.names...)
	cw, flush := newCSVWriter(w, CSVOptions{})
	if err := cw.Write(header); err != nil {
		return table.WrapWrite(err)
	}
	row := make([]string, len(header))
	const extraAt = 9
	var num []byte
	for i := range facilities {
		f := &facilities[i]
		row[0], row[1], row[2], row[3], row[4] = enc.ValidText(f.ID), enc.ValidText(f.Name), string(f.Type), enc.ValidText(f.County), enc.ValidText(f.Township)
		row[5] = string(enc.AppendDeg(num[:0], f.Location[0]))
		row[6] = string(enc.AppendDeg(num[:0], f.Location[1]))
		row[7], row[8] = enc.CapacityText(f.Beds), enc.CapacityText(f.Staff)
		extras.fill(row[extraAt:], f.Extra)
		if err := cw.Write(row); err != nil {
			return table.WrapWrite(err)
		}
	}
	return table.WrapWrite(flush())
}

// inputColumns are the Extra columns of an input-format file, which must
// keep their keys exactly (renaming would change the data on the way back).
type inputColumns struct {
	names []string
	index map[string]int
}

// inputExtraColumns collects the Extra columns of n records. Its cost is
// linear in the number of attributes: a key given twice in one record is
// found by stamping each column with the last record that used it, not by
// comparing the record's keys pairwise.
func inputExtraColumns(spec *table.Spec, n int, extra func(i int) []planner.Attr, record func(i int) string) (*inputColumns, error) {
	c := &inputColumns{index: map[string]int{}}
	var usedBy []int // per column, 1 + the last record that gave it
	for i := range n {
		attrs := extra(i)
		for _, a := range attrs {
			col, ok := c.index[a.Key]
			if !ok {
				switch {
				case a.Key == "":
					return nil, &table.WriteInputError{Record: record(i), Reason: "extra column with an empty name"}
				case spec.Field(a.Key) == table.FieldPopulation && table.PopKindOf(a.Key) < table.PopGeneric:
					// A registered (户籍人口) figure reads back as an extra
					// beside the written "population" column, which outranks it.
				case a.Key == "code" && spec.Field(a.Key) == table.FieldCode:
					// Read back as the division code, which the reader
					// keeps in Extra "code" again.
				case spec.Field(a.Key) != table.FieldExtra:
					return nil, &table.WriteInputError{Record: record(i), Reason: fmt.Sprintf("extra column %q would be read back as the %s column", a.Key, spec.Field(a.Key).Name())}
				}
				col = len(c.names)
				c.index[a.Key] = col
				c.names = append(c.names, a.Key)
				usedBy = append(usedBy, 0)
			}
			if usedBy[col] == i+1 {
				return nil, &table.WriteInputError{Record: record(i), Reason: fmt.Sprintf("extra column %q given twice", a.Key)}
			}
			usedBy[col] = i + 1
		}
	}
	return c, nil
}

// fill clears row and puts each attribute's value in its column.
func (c *inputColumns) fill(row []string, attrs []planner.Attr) {
	clear(row)
	for _, a := range attrs {
		row[c.index[a.Key]] = enc.ValidText(a.Value)
	}
}
