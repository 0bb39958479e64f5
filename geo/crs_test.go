package geo

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func TestParseCRS(t *testing.T) {
	tests := []struct {
		in   string
		want CRS
	}{
		{"wgs84", WGS84},
		{"WGS84", WGS84},
		{" WGS-84 ", WGS84},
		{"CGCS2000", WGS84},
		{"EPSG:4326", WGS84},
		{"epsg:4490", WGS84},
		{"gcj02", GCJ02},
		{"GCJ-02", GCJ02},
		{"bd09", BD09},
		{"BD-09", BD09},
		{"bd09ll", BD09},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseCRS(tt.in)
			if err != nil {
				t.Fatalf("ParseCRS(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseCRS(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !got.Valid() {
				t.Errorf("%q not Valid", got)
			}
		})
	}
	for _, bad := range []string{"", "utm", "epsg:3857", "gcj", "bd09mc"} {
		t.Run("bad/"+bad, func(t *testing.T) {
			c, err := ParseCRS(bad)
			if !errors.Is(err, ErrUnknownCRS) {
				t.Fatalf("ParseCRS(%q) error = %v, want ErrUnknownCRS", bad, err)
			}
			if c.Valid() {
				t.Errorf("ParseCRS(%q) returned valid %q with error", bad, c)
			}
		})
	}
}

// TestCRSReferencePoints checks the forward formulas against the values
// published with the widely used wandergis/coordtransform library for
// (116.404, 39.915) in Beijing. Its inverses are the one-step approximations,
// so for those only closeness (under half a metre) is checked, together with the
// property that ours round-trips exactly and theirs does not.
func TestCRSReferencePoints(t *testing.T) {
	p := orb.Point{116.404, 39.915}
	fwd := []struct {
		name string
		f    func(orb.Point) orb.Point
		want orb.Point
	}{
		{"WGS84ToGCJ02", WGS84ToGCJ02, orb.Point{116.41024449916938, 39.91640428150164}},
		{"GCJ02ToBD09", GCJ02ToBD09, orb.Point{116.41036949371029, 39.92133699351021}},
	}
	for _, tt := range fwd {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.f(p)
			if math.Abs(got[0]-tt.want[0]) > 1e-12 || math.Abs(got[1]-tt.want[1]) > 1e-12 {
				t.Errorf("%s(%v) = %.14f, want %.14f", tt.name, p, got, tt.want)
			}
		})
	}
	inv := []struct {
		name    string
		inv     func(orb.Point) orb.Point
		fwd     func(orb.Point) orb.Point
		approx  orb.Point // published one-step approximate inverse
		maxOffM float64   // how far ours may be from it
	}{
		{"GCJ02ToWGS84", GCJ02ToWGS84, WGS84ToGCJ02, orb.Point{116.39775550083061, 39.91359571849836}, 0.5},
		{"BD09ToGCJ02", BD09ToGCJ02, GCJ02ToBD09, orb.Point{116.39762729119315, 39.90865673957631}, 0.5},
	}
	for _, tt := range inv {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.inv(p)
			off := DistanceM(got, tt.approx)
			if off > tt.maxOffM {
				t.Errorf("%s(%v) = %.12f, %.3f m from the published approximation %.12f", tt.name, p, got, off, tt.approx)
			}
			ours := DistanceM(tt.fwd(got), p)
			theirs := DistanceM(tt.fwd(tt.approx), p)
			t.Logf("%s: %.4f m from published approximation; round-trip error ours %.2e m, approximation %.2e m", tt.name, off, ours, theirs)
			if ours > 1e-3 || ours > theirs {
				t.Errorf("round trip error %.3g m, published approximation %.3g m", ours, theirs)
			}
		})
	}
}

// chinaGrid returns n seeded random points inside China's extent (the
// planning area, not the GCJ rectangle), plus points on lon 105 and lat 35
// where the GCJ polynomials have their sqrt(|x|) kink and origin.
func chinaGrid(t testing.TB, n int, seed uint64) []orb.Point {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 0))
	pts := make([]orb.Point, 0, n+4)
	for range n {
		pts = append(pts, orb.Point{73 + 62*r.Float64(), 18 + 35*r.Float64()})
	}
	return append(pts,
		orb.Point{105, 35}, orb.Point{105, 20}, orb.Point{105 + 1e-13, 40}, orb.Point{105 - 1e-9, 30})
}

func TestCRSRoundTrip(t *testing.T) {
	pts := chinaGrid(t, 20000, 1)
	tests := []struct {
		name     string
		fwd, inv func(orb.Point) orb.Point
	}{
		{"GCJ02", WGS84ToGCJ02, GCJ02ToWGS84},
		{"BD09/GCJ02", GCJ02ToBD09, BD09ToGCJ02},
		{"BD09", WGS84ToBD09, BD09ToWGS84},
	}
	const maxM = 0.01
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var worstFI, worstIF float64 // forward(inverse(p)) and inverse(forward(q))
			for _, p := range pts {
				fi := tt.fwd(tt.inv(p))
				if math.IsNaN(fi[0]) || math.IsNaN(fi[1]) {
					t.Fatalf("NaN from %v", p)
				}
				worstFI = math.Max(worstFI, DistanceM(fi, p))
				worstIF = math.Max(worstIF, DistanceM(tt.inv(tt.fwd(p)), p))
			}
			t.Logf("%d points: max |f(inv(p))-p| = %.3g m, max |inv(f(q))-q| = %.3g m", len(pts), worstFI, worstIF)
			if worstFI >= maxM || worstIF >= maxM {
				t.Errorf("round trip error %.3g m / %.3g m, want < %g m", worstFI, worstIF, maxM)
			}
		})
	}
}

