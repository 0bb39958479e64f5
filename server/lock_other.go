//go:build !unix

package server

import (
	"fmt"
	"os"
	"path/filepath"
)

// lockDataDir opens DIR/lock without locking it: flock is Unix only, and
// on other systems one data directory serving one process at a time is up
// to the operator.
func lockDataDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("server: data directory lock: %w", err)
	}
	return f, nil
}
