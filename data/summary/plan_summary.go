package summary

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/catchment/catchment/data/internal/enc"
	"github.com/catchment/catchment/data/table"
	"github.com/catchment/catchment/internal/numfmt"

	"github.com/catchment/catchment/planner"
	"github.com/catchment/catchment/planner/note"
)

// PlanSummary is the headline of a plan run: the policy and every figure
// used with its source, the options, the cover before and after the
// proposed sub-centres in total and per county (with why each site was
// chosen), the clinic plan per township, the sweep when one ran, and what
// the readers accepted and rejected. Build it with NewPlanSummary; it is
// the input of WritePlanSummaryJSON, WritePlanCSVTables, WritePlanReport
// and WritePlanTable. The json tags are the keys of the summary JSON, which
// encoding/json decodes back into a PlanSummary.
//
// Distances are geodesic kilometres rounded to 6 decimals (millimetres) and
// coordinates WGS84 degrees rounded to 7, as in the GeoJSON outputs; shares
// are in [0, 1].
type PlanSummary struct {
	RadiusKm  float64         `json:"radius_km"`
	Policy    PlanPolicy      `json:"policy"`
	Options   PlanOptionsUsed `json:"options"`
	Total     PlanTotal       `json:"total"`
	Counties  []PlanCounty    `json:"counties"`  // by county name
	Townships []PlanTownship  `json:"townships"` // by county, then township name
	// Sweep is nil when no sweep ran.
	Sweep []PlanSweepRow `json:"sweep,omitempty"`
	// Inputs, RejectedCount and Rejected are as in CoverageSummary.
	Inputs        []InputSummary    `json:"inputs"`
	RejectedCount int               `json:"rejected_count"`
	Rejected      []table.Rejection `json:"rejected"`
	// Warnings are the policy rules the plan does not meet
	// (planner.PlanResult.Warnings), then the input warnings of
	// CoverageSummary; see Warning.
	Warnings []Warning `json:"warnings"`
	// Metric says how distances were measured when not by the straight
	// line (nil keeps straight-line summaries as they were): sub-centre
	// cover and itinerant routes by Metric, the clinic plan by
	// ClinicMetric; RadiusMinutes is the sub-centre radius in minutes when
	// the metric counts time. Set it with SetMetric.
	Metric *PlanMetric `json:"metric,omitempty"`

	// plan is what the village table of WritePlanCSVTables is written
	// from; nil in a summary decoded from JSON.
	plan *planInput
}

// Plan returns the villages, facilities and result s was made from by
// NewPlanSummary; res is nil for a summary decoded from JSON.
func (s PlanSummary) Plan() (villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult) {
	if s.plan == nil {
		return nil, nil, nil
	}
	return s.plan.villages, s.plan.facilities, s.plan.res
}

type planInput struct {
	villages   []planner.Village
	facilities []planner.Facility
	res        *planner.PlanResult
}

// PlanPolicy is the regional preset the run started from.
type PlanPolicy struct {
	Name    string       `json:"name"`
	Title   string       `json:"title"`
	Figures []PlanFigure `json:"figures"`
}

// PlanFigure is one planning figure used and the rule it comes from. When
// the run used another value than the policy's, Value is the one used and
// Source says so and cites the policy's figure. SourceNotes are Source as
// notes (note.FigureCited, FigureSet, FigureSetOver, FigureNotApplied);
// Source is them in English.
type PlanFigure struct {
	Name string `json:"name"`
	// Value is a float64, int or []float64 (a number or a list of numbers
	// in JSON).
	Value       any         `json:"value"`
	Source      string      `json:"source"`
	SourceNotes []note.Note `json:"source_notes"`
}

