// Package programme holds the policies' programme features built on the
// planner's per-county results: a city-wide sub-centre budget allocated
// exactly across counties (R5; AllocateSubcentres, PlanWithBudget), village
// clinic upgrades phased by year, weakest first (R17; PhaseUpgrades), a
// staff quota shared by need with largest remainders (QuotaStaff), and the
// yearly county scorecard with yellow cards (R10–R16, R18; Scorecard).
//
// Like planner it does no I/O: readers and writers live in data/*, the
// transport in server. Distances are those of the plan it is given (the
// run's geo.Metric); the scorecard and phase inputs measure straight lines
// to township health centres, in metres (DistanceToTHCM).
package programme
