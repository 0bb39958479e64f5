package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress prints stage progress on stderr, but only once a run has lasted
// more than a second, so quick runs stay quiet; at most about four lines a
// second.
type progress struct {
	w     io.Writer // nil when --quiet
	start time.Time

	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	if quiet {
		w = nil
	}
	return &progress{w: w, start: time.Now()}
}

// Stage announces the start of a stage.
func (p *progress) Stage(name string) { p.print(false, "%s…", name) }

// Count reports done of total items in a stage.
func (p *progress) Count(stage string, done, total int) {
	if total <= 0 {
		return
	}
	p.print(done == total, "%s %3.0f%% (%d/%d)", stage, 100*float64(done)/float64(total), done, total)
}

// Done prints the total time if any progress was shown.
func (p *progress) Done() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprintf(p.w, "done in %.1f s\n", time.Since(p.start).Seconds())
	}
}

func (p *progress) print(force bool, format string, a ...any) {
	if p.w == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < time.Second {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !force && now.Sub(p.last) < 250*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.w, "[%5.1fs] %s\n", now.Sub(p.start).Seconds(), fmt.Sprintf(format, a...))
}
