// Package numfmt formats numbers as catchment's tables, reports and maps
// show them to people. It is a leaf package of the module, so the
// planner's explanation notes and every output package (data/report,
// data/summary, maps, cmd) share it.
package numfmt

import (
	"strconv"
	"strings"
)

// GroupThousands formats n with comma thousands separators (12345 →
// "12,345"), as every table, report and map of catchment shows counts of
// people.
func GroupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	digits := strings.TrimPrefix(s, "-")
	var b strings.Builder
	b.Grow(len(s) + len(digits)/3)
	if len(digits) < len(s) {
		b.WriteByte('-')
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