// TestGCJ02OffsetSize checks the defining property of GCJ-02 inside China:
// a non-zero offset from WGS84 of at most about 700 m (a dense 0.05° grid
// over lon 73–135, lat 18–53 peaks at 702.5 m, in the far north-east
// corner). The offset is usually 100–700 m, but the polynomials dip to a
// few tens of metres around lon 97, lat 38 (Qinghai/Gansu), so only the
// share under 100 m is bounded.
func TestGCJ02OffsetSize(t *testing.T) {
	pts := chinaGrid(t, 20000, 2)
	lo, hi, under100 := math.Inf(1), 0.0, 0
	for _, p := range pts {
		d := DistanceM(p, WGS84ToGCJ02(p))
		lo, hi = math.Min(lo, d), math.Max(hi, d)
		if d < 100 {
			under100++
		}
	}
	share := float64(under100) / float64(len(pts))
	t.Logf("GCJ-02 offset over China: %.1f–%.1f m, %.2f%% under 100 m", lo, hi, 100*share)
	if lo < 10 || hi > 750 {
		t.Errorf("GCJ-02 offset %.1f–%.1f m, want within 10–750 m", lo, hi)
	}
	if share > 0.02 {
		t.Errorf("%.2f%% of offsets under 100 m, want at most 2%%", 100*share)
	}
}

func TestCRSOutsideChina(t *testing.T) {
	pts := []orb.Point{
		{0, 0}, {-74.006, 40.7128}, {2.3522, 48.8566}, {139.6917, 35.6895},
		{151.2093, -33.8688}, {72.003, 39}, {137.8348, 45}, {110, 55.8272}, {110, 0.8292}, {-180, -90},
	}
	for _, p := range pts {
		for _, c := range []CRS{WGS84, GCJ02} {
			if got := FromWGS84(c, p); got != p {
				t.Errorf("FromWGS84(%s, %v) = %v, want unchanged", c, p, got)
			}
			if got := ToWGS84(c, p); got != p {
				t.Errorf("ToWGS84(%s, %v) = %v, want unchanged", c, p, got)
			}
		}
	}
}

func TestCRSNonFinite(t *testing.T) {
	for _, p := range []orb.Point{{math.NaN(), 30}, {110, math.NaN()}, {math.Inf(1), 30}, {110, math.Inf(-1)}} {
		for _, c := range []CRS{GCJ02, BD09} {
			// Garbage in, garbage out: no panic, no endless loop, and never
			// a finite point made up from a non-finite one.
			for name, got := range map[string]orb.Point{"ToWGS84": ToWGS84(c, p), "FromWGS84": FromWGS84(c, p)} {
				if finite(got[0]) && finite(got[1]) {
					t.Errorf("%s(%s, %v) = %v, a finite point", name, c, p, got)
				}
			}
		}
	}
}

func TestCRSDispatch(t *testing.T) {
	p := orb.Point{112.55, 37.87} // Taiyuan
	tests := []struct {
		c        CRS
		to, from func(orb.Point) orb.Point
	}{
		{GCJ02, GCJ02ToWGS84, WGS84ToGCJ02},
		{BD09, BD09ToWGS84, WGS84ToBD09},
	}
	for _, tt := range tests {
		t.Run(string(tt.c), func(t *testing.T) {
			if got, want := ToWGS84(tt.c, p), tt.to(p); got != want {
				t.Errorf("ToWGS84 = %v, want %v", got, want)
			}
			if got, want := FromWGS84(tt.c, p), tt.from(p); got != want {
				t.Errorf("FromWGS84 = %v, want %v", got, want)
			}
			if got := FromWGS84(tt.c, p); got == p {
				t.Errorf("FromWGS84(%s) left a point in China unchanged", tt.c)
			}
		})
	}
	if ToWGS84(WGS84, p) != p || FromWGS84(WGS84, p) != p {
		t.Error("WGS84 conversion is not the identity")
	}
	for _, f := range []func(CRS, orb.Point) orb.Point{ToWGS84, FromWGS84} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("invalid CRS did not panic")
				}
			}()
			f("", p)
		}()
	}
}

func BenchmarkGCJ02ToWGS84(b *testing.B) {
	pts := chinaGrid(b, 1024, 3)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		GCJ02ToWGS84(pts[i%len(pts)])
	}
}

func BenchmarkBD09ToWGS84(b *testing.B) {
	pts := chinaGrid(b, 1024, 3)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		BD09ToWGS84(pts[i%len(pts)])
	}
}

func ExampleToWGS84() {
	// A point copied from AMap (高德), which shows GCJ-02 coordinates.
	c, err := ParseCRS("GCJ-02")
	if err != nil {
		panic(err)
	}
	amap := orb.Point{116.41024449916938, 39.91640428150164}
	w := ToWGS84(c, amap)
	fmt.Printf("%s -> wgs84: %.6f, %.6f\n", c, w[0], w[1])
	// Output: gcj02 -> wgs84: 116.404000, 39.915000
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
