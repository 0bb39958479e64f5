// Package planner holds catchment's domain types (Village, Facility) and its
// algorithms: emergency coverage within geodesic radii, county sub-centre
// selection and clinic plans for small villages.
//
// It does no I/O: readers and writers live in package data, transport in
// package server. Every step measures through one geo.Metric, the Metric
// field of its options: nil means geo.Straight, the WGS84 ellipsoidal
// geodesic distance; a road network or an origin–destination matrix are
// other implementations, and no step branches on which one it has (see
// metric.go for radii in minutes, the direction of trips and what stays
// straight). Names carry their units (RadiusKm, RadiusMinutes, DistanceM).
// Cover is inclusive: a facility lies within the radius when its cost from
// the village is less than or equal to it.
//
// "Covered" has two meanings, each with its own name used the same way in
// every output (Terms, MeasureNetwork, MeasureCountyCare): emergency
// network cover (a county hospital or township health centre within the
// radius; Coverage, VillagePlan.NetworkCovered) and county-level care cover
// (a county hospital, or a proposed sub-centre, within the radius;
// VillagePlan.CountyCareToday and CountyCareAfter, which the sub-centre
// choice maximises).
//
// The rules encoded here, and the presets for them, trace back to the policy
// digest (R1–R18) kept beside the project; see Policy. The programme
// features (city-wide budget, phased upgrades, staff quotas, scorecards)
// are in the subpackage programme.
//
// Explanations (a county's Note and TieBreak, a Warning's Reason and
// Suggestion) are written as structured notes of the subpackage note (a
// code and the values it states: Notes, TieBreakNotes, ReasonNotes,
// SuggestionNotes); the English strings are those notes rendered, and a
// report in another language renders the same notes from its own
// catalogue.
package planner
