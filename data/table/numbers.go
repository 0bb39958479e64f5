package table

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Numbers as people type them in a spreadsheet: "2,731" and "2 731" with
// thousands separators, full-width digits from a Chinese input method
// ("２７３１", "１１２．５"). They are read as the plain numbers they are and
// the rows counted in a file-level warning (Ctx.finishRepairs). A comma
// is only ever a thousands separator, and only in correct groups of three
// digits: "2,73" is rejected, never read as 2.73 or 273, because a decimal
// comma and a thousands comma cannot be told apart otherwise.

// thousandsSpaces are the spaces typed or printed between groups of digits:
// space, no-break space, narrow no-break space (French and Excel's
// "# ##0"), thin space and the ideographic space.
const thousandsSpaces = " \u00a0\u202f\u2009\u3000"

// halfWidth maps a full-width digit or number sign to ASCII, and reports
// whether it did.
func halfWidth(r rune) (rune, bool) {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０'), true
	case r == '，':
		return ',', true
	case r == '．':
		return '.', true
	case r == '－':
		return '-', true
	case r == '＋':
		return '+', true
	}
	return r, false
}

// plainDigits rewrites full-width digits and signs as ASCII; s is returned
// unchanged when it has none.
func plainDigits(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Map(func(r rune) rune { h, _ := halfWidth(r); return h }, s)
		}
	}
	return s
}

// PlainCount rewrites a count as typed in a spreadsheet into plain ASCII
// digits: full-width digits and signs become ASCII, and thousands
// separators (a comma, or one kind of space, see thousandsSpaces) between
// correct groups of three digits are removed; a fraction after '.' is kept
// for ParseCount to judge. It returns a reason when a separator is not a
// correct thousands grouping. s is returned as it is when it needs no
// rewriting; otherwise ParseCount reads the result.
func PlainCount(s string) (string, string) {
	t := plainDigits(s)
	intPart, frac, hasFrac := strings.Cut(t, ".")
	sign := ""
	if intPart != "" && (intPart[0] == '-' || intPart[0] == '+') {
		sign, intPart = intPart[:1], intPart[1:]
	}
	sep, kind := "", ""
	switch {
	case strings.Contains(intPart, ","):
		sep, kind = ",", "a comma"
		if strings.ContainsAny(intPart, thousandsSpaces) {
			return s, "mixes commas and spaces between its digits"
		}
	case strings.ContainsAny(intPart, thousandsSpaces):
		i := strings.IndexAny(intPart, thousandsSpaces)
		r, _ := utf8.DecodeRuneInString(intPart[i:])
		sep, kind = string(r), "a space"
		for _, x := range intPart {
			if x != r && strings.ContainsRune(thousandsSpaces, x) {
				return s, "mixes different spaces between its digits"
			}
		}
	default:
		return t, ""
	}
	groups := strings.Split(intPart, sep)
	for i, g := range groups {
		if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) || strings.Trim(g, "0123456789") != "" {
			return s, fmt.Sprintf("has %s that is not a thousands separator (groups of three digits, as in 2,731 or 2 731); "+
				"a decimal comma is not read: write plain digits such as 1234", kind)
		}
	}
	t = sign + strings.Join(groups, "")
	if hasFrac {
		t += "." + frac
	}
	return t, ""
}

// repairLog counts the numbers read from a spreadsheet's way of writing
// them, for the file-level warning written when the read ends.
type repairLog struct {
	n        int // rows with a rewritten number
	lastLine int
	examples []string
}

// repaired records that the number s of field f on the row was read as
// plain.
func (c *Ctx) repaired(row *Row, f Field, s, plain string) {
	if c.repair.n > 0 && row.Line == c.repair.lastLine {
		return // one example per row
	}
	c.repair.n++
	c.repair.lastLine = row.Line
	if len(c.repair.examples) < maxDivisionExamples {
		c.repair.examples = append(c.repair.examples, fmt.Sprintf("line %d %s %s as %s", row.Line, readFieldLabels[f], Quote(s), plain))
	}
}

// finishRepairs adds the file-level warning of the repaired numbers.
func (c *Ctx) finishRepairs() {
	if n := c.repair.n; n > 0 {
		rows := fmt.Sprintf("%d rows", n)
		if n == 1 {
			rows = "1 row"
		}
		c.Warn(0, fmt.Sprintf("%s with numbers written with thousands separators or full-width digits, read as plain numbers (%s)",
			rows, strings.Join(c.repair.examples, "; ")))
	}
}

// totalWords are the labels of a total or subtotal row, lower case,
// without spaces and a trailing colon.
var totalWords = map[string]bool{
	"合计": true, "总计": true, "小计": true, "共计": true, "总数": true, "合計": true, "總計": true, "小計": true, "共計": true,
	"total": true, "subtotal": true, "grandtotal": true, "sum": true, "totals": true,
}

// TotalLabel reports whether s labels a total or subtotal row of a
// spreadsheet: 合计, 总计, 小计, Total … (spaces, case and a trailing colon
// ignored). A name that only contains such a word ("合计村") is not one.
func TotalLabel(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	k := strings.ToLower(strings.Join(strings.Fields(s), ""))
	return totalWords[strings.TrimRight(k, ":：")]
}

// totalField is the first of the id, name, county and township fields of
// row that labels a total, and whether there is one.
func totalField(row *Row) (Field, bool) {
	for _, f := range []Field{FieldID, readFieldName, readFieldCounty, readFieldTownship} {
		if TotalLabel(row.Vals[f]) {
			return f, true
		}
	}
	return 0, false
}
