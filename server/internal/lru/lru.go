// Package lru is the server's cache of loaded things (parsed datasets,
// built road networks): the most recently used values by id, each loaded
// once however many requests ask for it at the same time.
package lru

import "sync"

// Cache keeps at most max values besides the pinned ones, dropping the
// least recently used. A failed load is not cached. A value may come with
// a release function (the memory reservation it holds), called once when
// the cache drops it; a caller still using a dropped value keeps it alive
// (the reservation then undercounts it until the caller is done).
// The zero Cache is not usable; use New.
type Cache[V any] struct {
	mu      sync.Mutex
	max     int
	clock   int64
	entries map[string]*entry[V]
}

type entry[V any] struct {
	ready   chan struct{} // closed when v and err are set
	v       V
	err     error
	used    int64
	pinned  bool
	dropped bool // dropped while loading: release it when the load ends
	release func()
}

// New returns a cache of at most max unpinned values (max ≥ 0).
func New[V any](max int) *Cache[V] {
	return &Cache[V]{max: max, entries: map[string]*entry[V]{}}
}

// Pin stores v for good: it is never evicted or dropped.
func (c *Cache[V]) Pin(id string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[id] = c.loaded(v, nil, true)
}

// Put stores v, loaded elsewhere, with its release function (nil for
// none). A value already being loaded for id is kept and v released.
func (c *Cache[V]) Put(id string, v V, release func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[id]; ok {
		if !isReady(old) {
			if release != nil {
				release()
			}
			return
		}
		if old.pinned {
			return
		}
		old.free()
	}
	c.entries[id] = c.loaded(v, release, false)
	c.evict()
}

// Get returns the value of id, loading it with load on a miss; load
// returns the value and its release function (or nil).
func (c *Cache[V]) Get(id string, load func() (V, func(), error)) (V, error) {
	c.mu.Lock()
	e, ok := c.entries[id]
	if !ok {
		e = &entry[V]{ready: make(chan struct{})}
		c.entries[id] = e
	}
	c.clock++
	e.used = c.clock
	c.mu.Unlock()
	if !ok {
		v, release, err := load()
		c.mu.Lock()
		e.v, e.release, e.err = v, release, err
		close(e.ready)
		if err != nil || e.dropped {
			e.free()
			if c.entries[id] == e {
				delete(c.entries, id)
			}
		}
		c.evict()
		c.mu.Unlock()
	}
	<-e.ready
	return e.v, e.err
}

// Drop forgets id (its dataset was deleted); a pinned value stays. A value
// still loading is dropped when its load ends.
func (c *Cache[V]) Drop(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok || e.pinned {
		return
	}
	if !isReady(e) {
		e.dropped = true
		return
	}
	e.free()
	delete(c.entries, id)
}

// Len is the number of values cached or being loaded, pinned included.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// loaded is a ready entry used now; the caller holds c.mu.
func (c *Cache[V]) loaded(v V, release func(), pinned bool) *entry[V] {
	c.clock++
	e := &entry[V]{ready: make(chan struct{}), v: v, release: release, used: c.clock, pinned: pinned}
	close(e.ready)
	return e
}

// evict drops the least recently used loaded, unpinned values beyond max;
// the caller holds c.mu. Values still loading count but stay.
func (c *Cache[V]) evict() {
	for {
		n, oldest := 0, ""
		var oldestUsed int64
		for id, e := range c.entries {
			if e.pinned {
				continue
			}
			n++
			if isReady(e) && (oldest == "" || e.used < oldestUsed) {
				oldest, oldestUsed = id, e.used
			}
		}
		if n <= c.max || oldest == "" {
			return
		}
		c.entries[oldest].free()
		delete(c.entries, oldest)
	}
}

func isReady[V any](e *entry[V]) bool {
	select {
	case <-e.ready:
		return true
	default:
		return false
	}
}

// free calls the release function once.
func (e *entry[V]) free() {
	if e.release != nil {
		e.release()
		e.release = nil
	}
}
