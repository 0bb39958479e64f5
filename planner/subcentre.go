package planner

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/catchment/catchment/geo"
	"github.com/catchment/catchment/planner/note"
	"github.com/paulmach/orb"
)

// Defaults of SubcentreOptions (policy digest R2 for the count; the distance
// and gain thresholds are left open by the documents and are catchment's).
const (
	// DefaultSubcentreMinFarKm is how far, in kilometres, a township health
	// centre must be from the nearest county hospital to be a candidate.
	DefaultSubcentreMinFarKm = 20.0
	// DefaultSubcentreMinGainPop is the smallest population gain for which
	// automatic K adds one more site.
	DefaultSubcentreMinGainPop = 5000
	// DefaultSubcentreMaxAlternatives is how many other optimal site sets
	// are reported.
	DefaultSubcentreMaxAlternatives = 3
	// MaxSubcentresPerCounty is the upper bound of R2 (1–3 per county).
	MaxSubcentresPerCounty = 3
)

// DefaultSubcentreExistingTypes returns, in a new slice, the tiers whose
// facilities count as existing emergency cover when planning sub-centres:
// county hospitals only, because a sub-centre is meant to bring
// hospital-level care to the people a county hospital cannot reach in time.
func DefaultSubcentreExistingTypes() []FacilityType { return []FacilityType{CountyHospital} }

// SubcentreOptions configures PlanSubcentres. Zero values mean the defaults
// except where a field says otherwise.
type SubcentreOptions struct {
	// RadiusKm is the emergency service radius in kilometres (R1: 10–20 km).
	// Required unless the metric counts seconds.
	RadiusKm float64
	// RadiusMinutes is the service radius as a travel time, for a Metric
	// counting seconds (required then, ignored otherwise); see Limit.
	RadiusMinutes float64
	// Metric measures the trip from a village to an existing facility or a
	// candidate site: today's cover and each candidate's cover set. Nil means
	// geo.Straight. MinFarKm and the distances from the county seat stay
	// geodesic (see the package's metric notes).
	Metric geo.Metric
	// ExistingTypes are the tiers that count as existing cover, whatever the
	// county of the facility. Empty means DefaultSubcentreExistingTypes.
	ExistingTypes []FacilityType
	// MinFarKm is the least geodesic distance in kilometres from a township
	// health centre to the nearest county hospital (of any county) for it to
	// be a candidate (inclusive). It is a pointer because 0, "no distance
	// filter", is a meaningful value: nil means DefaultSubcentreMinFarKm,
	// new(0.0) disables the filter. Ignored when Candidates is set.
	MinFarKm *float64
	// K is the number of sites per county, 1..MaxSubcentresPerCounty, or 0
	// to choose it per county: the smallest K after which one more site
	// would add fewer than MinGainPop people. Automatic K is at least 1 (R4:
	// at least one sub-centre per county) whenever a candidate covers anyone.
	K int
	// MaxK caps automatic K, for presets with a lower bound than R2's 3
	// (R3: 1–2 per banner); 0 means MaxSubcentresPerCounty. An explicit K
	// above MaxK is an error.
	MaxK int
	// MinGainPop is the automatic-K threshold in people; 0 means
	// DefaultSubcentreMinGainPop.
	MinGainPop int
	// Candidates, when non-nil, replaces the township health centres as the
	// candidate sites: any points, each with its County set and a unique ID.
	// They are taken as given (MinFarKm does not apply).
	Candidates []Facility
	// MaxAlternatives caps the other optimal site sets reported per county;
	// 0 means DefaultSubcentreMaxAlternatives, negative means none.
	MaxAlternatives int
	// Seats, when it has an entry for a county (by county name), places
	// that county's seat there (WGS84) instead of at its biggest county
	// hospital: a boundary file's seat_lon/seat_lat. It moves only the
	// seat the sites' SeatDistanceM is measured from (SeatFromHospital is
	// then false; SeatFacility still names the biggest county hospital).
	Seats map[string]orb.Point
}

