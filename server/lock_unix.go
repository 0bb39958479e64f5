//go:build unix

package server

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// lockDataDir takes an exclusive, non-blocking flock on DIR/lock and
// writes this process's id into it. The lock lives as long as the
// returned file is open (and dies with the process, so a crash leaves no
// stale lock); a second server on the same directory gets a
// *DataDirLockedError before it touches anything, since startup recovery
// (failing unfinished runs, removing leftovers) would break the first
// server's running jobs.
func lockDataDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("server: data directory lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EAGAIN) {
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
			return nil, &DataDirLockedError{Dir: dir, PID: pid}
		}
		return nil, fmt.Errorf("server: data directory lock %s: %w", path, err)
	}
	// The pid is for the message of a second server only; the lock is the
	// flock, not the content.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}
