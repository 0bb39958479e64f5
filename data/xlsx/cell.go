package xlsx

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// cellText decides what to return for one cell from its formatted value
// (what Excel shows, per excelize) and its raw stored value. See the
// package documentation for the rules.
func cellText(formatted, raw string) string {
	formatted = strings.TrimSpace(formatted)
	if formatted == strings.TrimSpace(raw) {
		return formatted
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return formatted // text, boolean or error cell: as displayed
	}
	shown := strings.ReplaceAll(formatted, ",", "")
	if _, err := strconv.ParseFloat(shown, 64); err != nil {
		return formatted // a date, percentage or currency: as displayed
	}
	if strings.ContainsAny(shown, "eE") {
		return canonicalNumber(v)
	}
	return shown
}

// canonicalNumber prints v rounded to Excel's 15 significant digits,
// without an exponent.
func canonicalNumber(v float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// artefact matches a number whose fraction ends in a run of six or more
// 0s or 9s followed by at most two digits: the trace of binary floating
// point (2731.0000001, 2730.99999999999), not a figure anyone typed.
var artefact = regexp.MustCompile(`^-?\d+\.(\d*?)(?:0{6,}|9{6,})\d{0,2}$`)

// snapArtefact rounds such a number to the decimals before the run; ok is
// false when s is not one.
func snapArtefact(s string) (string, bool) {
	m := artefact.FindStringSubmatch(s)
	if m == nil {
		return s, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s, false
	}
	return strconv.FormatFloat(v, 'f', len(m[1]), 64), true
}

// totalWords are the first-cell labels of total rows, normalised (the
// same words as table.TotalLabel's, which the table readers check in the
// id, name, county and township columns of every format).
var totalWords = map[string]bool{
	"合计": true, "总计": true, "小计": true, "共计": true, "总数": true, "合計": true, "總計": true, "小計": true, "共計": true,
	"total": true, "subtotal": true, "grandtotal": true, "sum": true, "totals": true,
}

// isTotalRow reports whether the first non-empty cell labels a total.
func isTotalRow(cells []string) bool {
	for _, c := range cells {
		if c == "" {
			continue
		}
		k := strings.ToLower(strings.Join(strings.Fields(c), ""))
		k = strings.TrimRight(k, ":：")
		return totalWords[k]
	}
	return false
}

// nonEmpty counts the non-empty cells of a row and its distinct values.
func nonEmpty(cells []string) (n, distinct int) {
	seen := map[string]bool{}
	for _, c := range cells {
		if c != "" {
			n++
			if !seen[c] {
				seen[c] = true
				distinct++
			}
		}
	}
	return n, distinct
}

// trimRow trims every cell and drops trailing empty cells.
func trimRow(cells []string) []string {
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return cells[:n]
}
