package server

import (
	"crypto/rand"
	"encoding/hex"
)

// newID returns a random id of 16 hex digits (64 bits): unguessable
// enough that ids are not a way to enumerate other people's runs, and
// short enough to read out.
func newID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand panics on a broken system source)
	return hex.EncodeToString(b[:])
}
