package planner

import (
	"strconv"
	"strings"
)

// GroupThousands formats n with comma thousands separators (12345 →
// "12,345") for the explanation notes planner itself writes (sub-centre
// choices). Output code formats with report.GroupThousands in package
// data/report; this copy goes unexported once the sub-centre notes are
// rewritten.
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
