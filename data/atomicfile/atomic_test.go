package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/catchment/catchment/data/table"

	"github.com/catchment/catchment/data/internal/fixture"
)

// dirEntries lists the names in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.geojson")
	old := []byte("old good content\n")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	errEncode := errors.New("encoder gave up")
	big := strings.Repeat("x", 1<<20) // beyond the buffer: partial data reaches the temp file
	cases := []struct {
		name  string
		write func(io.Writer) error
		is    []error
	}{
		{"write fails midway", func(w io.Writer) error {
			io.WriteString(w, big)
			return errEncode
		}, []error{errEncode}},
		{"writer reports bad input", func(w io.Writer) error {
			io.WriteString(w, big)
			return &table.WriteInputError{Record: "village \"x\" (#1)", Reason: "bad"}
		}, []error{table.ErrWriteInput}},
		{"stream writer failed", func(w io.Writer) error {
			return &table.WriteError{Err: fixture.ErrDiskFull}
		}, []error{table.ErrWrite, fixture.ErrDiskFull}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := WriteFileAtomic(path, c.write)
			if err == nil {
				t.Fatal("no error")
			}
			for _, target := range c.is {
				if !errors.Is(err, target) {
					t.Errorf("err = %v, want it to wrap %v", err, target)
				}
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the path", err)
			}
			if got, _ := os.ReadFile(path); string(got) != string(old) {
				t.Errorf("old file clobbered: %q", got)
			}
			if names := dirEntries(t, dir); len(names) != 1 {
				t.Errorf("temporary files left behind: %v", names)
			}
		})
	}

	t.Run("panic in write", func(t *testing.T) {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("panic swallowed")
				}
			}()
			WriteFileAtomic(path, func(w io.Writer) error {
				io.WriteString(w, big)
				panic("boom")
			})
		}()
		if got, _ := os.ReadFile(path); string(got) != string(old) {
			t.Errorf("old file clobbered: %q", got)
		}
		if names := dirEntries(t, dir); len(names) != 1 {
			t.Errorf("temporary files left behind: %v", names)
		}
	})

	t.Run("success", func(t *testing.T) {
		if err := WriteFileAtomic(path, func(w io.Writer) error {
			_, err := io.WriteString(w, big+"new")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != big+"new" {
			t.Fatalf("content %d bytes, %v", len(got), err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", fi.Mode().Perm())
		}
		if names := dirEntries(t, dir); len(names) != 1 {
			t.Errorf("temporary files left behind: %v", names)
		}
	})
}

func TestWriteFileAtomicFileSystemErrors(t *testing.T) {
	dir := t.TempDir()
	ok := func(w io.Writer) error { _, err := io.WriteString(w, "data"); return err }

	t.Run("missing directory", func(t *testing.T) {
		path := filepath.Join(dir, "no", "such", "dir", "out.csv")
		err := WriteFileAtomic(path, ok)
		if !errors.Is(err, table.ErrWrite) || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
			t.Fatalf("err = %v, want ErrWrite and fs.ErrNotExist naming the path", err)
		}
		// The message names the user's directory, not the temporary file.
		want := "directory " + filepath.Dir(path) + " does not exist"
		if msg := err.Error(); !strings.Contains(msg, want) || strings.Contains(msg, ".tmp-") {
			t.Errorf("message %q, want one with %q and no temporary name", msg, want)
		}
	})

	t.Run("missing relative directory", func(t *testing.T) {
		t.Chdir(dir)
		err := WriteFileAtomic(filepath.Join("sw", "plan.geojson"), ok)
		want := "data: write " + filepath.Join("sw", "plan.geojson") + ": directory sw does not exist"
		if !errors.Is(err, fs.ErrNotExist) || err.Error() != want {
			t.Errorf("err = %v, want %q", err, want)
		}
	})

	t.Run("parent is a file", func(t *testing.T) {
		parent := filepath.Join(t.TempDir(), "plain")
		if err := os.WriteFile(parent, []byte("p"), 0o644); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(parent, "out.csv")
		err := WriteFileAtomic(path, ok)
		if !errors.Is(err, table.ErrWrite) || !strings.Contains(err.Error(), parent+" is not a directory") || strings.Contains(err.Error(), ".tmp-") {
			t.Errorf("err = %v, want ErrWrite saying %s is not a directory", err, parent)
		}
		if got, _ := os.ReadFile(parent); string(got) != "p" {
			t.Errorf("file clobbered: %q", got)
		}
	})

	t.Run("rename over a directory", func(t *testing.T) {
		path := filepath.Join(dir, "taken")
		if err := os.Mkdir(path, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(path, "keep"), []byte("k"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := WriteFileAtomic(path, ok)
		if !errors.Is(err, table.ErrWrite) || !errors.Is(err, syscall.EISDIR) || !strings.Contains(err.Error(), path+": is a directory") {
			t.Fatalf("err = %v, want ErrWrite and EISDIR naming the path", err)
		}
		if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
			t.Errorf("directory damaged: %v %v", fi, err)
		}
		if names := dirEntries(t, dir); len(names) != 1 {
			t.Errorf("temporary files left behind: %v", names)
		}
	})

	t.Run("relative path", func(t *testing.T) {
		t.Chdir(dir)
		if err := WriteFileAtomic("rel.txt", ok); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(filepath.Join(dir, "rel.txt")); err != nil || string(got) != "data" {
			t.Errorf("got %q, %v", got, err)
		}
	})
}
