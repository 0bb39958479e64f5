package maps

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// extractFont returns font index of a TrueType/OpenType file or collection
// as a stand-alone font file with every table on a 4-byte boundary.
//
// golang.org/x/image/font/sfnt, which gonum/plot draws text with, rejects
// tables that do not start on a 4-byte boundary, as the OpenType
// specification requires; wqy-microhei.ttc (Debian's fonts-wqy-microhei,
// the smallest common CJK font) has such tables, and so may other fonts.
// Copying the tables into a fresh file aligns them; checksums are not
// recomputed (sfnt ignores them).
func extractFont(b []byte, index int) ([]byte, error) {
	u16 := func(o int) int { return int(binary.BigEndian.Uint16(b[o:])) }
	u32 := func(o int) int { return int(binary.BigEndian.Uint32(b[o:])) }
	if len(b) < 12 {
		return nil, errors.New("file too short for a font")
	}
	off := 0
	if string(b[:4]) == "ttcf" {
		n := u32(8)
		if index < 0 || index >= n || len(b) < 12+4*n {
			return nil, fmt.Errorf("font %d of a collection of %d", index, n)
		}
		off = u32(12 + 4*index)
	} else if index != 0 {
		return nil, fmt.Errorf("font %d of a single font file", index)
	}
	if off < 0 || off+12 > len(b) {
		return nil, errors.New("font offset outside the file")
	}
	numTables := u16(off + 4)
	dir := off + 12
	if dir+16*numTables > len(b) {
		return nil, errors.New("table directory outside the file")
	}
	type table struct {
		rec  []byte
		data []byte
	}
	tables := make([]table, numTables)
	for i := range tables {
		rec := b[dir+16*i : dir+16*i+16]
		o, n := u32(dir+16*i+8), u32(dir+16*i+12)
		if o < 0 || n < 0 || o+n > len(b) || o+n < o {
			return nil, fmt.Errorf("table %q outside the file", rec[:4])
		}
		tables[i] = table{rec, b[o : o+n]}
	}
	// sfnt wants the directory sorted by tag, as the specification does.
	slices.SortStableFunc(tables, func(x, y table) int { return slices.Compare(x.rec[:4], y.rec[:4]) })
	size := 12 + 16*numTables
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*numTables, size)
	copy(out, b[off:off+12])
	for i, t := range tables {
		rec := out[12+16*i : 12+16*i+16]
		copy(rec, t.rec)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}
