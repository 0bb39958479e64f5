package table

import (
	"fmt"
	"strings"
)

// LoudShare is the share of a file's rows whose rejection every front end
// reports loudly: the command line on stderr even under --quiet, the
// server in the dataset's notes. A file that loses more than 1 % of its
// rows gives an analysis that silently leaves people out.
const LoudShare = 0.01

// LoudRejection says, when r rejected more than LoudShare of its rows,
// how many and the three most frequent kinds of reason: "10 of 100 rows
// (10.0 %) rejected and left out of the analysis; most frequent: missing
// population (10)". ok is false when the file lost fewer.
func LoudRejection(r *ReadReport) (msg string, ok bool) {
	n := r.RejectedTotal()
	if n == 0 || r.Rows == 0 || float64(n) <= LoudShare*float64(r.Rows) {
		return "", false
	}
	return fmt.Sprintf("%d of %d rows (%.1f %%) rejected and left out of the analysis; most frequent: %s",
		n, r.Rows, 100*float64(n)/float64(r.Rows), TopReasons(r, 3)), true
}

// TopReasons lists the k most frequent kinds of rejection reason
// (ReasonKind) of r with their counts, most frequent first.
func TopReasons(r *ReadReport, k int) string {
	var parts []string
	for i, o := range r.Bound(0).Omitted {
		if i == k {
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%d)", o.Reason, o.Count))
	}
	return strings.Join(parts, "; ")
}
