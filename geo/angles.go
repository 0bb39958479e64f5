package geo

import "math"

// Angle helpers used by the geodesic solver. They follow the conventions of
// Karney (2013) and GeographicLib: angles in degrees are reduced exactly
// before conversion to radians, so that e.g. sincosd(90) is exactly (1, 0)
// and the solver's symmetry reductions (swapping points, reflecting
// latitudes and longitudes) are exact.

const (
	degree = math.Pi / 180
	// tiny is sqrt of the smallest normal float64; it stands in for zero
	// where a strictly positive value breaks a degeneracy (e.g. cos(beta) at
	// a pole).
	tiny = 0x1p-511
	// epsilon is the float64 machine epsilon.
	epsilon = 0x1p-52
)

// sumx is the error-free sum of u and v: u + v = s + t exactly, with
// s = round(u + v). Go never reassociates or fuses floating-point additions,
// so the classic TwoSum sequence is safe here.
func sumx(u, v float64) (s, t float64) {
	s = u + v
	up := s - v
	vpp := s - up
	up -= u
	vpp -= v
	if s != 0 {
		t = 0 - (up + vpp)
	} else {
		t = s
	}
	return s, t
}

// rem360 returns x reduced to [-180, 180] exactly (IEEE remainder). The fast
// path avoids math.Remainder for the common case of already-reduced input.
func rem360(x float64) float64 {
	if math.Abs(x) <= 180 {
		return x
	}
	return math.Remainder(x, 360)
}

// angNormalize reduces x to (-180, 180], mapping -180 to 180 unless x was
// negative (so the sign of a half turn is kept, as GeographicLib does).
func angNormalize(x float64) float64 {
	y := rem360(x)
	if math.Abs(y) == 180 {
		return math.Copysign(180, x)
	}
	return y
}

// latFix returns NaN for latitudes outside [-90, 90] so that invalid input
// propagates as NaN instead of producing a plausible wrong answer.
func latFix(x float64) float64 {
	if math.Abs(x) > 90 {
		return math.NaN()
	}
	return x
}

// angDiff returns y - x reduced to [-180, 180] as an exact sum d + e, where
// d is the rounded difference and e the rounding error. -180 is returned
// only for west-going differences (sign taken from y - x or from e).
func angDiff(x, y float64) (d, e float64) {
	d, t := sumx(rem360(-x), rem360(y))
	d, t = sumx(rem360(d), t)
	if d == 0 || math.Abs(d) == 180 {
		s := y - x
		if t != 0 {
			s = -t
		}
		d = math.Copysign(d, s)
	}
	return d, t
}

// angRound rounds tiny angles so that values within ~1/16 * 2^-52 degrees
// of zero snap to a coarse grid; this makes nearly-equatorial points
// behave as exactly equatorial and avoids underflow in later products.
func angRound(x float64) float64 {
	const z = 1.0 / 16
	y := math.Abs(x)
	w := z - y
	if w > 0 {
		y = z - w
	}
	return math.Copysign(y, x)
}

// quarterTurns reduces x by an exact multiple q of 90 degrees to r in about
// [-45, 45]. For |x| < 2^52 the subtraction is exact: 90q is an integer, x is
// a multiple of ulp(x) <= 1 and |r| < |x|. Larger inputs are first reduced
// exactly with math.Remainder.
func quarterTurns(x float64) (r float64, q int) {
	if !(math.Abs(x) < 0x1p52) {
		x = math.Remainder(x, 360)
	}
	qf := math.RoundToEven(x / 90)
	r = x - 90*qf
	return r, int(int64(qf) & 3)
}

// rotate maps sin/cos of the reduced angle back to quadrant q.
func rotate(s, c float64, q int) (sinx, cosx float64) {
	switch q {
	case 0:
		sinx, cosx = s, c
	case 1:
		sinx, cosx = c, -s
	case 2:
		sinx, cosx = -s, -c
	default:
		sinx, cosx = -c, s
	}
	return sinx, cosx
}

// sincosd returns sin and cos of x degrees with exact argument reduction, so
// multiples of 90 give exact 0 and ±1.
func sincosd(x float64) (sinx, cosx float64) {
	r, q := quarterTurns(x)
	s, c := math.Sincos(r * degree)
	sinx, cosx = rotate(s, c, q)
	cosx += 0 // -0 -> +0
	if sinx == 0 {
		sinx = math.Copysign(sinx, x)
	}
	return sinx, cosx
}

// sincosde is sincosd of x + t where t is a small correction (the rounding
// error of an angle difference), applied after exact reduction.
func sincosde(x, t float64) (sinx, cosx float64) {
	r, q := quarterTurns(x)
	r = angRound(r + t)
	s, c := math.Sincos(r * degree)
	sinx, cosx = rotate(s, c, q)
	cosx += 0
	if sinx == 0 {
		sinx = math.Copysign(sinx, x)
	}
	return sinx, cosx
}

// atan2d returns atan2(y, x) in degrees, computing the arctangent in
// [-45, 45] and adding exact quadrant offsets to keep round-off small.
func atan2d(y, x float64) float64 {
	q := 0
	if math.Abs(y) > math.Abs(x) {
		x, y = y, x
		q = 2
	}
	if math.Signbit(x) {
		x = -x
		q++
	}
	ang := math.Atan2(y, x) / degree
	switch q {
	case 1:
		ang = math.Copysign(180, y) - ang
	case 2:
		ang = 90 - ang
	case 3:
		ang = -90 + ang
	}
	return ang
}

// norm2 scales (s, c) to unit length.
func norm2(s, c float64) (float64, float64) {
	r := hypot(s, c)
	return s / r, c / r
}

// hypot is sqrt(x*x + y*y) without math.Hypot's scaling (which is slow on
// amd64) when the sum of squares is safely within the normal range; the
// operands here are sines and cosines, so the fallback is for tiny values.
func hypot(x, y float64) float64 {
	s := x*x + y*y
	if s > 0x1p-900 && s < 0x1p900 {
		return math.Sqrt(s)
	}
	return math.Hypot(x, y)
}
