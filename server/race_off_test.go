//go:build !race

package server

// raceEnabled: the race detector is on (tests size heavy inputs down).
const raceEnabled = false
