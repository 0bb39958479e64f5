package filecache

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func readAll(t *testing.T, f *os.File) string {
	t.Helper()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMakeAndOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "left-over"), []byte("x"), 0o644)
	c, err := New(dir, 2, 100)
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("New left %d files of a previous process", len(entries))
	}
	if _, _, _, ok := c.Open("a"); ok {
		t.Fatal("Open found a key never made")
	}
	f, size, release, err := c.Make("a", 50, text("hello"))
	if err != nil || size != 5 || readAll(t, f) != "hello" {
		t.Fatalf("Make: size %d, err %v", size, err)
	}
	release()
	release() // twice is harmless
	f, size, release, ok := c.Open("a")
	if !ok || size != 5 || readAll(t, f) != "hello" {
		t.Fatalf("Open after Make: ok %v, size %d", ok, size)
	}
	release()
	if n, b := c.Len(); n != 1 || b != 5 {
		t.Errorf("Len %d files, %d bytes", n, b)
	}
}

func TestMakeRefusesAndKeepsNothing(t *testing.T) {
	dir := t.TempDir()
	c, err := New(dir, 4, 10)
	if err != nil {
		t.Fatal(err)
	}
	for name, c2 := range map[string]struct {
		limit int64
		write func(io.Writer) error
		want  error
	}{
		"over its limit":     {3, text("four"), ErrTooLarge},
		"over the cache":     {100, text(strings.Repeat("x", 11)), ErrTooLarge},
		"a failing writer":   {100, func(io.Writer) error { return io.ErrUnexpectedEOF }, io.ErrUnexpectedEOF},
		"a wrapped overflow": {3, func(w io.Writer) error { _, err := io.WriteString(w, "four"); return fmt.Errorf("writing: %w", err) }, ErrTooLarge},
	} {
		if _, _, _, err := c.Make(name, c2.limit, c2.write); !errors.Is(err, c2.want) {
			t.Errorf("%s: err %v, want %v", name, err, c2.want)
		}
		if _, _, _, ok := c.Open(name); ok {
			t.Errorf("%s: kept", name)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left behind", len(entries))
	}
}

// TestEviction keeps the cache within its bounds, least recently used
// out first, and removes an evicted file only when its reader is done.
func TestEviction(t *testing.T) {
	dir := t.TempDir()
	c, err := New(dir, 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	mk := func(key, body string) {
		t.Helper()
		_, _, release, err := c.Make(key, 10, text(body))
		if err != nil {
			t.Fatal(err)
		}
		release()
	}
	mk("a", "aaa")
	mk("b", "bbb")
	_, _, rel, _ := c.Open("a") // a is now the most recent
	rel()
	mk("c", "ccc") // two files at most: b goes
	for key, want := range map[string]bool{"a": true, "b": false, "c": true} {
		if _, _, release, ok := c.Open(key); ok != want {
			t.Errorf("%s kept %v, want %v", key, ok, want)
		} else if ok {
			release()
		}
	}
	// Bytes: a 9-byte answer leaves room for nothing else.
	held, _, holdRelease, _ := c.Open("a")
	mk("d", "ddddddddd")
	if n, b := c.Len(); n != 1 || b != 9 {
		t.Errorf("after a large answer: %d files, %d bytes", n, b)
	}
	if got := readAll(t, held); got != "aaa" {
		t.Errorf("an evicted file still open reads %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files on disk, want d and the open a", len(entries))
	}
	holdRelease()
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files on disk after the last reader, want 1", len(entries))
	}
}

func TestConcurrentUse(t *testing.T) {
	c, err := New(t.TempDir(), 3, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprint(i % 5)
			f, _, release, ok := c.Open(key)
			if !ok {
				var err error
				if f, _, release, err = c.Make(key, 100, text("answer "+key)); err != nil {
					t.Error(err)
					return
				}
			}
			defer release()
			if got := readAll(t, f); got != "answer "+key {
				t.Errorf("key %s reads %q", key, got)
			}
		}()
	}
	wg.Wait()
	if n, _ := c.Len(); n > 3 {
		t.Errorf("%d files kept, at most 3 allowed", n)
	}
}

func TestNewRejects(t *testing.T) {
	if _, err := New(t.TempDir(), 0, 10); err == nil {
		t.Error("no files allowed: accepted")
	}
	if _, err := New(t.TempDir(), 1, 0); err == nil {
		t.Error("no bytes allowed: accepted")
	}
}

func TestDropPrefix(t *testing.T) {
	dir := t.TempDir()
	c, err := New(dir, 10, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"d1/a", "d1/b", "d2/a"} {
		_, _, release, err := c.Make(key, 100, text(key))
		if err != nil {
			t.Fatal(err)
		}
		release()
	}
	c.DropPrefix("d1/")
	for key, want := range map[string]bool{"d1/a": false, "d1/b": false, "d2/a": true} {
		if _, _, release, ok := c.Open(key); ok != want {
			t.Errorf("%s kept %v, want %v", key, ok, want)
		} else if ok {
			release()
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files on disk, want 1", len(entries))
	}
}
