package enc

import (
	"io"
	"runtime"
	"sync"
)

// EncodeChunk is the number of records one goroutine encodes at a time: big
// enough that the hand-off costs nothing, small enough (about 1 MB of
// GeoJSON) to keep memory flat and all CPUs busy to the end.
const EncodeChunk = 4096

// chunkPool recycles chunk buffers across chunks and calls: they reach
// about a megabyte, and growing a fresh one per chunk would triple the
// allocation.
var chunkPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// EncodeOrdered encodes records [0, n) in chunks on up to GOMAXPROCS
// goroutines and writes the chunks to w in order, as if enc had been called
// on one goroutine. enc appends the encoding of records [lo, hi) to dst and
// must be safe for concurrent calls. At most a few chunks per CPU are held
// in memory. It returns the first write error (unwrapped) and waits for
// every goroutine before returning.
func EncodeOrdered(w io.Writer, n int, enc func(dst []byte, lo, hi int) []byte) error {
	workers := runtime.GOMAXPROCS(0)
	if n <= EncodeChunk || workers == 1 {
		bp := chunkPool.Get().(*[]byte)
		defer chunkPool.Put(bp)
		for lo := 0; lo < n; lo += EncodeChunk {
			*bp = enc((*bp)[:0], lo, min(lo+EncodeChunk, n))
			if _, err := w.Write(*bp); err != nil {
				return err
			}
		}
		return nil
	}
	type job struct {
		lo, hi int
		out    chan *[]byte
	}
	var (
		inFlight = 2 * workers
		order    = make(chan chan *[]byte, inFlight) // results, in record order
		jobs     = make(chan job)
		stop     = make(chan struct{})
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				bp := chunkPool.Get().(*[]byte)
				*bp = enc((*bp)[:0], j.lo, j.hi)
				j.out <- bp
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(jobs)
		for lo := 0; lo < n; lo += EncodeChunk {
			out := make(chan *[]byte, 1) // workers never block on a result
			select {
			case order <- out:
			case <-stop:
				return
			}
			select {
			case jobs <- job{lo, min(lo+EncodeChunk, n), out}:
			case <-stop:
				return
			}
		}
	}()
	var err error
	for out := range order {
		bp := <-out
		_, err = w.Write(*bp)
		chunkPool.Put(bp)
		if err != nil {
			break
		}
	}
	if err != nil {
		close(stop)
	}
	wg.Wait()
	return err
}
