package geo

import "math"

// WGS84 ellipsoid parameters and the series coefficients of Karney (2013),
// "Algorithms for geodesics", J. Geod. 87:43–55, expanded to sixth order in
// the third flattening n and in eps (the GeographicLib default order), which
// gives round-off-limited accuracy (~15 nm) for the WGS84 flattening.
//
// The coefficients that depend only on n (A3, C3) are evaluated once at
// package initialisation; those depending on eps are cheap polynomials
// written out in Horner form.

// WGS84 defining constants.
const (
	// SemiMajorAxisM is the WGS84 equatorial radius a in metres.
	SemiMajorAxisM = 6378137.0
	// InverseFlattening is the WGS84 1/f.
	InverseFlattening = 298.257223563
)

// Derived ellipsoid constants. They are package variables, not constants, so
// that they are computed in float64 arithmetic exactly as PROJ/GeographicLib
// compute them from (a, 1/f).
var (
	wgsA    = SemiMajorAxisM
	wgsF    = 1 / float64(InverseFlattening)
	wgsF1   = 1 - wgsF
	wgsE2   = wgsF * (2 - wgsF)
	wgsEP2  = wgsE2 / (wgsF1 * wgsF1)
	wgsN    = wgsF / (2 - wgsF)
	wgsB    = wgsA * wgsF1
	wgsEtol = 0.1 * math.Sqrt(epsilon) /
		math.Sqrt(math.Max(0.001, math.Abs(wgsF))*math.Min(1, 1-wgsF/2)/2)

	a3x = a3Coeffs(wgsN)
	c3x = c3Coeffs(wgsN)
)

// a3Coeffs returns the coefficients of A3 as a polynomial in eps, highest
// power first (eps^5 ... eps^0), each a polynomial in n.
func a3Coeffs(n float64) [6]float64 {
	return [6]float64{
		-3.0 / 128,
		(-2*n - 3) / 64,
		((-n-3)*n - 1) / 16,
		((3*n-1)*n - 2) / 8,
		(n - 1) / 2,
		1,
	}
}

// c3Coeffs returns the coefficients of C3[l], l = 1..5, as polynomials in
// eps: for each l the coefficients of eps^5 down to eps^l, each a polynomial
// in n.
func c3Coeffs(n float64) [15]float64 {
	return [15]float64{
		// C3[1]: eps^5 .. eps^1
		3.0 / 128,
		(2*n + 5) / 128,
		((-n+3)*n + 3) / 64,
		((-n+0)*n + 1) / 8,
		(-n + 1) / 4,
		// C3[2]: eps^5 .. eps^2
		5.0 / 256,
		(n + 3) / 128,
		((-3*n-2)*n + 3) / 64,
		((n-3)*n + 2) / 32,
		// C3[3]: eps^5 .. eps^3
		7.0 / 512,
		(-10*n + 9) / 384,
		((5*n-9)*n + 5) / 192,
		// C3[4]: eps^5 .. eps^4
		7.0 / 512,
		(-14*n + 7) / 512,
		// C3[5]: eps^5
		21.0 / 2560,
	}
}

// a3f evaluates A3(eps), the mean rate of the longitude correction.
func a3f(eps float64) float64 {
	c := &a3x
	return ((((c[0]*eps+c[1])*eps+c[2])*eps+c[3])*eps+c[4])*eps + c[5]
}

// c3f fills c[1..5] with the Fourier coefficients C3[l](eps).
func c3f(eps float64, c *[7]float64) {
	x := &c3x
	e := eps
	c[1] = e * ((((x[0]*eps+x[1])*eps+x[2])*eps+x[3])*eps + x[4])
	e *= eps
	c[2] = e * (((x[5]*eps+x[6])*eps+x[7])*eps + x[8])
	e *= eps
	c[3] = e * ((x[9]*eps+x[10])*eps + x[11])
	e *= eps
	c[4] = e * (x[12]*eps + x[13])
	e *= eps
	c[5] = e * x[14]
}

// a1m1f returns A1 - 1, the mean of dI1/dsigma minus one.
func a1m1f(eps float64) float64 {
	eps2 := eps * eps
	t := eps2 * (eps2*(eps2+4) + 64) / 256
	return (t + eps) / (1 - eps)
}

// c1f fills c[1..6] with the Fourier coefficients C1[l](eps) of the distance
// integral I1.
func c1f(eps float64, c *[7]float64) {
	eps2 := eps * eps
	d := eps
	c[1] = d * ((-eps2+6)*eps2 - 16) / 32
	d *= eps
	c[2] = d * ((-9*eps2+64)*eps2 - 128) / 2048
	d *= eps
	c[3] = d * (9*eps2 - 16) / 768
	d *= eps
	c[4] = d * (3*eps2 - 5) / 512
	d *= eps
	c[5] = d * -7 / 1280
	d *= eps
	c[6] = d * -7 / 2048
}

// c1pf fills c[1..6] with the coefficients C1'[l](eps) of the reverted
// series giving sigma from tau (used by Direct).
func c1pf(eps float64, c *[7]float64) {
	eps2 := eps * eps
	d := eps
	c[1] = d * ((205*eps2-432)*eps2 + 768) / 1536
	d *= eps
	c[2] = d * ((4005*eps2-4736)*eps2 + 3840) / 12288
	d *= eps
	c[3] = d * (-225*eps2 + 116) / 384
	d *= eps
	c[4] = d * (-7173*eps2 + 2695) / 7680
	d *= eps
	c[5] = d * 3467 / 7680
	d *= eps
	c[6] = d * 38081 / 61440
}

// a2m1f returns A2 - 1, the mean of dI2/dsigma minus one.
func a2m1f(eps float64) float64 {
	eps2 := eps * eps
	t := eps2 * (eps2*(-11*eps2-28) - 192) / 256
	return (t - eps) / (1 + eps)
}

// c2f fills c[1..6] with the Fourier coefficients C2[l](eps) of I2 (reduced
// length, needed for the Newton derivative).
func c2f(eps float64, c *[7]float64) {
	eps2 := eps * eps
	d := eps
	c[1] = d * ((eps2+2)*eps2 + 16) / 32
	d *= eps
	c[2] = d * ((35*eps2+64)*eps2 + 384) / 2048
	d *= eps
	c[3] = d * (15*eps2 + 80) / 768
	d *= eps
	c[4] = d * (7*eps2 + 35) / 512
	d *= eps
	c[5] = d * 63 / 1280
	d *= eps
	c[6] = d * 77 / 2048
}

// sinSeries6 evaluates sum(c[l] * sin(2 l x), l = 1..6) by Clenshaw
// summation given sin x and cos x.
func sinSeries6(sinx, cosx float64, c *[7]float64) float64 {
	ar := 2 * (cosx - sinx) * (cosx + sinx) // 2 cos 2x
	y1 := c[6]
	y0 := ar*y1 + c[5]
	y1 = ar*y0 - y1 + c[4]
	y0 = ar*y1 - y0 + c[3]
	y1 = ar*y0 - y1 + c[2]
	y0 = ar*y1 - y0 + c[1]
	return 2 * sinx * cosx * y0
}

// sinSeries5 evaluates sum(c[l] * sin(2 l x), l = 1..5).
func sinSeries5(sinx, cosx float64, c *[7]float64) float64 {
	ar := 2 * (cosx - sinx) * (cosx + sinx)
	y0 := c[5]
	y1 := ar*y0 + c[4]
	y0 = ar*y1 - y0 + c[3]
	y1 = ar*y0 - y1 + c[2]
	y0 = ar*y1 - y0 + c[1]
	return 2 * sinx * cosx * y0
}
