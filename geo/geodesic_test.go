package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// aziErr is the absolute difference of two azimuths in degrees, modulo 360.
func aziErr(a, b float64) float64 {
	return math.Abs(math.Remainder(a-b, 360))
}

// groupMax tracks the worst error per test-vector group for the log.
type groupMax map[string]float64

func (g groupMax) add(group string, err float64) {
	if err > g[group] {
		g[group] = err
	}
}

func TestInverseVectors(t *testing.T) {
	rows := loadVectors(t, "inverse.csv", 7)
	if len(rows) < 2000 {
		t.Fatalf("only %d inverse vectors", len(rows))
	}
	distErr, aziErrs := groupMax{}, groupMax{}
	maxShort := 0.0 // worst |ds| for lines up to 2,000 km
	for i, r := range rows {
		lon1, lat1, lon2, lat2, s12, azi1, azi2 := r.v[0], r.v[1], r.v[2], r.v[3], r.v[4], r.v[5], r.v[6]
		d, a1, a2 := Inverse(orb.Point{lon1, lat1}, orb.Point{lon2, lat2})
		// DistanceM may finish short lines without the last Newton pass
		// (distanceShortcut); it must agree just as well.
		dm := DistanceM(orb.Point{lon1, lat1}, orb.Point{lon2, lat2})
		ds := math.Max(math.Abs(d-s12), math.Abs(dm-s12))
		distErr.add(r.group, ds)
		if s12 <= 2e6 && ds > maxShort {
			maxShort = ds
		}
		if !(ds <= 1e-3) {
			t.Errorf("row %d (%s) %v: s12 = %.9f, pyproj %.9f, |ds| = %g m", i, r.group, r.v[:4], d, s12, ds)
		}
		if s12 <= 2e6 && !(ds <= 1e-6) {
			t.Errorf("row %d (%s): |ds| = %g m > 1e-6 m for a line under 2,000 km", i, r.group, ds)
		}
		// Azimuths are undefined for coincident points. For short lines an
		// ulp of difference in the endpoints' trigonometry (Go's math vs
		// glibc) turns into an azimuth difference of about 1e-10 m / s12
		// radians, so the tolerance is a lateral offset at the far end, not
		// an angle. Near the antipode the azimuth is ill-conditioned.
		if s12 == 0 {
			continue
		}
		tol := math.Max(1e-9, 1e-8/s12/degree)
		if r.group == "antipodal" {
			tol = 1e-6
		}
		e := math.Max(aziErr(a1, azi1), aziErr(a2, azi2))
		aziErrs.add(r.group, e)
		if !(e <= tol) {
			t.Errorf("row %d (%s) %v: azimuths (%.12f, %.12f), pyproj (%.12f, %.12f)", i, r.group, r.v[:4], a1, a2, azi1, azi2)
		}
	}
	t.Logf("%d vectors; max |ds| for s12 <= 2,000 km: %.3g m", len(rows), maxShort)
	for g, e := range distErr {
		t.Logf("group %-13s max |ds| %.3g m, max |dazi| %.3g deg", g, e, aziErrs[g])
	}
}

func TestDirectVectors(t *testing.T) {
	rows := loadVectors(t, "direct.csv", 7)
	worst := 0.0
	for i, r := range rows {
		lon1, lat1, azi1, s12, lon2, lat2, azi2 := r.v[0], r.v[1], r.v[2], r.v[3], r.v[4], r.v[5], r.v[6]
		q, a2 := DirectAzimuth(orb.Point{lon1, lat1}, azi1, s12)
		if q[0] < -180 || q[0] > 180 {
			t.Errorf("row %d: longitude %v not reduced", i, q[0])
		}
		// Compare positions as a ground distance, so poles and the
		// antimeridian need no special handling.
		ds := DistanceM(q, orb.Point{lon2, lat2})
		if ds > worst {
			worst = ds
		}
		if !(ds <= 1e-6) {
			t.Errorf("row %d (%s): Direct = %v, pyproj (%v, %v): %g m apart", i, r.group, q, lon2, lat2, ds)
		}
		if math.Abs(lat2) < 89.999 && !(aziErr(a2, azi2) <= 1e-9) {
			t.Errorf("row %d (%s): azi2 = %.12f, pyproj %.12f", i, r.group, a2, azi2)
		}
	}
	t.Logf("%d direct vectors; max position error %.3g m", len(rows), worst)
}

func TestDirectInverseRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name  string
		maxM  float64
		count int
	}{
		{"short", 5e4, 2000},
		{"medium", 2e6, 2000},
		{"long", 1.5e7, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			worstS, worstA := 0.0, 0.0
			for range tc.count {
				p := orb.Point{rng.Float64()*360 - 180, math.Asin(2*rng.Float64()-1) / degree}
				azi := rng.Float64()*360 - 180
				s := rng.Float64() * tc.maxM
				q := Direct(p, azi, s)
				d, a1, _ := Inverse(p, q)
				worstS = math.Max(worstS, math.Abs(d-s))
				if !(math.Abs(d-s) <= 1e-6) {
					t.Fatalf("Direct(%v, %v, %v) = %v; Inverse gives %v", p, azi, s, q, d)
				}
				// Azimuth is ill-defined at the poles and for tiny lines.
				if math.Abs(p[1]) < 89.9 && s > 1 {
					worstA = math.Max(worstA, aziErr(a1, azi))
					if !(aziErr(a1, azi) <= 1e-8) {
						t.Fatalf("Direct(%v, %v, %v): Inverse azimuth %v", p, azi, s, a1)
					}
				}
			}
			t.Logf("max |ds| %.3g m, max |dazi| %.3g deg", worstS, worstA)
		})
	}
	// Inverse then Direct lands on the target for any pair, including nearly
	// antipodal ones where the geodesic is long.
	t.Run("inverse-then-direct", func(t *testing.T) {
		worst := 0.0
		for range 2000 {
			p := orb.Point{rng.Float64()*360 - 180, math.Asin(2*rng.Float64()-1) / degree}
			q := orb.Point{rng.Float64()*360 - 180, math.Asin(2*rng.Float64()-1) / degree}
			d, a1, _ := Inverse(p, q)
			r := Direct(p, a1, d)
			e := DistanceM(r, q)
			worst = math.Max(worst, e)
			if !(e <= 1e-6) {
				t.Fatalf("Inverse(%v, %v) = %v, %v; Direct lands %g m away", p, q, d, a1, e)
			}
		}
		t.Logf("max miss %.3g m", worst)
	})
}

// TestDistanceShortcut checks that DistanceM, which may skip the final Newton
// pass, matches the fully iterated Inverse on lines of every length,
// including near the poles where the parallel is most curved.
func TestDistanceShortcut(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 4))
	for _, maxM := range []float64{1, 100, 5e3, 2e4, 5e4, 2e5, 1e6, 2e6} {
		worst := 0.0
		for i := range 4000 {
			p := orb.Point{rng.Float64()*360 - 180, math.Asin(2*rng.Float64()-1) / degree}
			if i%4 == 0 {
				p[1] = math.Copysign(89.9+rng.Float64()*0.1, p[1])
			}
			q := Direct(p, rng.Float64()*360, maxM*rng.Float64())
			d, _, _ := Inverse(p, q)
			worst = math.Max(worst, math.Abs(DistanceM(p, q)-d))
		}
		if worst > 1e-8 {
			t.Errorf("lines up to %g m: DistanceM differs from Inverse by up to %g m", maxM, worst)
		}
	}
}

func TestInverseSpecialCases(t *testing.T) {
	const (
		quarterMeridian = 10001965.7293127228 // pole to equator, metres (GeographicLib)
		quarterEq       = math.Pi / 2 * SemiMajorAxisM
	)
	tests := []struct {
		name       string
		a, b       orb.Point
		wantM, tol float64
	}{
		{"coincident", orb.Point{116.4, 39.9}, orb.Point{116.4, 39.9}, 0, 0},
		{"coincident across antimeridian", orb.Point{180, 10}, orb.Point{-180, 10}, 0, 0},
		{"coincident at pole, different longitudes", orb.Point{33, 90}, orb.Point{-120, 90}, 0, 0},
		{"longitude wraps", orb.Point{190, 0}, orb.Point{-170, 0}, 0, 0},
		{"quarter equator", orb.Point{0, 0}, orb.Point{90, 0}, quarterEq, 1e-6},
		{"equator east wrap", orb.Point{135, 0}, orb.Point{-135, 0}, quarterEq, 1e-6},
		{"pole to equator", orb.Point{17, 90}, orb.Point{-44, 0}, quarterMeridian, 1e-6},
		{"south pole to equator", orb.Point{0, -90}, orb.Point{0, 0}, quarterMeridian, 1e-6},
		{"pole to pole", orb.Point{0, 90}, orb.Point{123, -90}, 2 * quarterMeridian, 1e-6},
		{"equatorial antipodes", orb.Point{0, 0}, orb.Point{180, 0}, 2 * quarterMeridian, 1e-6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, a1, a2 := Inverse(tc.a, tc.b)
			if math.IsNaN(d) || math.IsNaN(a1) || math.IsNaN(a2) {
				t.Fatalf("NaN: %v %v %v", d, a1, a2)
			}
			if math.Abs(d-tc.wantM) > tc.tol {
				t.Errorf("distance %.9f, want %.9f", d, tc.wantM)
			}
			if r := DistanceM(tc.b, tc.a); math.Abs(r-d) > 1e-9 {
				t.Errorf("not symmetric: %.12f vs %.12f", d, r)
			}
		})
	}
	t.Run("invalid latitude gives NaN", func(t *testing.T) {
		for _, p := range []orb.Point{{0, 90.0001}, {0, -91}, {0, math.NaN()}, {math.NaN(), 0}, {math.Inf(1), 0}} {
			if d := DistanceM(p, orb.Point{1, 1}); !math.IsNaN(d) {
				t.Errorf("DistanceM(%v) = %v, want NaN", p, d)
			}
		}
	})
}

