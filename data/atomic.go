package data

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a file so that readers of path see either the old
// content or the complete new content, never a partial file: write fills a
// buffered temporary file in the same directory (a rename is only atomic
// within one file system), which is synced, closed and renamed over path.
// On any failure, including a panic in write, the temporary file is removed
// and an existing file at path is left untouched. The file gets mode 0644.
//
// Errors from the file system are *WriteError values naming path (they
// unwrap to ErrWrite and the cause); an error returned by write is passed on
// with path added, keeping what it unwraps to (ErrWriteInput, ErrWrite ...).
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return &WriteError{Path: path, Err: err}
	}
	renamed := false
	defer func() {
		if !renamed {
			tmp.Close() // may already be closed; the error is not news
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		return withPath(path, err)
	}
	if err := bw.Flush(); err != nil {
		return &WriteError{Path: path, Err: err}
	}
	if err := tmp.Chmod(0o644); err != nil {
		return &WriteError{Path: path, Err: err}
	}
	if err := tmp.Sync(); err != nil {
		return &WriteError{Path: path, Err: err}
	}
	if err := tmp.Close(); err != nil {
		return &WriteError{Path: path, Err: err}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &WriteError{Path: path, Err: err}
	}
	renamed = true
	// Make the rename itself durable. Not every system can sync a
	// directory, and the data is already safe, so failures are ignored.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// withPath names path in an error from a write callback.
func withPath(path string, err error) error {
	if we, ok := err.(*WriteError); ok && we.Path == "" {
		return &WriteError{Path: path, Err: we.Err}
	}
	return fmt.Errorf("data: write %s: %w", path, err)
}
