package planner

import (
	"strconv"
	"strings"
)

// groupThousands formats n with comma thousands separators (12345 →
// "12,345") for the explanation notes planner itself writes (sub-centre
// choices, budget and scorecard notes). Output code formats with
// report.GroupThousands in package data/report.
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

// GroupThousands is groupThousands for the packages that still format
// counts through planner (maps' legend and title, the CLI's budget and map
// messages, data/summary's Count).
//
// Deprecated: text formatting belongs at the edge; use
// report.GroupThousands (package data/report). It goes once its last
// callers have moved.
func GroupThousands(n int64) string { return groupThousands(n) }
