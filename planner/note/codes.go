package note

// The codes, by the explanation they belong to. Each names its args;
// numbers are whole unless said otherwise, kilometres and minutes are
// float64. A radius is "radius_km" or, when the metric counts time,
// "radius_minutes".

// A county's sub-centre notes (planner.CountySubcentres.Notes).
const (
	// SubNoSitesTooClose: thcs, min_far_km — every township health centre
	// is nearer than MinFarKm to a county hospital.
	SubNoSitesTooClose Code = "subcentre.no_sites.too_close"
	// SubNoSitesAllCovered: people, radius — everyone already has
	// county-level care.
	SubNoSitesAllCovered Code = "subcentre.no_sites.all_covered"
	// SubNoSitesNoneWithin: candidates, radius, people — no candidate is
	// within the radius of the people without county-level care.
	SubNoSitesNoneWithin Code = "subcentre.no_sites.none_within"
	// SubNoSitesNoTHC: the county has no township health centre.
	SubNoSitesNoTHC Code = "subcentre.no_sites.no_thc"
	// SubNoSitesNotListed: the given candidate list has no site in the
	// county.
	SubNoSitesNotListed Code = "subcentre.no_sites.not_listed"
	// SubSeatFromVillages: no county hospital, so the seat is the
	// population-weighted centre of the villages.
	SubSeatFromVillages Code = "subcentre.seat_from_villages"
	// SubFewCandidates: candidates — fewer candidates than the K asked for.
	SubFewCandidates Code = "subcentre.few_candidates"
	// SubAutoFewCandidates: k, candidates — automatic K stopped at the
	// number of candidates.
	SubAutoFewCandidates Code = "subcentre.auto_k.few_candidates"
	// SubAutoSmallGain: k, gain, min_gain — automatic K stopped because
	// site k+1 would add fewer than min_gain people.
	SubAutoSmallGain Code = "subcentre.auto_k.small_gain"
	// SubAutoLimit: k, limit, min_gain — automatic K reached its limit,
	// every site adding at least min_gain people.
	SubAutoLimit Code = "subcentre.auto_k.limit"
)

// A county's tie-break (planner.CountySubcentres.TieBreakNotes): sets
// site sets reach the same people; chosen and next are the chosen set's
// and the runner-up's totals of the deciding criterion.
const (
	// TieStaff: sets, people, chosen, next — by total staff.
	TieStaff Code = "subcentre.tie.staff"
	// TieBeds: sets, people, chosen, next — by total beds.
	TieBeds Code = "subcentre.tie.beds"
	// TieSeatKm: sets, people, chosen_km, next_km — by total distance from
	// the county seat.
	TieSeatKm Code = "subcentre.tie.seat_km"
	// TieIDs: sets, people — by ids, all else equal.
	TieIDs Code = "subcentre.tie.ids"
)

// A county's share of a city-wide budget (programme.CountyBudget.
// ReasonNotes, BudgetResult.Notes).
const (
	// BudgetCounty: the county's budget reasons as Parts, in a plan's
	// county notes ("budget (R5): …").
	BudgetCounty Code = "budget.county"
	// BudgetNoCandidate: the county has no candidate site.
	BudgetNoCandidate Code = "budget.no_candidate"
	// BudgetNoSite: the county gets no site.
	BudgetNoSite Code = "budget.no_site"
	// BudgetSitesGain: sites, people, last — the sites bring county-level
	// care to people, the last adding last.
	BudgetSitesGain Code = "budget.sites_gain"
	// BudgetUnnamed: sites — sites placed for the minimum that cover no
	// one.
	BudgetUnnamed Code = "budget.unnamed"
	// BudgetMinUnmet: min, candidates — the minimum is above the
	// candidates.
	BudgetMinUnmet Code = "budget.min_unmet"
	// BudgetHeldAtMin: min.
	BudgetHeldAtMin Code = "budget.held_at_min"
	// BudgetNextNone: next_site — that site (an ordinal) would add no one.
	BudgetNextNone Code = "budget.next_none"
	// BudgetNextSpent: next_site, people — that site would add people, but
	// the budget covers more elsewhere.
	BudgetNextSpent Code = "budget.next_spent"
	// BudgetAtMax: max.
	BudgetAtMax Code = "budget.at_max"
	// BudgetAllUsed: candidates.
	BudgetAllUsed Code = "budget.all_used"
	// BudgetLeftFull: sites — sites not placed, every county full.
	BudgetLeftFull Code = "budget.left.full"
	// BudgetLeftNoGain: sites — sites not placed, none would cover anyone.
	BudgetLeftNoGain Code = "budget.left.no_gain"
)

