package odmatrix

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/catchment/catchment/geo"
)

// row validates one data record and keeps its pair.
func (rd *rowReader) row(line int, rec []string) {
	cell := func(f Field) string {
		if c := rd.h.col[f]; c >= 0 && c < len(rec) {
			return strings.TrimSpace(rec[c])
		}
		return ""
	}
	o, d := cell(FieldOrigin), cell(FieldDestination)
	switch {
	case o == "" || d == "":
		rd.rep.reject(line, "blank origin_id or destination_id")
		return
	case !utf8.ValidString(o) || !utf8.ValidString(d):
		rd.rep.reject(line, "id is not valid UTF-8")
		return
	}
	p := geo.ODPair{OriginID: rd.intern(o), DestinationID: rd.intern(d), Km: math.NaN(), Minutes: math.NaN()}
	for _, c := range []struct {
		f      Field
		to     *float64
		factor float64
	}{
		{FieldKm, &p.Km, 1}, {FieldMetres, &p.Km, 1e-3}, {FieldMinutes, &p.Minutes, 1}, {FieldSeconds, &p.Minutes, 1.0 / 60},
	} {
		s := cell(c.f)
		if s == "" {
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			rd.rep.reject(line, fmt.Sprintf("%s %q is not a finite non-negative number", fieldNames[c.f], s))
			return
		}
		*c.to = v * c.factor
	}
	if math.IsNaN(p.Km) && math.IsNaN(p.Minutes) {
		rd.rep.reject(line, "neither km nor minutes given")
		return
	}
	rd.pairs = append(rd.pairs, p)
	rd.lines = append(rd.lines, int32(min(line, math.MaxInt32)))
}

func (rd *rowReader) intern(s string) string {
	if v, ok := rd.ids[s]; ok {
		return v
	}
	s = strings.Clone(s) // do not keep the record's line alive
	rd.ids[s] = s
	return s
}

// dedupe rejects every repeat of an (origin, destination) pair after its
// first row, keeping input order.
func (rd *rowReader) dedupe() []geo.ODPair {
	idx := make([]int32, len(rd.pairs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		pa, pb := &rd.pairs[a], &rd.pairs[b]
		return cmp.Or(strings.Compare(pa.OriginID, pb.OriginID),
			strings.Compare(pa.DestinationID, pb.DestinationID), cmp.Compare(a, b))
	})
	drop := make([]bool, len(rd.pairs))
	for k := 1; k < len(idx); k++ {
		first, cur := idx[k-1], idx[k] // first: the earliest row of its pair
		pf, pc := &rd.pairs[first], &rd.pairs[cur]
		if pf.OriginID != pc.OriginID || pf.DestinationID != pc.DestinationID {
			continue
		}
		drop[cur] = true
		idx[k] = first
		rd.rep.reject(int(rd.lines[cur]), fmt.Sprintf("repeats the pair %q → %q of line %d (first kept)",
			pc.OriginID, pc.DestinationID, rd.lines[first]))
	}
	out := rd.pairs[:0]
	for i, p := range rd.pairs {
		if !drop[i] {
			out = append(out, p)
		}
	}
	return out
}
