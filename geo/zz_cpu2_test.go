package geo
import ("testing";"runtime";"slices";"github.com/paulmach/orb")
func TestCPUOrder(t *testing.T){
  runtime.LockOSThread(); defer runtime.UnlockOSThread()
  pts, qs := ruralChina(600000, 1<<18, 2)
  ix := NewIndex(pts)
  sorted := slices.Clone(qs)
  slices.SortFunc(sorted, func(a, b orb.Point) int { ka, kb := hilbertKey(a[0], a[1]), hilbertKey(b[0], b[1]); if ka < kb { return -1 }; if ka > kb { return 1 }; return 0 })
  for _, c := range []struct{n string; q []orb.Point}{{"random", qs}, {"hilbert", sorted}} {
    c0 := threadCPU()
    for i := 0; i < 1<<18; i++ { ix.Nearest(c.q[i]) }
    t.Logf("%s order: %.0f ns/op", c.n, float64((threadCPU()-c0).Nanoseconds())/(1<<18))
  }
}
