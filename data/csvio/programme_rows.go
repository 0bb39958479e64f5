package csvio

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/catchment/catchment/planner/programme"
)

// The programme tables (budget, phase, quota, scorecard) are built as rows
// of strings, the first row the header, so that the CSV files, the
// Markdown report and the command line's text tables show the same
// columns. Empty cells mean "not known" (no next site, no doctor gap
// figure, indicator not assessed), never zero.

// BudgetRows is the city-wide sub-centre allocation, one row per county.
func BudgetRows(b *programme.BudgetResult) [][]string {
	rows := [][]string{{"county", "candidates", "min", "max", "sites", "site_ids", "population", "county_care_today_population", "gain_population", "last_site_gain", "next_site_gain", "reason"}}
	for _, c := range b.Counties {
		rows = append(rows, []string{c.County, itoa(c.Candidates), itoa(c.Bounds.Min), itoa(c.Bounds.Max), itoa(c.Sites),
			strings.Join(c.SiteIDs, " "), i64(c.Population), i64(c.CountyCareToday), i64(c.GainPopulation),
			optI64(c.LastSiteGain), optI64(c.NextSiteGain), c.Reason})
	}
	return rows
}

// PhaseRows is the phased table: every clinic in priority order with its
// year (empty beyond the caps).
func PhaseRows(res *programme.PhaseResult) [][]string {
	rows := [][]string{{"rank", "year", "id", "name", "county", "township", "score", "served_population", "doctor_gap", "distance_to_thc_km", "network_uncovered", "missing", "lon", "lat"}}
	for _, a := range res.Assignments {
		k := a.Clinic
		year, gap, dist := "", "", ""
		if a.Year > 0 {
			year = itoa(a.Year)
		}
		if k.DoctorGap >= 0 {
			gap = itoa(k.DoctorGap)
		}
		if k.DistanceToTHCM >= 0 {
			dist = fmtF(k.DistanceToTHCM/1000, 3)
		}
		rows = append(rows, []string{itoa(a.Rank), year, k.ID, k.Name, k.County, k.Township, fmtF(a.Score, 4),
			itoa(k.ServedPopulation), gap, dist, fmt.Sprint(k.NetworkUncovered), strings.Join(a.Missing, " "),
			fmtF(k.Location[0], 6), fmtF(k.Location[1], 6)})
	}
	return rows
}

// PhaseSummaryRows is the per-year per-county summary of a phasing.
func PhaseSummaryRows(res *programme.PhaseResult) [][]string {
	rows := [][]string{{"year", "county", "clinics", "served_population", "doctor_gap", "network_uncovered"}}
	for _, s := range res.Summary {
		rows = append(rows, []string{itoa(s.Year), s.County, itoa(s.Clinics), i64(s.ServedPopulation), itoa(s.DoctorGap), itoa(s.NetworkUncovered)})
	}
	return rows
}

// QuotaRows is the staff quota table, one row per county.
func QuotaRows(res *programme.QuotaResult) [][]string {
	rows := [][]string{{"county", "doctor_gap", "thc_staff_gap", "need", "exact_share", "quota", "rounded_up", "townships_gap_unknown"}}
	for _, q := range res.Counties {
		rows = append(rows, []string{q.County, itoa(q.DoctorGap), itoa(q.THCStaffGap), itoa(q.Need), q.Exact, itoa(q.Quota),
			fmt.Sprint(q.RoundedUp), itoa(q.Unknown)})
	}
	return rows
}

// ScorecardRows is the scorecard table in rank order. Its county and
// yellow_card columns are what next year's --previous reads; a value left
// empty with status "not assessed" had no input.
func ScorecardRows(res *programme.ScorecardResult) [][]string {
	head := []string{"county", "rank", "total", "assessed_weight", "yellow_card", "two_in_a_row"}
	for _, k := range programme.ScorecardIndicators() {
		head = append(head, k, k+"_status")
	}
	head = append(head, "subsidy_doctors", "subsidy_min_yuan_per_month", "subsidy_max_yuan_per_month")
	rows := [][]string{head}
	for _, c := range res.Counties {
		total := ""
		if c.Total != nil {
			total = fmtF(*c.Total, 6)
		}
		r := []string{c.County, itoa(c.Rank), total, fmtF(c.AssessedWeight, 6), fmt.Sprint(c.YellowCard), fmt.Sprint(c.TwoInARow)}
		for _, x := range c.Indicators {
			v := ""
			if x.Value != nil {
				v = fmtF(*x.Value, 6)
			}
			r = append(r, v, x.Status)
		}
		r = append(r, itoa(c.Subsidy.Doctors), i64(c.Subsidy.MinYuanPerMonth), i64(c.Subsidy.MaxYuanPerMonth))
		rows = append(rows, r)
	}
	return rows
}

// WriteRows writes rows as CSV (no byte order mark, so that the file
// reads back as written; the scorecard is read again with --previous).
func WriteRows(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func itoa(n int) string            { return strconv.Itoa(n) }
func i64(n int64) string           { return strconv.FormatInt(n, 10) }
func fmtF(x float64, d int) string { return strconv.FormatFloat(x, 'f', d, 64) }

func optI64(p *int64) string {
	if p == nil {
		return ""
	}
	return i64(*p)
}