// PlanOptionsUsed are the thresholds the planner actually applied, with
// defaults resolved.
type PlanOptionsUsed struct {
	K             PlanK                  `json:"k"`
	MaxK          int                    `json:"max_k"`
	MinGainPop    int                    `json:"min_gain_pop"`
	ExistingTypes []planner.FacilityType `json:"existing_types"`
	// Candidates is "township_health_centres" (those at least MinFarKm from
	// a county hospital) or "given" (GivenCandidates sites; MinFarKm is
	// then null, as it does not apply).
	Candidates      string   `json:"candidates"`
	GivenCandidates int      `json:"given_candidates"`
	MinFarKm        *float64 `json:"min_far_km"`
	MaxAlternatives int      `json:"max_alternatives"`
	ItinerantBelow  int      `json:"itinerant_below"`
	MergeBelow      int      `json:"merge_below"`
	OwnClinicFrom   int      `json:"own_clinic_from"`
	MergeKm         float64  `json:"merge_km"`
	NearTHCKm       float64  `json:"near_thc_km"`
	MaxRouteKm      float64  `json:"max_route_km"`
}

// PlanCover counts villages and people, and the people with each cover
// measure within the radius (planner.Terms): emergency network cover, and
// county-level care cover today and after the proposed sub-centres.
// Shares are fractions of Population in [0, 1].
type PlanCover struct {
	Villages                  int     `json:"villages"`
	Population                int64   `json:"population"`
	NetworkCoveredPopulation  int64   `json:"network_covered_population"`
	NetworkCoveredShare       float64 `json:"network_covered_share"`
	CountyCareTodayPopulation int64   `json:"county_care_today_population"`
	CountyCareTodayShare      float64 `json:"county_care_today_share"`
	CountyCareAfterPopulation int64   `json:"county_care_after_population"`
	CountyCareAfterShare      float64 `json:"county_care_after_share"`
}

// Gain is the people the proposed sub-centres bring county-level care to.
func (c PlanCover) Gain() int64 { return c.CountyCareAfterPopulation - c.CountyCareTodayPopulation }

// PlanTotal is the cover of all counties and the number of sites proposed.
type PlanTotal struct {
	PlanCover
	Subcentres int `json:"subcentres"`
}

// PlanCounty is the sub-centre plan of one county (see
// planner.CountySubcentres).
type PlanCounty struct {
	County string `json:"county"`
	PlanCover
	// Subcentres are the chosen site ids in rank order.
	Subcentres []string `json:"subcentres"`
	// Alternatives are other site sets reaching the same optimum (sorted
	// ids), OptimalSets how many sets do (1: the choice is unique), TieBreak
	// what decided between them: TieBreakNotes in English (see
	// planner/note; [] when the choice is unique).
	Alternatives  [][]string  `json:"alternatives"`
	OptimalSets   int         `json:"optimal_sets"`
	TieBreak      string      `json:"tie_break"`
	TieBreakNotes []note.Note `json:"tie_break_notes"`
	// GreedySubcentres are what picking the largest gain each time would
	// choose, GreedyCountyCareAfter the people with county-level care it
	// would reach and GreedyGap how many more the exact choice reaches.
	GreedySubcentres      []string `json:"greedy_subcentres"`
	GreedyCountyCareAfter int64    `json:"greedy_county_care_after_population"`
	GreedyGap             int64    `json:"greedy_gap"`
	Candidates            int      `json:"candidates"`
	TooClose              int      `json:"too_close"`
	K                     int      `json:"k"`
	RequestedK            PlanK    `json:"requested_k"`
	// Note is Notes in English: why the county gets no or fewer sites, how
	// K was chosen, where its seat is (planner.CountySubcentres.Notes).
	Note  string      `json:"note"`
	Notes []note.Note `json:"notes"`
	// Seat is the county seat [lon, lat]: the county hospital
	// SeatFacilityID when SeatFromHospital, else the population-weighted
	// centre of the villages (SeatFacilityID "").
	Seat             [2]float64 `json:"seat"`
	SeatFromHospital bool       `json:"seat_from_hospital"`
	SeatFacilityID   string     `json:"seat_facility_id"`
	// Explanation is one entry per chosen site, in rank order.
	Explanation []PlanSite `json:"explanation"`
}

