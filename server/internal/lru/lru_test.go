package lru

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// counter hands out release functions and counts how many ran.
type counter struct{ released atomic.Int64 }

func (c *counter) release() func() { return func() { c.released.Add(1) } }

func TestGetLoadsOnceConcurrently(t *testing.T) {
	c := New[int](2)
	var loads atomic.Int64
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			v, err := c.Get("a", func() (int, func(), error) { loads.Add(1); return 7, nil, nil })
			if err != nil || v != 7 {
				t.Errorf("Get = %d, %v; want 7, nil", v, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Fatalf("loaded %d times, want 1", n)
	}
}

func TestFailedLoadNotCached(t *testing.T) {
	c := New[int](2)
	boom := errors.New("boom")
	if _, err := c.Get("a", func() (int, func(), error) { return 0, nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if c.Len() != 0 {
		t.Fatalf("Len = %d after a failed load, want 0", c.Len())
	}
	if v, err := c.Get("a", func() (int, func(), error) { return 3, nil, nil }); err != nil || v != 3 {
		t.Fatalf("second Get = %d, %v; want 3, nil", v, err)
	}
}

func TestEvictsLeastRecentlyUsedAndReleases(t *testing.T) {
	var rc counter
	c := New[string](2)
	c.Pin("sample", "pinned")
	for _, id := range []string{"a", "b"} {
		c.Put(id, id, rc.release())
	}
	if _, err := c.Get("a", nil); err != nil { // a is now more recent than b
		t.Fatal(err)
	}
	c.Put("c", "c", rc.release()) // evicts b
	if got := rc.released.Load(); got != 1 {
		t.Fatalf("released %d, want 1 (b)", got)
	}
	loaded := false
	v, _ := c.Get("b", func() (string, func(), error) { loaded = true; return "b2", nil, nil })
	if !loaded || v != "b2" {
		t.Fatalf("b was not evicted: Get = %q (loaded %v)", v, loaded)
	}
	if v, _ := c.Get("sample", nil); v != "pinned" {
		t.Fatalf("pinned value = %q", v)
	}
	c.Drop("sample")
	if c.Len() != 3 { // sample, c, b (a evicted by b's load)
		t.Fatalf("Len = %d, want 3", c.Len())
	}
}

func TestDropWhileLoadingReleasesAtEnd(t *testing.T) {
	var rc counter
	c := New[int](4)
	inLoad, finish := make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		v, err := c.Get("a", func() (int, func(), error) { close(inLoad); <-finish; return 1, rc.release(), nil })
		if err != nil || v != 1 {
			t.Errorf("Get = %d, %v", v, err)
		}
	}()
	<-inLoad
	c.Drop("a")
	c.Put("a", 2, rc.release()) // a load is under way: this value is released at once
	if got := rc.released.Load(); got != 1 {
		t.Fatalf("released %d after Put during load, want 1", got)
	}
	close(finish)
	<-done
	if got := rc.released.Load(); got != 2 {
		t.Fatalf("released %d after the dropped load ended, want 2", got)
	}
	if c.Len() != 0 {
		t.Fatalf("Len = %d, want 0", c.Len())
	}
}

func TestPutReplacesAndReleasesOld(t *testing.T) {
	var rc counter
	c := New[int](1)
	c.Put("a", 1, rc.release())
	c.Put("a", 2, rc.release())
	if v, _ := c.Get("a", nil); v != 2 || rc.released.Load() != 1 {
		t.Fatalf("Get = %d, released %d; want 2, 1", v, rc.released.Load())
	}
	for i := 0; i < 5; i++ {
		c.Put(fmt.Sprint(i), i, rc.release())
	}
	if c.Len() != 1 || rc.released.Load() != 6 {
		t.Fatalf("Len %d released %d; want 1, 6", c.Len(), rc.released.Load())
	}
}
