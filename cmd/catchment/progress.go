package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress reports stage progress on stderr for runs longer than a second:
// quick runs stay quiet, and a long stage (reading a big file) is shown
// while it runs, not only when it ends. At most about two lines a second.
type progress struct {
	w     io.Writer // nil when --quiet
	start time.Time
	stop  chan struct{}
	once  sync.Once

	mu      sync.Mutex
	stage   string // the current stage, with its count if any
	printed string // the last line printed
	last    time.Time
	shown   bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{start: time.Now(), stop: make(chan struct{})}
	if quiet || w == nil {
		return p
	}
	p.w = w
	go p.tick()
	return p
}

// tick prints the current stage every half second once the run has lasted
// a second, so that a stage which reports no counts still shows.
func (p *progress) tick() {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.printLocked(false)
			p.mu.Unlock()
		}
	}
}

// Stage announces the start of a stage.
func (p *progress) Stage(name string) { p.set(name+"…", false) }

// Count reports done of total items in a stage.
func (p *progress) Count(stage string, done, total int) {
	if total <= 0 {
		return
	}
	p.set(fmt.Sprintf("%s %3.0f%% (%d/%d)", stage, 100*float64(done)/float64(total), done, total), done == total)
}

func (p *progress) set(line string, force bool) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stage = line
	p.printLocked(force)
}

func (p *progress) printLocked(force bool) {
	now := time.Now()
	if p.stage == "" || p.stage == p.printed || now.Sub(p.start) < time.Second {
		return
	}
	if !force && now.Sub(p.last) < 500*time.Millisecond {
		return
	}
	p.last, p.shown, p.printed = now, true, p.stage
	fmt.Fprintf(p.w, "[%5.1fs] %s\n", now.Sub(p.start).Seconds(), p.stage)
}

// Done stops the reporter; after a successful run that showed progress it
// prints the total time.
func (p *progress) Done(err error) {
	p.once.Do(func() { close(p.stop) })
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown && err == nil {
		fmt.Fprintf(p.w, "done in %.1f s\n", time.Since(p.start).Seconds())
	}
}

// syncWriter serialises writes to w: the progress ticker and the command
// both write to stderr (rejected rows, warnings) while a run goes on.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}
