package report

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/table"
)

// WriteHTML writes the Markdown report that markdown writes as one
// self-contained HTML page for the browser and for print on A4: page size
// and margins by @page, table rows and headings kept whole across pages,
// table heads repeated on each page, and a CJK font stack (Noto Sans CJK
// SC, WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC) so that Chinese
// prints on Debian, Windows and macOS alike. lang sets the page's lang
// attribute. The conversion covers exactly the Markdown the report
// writers produce (headings, paragraphs, bullet and numbered lists, pipe
// tables, code spans, bold and backslash escapes; see markdownHTML), so
// the HTML says what the Markdown says.
func WriteHTML(w io.Writer, lang i18n.Lang, markdown func(io.Writer) error) error {
	var md bytes.Buffer
	if err := markdown(&md); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	title := "catchment"
	if m := h1Line.FindSubmatch(md.Bytes()); m != nil {
		title = inlineText(string(m[1]))
	}
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"+
		"<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", lang.Or(i18n.En).Tag(), html.EscapeString(title), printCSS)
	markdownHTML(bw, md.String())
	fmt.Fprintf(bw, "</body>\n</html>\n")
	return table.WrapWrite(bw.Flush())
}

var h1Line = regexp.MustCompile(`(?m)^# (.*)$`)

// printCSS lays the report out for A4: 15 mm margins, 9.5 pt text, tables
// at 7.5 pt (wide ones at 6.5 pt) that keep their rows whole and repeat
// their heads, and headings kept with what follows.
const printCSS = `@page { size: A4; margin: 15mm 14mm 16mm 14mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC",
  "Hiragino Sans GB", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 9.5pt; line-height: 1.45; color: #111; margin: 0; }
@media screen { body { max-width: 60em; margin: 2em auto; padding: 0 1em; } }
h1 { font-size: 16pt; margin: 0 0 0.6em; }
h2 { font-size: 12.5pt; margin: 1.4em 0 0.5em; padding-bottom: 2pt; border-bottom: 0.75pt solid #888; }
h3 { font-size: 10.5pt; margin: 1.1em 0 0.4em; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
p, li { orphans: 3; widows: 3; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; font-size: 7.5pt; line-height: 1.3; }
table.wide { font-size: 6.5pt; }
thead { display: table-header-group; }
tr, th, td { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #999; padding: 1.5pt 3pt; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: 600; }
.r { text-align: right; white-space: nowrap; }
table.wide td:nth-child(-n+2) { white-space: nowrap; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 0.92em; overflow-wrap: anywhere; word-break: break-all; }
ul, ol { padding-left: 1.6em; margin: 0.3em 0 0.8em; }
`

// markdownHTML converts the report's Markdown, block by block.
func markdownHTML(w *bufio.Writer, md string) {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case strings.TrimSpace(line) == "":
			i++
		case heading.MatchString(line):
			m := heading.FindStringSubmatch(line)
			fmt.Fprintf(w, "<h%d>%s</h%d>\n", len(m[1]), inlineHTML(m[2]), len(m[1]))
			i++
		case strings.HasPrefix(line, "|"):
			i = tableHTML(w, lines, i)
		case strings.HasPrefix(line, "- "):
			i = listHTML(w, lines, i, bullet, "ul")
		case ordered.MatchString(line):
			i = listHTML(w, lines, i, ordered, "ol")
		default:
			i = paragraphHTML(w, lines, i)
		}
	}
}

var (
	heading = regexp.MustCompile(`^(#{1,6}) (.*)$`)
	bullet  = regexp.MustCompile(`^- (.*)$`)
	ordered = regexp.MustCompile(`^(\d{1,9})\. (.*)$`)
)

// blockStart reports whether line starts a block other than a paragraph.
func blockStart(line string) bool {
	return strings.TrimSpace(line) == "" || heading.MatchString(line) || strings.HasPrefix(line, "|") ||
		strings.HasPrefix(line, "- ") || ordered.MatchString(line)
}

func paragraphHTML(w *bufio.Writer, lines []string, i int) int {
	var parts []string
	for ; i < len(lines) && (len(parts) == 0 || !blockStart(lines[i])); i++ {
		parts = append(parts, inlineHTML(strings.TrimSpace(lines[i])))
	}
	fmt.Fprintf(w, "<p>%s</p>\n", strings.Join(parts, "\n"))
	return i
}