// PlanSite explains one chosen sub-centre.
type PlanSite struct {
	Rank     int        `json:"rank"`
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Township string     `json:"township"`
	Location [2]float64 `json:"location"` // [lon, lat]
	// GainPopulation and GainVillages are the people and villages the site
	// brings county-level care to, beyond today's and the sites ranked above; StandalonePopulation is the gain
	// of the site alone.
	GainPopulation       int64 `json:"gain_population"`
	GainVillages         int   `json:"gain_villages"`
	StandalonePopulation int64 `json:"standalone_population"`
	// CountyHospitalKm is nil when the input has no county hospital.
	CountyHospitalKm *float64 `json:"county_hospital_km"`
	SeatKm           float64  `json:"seat_km"`
	Beds             Count    `json:"beds"`
	Staff            Count    `json:"staff"`
	Rule             string   `json:"rule"`
}

// PlanTownship is the clinic plan of one township (see
// planner.TownshipPlan).
type PlanTownship struct {
	Township               string  `json:"township"`
	County                 string  `json:"county"`
	Villages               int     `json:"villages"`
	Population             int64   `json:"population"`
	OwnClinics             int     `json:"own_clinics"`
	JointClinics           int     `json:"joint_clinics"`
	JointMembers           int     `json:"joint_members"`
	ItinerantVillages      int     `json:"itinerant_villages"`
	TownshipCentreVillages int     `json:"township_centre_villages"`
	SingleVillages         int     `json:"single_villages"`
	RouteKm                float64 `json:"route_km"`
	RouteDays              int     `json:"route_days"`
	TourKm                 float64 `json:"tour_km"`
	// StaffNeeded is the village doctors needed (R10); VillageClinicStaff
	// the known staff of the township's village clinics and DoctorGap the
	// shortfall (both unknown when no clinic has a staff figure).
	StaffNeeded        int   `json:"staff_needed"`
	VillageClinics     int   `json:"village_clinics"`
	VillageClinicStaff Count `json:"village_clinic_staff"`
	DoctorGap          Count `json:"doctor_gap"`
	// THCID is the township health centre running the itinerant route, ""
	// when there is none (flag no_thc). THCStaffMin and THCStaffMax are
	// the R11 quota; THCStaff and THCStaffGap are unknown when the centre
	// has no staff figure or belongs to another township.
	THCID       string `json:"thc_id"`
	THCStaffMin int    `json:"thc_staff_min"`
	THCStaffMax int    `json:"thc_staff_max"`
	THCStaff    Count  `json:"thc_staff"`
	THCStaffGap Count  `json:"thc_staff_gap"`
	Exact       bool   `json:"exact"`
	// Flags are the flags of the township as a whole (thc_not_in_township,
	// multiple_thc_in_township, no_thc, joint_cover_not_exact,
	// route_not_planned_too_many_stops, village_clinic_staff_partly_unknown,
	// see planner.TownshipPlan.Flags), in the planner's order; empty when
	// there is none. Flags of its villages and route days are not
	// repeated here but counted in FlagCounts, so Flags may be empty while
	// FlagCounts is not.
	Flags []string `json:"flags"`
	// FlagCounts counts the township's villages and itinerant days by
	// flag (no_clinic_nearby, no_neighbour_within_merge_km,
	// joint_group_of_one, round_trip_exceeds_max_route_km); empty when
	// none is flagged.
	FlagCounts map[string]int `json:"flag_counts"`
}

// PlanSweepRow is one radius and sub-centre count of a sweep, over all
// counties.
type PlanSweepRow struct {
	RadiusKm float64 `json:"radius_km"`
	K        PlanK   `json:"k"`
	PlanCover
	Subcentres int `json:"subcentres"`
}

// PlanK is a number of sub-centres per county as requested: 0 means chosen
// per county ("auto" in JSON and text).
type PlanK int

func (k PlanK) String() string {
	if k == 0 {
		return "auto"
	}
	return strconv.Itoa(int(k))
}

