package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/catchment/catchment/data/table"
)

// WriteFileAtomic writes a file so that readers of path see either the old
// content or the complete new content, never a partial file: write fills a
// buffered temporary file in the same directory (a rename is only atomic
// within one file system), which is synced, closed and renamed over path.
// On any failure, including a panic in write, the temporary file is removed
// and an existing file at path is left untouched. The file gets mode 0644.
//
// What path names decides what is replaced:
//   - a regular file, or nothing yet: replaced (created) as above;
//   - a symbolic link: the link is followed, through any chain of links, and
//     the file it points to is replaced as above (created if the link
//     dangles), so the link itself stays a link;
//   - a character device, named pipe or other special file (-o /dev/stdout,
//     /dev/null, a FIFO a viewer reads from): written through in place, as
//     shell redirection does, since renaming over it would replace the
//     device with a plain file. There is no atomicity then: a failure
//     midway leaves the reader with part of the output;
//   - a directory: an error.
//
// Errors from the file system are *WriteError values naming path (they
// unwrap to ErrWrite and the cause) and never name the temporary file; an
// error returned by write is passed on with path added, keeping what it
// unwraps to (ErrWriteInput, ErrWrite ...).
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	target, fi, err := atomicTarget(path)
	if err != nil {
		return &table.WriteError{Path: path, Err: err}
	}
	switch {
	case fi == nil || fi.Mode().IsRegular():
		return atomicReplace(path, target, write)
	case fi.IsDir():
		return &table.WriteError{Path: path, Err: atomicIsDir}
	}
	return atomicWriteThrough(path, target, write)
}

// atomicIsDir is the cause given when path is a directory. It matches
// syscall.EISDIR with errors.Is, as the error from opening it would.
var atomicIsDir error = syscall.EISDIR

// atomicMaxLinks bounds a chain of symbolic links, as the kernel does
// (Linux gives up after 40), so a loop is an error, not a hang.
const atomicMaxLinks = 40

// atomicTarget resolves path to the file that is to be written: path
// itself unless it is a symbolic link, else the end of the link chain. fi
// describes the target, or is nil when it does not exist yet; the target's
// directory must exist in either case.
func atomicTarget(path string) (target string, fi fs.FileInfo, err error) {
	target = path
	for range atomicMaxLinks {
		fi, err = os.Lstat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return target, nil, atomicCheckDir(path, target)
		case errors.Is(err, syscall.ENOTDIR):
			// A file where a directory should be: say which.
			if derr := atomicCheckDir(path, target); derr != nil {
				return "", nil, derr
			}
			return "", nil, atomicStripPath(err)
		case err != nil:
			return "", nil, atomicStripPath(err)
		case fi.Mode()&fs.ModeSymlink == 0:
			return target, fi, nil
		}
		// EvalSymlinks resolves ".." after a linked directory as the kernel
		// does; it fails only for a link that dangles (or loops), which is
		// then followed one step at a time.
		if real, err := filepath.EvalSymlinks(target); err == nil {
			target = real
			continue
		}
		link, err := os.Readlink(target)
		if err != nil {
			return "", nil, atomicStripPath(err)
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(target), link)
		}
		target = link
	}
	return "", nil, fmt.Errorf("too many levels of symbolic links: %w", syscall.ELOOP)
}

// atomicCheckDir explains why target, which does not exist, cannot be
// created, naming the user's path rather than a temporary file, or
// returns nil when its directory exists.
func atomicCheckDir(path, target string) error {
	dir := filepath.Dir(target)
	fi, err := os.Stat(dir)
	what := "directory " + dir
	if target != path {
		what = fmt.Sprintf("directory %s (where the link %s points)", dir, path)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &atomicDirError{msg: what + " does not exist", err: fs.ErrNotExist}
	case err != nil:
		return &atomicDirError{msg: "cannot use " + what, err: atomicStripPath(err)}
	case !fi.IsDir():
		return &atomicDirError{msg: what + " is not a directory", err: syscall.ENOTDIR}
	}
	return nil
}

// atomicDirError is a missing or unusable output directory.
type atomicDirError struct {
	msg string
	err error
}

func (e *atomicDirError) Error() string {
	if e.err == fs.ErrNotExist || e.err == syscall.ENOTDIR {
		return e.msg // the message says it all
	}
	return e.msg + ": " + e.err.Error()
}

func (e *atomicDirError) Unwrap() error { return e.err }

// atomicStripPath drops the file name from an *fs.PathError or
// *os.LinkError, whose names are the temporary file's or repeat path: the
// WriteError around it names path already.
func atomicStripPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// atomicReplace writes a temporary file next to target and renames it
// over target.
func atomicReplace(path, target string, write func(io.Writer) error) error {
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		if cerr := atomicCheckDir(path, target); cerr != nil {
			return &table.WriteError{Path: path, Err: cerr} // removed meanwhile
		}
		return &table.WriteError{Path: path, Err: fmt.Errorf("cannot create a file in %s: %w", dir, atomicStripPath(err))}
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
	for _, step := range []func() error{
		bw.Flush,
		func() error { return tmp.Chmod(0o644) },
		tmp.Sync,
		tmp.Close,
		func() error { return os.Rename(tmp.Name(), target) },
	} {
		if err := step(); err != nil {
			return &table.WriteError{Path: path, Err: atomicStripPath(err)}
		}
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

// atomicWriteThrough writes to a special file in place. Opening without
// O_TRUNC or O_CREATE leaves devices and pipes as they are; opening a
// FIFO blocks until a reader opens it, as the shell's > does.
func atomicWriteThrough(path, target string, write func(io.Writer) error) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return &table.WriteError{Path: path, Err: atomicStripPath(err)}
	}
	defer f.Close() // after a failure; the first error is the one to report
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return withPath(path, err)
	}
	if err := bw.Flush(); err != nil {
		return &table.WriteError{Path: path, Err: atomicStripPath(err)}
	}
	if err := f.Close(); err != nil {
		return &table.WriteError{Path: path, Err: atomicStripPath(err)}
	}
	return nil
}

// withPath names path in an error from a write callback.
func withPath(path string, err error) error {
	if we, ok := err.(*table.WriteError); ok && we.Path == "" {
		return &table.WriteError{Path: path, Err: we.Err}
	}
	return fmt.Errorf("data: write %s: %w", path, err)
}