// SiteChoice explains one chosen sub-centre site.
type SiteChoice struct {
	// Facility is the candidate; Index is its position in the facilities
	// given to PlanSubcentres, or in SubcentreOptions.Candidates when those
	// were given.
	Facility Facility
	Index    int
	// Rank is the 1-based selection order: the site with the largest
	// stand-alone gain first, then each time the largest gain given the sites
	// ranked before it.
	Rank int
	// GainPopulation and GainVillages count the county's people and villages
	// this site newly covers given today's cover and the sites ranked before
	// it; NewlyCovered lists those villages (indices into the villages given
	// to PlanSubcentres).
	GainPopulation int64
	GainVillages   int
	NewlyCovered   []int
	// StandalonePopulation is the gain of this site alone.
	StandalonePopulation int64
	// CountyHospitalDistanceM is the geodesic distance in metres to the
	// nearest county hospital of any county (+Inf when there is none);
	// SeatDistanceM the distance to the county seat.
	CountyHospitalDistanceM float64
	SeatDistanceM           float64
	// Rule is a one-line justification citing the policy rule.
	Rule string
}

// CountySubcentres is the sub-centre plan of one county. Populations are
// counts of people in the county's own villages.
type CountySubcentres struct {
	County     string
	Villages   int
	Population int64
	// CountyCareToday counts the people with county-level care cover today
	// (planner.MeasureCountyCare: within the radius of an existing facility
	// of ExistingTypes); CountyCareAfter adds those the chosen sites cover.
	CountyCareToday, CountyCareAfter int64
	// NetworkCovered counts the people with emergency network cover
	// (MeasureNetwork: a facility of DefaultEmergencyTypes within the
	// radius, by the same metric); the sites do not change it.
	NetworkCovered int64
	// K is the number of sites chosen (len(Sites)); RequestedK is
	// SubcentreOptions.K (0 for automatic).
	K, RequestedK int
	// Candidates is the number of candidate sites of the county; TooClose the
	// township health centres left out for being nearer than MinFarKm to a
	// county hospital.
	Candidates, TooClose int
	// Sites are the chosen sites in Rank order; empty with a Note saying why
	// when nothing can be gained.
	Sites []SiteChoice
	// OptimumByK[k-1] is the best CountyCareAfter achievable with k sites, for
	// every k evaluated (1..K, and K+1 when automatic K looked one further).
	OptimumByK []int64
	// OptimalSets is the number of distinct K-site sets reaching the
	// optimum (1 when the choice is unique). Alternatives are the others
	// (their sorted ids) in tie-break order, at most MaxAlternatives;
	// TieBreak says which criterion separated the choice from the first
	// alternative: TieBreakNotes in English (note.Text).
	OptimalSets   int
	Alternatives  [][]string
	TieBreak      string
	TieBreakNotes []note.Note
	// GreedyCountyCareAfter is what picking the largest gain K times would
	// reach, GreedyIDs those picks in order; see GreedyGap.
	GreedyCountyCareAfter int64
	GreedyIDs             []string
	// Notes explain an empty or reduced choice, an automatic K and a seat
	// taken from the villages, one sentence each (codes note.Sub…); Note is
	// them in English, separated by "; " (note.Text).
	Note  string
	Notes []note.Note
	// Seat is the county seat: the location of the county's county hospital
	// with the most beds (SeatFromHospital true, SeatFacility its index in
	// facilities), or else the population-weighted mean of the village
	// coordinates (SeatFromHospital false, SeatFacility -1).
	Seat             orb.Point
	SeatFromHospital bool
	SeatFacility     int
}

// CountyCareTodayShare is the share of the county's population with
// county-level care cover today, in [0, 1].
func (c *CountySubcentres) CountyCareTodayShare() float64 {
	return scShare(c.CountyCareToday, c.Population)
}

// CountyCareAfterShare is the share with county-level care cover once the
// chosen sites are built, in [0, 1].
func (c *CountySubcentres) CountyCareAfterShare() float64 {
	return scShare(c.CountyCareAfter, c.Population)
}

// NetworkCoveredShare is the share of the county's population with
// emergency network cover, in [0, 1].
func (c *CountySubcentres) NetworkCoveredShare() float64 {
	return scShare(c.NetworkCovered, c.Population)
}

