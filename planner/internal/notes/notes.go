// Package notes formats the numbers and words of the explanation notes
// the planner packages write (sub-centre choices, budget and scorecard
// notes). Output code formats with data/numfmt instead.
package notes

import (
	"fmt"
	"strconv"
	"strings"
)

// GroupThousands formats n with comma thousands separators (12345 →
// "12,345") for the explanation notes planner itself writes (sub-centre
// choices, budget and scorecard notes). Output code formats with
// numfmt.GroupThousands (package data/numfmt).
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

// Ordinal writes n as an English ordinal: 1st, 2nd, 3rd, 4th … (used up to
// the handful of sub-centres a county gets).
func Ordinal(n int) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", n)
}

// Plural is "s" unless n is 1.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
