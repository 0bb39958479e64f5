package server

import (
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/catchment/catchment/roads"
)

// UnprocessableError names the request part or parameter whose content
// cannot be used (a road file that gives no network, distance=road on a
// dataset without one): 422.
type UnprocessableError struct {
	Param, Reason string
}

func (e *UnprocessableError) Error() string {
	return fmt.Sprintf("server: %s: %s", e.Param, e.Reason)
}

// Unwrap returns ErrUnprocessable.
func (e *UnprocessableError) Unwrap() error { return ErrUnprocessable }

// networkCache keeps the most recently used road networks built, at most
// max of them. A network is built once however many requests ask for it
// at the same time; a failed build is not cached. Each entry holds its
// memory in the budget (release) until it is dropped; a request still
// using a dropped network keeps it alive (the budget then undercounts it
// until the request ends).
type networkCache struct {
	mu      sync.Mutex
	max     int
	clock   int64
	entries map[string]*netEntry
}

type netEntry struct {
	ready   chan struct{}
	net     *roads.Network
	err     error
	used    int64
	release func()
}

func newNetworkCache(max int) *networkCache {
	return &networkCache{max: max, entries: map[string]*netEntry{}}
}

// put stores a network built elsewhere (by an upload).
func (c *networkCache) put(id string, net *roads.Network, release func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[id]; ok {
		select {
		case <-old.ready:
			old.free()
		default:
			release() // a build is under way; keep it
			return
		}
	}
	e := &netEntry{ready: make(chan struct{}), net: net, release: release}
	close(e.ready)
	c.clock++
	e.used = c.clock
	c.entries[id] = e
	c.evict()
}

// get returns the network of id, building it with build on a miss; build
// returns the network and the function that frees its memory reservation.
func (c *networkCache) get(id string, build func() (*roads.Network, func(), error)) (*roads.Network, error) {
	c.mu.Lock()
	e, ok := c.entries[id]
	if !ok {
		e = &netEntry{ready: make(chan struct{})}
		c.entries[id] = e
	}
	c.clock++
	e.used = c.clock
	c.mu.Unlock()
	if !ok {
		e.net, e.release, e.err = build()
		close(e.ready)
		c.mu.Lock()
		if e.err != nil && c.entries[id] == e {
			delete(c.entries, id)
		}
		c.evict()
		c.mu.Unlock()
	}
	<-e.ready
	return e.net, e.err
}

// drop forgets the network of id (its dataset was deleted).
func (c *networkCache) drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[id]; ok {
		select {
		case <-e.ready:
			e.free()
			delete(c.entries, id)
		default: // being built: evict drops it later
		}
	}
}

// len is the number of networks cached or being built.
func (c *networkCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (e *netEntry) free() {
	if e.release != nil {
		e.release()
		e.release = nil
	}
}

// evict drops the least recently used built networks beyond max; the
// caller holds c.mu.
func (c *networkCache) evict() {
	for len(c.entries) > c.max {
		oldest := ""
		var oldestUsed int64
		for id, e := range c.entries {
			select {
			case <-e.ready:
			default:
				continue
			}
			if oldest == "" || e.used < oldestUsed {
				oldest, oldestUsed = id, e.used
			}
		}
		if oldest == "" {
			return
		}
		c.entries[oldest].free()
		delete(c.entries, oldest)
	}
}

// cappedReader reads at most left bytes of a road file part, then fails
// with a 413 naming the part and the limit.
type cappedReader struct {
	r    io.Reader
	left int64
	max  int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.max == 0 {
		c.max = c.left
	}
	if c.left <= 0 {
		var probe [1]byte
		if n, err := c.r.Read(probe[:]); n == 0 {
			return 0, err // the file ends at the limit (or fails)
		}
		return 0, &roadsTooLargeError{c.max}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// roadsTooLargeError refuses a road file over Config.MaxRoadsBytes: 413
// (it unwraps to an *http.MaxBytesError) with its own message.
type roadsTooLargeError struct{ limit int64 }

func (e *roadsTooLargeError) Error() string {
	return fmt.Sprintf("server: roads: the road file is larger than this server's limit of %d MB (catchment serve --max-roads-mb)", e.limit>>20)
}

func (e *roadsTooLargeError) Unwrap() error { return &http.MaxBytesError{Limit: e.limit} }
