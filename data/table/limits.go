package table

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrTooManyColumns means an input has more columns (CSV) or properties
// (a GeoJSON feature) than ReadOptions.MaxColumns allows.
var ErrTooManyColumns = errors.New("data: too many columns")

// ColumnLimitError is a CSV header with more columns than
// ReadOptions.MaxColumns. It matches ErrTooManyColumns and ErrFormat.
type ColumnLimitError struct {
	File    string
	Columns int
	Max     int
}

func (e *ColumnLimitError) Reason() string {
	return fmt.Sprintf("%d columns, more than the limit of %d", e.Columns, e.Max)
}

func (e *ColumnLimitError) Error() string { return "data: " + e.File + ": " + e.Reason() }

// Unwrap returns ErrTooManyColumns and ErrFormat.
func (e *ColumnLimitError) Unwrap() []error { return []error{ErrTooManyColumns, ErrFormat} }

// ReasonCount is how many rejections share a kind of reason (ReasonKind).
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// ReasonKind is the kind of a rejection reason: the reason with every
// quoted value replaced by "…" and every number by "N", so that
// `population "-1" is negative` and `population "-7" is negative` are one
// kind. Rejections beyond a bounded report's list are counted by kind.
func ReasonKind(reason string) string {
	var b strings.Builder
	b.Grow(len(reason))
	for i := 0; i < len(reason); i++ {
		switch c := reason[i]; {
		case c == '"':
			j := strings.IndexByte(reason[i+1:], '"')
			if j < 0 {
				b.WriteString(reason[i:])
				return b.String()
			}
			b.WriteString(`"…"`)
			i += j + 1
		case c >= '0' && c <= '9':
			for i+1 < len(reason) && (reason[i+1] >= '0' && reason[i+1] <= '9' || reason[i+1] == '.') {
				i++
			}
			b.WriteByte('N')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// RejectedTotal is the number of rows rejected: those listed in Rejected
// and those a bounded report (Bound) only counts in Omitted.
func (r *ReadReport) RejectedTotal() int {
	n := len(r.Rejected)
	for _, o := range r.Omitted {
		n += o.Count
	}
	return n
}

// Bound returns a copy of r that lists at most max rejected rows in full
// (the first ones, in input order) and counts the others by kind of
// reason (ReasonKind) in Omitted, most frequent first; RejectedTotal is
// unchanged. Warnings are about the file as a whole and few; they are
// kept. r itself is not modified; a report within the bound is returned
// as a copy too.
func (r *ReadReport) Bound(max int) *ReadReport {
	out := *r
	max = min(max, len(r.Rejected))
	if max < 0 {
		max = 0
	}
	out.Rejected = r.Rejected[:max:max]
	out.Omitted = append([]ReasonCount(nil), r.Omitted...)
	if len(r.Rejected) == max {
		return &out
	}
	counts := map[string]int{}
	for _, x := range r.Rejected[max:] {
		counts[ReasonKind(x.Reason)]++
	}
	for i, o := range out.Omitted {
		out.Omitted[i].Count += counts[o.Reason]
		delete(counts, o.Reason)
	}
	for k, n := range counts {
		out.Omitted = append(out.Omitted, ReasonCount{Reason: k, Count: n})
	}
	sortReasonCounts(out.Omitted)
	return &out
}

// sortReasonCounts orders by count, most first, then by reason.
func sortReasonCounts(rc []ReasonCount) {
	slices.SortFunc(rc, func(a, b ReasonCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Reason, b.Reason)
	})
}
