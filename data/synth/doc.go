// Package synth generates seeded synthetic provinces (villages, county
// hospitals, township health centres, village clinics) with the structure
// of a rural Chinese county, and embeds the 4-county sample that `catchment
// sample` writes and every command falls back to.
package synth
