package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/i18n"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner/note"
	"github.com/catchment/catchment/planner/programme"
)

// WriteQuotaSection writes the staff quotas as a Markdown section in l:
// the staff figure and need with their rules (R10, R11; cites), the
// proportional share of each county, the largest-remainder rounding that
// makes the quotas sum exactly, and the quota table.
func WriteQuotaSection(w io.Writer, res *programme.QuotaResult, cites []note.Note, l i18n.Lang) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## %s\n\n", l.S(pg.quota))
	bullets(bw, cites, l)
	sum, up := 0, 0
	for _, q := range res.Counties {
		sum += q.Quota
		if q.RoundedUp {
			up++
		}
	}
	g := func(n int) string { return numfmt.GroupThousands(int64(n)) }
	fmt.Fprintf(bw, "\n%s\n\n", l.F(pg.quotaHow, g(res.Total), g(res.TotalNeed), l.N(int64(up), nounSeat), g(res.Total), g(sum), mdText(constText(l, res.TieBreak))))
	for _, q := range res.Counties {
		how := l.S(pg.roundedDown)
		if q.RoundedUp {
			how = l.S(pg.roundedUp)
		}
		fmt.Fprintf(bw, l.S(pg.quotaCounty), mdText(q.County), g(q.Need), g(q.DoctorGap), g(q.THCStaffGap), mdText(q.Exact), g(q.Quota), how)
		if q.Unknown > 0 {
			fmt.Fprintf(bw, l.S(pg.quotaUnknown), l.N(int64(q.Unknown), nounTownship))
		}
		fmt.Fprintf(bw, "%s\n", l.S(pm.stop))
	}
	fmt.Fprintf(bw, "\n")
	writeTable(bw, csvio.QuotaRows(res), pg.quotaCSV, l)
	return table.WrapWrite(bw.Flush())
}

// WriteQuotaReport writes the quota section with the filing header and
// the appendix of the rules it cites (`catchment quota --report`).
func WriteQuotaReport(w io.Writer, res *programme.QuotaResult, cites []note.Note, opt Options) error {
	return withAppendix(w, opt, pg.quotaTitle, func(w io.Writer, l i18n.Lang) error { return WriteQuotaSection(w, res, cites, l) })
}