// GreedyGap is how many more people the exact choice covers than greedy.
func (c *CountySubcentres) GreedyGap() int64 {
	if len(c.Sites) == 0 {
		return 0
	}
	return c.CountyCareAfter - c.GreedyCountyCareAfter
}

// ChosenIDs lists the ids of the chosen sites in Rank order.
func (c *CountySubcentres) ChosenIDs() []string {
	ids := make([]string, len(c.Sites))
	for i, s := range c.Sites {
		ids[i] = s.Facility.ID
	}
	return ids
}

func scShare(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

func (o *SubcentreOptions) minFarKm() float64 {
	if o.MinFarKm == nil {
		return DefaultSubcentreMinFarKm
	}
	return *o.MinFarKm
}

func (o *SubcentreOptions) maxK() int {
	if o.MaxK == 0 {
		return MaxSubcentresPerCounty
	}
	return o.MaxK
}

func (o *SubcentreOptions) minGainPop() int64 {
	if o.MinGainPop == 0 {
		return DefaultSubcentreMinGainPop
	}
	return int64(o.MinGainPop)
}

func (o *SubcentreOptions) maxAlternatives() int {
	switch {
	case o.MaxAlternatives == 0:
		return DefaultSubcentreMaxAlternatives
	case o.MaxAlternatives < 0:
		return 0
	}
	return o.MaxAlternatives
}

func (o *SubcentreOptions) existingTypes() []FacilityType {
	if len(o.ExistingTypes) == 0 {
		return DefaultSubcentreExistingTypes()
	}
	return o.ExistingTypes
}

func (o *SubcentreOptions) validate() error {
	if _, err := Limit(o.Metric, o.RadiusKm, o.RadiusMinutes); err != nil {
		return err
	}
	if o.K < 0 || o.K > MaxSubcentresPerCounty {
		return &OptionError{"subcentres", fmt.Sprintf("K = %d sites per county; want 1..%d, or 0 for automatic", o.K, MaxSubcentresPerCounty)}
	}
	if o.MaxK < 0 || o.MaxK > MaxSubcentresPerCounty {
		return &OptionError{"max-subcentres", fmt.Sprintf("MaxK = %d; want 1..%d, or 0 for %d", o.MaxK, MaxSubcentresPerCounty, MaxSubcentresPerCounty)}
	}
	if o.K > o.maxK() {
		return &OptionError{"subcentres", fmt.Sprintf("K = %d sites per county is more than MaxK = %d", o.K, o.maxK())}
	}
	if f := o.minFarKm(); math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return &OptionError{"min-far-km", fmt.Sprintf("%v km must be a non-negative number", f)}
	}
	if o.MinGainPop < 0 {
		return &OptionError{"min-gain-pop", fmt.Sprintf("%d people must not be negative", o.MinGainPop)}
	}
	for _, t := range o.ExistingTypes {
		if !t.Valid() {
			return &OptionError{"existing-types", fmt.Sprintf("unknown facility type %q", t)}
		}
	}
	seen := map[string]int{}
	for i := range o.Candidates {
		c := &o.Candidates[i]
		switch {
		case c.ID == "":
			return &OptionError{"candidates", fmt.Sprintf("candidate %d has no id", i)}
		case c.County == "":
			return &OptionError{"candidates", fmt.Sprintf("candidate %q has no county", c.ID)}
		case pointProblem(c.Location) != "":
			return &OptionError{"candidates", fmt.Sprintf("candidate %q: %s", c.ID, pointProblem(c.Location))}
		case c.Beds < CapacityUnknown || c.Staff < CapacityUnknown:
			return &OptionError{"candidates", fmt.Sprintf("candidate %q: negative beds or staff", c.ID)}
		}
		if j, dup := seen[c.ID]; dup {
			return &OptionError{"candidates", fmt.Sprintf("candidates %d and %d share the id %q", j, i, c.ID)}
		}
		seen[c.ID] = i
	}
	return nil
}

