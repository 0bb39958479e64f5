package geo
import ("testing";"runtime";"syscall";"time")
func threadCPU() time.Duration { var ru syscall.Rusage; syscall.Getrusage(1 /*RUSAGE_THREAD*/, &ru); return time.Duration(ru.Utime.Nano()+ru.Stime.Nano()) }
func TestCPUNearest(t *testing.T){
  runtime.LockOSThread(); defer runtime.UnlockOSThread()
  for _, n := range []int{1000, 100000, 600000} {
    pts, qs := ruralChina(n, 1<<16, 2)
    c0 := threadCPU(); w0 := time.Now()
    ix := NewIndex(pts)
    tb := threadCPU()-c0; wb := time.Since(w0)
    for rep := 0; rep < 2; rep++ {
    c0 = threadCPU(); s := 0.0
    N := 400000
    for i := 0; i < N; i++ { _, d, _ := ix.Nearest(qs[i&(1<<16-1)]); s += d }
    c := threadCPU()-c0
    t.Logf("n=%d build cpu %v wall %v; nearest cpu %.0f ns/op", n, tb, wb, float64(c.Nanoseconds())/float64(N))
    }
    c0 = threadCPU()
    for i := 0; i < 200000; i++ { DistanceM(qs[i&(1<<16-1)], pts[i%n]) }
    _ = c0
  }
  c0 := threadCPU()
  _, qs := ruralChina(1000, 1<<10, 2)
  for i := 0; i < 400000; i++ { DistanceM(qs[i&1023], qs[(i+1)&1023]) }
  t.Logf("inverse (random china pairs) cpu %.0f ns/op", float64((threadCPU()-c0).Nanoseconds())/400000)
}