// MarshalJSON encodes 0 as "auto" and any other value as a number.
func (k PlanK) MarshalJSON() ([]byte, error) {
	if k == 0 {
		return []byte(`"auto"`), nil
	}
	return strconv.AppendInt(nil, int64(k), 10), nil
}

// UnmarshalJSON accepts "auto" or a number.
func (k *PlanK) UnmarshalJSON(b []byte) error {
	if string(b) == `"auto"` {
		*k = 0
		return nil
	}
	var n int
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("data: sub-centre count %s: want \"auto\" or a number", b)
	}
	*k = PlanK(n)
	return nil
}

// Count is a head count or capacity that may be unknown
// (planner.CapacityUnknown): null in JSON, empty in CSV, "unknown" in text.
type Count int

// Known reports whether c is a figure rather than planner.CapacityUnknown.
func (c Count) Known() bool { return c != planner.CapacityUnknown }

// String formats c with thousands separators, or "unknown".
func (c Count) String() string {
	if !c.Known() {
		return "unknown"
	}
	return numfmt.GroupThousands(int64(c))
}

// MarshalJSON encodes an unknown count as null.
func (c Count) MarshalJSON() ([]byte, error) { return enc.AppendCapacity(nil, int(c)), nil }

// UnmarshalJSON decodes null as unknown.
func (c *Count) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*c = planner.CapacityUnknown
		return nil
	}
	var n int
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("data: count %s: want a number or null", b)
	}
	*c = Count(n)
	return nil
}

// NewPlanSummary summarises res, the result of planner.Plan for exactly
// these villages and facilities with options opt, starting from policy
// (whose figures are cited; a zero Policy cites none), with the sweep rows
// of planner.Sweep (nil when none ran) and the read reports of the inputs
// (nil reports are skipped). A res that does not belong to villages and
// facilities, or holds a number no writer can encode, is a
// *table.WriteInputError (errors.Is table.ErrWriteInput), as from
// WritePlanGeoJSON.
func NewPlanSummary(villages []planner.Village, facilities []planner.Facility, res *planner.PlanResult,
	policy planner.Policy, opt planner.PlanOptions, sweep []planner.SweepRow, reports ...*table.ReadReport) (PlanSummary, error) {
	if err := enc.CheckPlan(villages, facilities, res); err != nil {
		return PlanSummary{}, err
	}
	s := PlanSummary{
		RadiusKm:  res.RadiusKm,
		Policy:    PlanPolicy{Name: policy.Name, Title: policy.Title, Figures: planFigures(policy, opt, sweep)},
		Options:   planOptionsUsed(opt),
		Total:     PlanTotal{planCover(res.Total.Villages, res.Total.Population, res.Total.NetworkCovered, res.Total.CountyCareToday, res.Total.CountyCareAfter), res.Total.Subcentres},
		Counties:  make([]PlanCounty, 0, len(res.Counties)),
		Townships: make([]PlanTownship, 0, len(res.Clinics.Townships)),
		plan:      &planInput{villages, facilities, res},
	}
	for i := range res.Counties {
		s.Counties = append(s.Counties, planCounty(&res.Counties[i], facilities))
	}
	for i := range res.Clinics.Townships {
		s.Townships = append(s.Townships, planTownship(&res.Clinics.Townships[i], facilities))
	}
	for i := range res.Clinics.Villages {
		vs := &res.Clinics.Villages[i]
		for _, f := range vs.Flags {
			s.Townships[vs.TownshipIndex].FlagCounts[f]++
		}
	}
	for _, r := range sweep {
		s.Sweep = append(s.Sweep, PlanSweepRow{RadiusKm: r.RadiusKm, K: PlanK(r.K),
			PlanCover: planCover(r.Villages, r.Population, r.NetworkCovered, r.CountyCareToday, r.CountyCareAfter), Subcentres: r.Subcentres})
	}
	// The inputs are accounted for exactly as in the coverage summary, by
	// its own code on an empty coverage run.
	in, err := NewCoverageSummary(nil, nil, &planner.CoverageResult{}, reports...)
	if err != nil {
		return PlanSummary{}, err
	}
	s.Inputs, s.RejectedCount, s.Rejected = in.Inputs, in.RejectedCount, in.Rejected
	s.Warnings = planWarnings(res.Warnings, in.Warnings)
	return s, nil
}