// TestInverseRandomExtremes hammers the solver with seeded random inputs that
// stress the special cases: exact poles, the equator, tiny offsets, huge
// longitudes, nearly antipodal points.
func TestInverseRandomExtremes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func() float64 {
		switch rng.IntN(8) {
		case 0:
			return 90
		case 1:
			return -90
		case 2:
			return 0
		case 3:
			return (rng.Float64()*2 - 1) * 1e-12
		case 4:
			return 90 - rng.Float64()*1e-9
		default:
			return rng.Float64()*180 - 90
		}
	}
	for range 20000 {
		lat1, lat2 := pick(), pick()
		lon1 := rng.Float64()*360 - 180
		var lon2 float64
		switch rng.IntN(4) {
		case 0:
			lon2 = lon1 + 180 + (rng.Float64()*2-1)*1e-6
		case 1:
			lon2 = lon1 + (rng.Float64()*2-1)*1e-9
		case 2:
			lon2 = lon1 + (rng.Float64()*2-1)*1e6
		default:
			lon2 = rng.Float64()*360 - 180
		}
		checkInverse(t, lon1, lat1, lon2, lat2)
	}
}

// checkInverse asserts the invariants of a valid inverse solution.
func checkInverse(t *testing.T, lon1, lat1, lon2, lat2 float64) {
	t.Helper()
	a, b := orb.Point{lon1, lat1}, orb.Point{lon2, lat2}
	d, a1, a2 := Inverse(a, b)
	if math.IsNaN(d) || math.IsInf(d, 0) || d < 0 || d > 20004000 ||
		math.IsNaN(a1) || math.IsNaN(a2) || math.Abs(a1) > 180 || math.Abs(a2) > 180 {
		t.Fatalf("Inverse(%v, %v) = %v, %v, %v", a, b, d, a1, a2)
	}
	r := DistanceM(b, a)
	if math.Abs(r-d) > 1e-9*math.Max(1, d) {
		t.Fatalf("asymmetric: d(%v, %v) = %.12f, reverse %.12f", a, b, d, r)
	}
}

func FuzzInverse(f *testing.F) {
	seeds := [][4]float64{
		{0, 0, 0, 0}, {0, 0, 180, 0}, {0, 90, 0, -90}, {179.9, 10, -179.9, 10},
		{0, 0, 179.5, 0.5}, {10, 89.9999999, 190, 89.9999999}, {-180, -90, 180, 90},
		{116.4, 39.9, 121.47, 31.23}, {0, 1e-300, 180, -1e-300}, {1e15, 45, -1e15, -45},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, lon1, lat1, lon2, lat2 float64) {
		for _, x := range []float64{lon1, lat1, lon2, lat2} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return
			}
		}
		if math.Abs(lat1) > 90 || math.Abs(lat2) > 90 {
			return
		}
		checkInverse(t, lon1, lat1, lon2, lat2)
	})
}

func BenchmarkInverse(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, bc := range []struct {
		name string
		maxM float64
	}{
		{"5km", 5e3},
		{"50km", 5e4},
		{"2000km", 2e6},
		{"any", 2e7},
	} {
		const n = 1024
		var pairs [n][2]orb.Point
		for i := range pairs {
			p := orb.Point{73 + rng.Float64()*62, 18 + rng.Float64()*35}
			if bc.maxM > 2e6 {
				p = orb.Point{rng.Float64()*360 - 180, rng.Float64()*180 - 90}
			}
			pairs[i] = [2]orb.Point{p, Direct(p, rng.Float64()*360, rng.Float64()*bc.maxM)}
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			sum := 0.0
			for i := 0; b.Loop(); i++ {
				pr := &pairs[i%n]
				sum += DistanceM(pr[0], pr[1])
			}
			if math.IsNaN(sum) {
				b.Fatal("NaN")
			}
		})
	}
}

func BenchmarkDirect(b *testing.B) {
	b.ReportAllocs()
	p := orb.Point{116.4, 39.9}
	for i := 0; b.Loop(); i++ {
		_ = Direct(p, float64(i%360), 15000)
	}
}
