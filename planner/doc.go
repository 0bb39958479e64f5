// Package planner holds catchment's domain types (Village, Facility) and its
// algorithms: emergency coverage within geodesic radii, county sub-centre
// selection and clinic plans for small villages.
//
// It does no I/O: readers and writers live in package data, transport in
// package server. Every distance is a WGS84 ellipsoidal geodesic distance
// computed by package geo; names carry their units (RadiusKm, DistanceM).
// Coverage is inclusive: a village is covered when its distance to a
// facility is less than or equal to the radius.
//
// The rules encoded here, and the presets for them, trace back to the policy
// digest (R1–R18) kept beside the project; see Policy.
package planner
