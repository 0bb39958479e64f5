package budget

import (
	"context"
	"errors"
	"testing"

	"github.com/catchment/catchment/server/internal/apierr"
)

// TestBudgetRelease: acquire and release under contention keep the count
// exact.
func TestBudgetRelease(t *testing.T) {
	b := New(100)
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 200 {
				rel, err := b.Acquire(context.Background(), 30, -1, "x")
				if err != nil {
					t.Error(err)
					return
				}
				if u := b.InUse(); u > 100 {
					t.Errorf("in use %d > 100", u)
				}
				rel()
				rel() // a second release is a no-op
			}
		}()
	}
	for range 8 {
		<-done
	}
	if b.InUse() != 0 {
		t.Errorf("in use %d after all released", b.InUse())
	}
	if _, err := b.Acquire(context.Background(), 101, 0, "x"); !errors.Is(err, apierr.ErrLimit) {
		t.Errorf("over the whole budget: %v", err)
	}
}

// TestBudgetFull: work that does not fit waits for memory given back, is
// refused with ErrMemoryBudget when its wait ends first, and gives up when
// its context is done; held memory counts like acquired memory.
func TestBudgetFull(t *testing.T) {
	b := New(100)
	release := b.Hold(80)
	if _, err := b.Acquire(context.Background(), 30, 0, "x"); !errors.Is(err, apierr.ErrMemoryBudget) {
		t.Errorf("over what is left, no wait: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.Acquire(ctx, 30, -1, "x"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while waiting: %v", err)
	}
	got := make(chan error)
	go func() {
		rel, err := b.Acquire(context.Background(), 30, -1, "x")
		if err == nil {
			rel()
		}
		got <- err
	}()
	release()
	if err := <-got; err != nil {
		t.Errorf("after the held memory was given back: %v", err)
	}
	release() // a second release is a no-op
	if u := b.InUse(); u != 0 {
		t.Errorf("in use %d after all released", u)
	}
}
