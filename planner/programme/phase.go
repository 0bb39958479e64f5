package programme

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/catchment/catchment/planner"
	"github.com/paulmach/orb"
)

// PhaseTieBreak is the documented order of clinics with equal priority
// scores.
const PhaseTieBreak = "equal scores: larger served population first, then larger doctor gap, then id, then input order"

// PhaseSource cites the rule behind the phasing.
const PhaseSource = "R17 Zibo action plan 2024–2026: village clinic upgrades phased by year, weakest first (优先扶弱补短); " +
	"the score is catchment's reading of \"weakest\" — set the weights in the scenario"

// PhaseWeights weigh the four components of a clinic's priority score.
// Each component is scaled to [0, 1] before weighting (see PhaseUpgrades).
type PhaseWeights struct {
	ServedPopulation float64 `json:"served_population"`
	DoctorGap        float64 `json:"doctor_gap"`
	DistanceToTHC    float64 `json:"distance_to_thc"`
	NetworkUncovered float64 `json:"network_uncovered"`
}

// DefaultPhaseWeights returns catchment's reading of R17 "优先扶弱补短": the
// largest shortfalls (doctor gap, no emergency cover) count most, then
// remoteness from the township health centre, then people served.
func DefaultPhaseWeights() PhaseWeights {
	return PhaseWeights{ServedPopulation: 1, DoctorGap: 2, DistanceToTHC: 1, NetworkUncovered: 2}
}

// PhaseClinic is one village clinic to upgrade, with what its priority is
// built from. Unknown figures are negative (DoctorGap CapacityUnknown,
// DistanceToTHCM -1): they contribute nothing to the score and are listed in
// PhaseAssignment.Missing.
type PhaseClinic struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	County   string `json:"county"`
	Township string `json:"township"`
	// Index is the clinic's position in the facilities or plan it comes
	// from (for maps); -1 when it has none.
	Index            int       `json:"index"`
	Location         orb.Point `json:"location"`
	ServedPopulation int       `json:"served_population"`
	DoctorGap        int       `json:"doctor_gap"`
	DistanceToTHCM   float64   `json:"distance_to_thc_m"`
	NetworkUncovered bool      `json:"network_uncovered"`
	// Extra carries the clinic's condition columns (condition, area_m2,
	// licensed_doctors, …) to the outputs unchanged.
	Extra []planner.Attr `json:"-"`
}

// PhaseOptions configures PhaseUpgrades.
type PhaseOptions struct {
	// PerYear is the number of upgrades each year, from StartYear (R17,
	// Zibo: 530, 1060, 1048 from 2024). Each must be positive.
	PerYear   []int
	StartYear int
	// Weights of the score; the zero value means DefaultPhaseWeights.
	Weights PhaseWeights
}

// PhaseAssignment is one clinic's place in the programme.
type PhaseAssignment struct {
	Clinic PhaseClinic `json:"clinic"`
	// Rank is the 1-based priority order; Year the year of its upgrade, 0
	// when the caps are used up before its turn (Unscheduled).
	Rank  int     `json:"rank"`
	Year  int     `json:"year"`
	Score float64 `json:"score"`
	// Components are the weighted parts of Score, in the order served
	// population, doctor gap, distance to the THC, no emergency network
	// cover.
	Components [4]float64 `json:"components"`
	// Missing names the figures that were unknown (counted as 0).
	Missing []string `json:"missing,omitempty"`
}

// PhaseYearCounty sums one county's upgrades in one year.
type PhaseYearCounty struct {
	Year             int    `json:"year"`
	County           string `json:"county"`
	Clinics          int    `json:"clinics"`
	ServedPopulation int64  `json:"served_population"`
	DoctorGap        int    `json:"doctor_gap"`
	NetworkUncovered int    `json:"network_uncovered"`
}

// PhaseResult is the outcome of PhaseUpgrades.
type PhaseResult struct {
	StartYear int          `json:"start_year"`
	PerYear   []int        `json:"per_year"`
	Weights   PhaseWeights `json:"weights"`
	// Scale holds the maxima the components are divided by.
	Scale       PhaseScale        `json:"scale"`
	Assignments []PhaseAssignment `json:"assignments"`
	// Scheduled counts the clinics given a year per year (the caps, the
	// last non-zero one possibly short); Unscheduled those beyond every cap.
	Scheduled   []int             `json:"scheduled"`
	Unscheduled int               `json:"unscheduled"`
	Summary     []PhaseYearCounty `json:"summary"`
	TieBreak    string            `json:"tie_break"`
	Source      string            `json:"source"`
}

// PhaseScale are the largest served population, doctor gap and distance
// over the clinics (1 when every figure is 0 or unknown).
type PhaseScale struct {
	ServedPopulation float64 `json:"served_population"`
	DoctorGap        float64 `json:"doctor_gap"`
	DistanceToTHCM   float64 `json:"distance_to_thc_m"`
}

func (o *PhaseOptions) validate() error {
	if len(o.PerYear) == 0 {
		return &planner.OptionError{Option: "per-year", Reason: "give the number of upgrades of at least one year"}
	}
	for i, n := range o.PerYear {
		if n <= 0 {
			return &planner.OptionError{Option: "per-year", Reason: fmt.Sprintf("year %d: %d upgrades; want a positive number", i+1, n)}
		}
	}
	if o.StartYear < 1900 || o.StartYear > 2200 {
		return &planner.OptionError{Option: "start-year", Reason: fmt.Sprintf("%d is not a plausible year", o.StartYear)}
	}
	w := o.Weights
	for _, x := range []float64{w.ServedPopulation, w.DoctorGap, w.DistanceToTHC, w.NetworkUncovered} {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return &planner.OptionError{Option: "phase-weights", Reason: fmt.Sprintf("weight %v must be a finite, non-negative number", x)}
		}
	}
	return nil
}

