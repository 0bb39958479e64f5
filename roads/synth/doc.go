// Package synth generates synthetic road networks for benchmarks and
// samples: given settlements (county seats, township centres, villages) it
// lays out a network that looks like a rural Chinese county's — trunk
// roads between county seats, county roads from each township to its seat,
// township roads between neighbouring townships, winding village roads
// that branch towards each township, dead-end farm tracks, unconnected
// fragments and a few oneway loops. Output is deterministic for a seed.
//
// Coordinates are WGS84 lon/lat degrees; lengths are metres.
package synth