func planCover(villages int, population, network, today, after int64) PlanCover {
	share := func(part int64) float64 {
		if population == 0 {
			return 0
		}
		return float64(part) / float64(population)
	}
	return PlanCover{villages, population, network, share(network), today, share(today), after, share(after)}
}

func planCounty(c *planner.CountySubcentres, facilities []planner.Facility) PlanCounty {
	pc := PlanCounty{
		County:                c.County,
		PlanCover:             planCover(c.Villages, c.Population, c.NetworkCovered, c.CountyCareToday, c.CountyCareAfter),
		Subcentres:            c.ChosenIDs(),
		Alternatives:          make([][]string, 0, len(c.Alternatives)),
		OptimalSets:           c.OptimalSets,
		TieBreak:              c.TieBreak,
		TieBreakNotes:         append([]note.Note{}, c.TieBreakNotes...),
		GreedySubcentres:      append([]string{}, c.GreedyIDs...),
		GreedyCountyCareAfter: c.GreedyCountyCareAfter,
		GreedyGap:             c.GreedyGap(),
		Candidates:            c.Candidates,
		TooClose:              c.TooClose,
		K:                     c.K,
		RequestedK:            PlanK(c.RequestedK),
		Note:                  c.Note,
		Notes:                 append([]note.Note{}, c.Notes...),
		Seat:                  [2]float64{roundDeg(c.Seat[0]), roundDeg(c.Seat[1])},
		SeatFromHospital:      c.SeatFromHospital,
		Explanation:           make([]PlanSite, 0, len(c.Sites)),
	}
	for _, a := range c.Alternatives {
		pc.Alternatives = append(pc.Alternatives, slices.Clone(a))
	}
	if c.SeatFromHospital && c.SeatFacility >= 0 && c.SeatFacility < len(facilities) {
		pc.SeatFacilityID = facilities[c.SeatFacility].ID
	}
	for _, st := range c.Sites {
		f := &st.Facility
		site := PlanSite{
			Rank: st.Rank, ID: f.ID, Name: f.Name, Township: f.Township,
			Location:       [2]float64{roundDeg(f.Location[0]), roundDeg(f.Location[1])},
			GainPopulation: st.GainPopulation, GainVillages: st.GainVillages, StandalonePopulation: st.StandalonePopulation,
			SeatKm: roundKmOfM(st.SeatDistanceM), Beds: Count(f.Beds), Staff: Count(f.Staff), Rule: st.Rule,
		}
		if !math.IsInf(st.CountyHospitalDistanceM, 1) {
			km := roundKmOfM(st.CountyHospitalDistanceM)
			site.CountyHospitalKm = &km
		}
		pc.Explanation = append(pc.Explanation, site)
	}
	return pc
}

func planTownship(t *planner.TownshipPlan, facilities []planner.Facility) PlanTownship {
	pt := PlanTownship{
		Township: t.Township, County: t.County, Villages: t.Villages, Population: t.Population,
		OwnClinics: t.OwnClinics, JointClinics: t.JointClinics, JointMembers: t.JointMembers,
		ItinerantVillages: t.ItinerantVillages, TownshipCentreVillages: t.TownshipCentreVillages, SingleVillages: t.SingleVillages,
		RouteKm: roundKm(t.RouteKm), RouteDays: len(t.Route), TourKm: roundKm(t.TourKm),
		StaffNeeded: t.DoctorsNeeded, VillageClinics: t.VillageClinics,
		VillageClinicStaff: Count(t.VillageClinicStaff), DoctorGap: Count(t.DoctorGap),
		THCStaffMin: t.THCStaffMin, THCStaffMax: t.THCStaffMax, THCStaff: Count(t.THCStaff), THCStaffGap: Count(t.THCStaffGap),
		Exact: t.Exact, Flags: append([]string{}, t.Flags...), FlagCounts: map[string]int{},
	}
	if t.THC >= 0 {
		pt.THCID = facilities[t.THC].ID
	}
	for _, d := range t.Route {
		for _, f := range d.Flags {
			pt.FlagCounts[f]++
		}
	}
	return pt
}

