// Package filecache keeps recently made answers as files on disk, keyed by
// a string (an entity tag), so that an answer streamed by its maker can
// instead be served with a length, in byte ranges and more than once:
// what GDAL's /vsicurl/ (and so QGIS) needs of a URL, which it reads with
// a HEAD request and then ranges.
//
// A Cache holds at most MaxFiles files and MaxBytes bytes in all; making a
// new file evicts the least recently used ones. A file still open when it
// is evicted is removed when its last user releases it.
package filecache

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// ErrTooLarge is Make's error for an answer longer than its limit: nothing
// is kept, and the caller streams the answer instead.
var ErrTooLarge = errors.New("filecache: answer larger than the cache takes")

// Cache is a directory of answers. The zero value is not usable: use New.
type Cache struct {
	dir      string
	maxFiles int
	maxBytes int64

	mu      sync.Mutex
	entries map[string]*entry
	lru     []string // keys, least recently used first
	total   int64
	seq     uint64
}

type entry struct {
	path    string
	size    int64
	refs    int
	evicted bool
}

// New empties dir (creating it if needed: what a previous process left is
// not trusted) and returns a cache of at most maxFiles files and maxBytes
// bytes in it.
func New(dir string, maxFiles int, maxBytes int64) (*Cache, error) {
	if maxFiles < 1 || maxBytes < 1 {
		return nil, fmt.Errorf("filecache: want room for a file, got %d files and %d bytes", maxFiles, maxBytes)
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("filecache: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("filecache: %w", err)
	}
	return &Cache{dir: dir, maxFiles: maxFiles, maxBytes: maxBytes, entries: map[string]*entry{}}, nil
}

// Open returns the file kept for key, positioned at its start, with its
// size; release must be called when done with it. ok is false when there
// is none.
func (c *Cache) Open(key string) (f *os.File, size int64, release func(), ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e == nil {
		return nil, 0, nil, false
	}
	f, err := os.Open(e.path)
	if err != nil {
		c.dropLocked(key)
		return nil, 0, nil, false
	}
	c.touchLocked(key)
	e.refs++
	return f, e.size, c.releaser(f, e), true
}

// Make writes key's answer with write, keeps it if it is at most limit
// bytes (and the cache's MaxBytes), and opens it as Open does. An answer
// that is longer is ErrTooLarge; an error of write is returned as it is.
// Nothing is kept on an error.
func (c *Cache) Make(key string, limit int64, write func(io.Writer) error) (f *os.File, size int64, release func(), err error) {
	limit = min(limit, c.maxBytes)
	c.mu.Lock()
	c.seq++
	path := filepath.Join(c.dir, strconv.FormatUint(c.seq, 10))
	c.mu.Unlock()
	tmp, err := os.Create(path)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("filecache: %w", err)
	}
	lw := &limitedWriter{w: tmp, left: limit}
	werr := write(lw)
	cerr := tmp.Close()
	switch {
	case lw.over:
		werr = ErrTooLarge
	case werr == nil && cerr != nil:
		werr = fmt.Errorf("filecache: %w", cerr)
	}
	if werr != nil {
		os.Remove(path)
		return nil, 0, nil, werr
	}
	size = limit - lw.left
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.entries[key]; old != nil { // made twice at once: the newer wins
		c.dropLocked(key)
	}
	e := &entry{path: path, size: size}
	c.entries[key] = e
	c.lru = append(c.lru, key)
	c.total += size
	c.evictLocked(key)
	f, err = os.Open(path)
	if err != nil {
		c.dropLocked(key)
		return nil, 0, nil, fmt.Errorf("filecache: %w", err)
	}
	e.refs++
	return f, size, c.releaser(f, e), nil
}

// DropPrefix forgets every answer whose key starts with prefix (the
// answers about a dataset being deleted, say); their files go now, or when
// their last users are done.
func (c *Cache) DropPrefix(prefix string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for key := range c.entries {
		if strings.HasPrefix(key, prefix) {
			c.dropLocked(key)
		}
	}
}

// Len is the number of files kept and their bytes.
func (c *Cache) Len() (files int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.total
}

func (c *Cache) releaser(f *os.File, e *entry) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			f.Close()
			c.mu.Lock()
			defer c.mu.Unlock()
			e.refs--
			if e.refs == 0 && e.evicted {
				os.Remove(e.path)
			}
		})
	}
}

func (c *Cache) touchLocked(key string) {
	if i := slices.Index(c.lru, key); i >= 0 {
		c.lru = append(slices.Delete(c.lru, i, i+1), key)
	}
}

// evictLocked drops the least recently used files, but never keep, until
// the cache is within its bounds.
func (c *Cache) evictLocked(keep string) {
	for len(c.entries) > c.maxFiles || c.total > c.maxBytes {
		victim := ""
		for _, k := range c.lru {
			if k != keep {
				victim = k
				break
			}
		}
		if victim == "" {
			return
		}
		c.dropLocked(victim)
	}
}

// dropLocked forgets key; its file goes now, or when its last user is done.
func (c *Cache) dropLocked(key string) {
	e := c.entries[key]
	if e == nil {
		return
	}
	delete(c.entries, key)
	if i := slices.Index(c.lru, key); i >= 0 {
		c.lru = slices.Delete(c.lru, i, i+1)
	}
	c.total -= e.size
	e.evicted = true
	if e.refs == 0 {
		os.Remove(e.path)
	}
}

// limitedWriter writes at most left bytes, then fails.
type limitedWriter struct {
	w    io.Writer
	left int64
	over bool
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		l.over = true
		return 0, ErrTooLarge
	}
	n, err := l.w.Write(p)
	l.left -= int64(n)
	return n, err
}