// scInput is what every county worker reads; it is not modified once built.
type scInput struct {
	opt        *SubcentreOptions
	villages   []Village
	facilities []Facility
	metric     geo.Metric
	limit      float64 // the radius in the metric's unit
	minFarM    float64
	minGain    int64
	maxAlt     int
	explicit   bool
	candidates []Facility // facilities or opt.Candidates

	countyCareToday []bool     // per village: within the radius of an existing facility
	networkCovered  []bool     // per village: within the radius of a DefaultEmergencyTypes facility
	hosp            *geo.Index // county hospitals of every county (geodesic)
}

// radius is the radius as a note states it: "radius_minutes" when the
// metric counts time, else "radius_km" (the limit in kilometres).
func (in *scInput) radius() []any {
	if in.metric.Unit() == geo.Seconds {
		return []any{"radius_minutes", in.opt.RadiusMinutes}
	}
	return []any{"radius_km", in.limit / 1000}
}

// PlanSubcentres chooses, for every county of the villages, the K candidate
// sites that together newly cover the most of the county's own people
// within the radius (by opt.Metric, inclusive; see Limit), on top of
// today's cover by ExistingTypes facilities of any county (policy digest
// R2: 1–3 county medical sub-centres per county, far from the county seat).
// Counties are returned in name order; a county is the County string of its
// villages.
//
// The choice is the exact optimum, found by branch and bound over the
// county's uncovered villages (a weighted maximum-coverage problem). It is
// exact on any metric: the search only sees the cover sets, which come from
// one Metric.Within per county (villages as origins, candidates as
// targets); today's cover is one Metric.Nearest to the existing facilities.
// Among sets reaching the same optimum the choice is settled, in this order, by
//
//  1. total staff, more first (unknown staff counts as 0),
//  2. total beds, more first (unknown beds count as 0),
//  3. total geodesic distance from the county seat, farther first (R2 wants
//     sub-centres far from the seat; the distances are summed smallest first),
//  4. the ids, lexicographically on the sorted id list (input order settles
//     equal ids).
//
// The same order settles ties between single sites (selection order, greedy).
// Candidates are the county's township health centres at least MinFarKm from
// the nearest county hospital, or SubcentreOptions.Candidates. A county with
// no candidate, no uncovered people, or no uncovered people within reach of a
// candidate gets no sites and a Note; one with fewer candidates than K gets
// fewer sites and says so.
//
// Counties are planned in parallel on GOMAXPROCS goroutines; PlanSubcentres
// returns ctx.Err() when ctx is cancelled. Invalid options give an
// *OptionError, invalid villages or facilities an *InputError.
func PlanSubcentres(ctx context.Context, villages []Village, facilities []Facility, opt SubcentreOptions) ([]CountySubcentres, error) {
	out, _, err := planSubcentres(ctx, villages, facilities, opt)
	return out, err
}

