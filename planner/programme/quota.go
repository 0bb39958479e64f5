package programme

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/catchment/catchment/planner"
)

// QuotaTieBreak is the documented rule for equal remainders.
const QuotaTieBreak = "largest remainder (Hamilton); equal remainders: larger need first, then county name"

// QuotaSource cites the rules behind the need.
const QuotaSource = "need = village doctor gap (R10: 1 per 1,000 served) + township centre staff gap (R11: 1.2‰ of residents); " +
	"staff sent down to villages, Zibo: at least 500 a year"

// QuotaEqualSplit is the Note of a split with no staffing gap anywhere.
const QuotaEqualSplit = "no county has a staffing gap: the staff are split equally"

// CountyNeed is one county's staffing shortfall.
type CountyNeed struct {
	County string `json:"county"`
	// DoctorGap is the village doctors missing (R10), THCStaffGap the
	// township centre staff missing to the R11 minimum; Need their sum.
	DoctorGap   int `json:"doctor_gap"`
	THCStaffGap int `json:"thc_staff_gap"`
	// Unknown counts townships whose staff figure was unknown (their gaps
	// are not in the sum).
	Unknown int `json:"unknown_townships"`
}

// Need is DoctorGap + THCStaffGap.
func (n CountyNeed) Need() int { return n.DoctorGap + n.THCStaffGap }

// CountyQuota is one county's share.
type CountyQuota struct {
	CountyNeed
	Need int `json:"need"`
	// Exact is total·need/Σneed as a decimal; Quota the rounded share.
	Exact string `json:"exact_share"`
	Quota int    `json:"quota"`
	// Remainder tells whether the county got one of the rounded-up seats.
	RoundedUp bool `json:"rounded_up"`
}

// QuotaResult is the outcome of QuotaStaff.
type QuotaResult struct {
	Total     int           `json:"total"`
	TotalNeed int           `json:"total_need"`
	Counties  []CountyQuota `json:"counties"`
	TieBreak  string        `json:"tie_break"`
	Source    string        `json:"source"`
	Note      string        `json:"note,omitempty"`
}

// maxQuotaTotal bounds the staff and each need so that the integer
// arithmetic (total·need, Σneed) cannot overflow.
const maxQuotaTotal = 100_000_000

// QuotaStaff splits total staff over the counties in proportion to need,
// rounding by largest remainder (Hamilton) so the quotas sum exactly to
// total and each lies between the floor and the ceiling of its exact share.
// The arithmetic is exact (integers). Equal remainders go by QuotaTieBreak.
// With no need anywhere the staff are split equally (same rounding, all
// needs counted as 1) and Note says so. Negative figures, duplicate counties
// or a negative total are an *OptionError. Counties keep the given order.
func QuotaStaff(total int, needs []CountyNeed) (*QuotaResult, error) {
	if total < 0 || total > maxQuotaTotal {
		return nil, &planner.OptionError{Option: "staff", Reason: fmt.Sprintf("%d staff: want 0..%d", total, maxQuotaTotal)}
	}
	seen := map[string]bool{}
	w := make([]int64, len(needs))
	var sum int64
	for i, n := range needs {
		if n.DoctorGap < 0 || n.THCStaffGap < 0 {
			return nil, &planner.OptionError{Option: "needs", Reason: fmt.Sprintf("county %q: negative gap", n.County)}
		}
		if seen[n.County] {
			return nil, &planner.OptionError{Option: "needs", Reason: fmt.Sprintf("county %q listed twice", n.County)}
		}
		if n.Need() > maxQuotaTotal {
			return nil, &planner.OptionError{Option: "needs", Reason: fmt.Sprintf("county %q: need %d is above %d", n.County, n.Need(), maxQuotaTotal)}
		}
		seen[n.County] = true
		w[i] = int64(n.Need())
		sum += w[i]
	}
	res := &QuotaResult{Total: total, TotalNeed: int(sum), TieBreak: QuotaTieBreak, Source: QuotaSource}
	if len(needs) == 0 {
		if total > 0 {
			return nil, &planner.OptionError{Option: "needs", Reason: "no county to give staff to"}
		}
		return res, nil
	}
	if sum == 0 {
		for i := range w {
			w[i] = 1
		}
		sum = int64(len(w))
		res.Note = QuotaEqualSplit
	}
	quota, up := hamilton(int64(total), w, sum, func(a, b int) int {
		return cmp.Or(cmp.Compare(needs[b].Need(), needs[a].Need()), strings.Compare(needs[a].County, needs[b].County))
	})
	for i, n := range needs {
		res.Counties = append(res.Counties, CountyQuota{CountyNeed: n, Need: n.Need(), Quota: int(quota[i]), RoundedUp: up[i],
			Exact: new(big.Rat).SetFrac64(int64(total)*w[i], sum).FloatString(3)})
	}
	return res, nil
}

// hamilton apportions total seats by weights w (sum > 0): floors first, then
// one more seat to each of the largest remainders, ties by tie (negative
// when a goes first).
func hamilton(total int64, w []int64, sum int64, tie func(a, b int) int) ([]int64, []bool) {
	q := make([]int64, len(w))
	rem := make([]int64, len(w))
	var given int64
	for i, x := range w {
		q[i], rem[i] = total*x/sum, total*x%sum
		given += q[i]
	}
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(rem[b], rem[a]), tie(a, b))
	})
	up := make([]bool, len(w))
	for _, i := range order[:total-given] {
		q[i]++
		up[i] = true
	}
	return q, up
}

// NeedsFromPlan sums a clinic plan's gaps by county (in county order):
// DoctorGap and THCStaffGap of every township, unknown gaps counted in
// Unknown instead.
func NeedsFromPlan(plan *planner.ClinicPlan) []CountyNeed {
	var out []CountyNeed
	idx := map[string]int{}
	for _, t := range plan.Townships {
		i, ok := idx[t.County]
		if !ok {
			i = len(out)
			idx[t.County] = i
			out = append(out, CountyNeed{County: t.County})
		}
		n := &out[i]
		unknown := false
		if t.DoctorGap >= 0 {
			n.DoctorGap += t.DoctorGap
		} else {
			unknown = true
		}
		if t.THCStaffGap >= 0 {
			n.THCStaffGap += t.THCStaffGap
		} else {
			unknown = true
		}
		if unknown {
			n.Unknown++
		}
	}
	return out
}