// planOptionsUsed resolves the zero-value defaults the way planner does
// (see planner.SubcentreOptions; the clinic options have no defaults).
func planOptionsUsed(opt planner.PlanOptions) PlanOptionsUsed {
	so, co := &opt.Subcentres, &opt.Clinics
	u := PlanOptionsUsed{
		K: PlanK(so.K), MaxK: so.MaxK, MinGainPop: so.MinGainPop,
		ExistingTypes: slices.Clone(so.ExistingTypes), Candidates: "township_health_centres",
		MaxAlternatives: so.MaxAlternatives,
		ItinerantBelow:  co.ItinerantBelow, MergeBelow: co.MergeBelow, OwnClinicFrom: co.OwnClinicFrom,
		MergeKm: co.MergeKm, NearTHCKm: co.NearTHCKm, MaxRouteKm: co.MaxRouteKm,
	}
	if u.MaxK == 0 {
		u.MaxK = planner.MaxSubcentresPerCounty
	}
	if u.MinGainPop == 0 {
		u.MinGainPop = planner.DefaultSubcentreMinGainPop
	}
	if len(u.ExistingTypes) == 0 {
		u.ExistingTypes = planner.DefaultSubcentreExistingTypes()
	}
	switch {
	case u.MaxAlternatives == 0:
		u.MaxAlternatives = planner.DefaultSubcentreMaxAlternatives
	case u.MaxAlternatives < 0:
		u.MaxAlternatives = 0
	}
	if so.Candidates != nil {
		u.Candidates, u.GivenCandidates = "given", len(so.Candidates)
	} else {
		far := planner.DefaultSubcentreMinFarKm
		if so.MinFarKm != nil {
			far = *so.MinFarKm
		}
		u.MinFarKm = &far
	}
	return u
}

// planFigures lists the policy's figures with the values this run used.
func planFigures(p planner.Policy, opt planner.PlanOptions, sweep []planner.SweepRow) []PlanFigure {
	used := planOptionsUsed(opt)
	var sweepRadii []float64
	for _, r := range sweep {
		if !slices.Contains(sweepRadii, r.RadiusKm) {
			sweepRadii = append(sweepRadii, r.RadiusKm)
		}
	}
	if sweepRadii == nil {
		sweepRadii = p.SweepRadiiKm.Value
	}
	minFar, minFarNote := p.MinFarKm.Value, []note.Note(nil)
	if used.MinFarKm != nil {
		minFar = *used.MinFarKm
	} else {
		minFarNote = []note.Note{note.New(note.FigureNotApplied)}
	}
	var out []PlanFigure
	add := func(f PlanFigure, ok bool) {
		if ok {
			out = append(out, f)
		}
	}
	add(planFigure(p.Name, "radius_km", p.RadiusKm, opt.RadiusKm, nil, floatEq))
	add(planFigure(p.Name, "sweep_radii_km", p.SweepRadiiKm, sweepRadii, nil, slices.Equal[[]float64]))
	add(planFigure(p.Name, "min_subcentres", p.MinSubcentres, p.MinSubcentres.Value, nil, intEq))
	add(planFigure(p.Name, "max_subcentres", p.MaxSubcentres, used.MaxK, nil, intEq))
	add(planFigure(p.Name, "min_far_km", p.MinFarKm, minFar, minFarNote, floatEq))
	add(planFigure(p.Name, "itinerant_below", p.ItinerantBelow, used.ItinerantBelow, nil, intEq))
	add(planFigure(p.Name, "merge_below", p.MergeBelow, used.MergeBelow, nil, intEq))
	add(planFigure(p.Name, "own_clinic_from", p.OwnClinicFrom, used.OwnClinicFrom, nil, intEq))
	add(planFigure(p.Name, "merge_km", p.MergeKm, used.MergeKm, nil, floatEq))
	add(planFigure(p.Name, "near_thc_km", p.NearTHCKm, used.NearTHCKm, nil, floatEq))
	add(planFigure(p.Name, "max_route_km", p.MaxRouteKm, used.MaxRouteKm, nil, floatEq))
	add(planFigure(p.Name, "doctors_per_1000", p.DoctorsPer1000, p.DoctorsPer1000.Value, nil, floatEq))
	add(planFigure(p.Name, "thc_staff_min_per_1000", p.THCStaffMinPer1000, p.THCStaffMinPer1000.Value, nil, floatEq))
	add(planFigure(p.Name, "thc_staff_max_per_1000", p.THCStaffMaxPer1000, p.THCStaffMaxPer1000.Value, nil, floatEq))
	return out
}

