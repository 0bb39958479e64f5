//go:build unix

package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/catchment/catchment/data/table"
)

// atomicTestWrite writes content through WriteFileAtomic.
func atomicTestWrite(path, content string) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, content)
		return err
	})
}

// atomicTestRead returns the content of path, failing the test if it
// cannot be read.
func atomicTestRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteFileAtomicFIFO writes to a named pipe, as `-o /dev/stdout` or a
// viewer reading from a FIFO needs: the data must go through the pipe, and
// the pipe must still be a pipe afterwards.
func TestWriteFileAtomicFIFO(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.geojson")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	// Larger than the pipe buffer (64 KiB on Linux) and the writer's
	// buffer, so the reader has to drain the pipe while writing goes on.
	content := strings.Repeat("0123456789abcdef", 40<<10)
	type result struct {
		data string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		f, err := os.Open(path) // blocks until the writer opens the pipe
		if err != nil {
			got <- result{err: err}
			return
		}
		defer f.Close()
		b, err := io.ReadAll(f)
		got <- result{string(b), err}
	}()
	werr := atomicTestWrite(path, content)
	if werr != nil {
		// Unblock the reader's open so the goroutine can end: O_RDWR on a
		// FIFO opens at once on Linux and the BSDs.
		if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
			f.Close()
		}
		t.Fatalf("write to FIFO: %v", werr)
	}
	select {
	case r := <-got:
		if r.err != nil || r.data != content {
			t.Errorf("reader got %d bytes, %v; want %d bytes", len(r.data), r.err, len(content))
		}
	case <-time.After(30 * time.Second): // a deadlock guard, not a timing assertion
		t.Fatal("reader did not finish")
	}
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode().Type() != fs.ModeNamedPipe {
		t.Errorf("after the write %s is %v (%v), want the named pipe", path, fi.Mode(), err)
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("temporary files left behind: %v", names)
	}
}

// TestWriteFileAtomicSocket: a socket cannot be opened for writing; the
// error names the path and the socket is not replaced by a file.
func TestWriteFileAtomicSocket(t *testing.T) {
	dir, err := os.MkdirTemp("", "sock") // short: socket paths are limited to ~100 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "s")
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Skipf("cannot create a unix socket here: %v", err)
	}
	defer l.Close()
	err = atomicTestWrite(path, "data")
	if !errors.Is(err, table.ErrWrite) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want ErrWrite naming %s", err, path)
	}
	if fi, err := os.Lstat(path); err != nil || fi.Mode().Type() != fs.ModeSocket {
		t.Errorf("socket replaced: %v %v", fi, err)
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("temporary files left behind: %v", names)
	}
}

func TestWriteFileAtomicSymlink(t *testing.T) {
	t.Run("link to a file in another directory", func(t *testing.T) {
		linkDir, targetDir := t.TempDir(), t.TempDir()
		target := filepath.Join(targetDir, "real.geojson")
		if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(linkDir, "out.geojson")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if err := atomicTestWrite(link, "new"); err != nil {
			t.Fatal(err)
		}
		atomicTestLink(t, link, target)
		if got := atomicTestRead(t, target); got != "new" {
			t.Errorf("target holds %q, want new", got)
		}
		// The temporary file was made next to the target, where the
		// rename happens, and removed by it.
		if names := dirEntries(t, targetDir); len(names) != 1 {
			t.Errorf("target directory holds %v", names)
		}
		if names := dirEntries(t, linkDir); len(names) != 1 {
			t.Errorf("link directory holds %v", names)
		}
	})

	t.Run("relative chain of links", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dir, "data", "real.csv")
		if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		// out.csv -> data/link.csv -> real.csv (relative to data/)
		if err := os.Symlink("real.csv", filepath.Join(dir, "data", "link.csv")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("data", "link.csv"), filepath.Join(dir, "out.csv")); err != nil {
			t.Fatal(err)
		}
		if err := atomicTestWrite(filepath.Join(dir, "out.csv"), "new"); err != nil {
			t.Fatal(err)
		}
		atomicTestLink(t, filepath.Join(dir, "out.csv"), filepath.Join("data", "link.csv"))
		atomicTestLink(t, filepath.Join(dir, "data", "link.csv"), "real.csv")
		if got := atomicTestRead(t, target); got != "new" {
			t.Errorf("target holds %q, want new", got)
		}
	})

	t.Run("dangling link creates its target", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "out.csv")
		if err := os.Symlink("later.csv", link); err != nil {
			t.Fatal(err)
		}
		if err := atomicTestWrite(link, "new"); err != nil {
			t.Fatal(err)
		}
		atomicTestLink(t, link, "later.csv")
		if got := atomicTestRead(t, filepath.Join(dir, "later.csv")); got != "new" {
			t.Errorf("target holds %q, want new", got)
		}
	})

	t.Run("link into a missing directory", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "out.csv")
		if err := os.Symlink(filepath.Join(dir, "gone", "x.csv"), link); err != nil {
			t.Fatal(err)
		}
		err := atomicTestWrite(link, "new")
		want := "directory " + filepath.Join(dir, "gone") + " (where the link " + link + " points) does not exist"
		if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	})

	t.Run("link to a directory", func(t *testing.T) {
		dir := t.TempDir()
		link := filepath.Join(dir, "out")
		if err := os.Symlink(t.TempDir(), link); err != nil {
			t.Fatal(err)
		}
		if err := atomicTestWrite(link, "new"); !errors.Is(err, syscall.EISDIR) {
			t.Errorf("err = %v, want EISDIR", err)
		}
	})

	t.Run("link loop", func(t *testing.T) {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
		if err := os.Symlink(b, a); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(a, b); err != nil {
			t.Fatal(err)
		}
		err := atomicTestWrite(a, "new")
		if !errors.Is(err, table.ErrWrite) || !errors.Is(err, syscall.ELOOP) || !strings.Contains(err.Error(), a) {
			t.Errorf("err = %v, want ErrWrite and ELOOP naming %s", err, a)
		}
		atomicTestLink(t, a, b)
	})
}

// atomicTestLink checks that link is still a symbolic link to dest.
func atomicTestLink(t *testing.T, link, dest string) {
	t.Helper()
	got, err := os.Readlink(link)
	if err != nil || got != dest {
		t.Errorf("%s links to %q (%v), want %q", link, got, err, dest)
	}
}

// TestWriteFileAtomicCharDevice checks the write-through path on a
// character device without touching the system's /dev: it makes its own
// node for the "full" device (Linux 1:7), which accepts the open and fails
// every write, so the error must reach the caller and the node must stay a
// device. Making device nodes needs privileges; without them it skips.
func TestWriteFileAtomicCharDevice(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("device numbers are Linux's")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "full")
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o600, 1<<8|7); err != nil {
		t.Skipf("cannot make a device node: %v", err)
	}
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err != nil {
		t.Skipf("cannot open the device node (nodev mount?): %v", err)
	} else {
		f.Close()
	}
	isDevice := func() bool {
		fi, err := os.Lstat(path)
		return err == nil && fi.Mode().Type() == fs.ModeDevice|fs.ModeCharDevice
	}
	if !isDevice() {
		t.Fatal("mknod did not make a character device")
	}
	err := atomicTestWrite(path, "data")
	if !errors.Is(err, table.ErrWrite) || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want ErrWrite and ENOSPC naming %s", err, path)
	}
	if !isDevice() {
		t.Error("the device node was replaced")
	}
	if names := dirEntries(t, dir); len(names) != 1 {
		t.Errorf("temporary files left behind: %v", names)
	}
}