// planSubcentres is PlanSubcentres also returning, per village, the two
// cover measures today (for Plan, which would otherwise measure them
// again).
func planSubcentres(ctx context.Context, villages []Village, facilities []Facility, opt SubcentreOptions) ([]CountySubcentres, *scToday, error) {
	if err := opt.validate(); err != nil {
		return nil, nil, err
	}
	in := &scInput{
		opt:        &opt,
		villages:   villages,
		facilities: facilities,
		metric:     metricOr(opt.Metric),
		minFarM:    opt.minFarKm() * 1000,
		minGain:    opt.minGainPop(),
		maxAlt:     opt.maxAlternatives(),
		explicit:   opt.Candidates != nil,
		candidates: facilities,
	}
	in.limit, _ = Limit(in.metric, opt.RadiusKm, opt.RadiusMinutes) // checked by validate
	if in.explicit {
		in.candidates = opt.Candidates
	}
	byCounty, names, err := in.group()
	if err != nil {
		return nil, nil, err
	}
	if err := in.measureToday(ctx); err != nil {
		return nil, nil, err
	}
	out := make([]CountySubcentres, len(names))
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	workers := min(runtime.GOMAXPROCS(0), len(names))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(names) || ctx.Err() != nil {
					return
				}
				if res, err := in.plan(ctx, byCounty[names[i]]); err == nil {
					out[i] = res
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return out, &scToday{countyCare: in.countyCareToday, network: in.networkCovered}, nil
}

// scToday is, per village, the two cover measures before any sub-centre:
// county-level care (ExistingTypes) and emergency network cover
// (DefaultEmergencyTypes).
type scToday struct {
	countyCare, network []bool
}

// group sorts the villages and candidates into counties (names in order),
// checking what the search relies on: non-negative weights and real
// coordinates. It also picks each county's seat hospital and indexes the
// county hospitals.
func (in *scInput) group() (map[string]*scCounty, []string, error) {
	villages, facilities, opt := in.villages, in.facilities, in.opt
	byCounty := map[string]*scCounty{}
	var names []string
	for i := range villages {
		v := &villages[i]
		if err := checkVillage(i, v); err != nil {
			return nil, nil, err
		}
		c := byCounty[v.County]
		if c == nil {
			c = &scCounty{name: v.County, seatFacility: -1}
			byCounty[v.County] = c
			names = append(names, v.County)
		}
		c.villages = append(c.villages, i)
	}
	types := opt.existingTypes()
	var hospPts []orb.Point
	for i := range facilities {
		f := &facilities[i]
		// Township health centres are candidates (unless given) and, with
		// county hospitals, measure emergency network cover.
		used := slices.Contains(types, f.Type) || f.Type == CountyHospital || f.Type == TownshipHealthCentre
		if r := pointProblem(f.Location); used && r != "" {
			return nil, nil, facilityError(i, f, r)
		}
		if f.Type != CountyHospital {
			continue
		}
		hospPts = append(hospPts, f.Location)
		// The seat is the county hospital with the most beds, first in input order.
		if c := byCounty[f.County]; c != nil && (c.seatFacility < 0 || f.Beds > facilities[c.seatFacility].Beds) {
			c.seatFacility = i
		}
	}
	if err := in.groupCandidates(byCounty); err != nil {
		return nil, nil, err
	}
	hosp, err := geo.BuildIndex(hospPts)
	if err != nil {
		return nil, nil, err
	}
	in.hosp = hosp
	slices.Sort(names)
	return byCounty, names, nil
}

// groupCandidates adds each candidate to its county: the given candidates,
// or the township health centres of counties with villages.
func (in *scInput) groupCandidates(byCounty map[string]*scCounty) error {
	if in.explicit {
		for i := range in.opt.Candidates {
			f := &in.opt.Candidates[i]
			c := byCounty[f.County]
			if c == nil {
				return &OptionError{"candidates", fmt.Sprintf("candidate %q: county %q has no villages", f.ID, f.County)}
			}
			c.cands = append(c.cands, i)
		}
		return nil
	}
	for i := range in.facilities {
		f := &in.facilities[i]
		if f.Type != TownshipHealthCentre {
			continue
		}
		if c := byCounty[f.County]; c != nil {
			if f.Beds < CapacityUnknown || f.Staff < CapacityUnknown {
				return facilityError(i, f, "negative beds or staff")
			}
			c.cands = append(c.cands, i)
		}
	}
	return nil
}

// measureToday sets countyCareToday and networkCovered: one
// Metric.Nearest from every village to the facilities of the existing
// types, and one to those of DefaultEmergencyTypes, limited to the radius.
func (in *scInput) measureToday(ctx context.Context) error {
	var err error
	if in.countyCareToday, err = in.within(ctx, in.opt.existingTypes()); err != nil {
		return err
	}
	in.networkCovered, err = in.within(ctx, DefaultEmergencyTypes())
	return err
}

// within reports, per village, whether a facility of one of types lies
// within the radius by the metric (inclusive).
func (in *scInput) within(ctx context.Context, types []FacilityType) ([]bool, error) {
	var ex []int
	for i := range in.facilities {
		if slices.Contains(types, in.facilities[i].Type) {
			ex = append(ex, i)
		}
	}
	reach, err := in.metric.Nearest(ctx, villageSites(in.villages, nil), facilitySites(in.facilities, ex), in.limit)
	if err != nil {
		return nil, err
	}
	if err := metricLen(in.metric, "Nearest", len(reach), len(in.villages)); err != nil {
		return nil, err
	}
	out := make([]bool, len(in.villages))
	for i, r := range reach {
		out[i] = r.Index >= 0
	}
	return out, nil
}
