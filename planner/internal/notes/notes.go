// Package notes holds the English words of the explanation notes the
// planner packages write (sub-centre choices, budget and scorecard notes);
// numbers in them are formatted with internal/numfmt, as every output is.
package notes

import (
	"fmt"
)

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