func floatEq(a, b float64) bool { return a == b }
func intEq(a, b int) bool       { return a == b }

// planFigure cites f when the run used its value, and otherwise gives the
// value used and says where it differs from the policy; after the notes
// on its source. A figure the policy does not have (zero Policy) and the
// run did not set is left out.
func planFigure[T any](policy, name string, f planner.Figure[T], used T, after []note.Note, eq func(a, b T) bool) (PlanFigure, bool) {
	var src note.Note
	switch {
	case eq(used, f.Value) && f.Source == "":
		return PlanFigure{}, false
	case eq(used, f.Value):
		src = note.New(note.FigureCited, "source", f.Source)
	case f.Source == "":
		src = note.New(note.FigureSet)
	default:
		src = note.New(note.FigureSetOver, "policy", policy, "value", f.Value, "source", f.Source)
	}
	pf := PlanFigure{Name: name, Value: f.Value, SourceNotes: append([]note.Note{src}, after...)}
	if !eq(used, f.Value) {
		pf.Value = used
	}
	pf.Source = note.Text(pf.SourceNotes)
	return pf, true
}

// FigureText formats a figure's value for people: 15, 2.5, "10, 15, 20"
// (note.FigureText).
func FigureText(v any) string { return note.FigureText(v) }

// roundTo returns x·scale rounded as appendFixed prints it, over div.
func roundTo(x float64, scale uint64, div float64) float64 {
	q, neg, ok := enc.RoundScaled(x, scale)
	if !ok {
		return x * float64(scale) / div
	}
	r := float64(q) / div
	if neg && q != 0 {
		r = -r
	}
	return r
}

// roundDeg rounds degrees to 7 decimals, as appendDeg writes them.
func roundDeg(x float64) float64 { return roundTo(x, 1e7, 1e7) }

// roundKmOfM converts metres to kilometres rounded to 6 decimals, as
// appendKm writes them.
func roundKmOfM(m float64) float64 { return roundTo(m, 1e3, 1e6) }

// roundKm rounds kilometres to 6 decimals.
func roundKm(km float64) float64 { return roundTo(km, 1e6, 1e6) }

// PlanMetric is the metric of a plan other than the straight line.
type PlanMetric struct {
	MetricInfo
	// Clinic describes the clinic plan's metric ("road by distance").
	Clinic        string  `json:"clinic_metric"`
	RadiusMinutes float64 `json:"radius_minutes,omitempty"`
}

// SetMetric records the plan's metric in s unless it is the straight line.
func (s *PlanSummary) SetMetric(info MetricInfo, clinic string, radiusMinutes float64) {
	if info.Name == "" || info.Name == "straight" {
		return
	}
	s.Metric = &PlanMetric{MetricInfo: info, Clinic: clinic, RadiusMinutes: radiusMinutes}
}
