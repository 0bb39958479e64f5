package roads

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelFor calls fn(worker, i) for i in [0, n) on up to GOMAXPROCS
// goroutines, handing out indices in chunks of chunk. It stops early and
// returns ctx.Err() when ctx is cancelled.
func parallelFor(ctx context.Context, n, chunk int, fn func(worker, i int)) error {
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if i%chunk == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			fn(0, i)
		}
		return ctx.Err()
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+chunk, n); i++ {
					fn(w, i)
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// workerCount is the number of workers parallelFor may use.
func workerCount() int { return runtime.GOMAXPROCS(0) }