// A policy warning's reason and suggestion (planner.Warning.ReasonNotes,
// SuggestionNotes). A radius here is the plan's, as given ("%g").
const (
	// WarnBelowMin: sites, min; Parts: why (one of the WarnWhy codes).
	WarnBelowMin Code = "warning.below_min"
	// WarnAboveMax: sites, max.
	WarnAboveMax Code = "warning.above_max"
	// WarnWhyNotListed: the --candidates list has no site in the county.
	WarnWhyNotListed Code = "warning.why.not_listed"
	// WarnWhyTooClose: min_far_km, thcs, farthest_km.
	WarnWhyTooClose Code = "warning.why.too_close"
	// WarnWhyNoTHC: the county has no township health centre.
	WarnWhyNoTHC Code = "warning.why.no_thc"
	// WarnWhyAllCovered: people, radius.
	WarnWhyAllCovered Code = "warning.why.all_covered"
	// WarnWhyNoneWithin: candidates, radius, people.
	WarnWhyNoneWithin Code = "warning.why.none_within"
	// FixAddToList: add the county's sites to the --candidates list.
	FixAddToList Code = "warning.fix.add_to_list"
	// FixGiveCandidates: give candidate sites with --candidates.
	FixGiveCandidates Code = "warning.fix.give_candidates"
	// FixRelax: min_far_km, id, name, hospital_km, people, radius — the
	// best site without the distance rule and the --min-far-km admitting
	// it.
	FixRelax Code = "warning.fix.relax"
	// FixRelaxNone: radius — no site would help even without the rule.
	FixRelaxNone Code = "warning.fix.relax_none"
	// FixAnyCandidate: candidates — any candidate meets the minimum.
	FixAnyCandidate Code = "warning.fix.any_candidate"
	// FixAtMost: max — ask for at most max per county.
	FixAtMost Code = "warning.fix.at_most"
	// FixCountyMax: max — lower the budget's county maximum.
	FixCountyMax Code = "warning.fix.county_max"
)

// A figure's source in a plan summary (summary.PlanFigure.SourceNotes).
const (
	// FigureCited: source — the policy's figure, cited.
	FigureCited Code = "figure.cited"
	// FigureSet: set for this run; the policy has no such figure.
	FigureSet Code = "figure.set"
	// FigureSetOver: policy, value, source — set for this run over the
	// policy's value.
	FigureSetOver Code = "figure.set_over"
	// FigureNotApplied: not applied, candidate sites being given.
	FigureNotApplied Code = "figure.not_applied"
)

// The cite lines of the programme sections (data/report BudgetCites,
// PhaseCites, QuotaCites). "source" and "by" are cited texts or the
// option that set a figure; "rule" a documented rule.
const (
	// CiteBudget: sites, by.
	CiteBudget Code = "cite.budget"
	// CiteCountyMin: min, source.
	CiteCountyMin Code = "cite.county_min"
	// CiteCountyMax: max, source.
	CiteCountyMax Code = "cite.county_max"
	// CiteCapsZibo: caps, start_year — R17's caps.
	CiteCapsZibo Code = "cite.caps.zibo"
	// CiteCapsGiven: caps, start_year — caps given for the run.
	CiteCapsGiven Code = "cite.caps.given"
	// CiteScore: served, doctor_gap, distance_to_thc, network_uncovered
	// (the weights, float64), radius_km, radius_source (the radius's
	// source), source (the score's).
	CiteScore Code = "cite.score"
	// CiteTies: rule.
	CiteTies Code = "cite.ties"
	// CiteClinicsFacilities: the clinics are the facilities file's.
	CiteClinicsFacilities Code = "cite.clinics.facilities"
	// CiteClinicsPlan: the clinics are the plan's.
	CiteClinicsPlan Code = "cite.clinics.plan"
	// CiteStaffZibo: staff.
	CiteStaffZibo Code = "cite.staff.zibo"
	// CiteStaffGiven: staff.
	CiteStaffGiven Code = "cite.staff.given"
	// CiteRule: rule — a documented rule on its own line.
	CiteRule Code = "cite.rule"
	// CiteRounding: rule.
	CiteRounding Code = "cite.rounding"
)

// A scorecard value's basis (programme.Indicator.BasisNotes,
// SubsidyCost.BasisNotes) and its unreadable inputs
// (ScorecardResult.Unreadable). "what", "of" and "per" hold word keys
// (WordVillageDoctorsStaff, ...).
const (
	// BasisNoFigure: what — no input has the figure.
	BasisNoFigure Code = "basis.no_figure"
	// BasisUnknownFor: what, unknown, total, of — some inputs lack it.
	BasisUnknownFor Code = "basis.unknown_for"
	// BasisNone: of — nothing to divide by.
	BasisNone Code = "basis.none"
	// BasisPer: count, what, per_count, per — count what per per_count per.
	BasisPer Code = "basis.per"
	// BasisShare: count, total, of.
	BasisShare Code = "basis.share"
	// SubsidyPlan: needed, today — the plan's doctors or today's.
	SubsidyPlan Code = "subsidy.plan"
	// SubsidyToday: today — no clinic plan.
	SubsidyToday Code = "subsidy.today"
	// SubsidyStaffUnknown: clinics.
	SubsidyStaffUnknown Code = "subsidy.staff_unknown"
	// SubsidyLicensed: licences known, R14's rates by licence.
	SubsidyLicensed Code = "subsidy.licensed"
	// SubsidyFullRange: licences not known, R14's full range.
	SubsidyFullRange Code = "subsidy.full_range"
	// CardNotCount: facility, column, value — not a whole number ≥ 0.
	CardNotCount Code = "scorecard.not_count"
	// CardNotYesNo: facility, column, value — not yes/no.
	CardNotYesNo Code = "scorecard.not_yes_no"
)

// Word keys of the scorecard's bases.
const (
	WordVillageDoctorsStaff   = "village_doctors_staff"
	WordTHCStaff              = "thc_staff"
	WordHealthWorkers         = "health_workers"
	WordGPs                   = "gps"
	WordLicensedDoctors       = "licensed_doctors"
	WordFeverClinic           = "fever_clinic"
	WordAmbulance             = "ambulance"
	WordPeopleServed          = "people_served"
	WordResidentsVillages     = "residents_villages"
	WordResidentsTable        = "residents_table"
	WordVillageDoctors        = "village_doctors"
	WordTownshipHealthCentres = "township_health_centres"
	WordFacilities            = "facilities"
)
