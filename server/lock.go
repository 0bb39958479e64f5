package server

import (
	"errors"
	"fmt"
)

// ErrDataDirLocked means another server holds the data directory.
var ErrDataDirLocked = errors.New("server: data directory in use")

// lockFile is the name of the lock in the data directory.
const lockFile = "lock"

// DataDirLockedError names the data directory another catchment serve
// holds, and that process's id when the lock file records it (0 if not).
type DataDirLockedError struct {
	Dir string
	PID int
}

func (e *DataDirLockedError) Error() string {
	who := "another catchment serve"
	if e.PID > 0 {
		who = fmt.Sprintf("another catchment serve (pid %d)", e.PID)
	}
	return fmt.Sprintf("server: data directory %s is in use by %s; stop it or give another --data-dir", e.Dir, who)
}

// Unwrap returns ErrDataDirLocked.
func (e *DataDirLockedError) Unwrap() error { return ErrDataDirLocked }
