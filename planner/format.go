package planner

import (
	"strconv"
	"strings"
)

// groupThousands formats n with comma thousands separators (12345 →
// "12,345") for the explanation notes planner itself writes (sub-centre
// choices, budget and scorecard notes). Output code formats with
// numfmt.GroupThousands (package data/numfmt).
func groupThousands(n int64) string {
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
