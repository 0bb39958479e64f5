package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/catchment/catchment/data/csvio"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"
	"github.com/catchment/catchment/planner/programme"
)

// WriteQuotaSection writes the staff quotas as a Markdown section: the
// staff figure and need with their rules (R10, R11; cites), the
// proportional share of each county, the largest-remainder rounding that
// makes the quotas sum exactly, and the quota table.
func WriteQuotaSection(w io.Writer, res *programme.QuotaResult, cites []string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## Staff quotas (R10, R11)\n\n")
	bullets(bw, cites)
	sum, up := 0, 0
	for _, q := range res.Counties {
		sum += q.Quota
		if q.RoundedUp {
			up++
		}
	}
	fmt.Fprintf(bw, "\nHow: each county's exact share is staff × its need / total need = %s × need / %s "+
		"(need = village doctors missing to R10's 1 per 1,000 served + township health centre staff missing to R11's 1.2‰ of residents). "+
		"Each county first gets the whole part of its share; the %s left over go one each to the counties with the largest fractional "+
		"remainders (largest remainder, Hamilton), so every quota is its share rounded down or up and the quotas sum to exactly %s "+
		"(here %s). Ties: %s.\n\n",
		numfmt.GroupThousands(int64(res.Total)), numfmt.GroupThousands(int64(res.TotalNeed)), quantity(int64(up), "seat", "seats"),
		numfmt.GroupThousands(int64(res.Total)), numfmt.GroupThousands(int64(sum)), mdText(res.TieBreak))
	for _, q := range res.Counties {
		how := "rounded down"
		if q.RoundedUp {
			how = "rounded up: one of the largest remainders"
		}
		fmt.Fprintf(bw, "- **%s**: need %s (doctors %s + township staff %s); exact share %s → %s (%s)",
			mdText(q.County), numfmt.GroupThousands(int64(q.Need)), numfmt.GroupThousands(int64(q.DoctorGap)), numfmt.GroupThousands(int64(q.THCStaffGap)),
			mdText(q.Exact), numfmt.GroupThousands(int64(q.Quota)), how)
		if q.Unknown > 0 {
			fmt.Fprintf(bw, "; %s without a staff figure, their gap not counted", quantity(int64(q.Unknown), "township", "townships"))
		}
		fmt.Fprintf(bw, ".\n")
	}
	fmt.Fprintf(bw, "\n")
	writeTable(bw, csvio.QuotaRows(res), "the quota CSV")
	return table.WrapWrite(bw.Flush())
}

// WriteQuotaReport writes the quota section with the appendix of the
// rules it cites (`catchment quota --report`).
func WriteQuotaReport(w io.Writer, res *programme.QuotaResult, cites []string) error {
	return withAppendix(w, func(w io.Writer) error { return WriteQuotaSection(w, res, cites) })
}
