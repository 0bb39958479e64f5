// Package runparams parses and validates what a client asks the server to
// compute: the JSON body of a run request (POST /api/v1/runs, Parse) and
// the values the coverage GET shares with it (radii, travel times,
// distance, facility types, ids). It knows no HTTP: package server reads
// the body and the query and answers the errors.
//
// A run request takes the command line's plan and coverage flags as JSON
// keys, spelt with '_' (radius_km) or, as in a scenario file, with '-'
// (radius-km); a key given in both spellings is refused. Kinds are
// coverage, plan and the programme kinds (budget, phase, quota,
// scorecard), which take every plan key and their own. A parsed request
// is a Spec: fully resolved by the planner (every policy figure explicit),
// and Spec.Canonical is its canonical params JSON, which with the
// dataset's content hash identifies the computation. Distances are km,
// travel times minutes.
//
// Errors: a key that is missing, unknown, of the other kind of run or
// malformed is an *apierr.ParamError naming the key; a value over a limit
// (MaxRadii, the programme caps) an *apierr.LimitError; a value the
// planner refuses a *planner.OptionError naming the option. Road metrics
// come without their network: the server binds it when the run starts.
package runparams
