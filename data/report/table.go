package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/summary"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"

	"github.com/mattn/go-runewidth"
)

// tableTopUncovered is how many villages without emergency network cover
// WriteCoverageTable lists.
const tableTopUncovered = 10

// tableMaxText is the display width at which names are cut with "...".
const tableMaxText = 24

// WriteCoverageTable is WriteCoverageTableIn in English.
func WriteCoverageTable(w io.Writer, s summary.CoverageSummary) error {
	return WriteCoverageTableIn(w, s, i18n.En)
}

// WriteCoverageTableIn writes s as a fixed-width text table for a
// terminal, in l: per county the villages, population, and for each radius
// the villages, population and share with emergency network cover; a
// total row; then the villages without it within the largest radius (the
// headline names it), the 10 most populous listed with the distance to
// their nearest emergency facility (two decimals, more where needed to
// stay above the radius); and the number of rejected input rows. The
// summary's notes follow the title as "Note: ..." lines. Columns are
// aligned by display width, Chinese characters counting two cells;
// ambiguous-width characters count one whatever the locale, so the output
// does not depend on the environment. Control characters in names are
// shown escaped (\n) and long names are cut.
func WriteCoverageTableIn(w io.Writer, s summary.CoverageSummary, l i18n.Lang) error {
	tw := tableWriter{cond: &runewidth.Condition{StrictEmojiNeutral: true}}
	bw := bufio.NewWriter(w)

	labels := radiusLabels(s, l)
	measure := l.S(tm.geodesic)
	if s.Metric != nil {
		measure = metricText(l, s.Metric.Description)
	}
	fmt.Fprintf(bw, "%s\n", l.F(tm.covTitle, strings.Join(labels, l.S(pm.listSep)), measure))
	for _, n := range s.Notes {
		fmt.Fprintf(bw, "%s\n", l.F(tm.note, tw.line(n)))
	}
	fmt.Fprintln(bw)

	t := tw.newTable(l.S(tm.county), l.S(tm.villages), l.S(tm.population))
	for k := range labels {
		t.group(len(t.head), l.F(tm.within, labels[k]))
		t.Columns(l.S(tm.villages), l.S(tm.population), l.S(tm.share))
	}
	row := func(name string, st *summary.SummaryTally) {
		cells := []string{tw.text(name), numfmt.GroupThousands(int64(st.Villages)), numfmt.GroupThousands(st.Population)}
		for k := range labels {
			if k < len(st.Covered) {
				c := st.Covered[k]
				cells = append(cells, numfmt.GroupThousands(int64(c.Villages)), numfmt.GroupThousands(c.Population), percent(c.Share))
			} else {
				cells = append(cells, "?", "?", "?")
			}
		}
		t.add(cells...)
	}
	for i := range s.Counties {
		row(s.Counties[i].County, &s.Counties[i].SummaryTally)
	}
	t.rule()
	row(l.S(tm.total), &s.Total)
	t.write(bw)

	fmt.Fprintln(bw)
	writeUncovered(bw, tw, &s, labels, l)
	writeMetricLines(bw, s)
	fmt.Fprintf(bw, "\n%s\n", l.F(tm.rejected, numfmt.GroupThousands(int64(s.RejectedCount))))
	if len(s.Warnings) > 0 {
		fmt.Fprintf(bw, "%s\n", l.F(tm.warnings, numfmt.GroupThousands(int64(len(s.Warnings)))))
	}
	return table.WrapWrite(bw.Flush())
}

// writeUncovered lists the villages without cover within the largest
// radius, the most populous first.
func writeUncovered(bw *bufio.Writer, tw tableWriter, s *summary.CoverageSummary, labels []string, l i18n.Lang) {
	radius := s.UncoveredRadiusKm()
	which := strconv.FormatFloat(radius, 'f', -1, 64) + " km"
	if l == i18n.Zh {
		which = strconv.FormatFloat(radius, 'f', -1, 64) + "公里"
	}
	if len(s.RadiiMinutes) > 0 {
		which = labels[len(labels)-1]
		radius = math.Inf(1)
	}
	if len(labels) > 1 {
		which += l.S(tm.largest)
	}
	if len(s.Uncovered) == 0 {
		fmt.Fprintf(bw, "%s\n", l.F(tm.uncoveredNone, which))
		return
	}
	var people int64
	for _, u := range s.Uncovered {
		people += int64(u.Population)
	}
	n := min(tableTopUncovered, len(s.Uncovered))
	fmt.Fprintf(bw, "%s", l.F(tm.uncoveredSome, which, numfmt.GroupThousands(int64(len(s.Uncovered))), l.N(people, nounPerson)))
	if n < len(s.Uncovered) {
		fmt.Fprintf(bw, "%s", l.F(tm.mostPopulous, n))
	}
	fmt.Fprintln(bw, l.S(tm.colon))
	u := tw.newTable(strings.Split(l.S(tm.covCols), "|")...)
	u.alignLeft(1, 2, 3, 5)
	for _, v := range s.Uncovered[:n] {
		fac, km := l.S(tm.none), "-"
		if v.HasNearest() {
			fac, km = tw.text(v.NearestFacilityID), uncoveredKmText(v.NearestFacilityKm, radius)
		}
		u.add(tw.text(v.ID), tw.text(v.Name), tw.text(v.County), tw.text(v.Township), numfmt.GroupThousands(int64(v.Population)), fac, km)
	}
	u.write(bw)
}

