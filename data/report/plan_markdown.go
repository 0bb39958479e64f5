package report

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/catchment/catchment/data/internal/enc"
)

// mdText makes input text (names, rules, sources) safe inside a Markdown
// paragraph, list item, heading or table cell, and keeps it readable as
// plain text, since the report is read raw as often as rendered. The
// result is valid UTF-8 with control characters as spaces and no spaces at
// either end (Markdown drops them, or after a list marker reads four as an
// indented code block). A backslash goes only before what CommonMark or
// GitHub Flavored Markdown would read as structure:
//
//   - anywhere: \ | * _ ` ~ < (escapes, table cells, emphasis, code spans,
//     strikethrough, HTML tags and autolinks);
//   - ] before ( [ or : and at the end (links, images, reference
//     definitions), [ at the start (task-list boxes) and before ^
//     (footnotes);
//   - & when it starts a character reference (&amp; &#38;);
//   - at the start: > # + - and the . or ) after a number (block quote,
//     heading and list markers: the text may follow a list marker);
//   - a final run of # after a space (a heading's closing sequence).
//
// So rule texts such as "(>= 20.0 km)", "A & B" and "[2023] No. 51" stay
// as they are.
func mdText(s string) string {
	s = strings.Trim(mdTextRaw(s), " ")
	closing := -1 // start of a final "#" run that a heading would drop
	if t := strings.TrimRight(s, "#"); len(t) < len(s) && strings.HasSuffix(t, " ") {
		closing = len(t)
	}
	listNumber := 0 // digits of a leading ordered-list marker such as "12." or "3)"
	for listNumber < len(s) && listNumber < 10 && s[listNumber] >= '0' && s[listNumber] <= '9' {
		listNumber++
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c, esc := s[i], false
		switch c {
		case '\\', '|', '*', '_', '`', '~', '<':
			esc = true
		case ']':
			esc = i+1 == len(s) || strings.IndexByte("([:", s[i+1]) >= 0
		case '[':
			esc = i == 0 || i+1 < len(s) && s[i+1] == '^'
		case '&':
			esc = mdCharRef.MatchString(s[i:])
		case '>', '+', '-':
			esc = i == 0
		case '#':
			esc = i == 0 || i == closing
		case '.', ')':
			esc = i > 0 && i == listNumber && listNumber <= 9 && (i+1 == len(s) || s[i+1] == ' ')
		}
		if esc {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdCharRef matches a character reference that Markdown would decode.
var mdCharRef = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// mdCode puts an identifier in a code span; backticks cannot occur in the
// planner's identifiers, but are dropped to be sure.
func mdCode(s string) string {
	return "`" + strings.ReplaceAll(mdTextRaw(s), "`", "") + "`"
}

// mdTextRaw is s as valid UTF-8 without control characters.
func mdTextRaw(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, enc.ValidText(s))
}
