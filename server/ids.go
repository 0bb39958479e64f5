package server

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
)

// idPattern is what a dataset or run id must look like before it is used
// in a file path or a query: no dots, slashes or upper case, so an id can
// never reach outside its directory, whatever the request path held.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

func validID(id string) bool { return idPattern.MatchString(id) }

// checkID validates an id taken from a request.
func checkID(param, id string) error {
	if !validID(id) {
		return &ParamError{Param: param, Reason: "invalid id: want 1–64 characters of a-z, 0-9 and '-', starting with a letter or digit"}
	}
	return nil
}

// newID returns a random id of 16 hex digits (64 bits): unguessable
// enough that ids are not a way to enumerate other people's runs, and
// short enough to read out.
func newID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand panics on a broken system source)
	return hex.EncodeToString(b[:])
}