// uncoveredKmText formats the distance of a village uncovered within
// radiusKm with two decimals, or with more (up to six: millimetres) where
// two would round it down to the radius, so that no uncovered village
// shows as "20.00" beside a 20 km radius. Closer than half a millimetre
// above the radius it prints ">20.000000".
func uncoveredKmText(km, radiusKm float64) string {
	if !(km > radiusKm) {
		return strconv.FormatFloat(km, 'f', 2, 64)
	}
	for d := 2; d <= 6; d++ {
		t := strconv.FormatFloat(km, 'f', d, 64)
		if v, err := strconv.ParseFloat(t, 64); err == nil && v > radiusKm {
			return t
		}
	}
	return ">" + strconv.FormatFloat(radiusKm, 'f', 6, 64)
}

type tableWriter struct {
	cond *runewidth.Condition
}

// line makes s safe for a line of its own: escaped like a cell but not
// cut.
func (tw tableWriter) line(s string) string {
	clean := utf8.ValidString(s)
	for _, r := range s {
		if !unicode.IsGraphic(r) {
			clean = false
			break
		}
	}
	if !clean {
		q := strconv.QuoteToGraphic(s)
		s = q[1 : len(q)-1]
	}
	return s
}

// text makes s safe and bounded for one table cell.
func (tw tableWriter) text(s string) string {
	s = tw.line(s)
	if tw.cond.StringWidth(s) > tableMaxText {
		s = tw.cond.Truncate(s, tableMaxText, "...")
	}
	return s
}

// table is a grid of cells, right-aligned (numbers) except the columns
// marked left.
type textTable struct {
	tw     tableWriter
	head   []string
	left   map[int]bool
	groups []tableGroup
	rows   [][]string // nil row = horizontal rule
}

type tableGroup struct {
	col   int // first column of the group; the group spans 3 columns
	label string
}

func (tw tableWriter) newTable(head ...string) *textTable {
	return &textTable{tw: tw, head: head, left: map[int]bool{0: true}}
}

func (t *textTable) Columns(head ...string)      { t.head = append(t.head, head...) }
func (t *textTable) group(col int, label string) { t.groups = append(t.groups, tableGroup{col, label}) }
func (t *textTable) add(cells ...string)         { t.rows = append(t.rows, cells) }
func (t *textTable) rule()                       { t.rows = append(t.rows, nil) }

func (t *textTable) alignLeft(cols ...int) {
	for _, c := range cols {
		t.left[c] = true
	}
}

func (t *textTable) write(w *bufio.Writer) {
	const gap = "  "
	n := len(t.head)
	width := make([]int, n)
	for c, h := range t.head {
		width[c] = t.tw.cond.StringWidth(h)
	}
	for _, r := range t.rows {
		for c, cell := range r {
			width[c] = max(width[c], t.tw.cond.StringWidth(cell))
		}
	}
	// A group label must fit over its three columns.
	for _, g := range t.groups {
		span := width[g.col] + width[g.col+1] + width[g.col+2] + 2*len(gap)
		if extra := t.tw.cond.StringWidth(g.label) - span; extra > 0 {
			width[g.col] += extra
		}
	}
	total := 0
	for c := range width {
		total += width[c]
	}
	total += (n - 1) * len(gap)

	line := func(cells []string) {
		var b strings.Builder
		for c, cell := range cells {
			if c > 0 {
				b.WriteString(gap)
			}
			pad := strings.Repeat(" ", width[c]-t.tw.cond.StringWidth(cell))
			if t.left[c] {
				b.WriteString(cell)
				if c < len(cells)-1 {
					b.WriteString(pad)
				}
			} else {
				b.WriteString(pad)
				b.WriteString(cell)
			}
		}
		w.WriteString(b.String())
		w.WriteByte('\n')
	}
	if len(t.groups) > 0 {
		var b strings.Builder
		at := 0 // display column reached
		for _, g := range t.groups {
			start := 0
			for c := range g.col {
				start += width[c] + len(gap)
			}
			b.WriteString(strings.Repeat(" ", start-at))
			b.WriteString(g.label)
			at = start + t.tw.cond.StringWidth(g.label)
		}
		w.WriteString(b.String())
		w.WriteByte('\n')
	}
	line(t.head)
	for _, r := range t.rows {
		if r == nil {
			w.WriteString(strings.Repeat("-", total))
			w.WriteByte('\n')
			continue
		}
		line(r)
	}
}

// percent formats a share in [0, 1] as a percentage with one decimal.
func percent(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}