// PhaseUpgrades orders village clinic upgrades by priority and gives each a
// year (policy digest R17: weakest first). The score of a clinic is
//
//	w_pop·pop/maxPop + w_gap·gap/maxGap + w_dist·dist/maxDist + w_unc·[no emergency network cover]
//
// where each maximum is over the given clinics (so each term is in [0, w]),
// unknown figures count as 0 and are listed in Missing. Clinics are ranked
// by score, highest first, ties by PhaseTieBreak; the first PerYear[0] get
// StartYear, the next PerYear[1] the year after, and so on; clinics beyond
// the sum of the caps get Year 0 and are counted in Unscheduled. Duplicate
// ids are an *OptionError.
func PhaseUpgrades(clinics []PhaseClinic, opt PhaseOptions) (*PhaseResult, error) {
	if opt.Weights == (PhaseWeights{}) {
		opt.Weights = DefaultPhaseWeights()
	}
	if err := opt.validate(); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(clinics))
	for _, c := range clinics {
		if seen[c.ID] {
			return nil, &planner.OptionError{Option: "clinics", Reason: fmt.Sprintf("clinic id %q appears twice", c.ID)}
		}
		seen[c.ID] = true
		if c.ServedPopulation < 0 {
			return nil, &planner.OptionError{Option: "clinics", Reason: fmt.Sprintf("clinic %q: served population %d is negative", c.ID, c.ServedPopulation)}
		}
	}
	res := &PhaseResult{StartYear: opt.StartYear, PerYear: slices.Clone(opt.PerYear), Weights: opt.Weights,
		Scale: phaseScale(clinics), TieBreak: PhaseTieBreak, Source: PhaseSource}
	as := make([]PhaseAssignment, len(clinics))
	order := make([]int, len(clinics))
	for i := range clinics {
		as[i] = phaseScore(clinics[i], res.Scale, opt.Weights)
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &as[a], &as[b]
		return cmp.Or(cmp.Compare(y.Score, x.Score),
			cmp.Compare(y.Clinic.ServedPopulation, x.Clinic.ServedPopulation),
			cmp.Compare(max(y.Clinic.DoctorGap, 0), max(x.Clinic.DoctorGap, 0)),
			strings.Compare(x.Clinic.ID, y.Clinic.ID))
	})
	res.Scheduled = make([]int, len(opt.PerYear))
	year, used := 0, 0
	for rank, i := range order {
		a := as[i]
		a.Rank = rank + 1
		for year < len(opt.PerYear) && used == opt.PerYear[year] {
			year, used = year+1, 0
		}
		if year < len(opt.PerYear) {
			a.Year = opt.StartYear + year
			res.Scheduled[year]++
			used++
		} else {
			res.Unscheduled++
		}
		res.Assignments = append(res.Assignments, a)
	}
	res.Summary = phaseSummary(res.Assignments)
	return res, nil
}

func phaseScale(clinics []PhaseClinic) PhaseScale {
	s := PhaseScale{1, 1, 1}
	for _, c := range clinics {
		s.ServedPopulation = max(s.ServedPopulation, float64(c.ServedPopulation))
		s.DoctorGap = max(s.DoctorGap, float64(c.DoctorGap))
		if !math.IsInf(c.DistanceToTHCM, 0) && !math.IsNaN(c.DistanceToTHCM) {
			s.DistanceToTHCM = max(s.DistanceToTHCM, c.DistanceToTHCM)
		}
	}
	return s
}

func phaseScore(c PhaseClinic, s PhaseScale, w PhaseWeights) PhaseAssignment {
	a := PhaseAssignment{Clinic: c}
	a.Components[0] = w.ServedPopulation * float64(c.ServedPopulation) / s.ServedPopulation
	if c.DoctorGap >= 0 {
		a.Components[1] = w.DoctorGap * float64(c.DoctorGap) / s.DoctorGap
	} else {
		a.Missing = append(a.Missing, "doctor_gap")
	}
	if d := c.DistanceToTHCM; d >= 0 && !math.IsInf(d, 0) {
		a.Components[2] = w.DistanceToTHC * d / s.DistanceToTHCM
	} else {
		a.Missing = append(a.Missing, "distance_to_thc")
	}
	if c.NetworkUncovered {
		a.Components[3] = w.NetworkUncovered
	}
	// A fixed summation order keeps equal inputs bit-identical.
	a.Score = a.Components[0] + a.Components[1] + a.Components[2] + a.Components[3]
	return a
}

// phaseSummary totals the scheduled clinics by year, then county.
func phaseSummary(as []PhaseAssignment) []PhaseYearCounty {
	type key struct {
		year   int
		county string
	}
	idx := map[key]int{}
	var out []PhaseYearCounty
	for _, a := range as {
		if a.Year == 0 {
			continue
		}
		k := key{a.Year, a.Clinic.County}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, PhaseYearCounty{Year: a.Year, County: a.Clinic.County})
		}
		s := &out[i]
		s.Clinics++
		s.ServedPopulation += int64(a.Clinic.ServedPopulation)
		s.DoctorGap += max(a.Clinic.DoctorGap, 0)
		if a.Clinic.NetworkUncovered {
			s.NetworkUncovered++
		}
	}
	slices.SortFunc(out, func(a, b PhaseYearCounty) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), strings.Compare(a.County, b.County))
	})
	return out
}