func listHTML(w *bufio.Writer, lines []string, i int, item *regexp.Regexp, tag string) int {
	start := ""
	if m := ordered.FindStringSubmatch(lines[i]); tag == "ol" && m != nil && m[1] != "1" {
		start = ` start="` + m[1] + `"`
	}
	fmt.Fprintf(w, "<%s%s>\n", tag, start)
	for ; i < len(lines) && item.MatchString(lines[i]); i++ {
		m := item.FindStringSubmatch(lines[i])
		fmt.Fprintf(w, "<li>%s</li>\n", inlineHTML(m[len(m)-1]))
	}
	fmt.Fprintf(w, "</%s>\n", tag)
	return i
}

// tableHTML converts a pipe table: the head, the delimiter row (its colons
// give each column's alignment) and the body rows. A table of more than
// ten columns is marked wide (smaller type).
func tableHTML(w *bufio.Writer, lines []string, i int) int {
	var rows [][]string
	for ; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
		rows = append(rows, tableCells(lines[i]))
	}
	if len(rows) < 2 {
		for _, r := range rows {
			fmt.Fprintf(w, "<p>%s</p>\n", inlineHTML(strings.Join(r, " | ")))
		}
		return i
	}
	right := make([]bool, len(rows[1]))
	for j, d := range rows[1] {
		right[j] = strings.HasSuffix(strings.TrimSpace(d), ":")
	}
	class := ""
	if len(rows[0]) > 10 {
		class = ` class="wide"`
	}
	fmt.Fprintf(w, "<table%s>\n<thead>\n", class)
	tableRow(w, "th", rows[0], right)
	fmt.Fprintf(w, "</thead>\n<tbody>\n")
	for _, r := range rows[2:] {
		tableRow(w, "td", r, right)
	}
	fmt.Fprintf(w, "</tbody>\n</table>\n")
	return i
}

func tableRow(w *bufio.Writer, tag string, cells []string, right []bool) {
	w.WriteString("<tr>")
	for j, c := range cells {
		class := ""
		if j < len(right) && right[j] {
			class = ` class="r"`
		}
		fmt.Fprintf(w, "<%s%s>%s</%s>", tag, class, inlineHTML(c), tag)
	}
	w.WriteString("</tr>\n")
}

// tableCells splits a table row at its unescaped pipes outside code
// spans, keeping the escapes for inlineHTML.
func tableCells(line string) []string {
	var cells []string
	var b strings.Builder
	code := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\' && !code && i+1 < len(line):
			b.WriteByte(c)
			i++
			b.WriteByte(line[i])
			continue
		case c == '`':
			code = !code
		case c == '|' && !code:
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
			continue
		}
		b.WriteByte(c)
	}
	cells = append(cells, strings.TrimSpace(b.String()))
	// A row starts and ends with a pipe: drop the empty edges.
	if len(cells) > 0 && cells[0] == "" {
		cells = cells[1:]
	}
	if len(cells) > 0 && cells[len(cells)-1] == "" && strings.HasSuffix(strings.TrimSpace(line), "|") {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// inlineHTML converts a line's inline Markdown: a backslash before ASCII
// punctuation is that character, `code` spans, **bold**; everything else
// is text, HTML-escaped.
func inlineHTML(s string) string {
	var b strings.Builder
	bold := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			i++
			b.WriteString(html.EscapeString(s[i : i+1]))
		case c == '`':
			end := strings.IndexByte(s[i+1:], '`')
			if end < 0 {
				b.WriteString("`")
				continue
			}
			b.WriteString("<code>" + html.EscapeString(s[i+1:i+1+end]) + "</code>")
			i += end + 1
		case c == '*' && i+1 < len(s) && s[i+1] == '*':
			i++
			if bold {
				b.WriteString("</strong>")
			} else {
				b.WriteString("<strong>")
			}
			bold = !bold
		default:
			b.WriteString(html.EscapeString(s[i : i+1]))
		}
	}
	if bold {
		b.WriteString("</strong>")
	}
	return b.String()
}

// inlineText is a line's inline Markdown as plain text (for the title).
func inlineText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			i++
		} else if s[i] == '`' || s[i] == '*' && i+1 < len(s) && s[i+1] == '*' {
			if s[i] == '*' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c < 0x80 && strconv.IsPrint(rune(c)) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}
