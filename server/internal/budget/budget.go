// Package budget is the server's memory budget: a limit on the estimated
// working memory (bytes) of the work it does at once, uploads, coverage
// requests, runs and built road networks. Work asks for its estimate
// before it starts and gives it back when done; work that would pass the
// limit waits for memory to be given back, or is refused, instead of
// growing the process until the system kills it. The estimates are the
// caller's (package server's, from measured bytes per item); nothing here
// measures memory.
//
// A Memory is safe for concurrent use. Errors: work larger than the whole
// budget is an *apierr.LimitError on the parameter "memory" (retrying
// cannot help); work that did not get its memory within its wait wraps
// apierr.ErrMemoryBudget (retry later).
package budget

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/catchment/catchment/server/internal/apierr"
)

// Memory keeps the estimated memory of uploads, coverage requests and
// runs under a limit by refusing (or making wait) work that would pass it.
// The zero value is not usable: use New.
type Memory struct {
	mu      sync.Mutex
	max     int64
	used    int64
	changed chan struct{} // closed and replaced whenever used falls
}

// New returns a budget of max bytes.
func New(max int64) *Memory {
	return &Memory{max: max, changed: make(chan struct{})}
}

// Acquire reserves n bytes for the work named by what (in messages, e.g.
// "this run"), waiting up to wait for other work to give memory back
// (wait < 0: until ctx is done). Work larger than the whole budget is
// refused at once. The returned function gives the bytes back; calling it
// again does nothing.
func (b *Memory) Acquire(ctx context.Context, n int64, wait time.Duration, what string) (func(), error) {
	if n > b.max {
		return nil, &apierr.LimitError{Param: "memory", Reason: fmt.Sprintf("%s needs about %d MB, more than this server's whole memory budget of %d MB (catchment serve --max-memory-mb)",
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
				apierr.ErrMemoryBudget, what, n>>20, used>>20, b.max>>20)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (b *Memory) release(n int64) {
	b.mu.Lock()
	b.used -= n
	close(b.changed)
	b.changed = make(chan struct{})
	b.mu.Unlock()
}

// InUse is the memory reserved now, in bytes.
func (b *Memory) InUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used
}

// Hold counts n bytes already in use (a built road network kept in a
// cache) without waiting or refusing: the memory is taken. Work asking
// for memory afterwards sees it. The returned function gives it back;
// calling it again does nothing.
func (b *Memory) Hold(n int64) func() {
	b.mu.Lock()
	b.used += n
	b.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { b.release(n) }) }
}
