package server

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// DefaultMaxMemoryBytes is the default memory budget (Config.MaxMemoryBytes):
// 2.5 GiB of estimated working memory, sized for a 4 GB host, which leaves
// room for the Go runtime, the parsed datasets kept in the cache and the
// operating system.
const DefaultMaxMemoryBytes = 2560 << 20

// Memory estimates. BenchmarkUploadCoverage1M measured (README,
// Performance) a 120 MB upload of 1,606,182 villages and facilities
// raising resident memory by 1,074 MB (9.4 bytes per uploaded byte, the
// benchmark's own copy of the body included), and coverage with three
// radii on it, loaded from its files and streamed as 322 MB of GeoJSON,
// by 423 MB (276 bytes per village or facility). The estimates round
// those up. Plans were not measured: planBytesPerItem is a conservative
// guess (a plan holds the coverage result and the clinic plan).
const (
	uploadBytesPerByte   = 10
	coverageBytesPerItem = 400
	planBytesPerItem     = 1200
)

// memBudget keeps the estimated memory of uploads, coverage requests and
// runs under a limit by refusing (or making wait) work that would pass it.
type memBudget struct {
	mu      sync.Mutex
	max     int64
	used    int64
	changed chan struct{} // closed and replaced whenever used falls
}

func newMemBudget(max int64) *memBudget {
	return &memBudget{max: max, changed: make(chan struct{})}
}

// acquire reserves n bytes, waiting up to wait for other work to give
// memory back (wait < 0: until ctx is done). Work larger than the whole
// budget is refused at once (a LimitError: retrying cannot help). The returned function gives the bytes back.
func (b *memBudget) acquire(ctx context.Context, n int64, wait time.Duration, what string) (func(), error) {
	if n > b.max {
		return nil, &LimitError{Param: "memory", Reason: fmt.Sprintf("%s needs about %d MB, more than this server's whole memory budget of %d MB (catchment serve --max-memory-mb)",
			what, n>>20, b.max>>20)}
	}
	var timeout <-chan time.Time
	if wait >= 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	for {
		b.mu.Lock()
		if b.used+n <= b.max {
			b.used += n
			b.mu.Unlock()
			var once sync.Once
			return func() { once.Do(func() { b.release(n) }) }, nil
		}
		changed, used := b.changed, b.used
		b.mu.Unlock()
		select {
		case <-changed:
		case <-timeout:
			return nil, fmt.Errorf("%w: %s needs about %d MB and %d of the %d MB budget are in use; retry later",
				ErrMemoryBudget, what, n>>20, used>>20, b.max>>20)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (b *memBudget) release(n int64) {
	b.mu.Lock()
	b.used -= n
	close(b.changed)
	b.changed = make(chan struct{})
	b.mu.Unlock()
}

// inUse is the memory reserved now.
func (b *memBudget) inUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used
}

// datasetMemory estimates the working memory of computing on a dataset of
// this size: per village and facility, perItem bytes.
func datasetMemory(rec *datasetRecord, perItem int64) int64 {
	return int64(rec.Villages+rec.Facilities)*perItem + 1<<20
}

// hold counts n bytes already in use (a built road network kept in the
// cache) without waiting or refusing: the memory is taken. Work asking
// for memory afterwards sees it. The returned function gives it back.
func (b *memBudget) hold(n int64) func() {
	b.mu.Lock()
	b.used += n
	b.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { b.release(n) }) }
}
