package server

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/catchment/catchment/data"
)

// BenchmarkRoadNetworkMemory measures what building a dataset's road
// network costs per byte of road file, the figure behind
// roadsBytesPerByte: alloc-B/file-B is everything allocated while reading
// and building (an upper bound of the peak), retained-B/file-B the live
// heap the network keeps after a collection, stats-B/file-B what
// roads.Stats.Bytes estimates for it (the amount the cache holds in the
// memory budget), peak-B/file-B the largest live heap sampled every
// 2 ms during the build, above the heap before it.
func BenchmarkRoadNetworkMemory(b *testing.B) {
	fi, err := os.Stat(andorraPBF)
	if err != nil {
		b.Fatal(err)
	}
	size := float64(fi.Size())
	var before, after runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		stop, peak := samplePeakHeap()
		net, _, err := data.LoadRoads(context.Background(), andorraPBF, data.RoadOptions{})
		stop()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(int64(*peak)-int64(before.HeapAlloc))/size, "peak-B/file-B")
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/size, "alloc-B/file-B")
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/size, "retained-B/file-B")
		b.ReportMetric(float64(net.Stats().Bytes)/size, "stats-B/file-B")
		runtime.KeepAlive(net)
	}
}

// samplePeakHeap samples the heap in use every 2 ms until stop is called;
// *peak is the largest seen (read it after stop).
func samplePeakHeap() (stop func(), peak *uint64) {
	peak = new(uint64)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapAlloc)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }, peak
}
