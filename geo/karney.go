package geo

import "math"

// This file solves the inverse and direct geodesic problems on the WGS84
// ellipsoid with the method of C. F. F. Karney, "Algorithms for geodesics",
// J. Geod. 87:43–55 (2013), doi:10.1007/s00190-012-0578-z: the problem is
// mapped to an auxiliary sphere with reduced latitude beta, distances and
// longitudes are corrected with sixth-order Fourier series in sigma, and the
// inverse problem is solved by Newton's method on the azimuth alpha1 with a
// bracketing fallback. The structure and the special cases (meridional,
// equatorial, nearly antipodal, really short lines) follow the paper and its
// reference implementation, restricted to an oblate ellipsoid (f > 0).
//
// Iteration is bounded (maxit2 evaluations at most), every division is by a
// quantity that the reductions keep away from zero (cos beta >= tiny), and
// invalid latitudes propagate as NaN rather than looping.

const (
	tol0    = epsilon
	tol1    = 200 * tol0
	tol2    = 1.4901161193847656e-08 // sqrt(epsilon)
	tolb    = tol0
	xthresh = 1000 * tol2
	maxit1  = 20
	maxit2  = maxit1 + 53 + 10
)

// reducedLat returns sin and cos of the reduced latitude beta for geodetic
// latitude lat (degrees), with cos beta >= tiny so poles stay tractable.
func reducedLat(lat float64) (sbet, cbet float64) {
	sbet, cbet = sincosd(lat)
	sbet *= wgsF1
	sbet, cbet = norm2(sbet, cbet)
	return sbet, math.Max(tiny, cbet)
}

// inverse solves the inverse problem. It returns the distance s12 in metres
// and the (unnormalised but consistent) sine/cosine pairs of the forward
// azimuths at both ends. With distOnly the azimuths may be left unconverged
// (see newton) and must not be used.
//
// The stages are the paper's: reduce to the canonical form (canonicalInverse),
// try the meridian (meridional), then the equator, then the short-line
// estimate or Newton's method (inverseStart, newton), and map the azimuths
// back to the caller's points (canonicalInverse.azimuths).
func inverse(lat1, lon1, lat2, lon2 float64, distOnly bool) (s12, salp1, calp1, salp2, calp2 float64) {
	c := newCanonicalInverse(lat1, lon1, lat2, lon2)
	s12x, salp1, calp1, salp2, calp2, meridian := c.meridional()
	switch {
	case meridian:
	case c.sbet1 == 0 && c.lon12s >= wgsF*180:
		// Geodesic runs along the equator.
		calp1, calp2 = 0, 0
		salp1, salp2 = 1, 1
		s12x = wgsA * c.lam12
	default:
		var sig12, dnm float64
		sig12, salp1, calp1, salp2, calp2, dnm = inverseStart(c.sbet1, c.cbet1, c.sbet2, c.cbet2, c.lam12, c.slam12, c.clam12)
		if sig12 >= 0 {
			// Really short line: the auxiliary sphere is exact to round-off.
			s12x = sig12 * wgsB * dnm
		} else {
			s12x, salp1, calp1, salp2, calp2 = newton(c.sbet1, c.cbet1, c.dn1, c.sbet2, c.cbet2, c.dn2, c.slam12, c.clam12, salp1, calp1, distOnly)
		}
	}
	s12 = 0 + s12x // -0 -> 0
	salp1, calp1, salp2, calp2 = c.azimuths(salp1, calp1, salp2, calp2)
	return s12, salp1, calp1, salp2, calp2
}

// canonicalInverse is an inverse problem in Karney's canonical form,
// |lat1| >= |lat2|, lat1 <= 0, 0 <= lon12 <= 180, with the signs and the
// swap that map its azimuths back to the caller's points.
type canonicalInverse struct {
	lonsign, latsign, swapp float64
	// lam12 is the longitude difference in radians, slam12 and clam12 its
	// sine and cosine, lon12s the supplementary difference in degrees.
	lam12, slam12, clam12, lon12s float64
	lat1                          float64 // degrees, after the reduction
	// Reduced latitudes (sine, cosine) and sqrt(1 + ep2 sin^2 beta).
	sbet1, cbet1, dn1, sbet2, cbet2, dn2 float64
}

// newCanonicalInverse reduces the problem from (lat1, lon1) to (lat2,
// lon2), in degrees, to the canonical form.
func newCanonicalInverse(lat1, lon1, lat2, lon2 float64) canonicalInverse {
	var c canonicalInverse
	// Longitude difference, carefully, with its rounding error.
	lon12, lon12s := angDiff(lon1, lon2)
	c.lonsign = 1.0
	if math.Signbit(lon12) {
		c.lonsign = -1
	}
	lon12 *= c.lonsign
	lon12s *= c.lonsign
	c.lam12 = lon12 * degree
	c.slam12, c.clam12 = sincosde(lon12, lon12s)
	c.lon12s = (180 - lon12) - lon12s // supplementary longitude difference

	lat1 = angRound(latFix(lat1))
	lat2 = angRound(latFix(lat2))
	// Canonical form: |lat1| >= |lat2|, lat1 <= 0, 0 <= lon12 <= 180.
	c.swapp = 1.0
	if math.Abs(lat1) < math.Abs(lat2) || lat2 != lat2 {
		c.swapp = -1
		c.lonsign = -c.lonsign
		lat1, lat2 = lat2, lat1
	}
	c.latsign = -1.0
	if math.Signbit(lat1) {
		c.latsign = 1
	}
	lat1 *= c.latsign
	lat2 *= c.latsign
	c.lat1 = lat1
	c.reducedLats(lat1, lat2)
	return c
}

// reducedLats sets the reduced latitudes of the canonical lat1 and lat2.
func (c *canonicalInverse) reducedLats(lat1, lat2 float64) {
	sbet1, cbet1 := reducedLat(lat1)
	sbet2, cbet2 := reducedLat(lat2)
	// Force |beta2| = |beta1| exactly when they agree to round-off, so the
	// symmetric cases are detected in lambda12.
	if cbet1 < -sbet1 {
		if cbet2 == cbet1 {
			sbet2 = math.Copysign(sbet1, sbet2)
		}
	} else if math.Abs(sbet2) == -sbet1 {
		cbet2 = cbet1
	}
	c.sbet1, c.cbet1, c.sbet2, c.cbet2 = sbet1, cbet1, sbet2, cbet2
	c.dn1 = math.Sqrt(1 + wgsEP2*sbet1*sbet1)
	c.dn2 = math.Sqrt(1 + wgsEP2*sbet2*sbet2)
}

// meridional solves the case of both ends on one meridian (or point 1 at a
// pole), where the geodesic may be the meridian itself. ok is false when it
// is not (another meridian case, or a nearly antipodal line that is not a
// shortest path); the other results are then to be discarded.
func (c *canonicalInverse) meridional() (s12x, salp1, calp1, salp2, calp2 float64, ok bool) {
	if !(c.lat1 == -90 || c.slam12 == 0) {
		return 0, 0, 0, 0, 0, false
	}
	calp1, salp1 = c.clam12, c.slam12
	calp2, salp2 = 1, 0
	ssig1, csig1 := c.sbet1, calp1*c.cbet1
	ssig2, csig2 := c.sbet2, calp2*c.cbet2
	sig12 := math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2)+0, csig1*csig2+ssig1*ssig2)
	s12x, m12x := lengths(wgsN, sig12, ssig1, csig1, c.dn1, ssig2, csig2, c.dn2, true, true)
	if !(sig12 < 1 || m12x >= 0) {
		return 0, 0, 0, 0, 0, false // nearly antipodal: not a shortest path
	}
	if sig12 < 3*tiny || (sig12 < tol0 && (s12x < 0 || m12x < 0)) {
		s12x = 0
	}
	s12x *= wgsB
	return s12x, salp1, calp1, salp2, calp2, true
}

// azimuths maps the azimuths of the canonical problem back to the caller's
// points: it undoes the swap of the ends and the sign changes.
func (c *canonicalInverse) azimuths(salp1, calp1, salp2, calp2 float64) (float64, float64, float64, float64) {
	if c.swapp < 0 {
		salp1, salp2 = salp2, salp1
		calp1, calp2 = calp2, calp1
	}
	salp1 *= c.swapp * c.lonsign
	calp1 *= c.swapp * c.latsign
	salp2 *= c.swapp * c.lonsign
	calp2 *= c.swapp * c.latsign
	return salp1, calp1, salp2, calp2
}

// newton solves lambda12(alpha1) = lam12 for alpha1 starting from the
// estimate (salp1, calp1), keeping a bracket (alp1a, alp1b) and falling back
// to bisection when a Newton step leaves it. At most maxit2 iterations.
//
// With distOnly, the distance may be finished after the first evaluation by
// a first-order correction instead of another iteration (see
// distanceShortcut); the azimuths returned are then those of the first
// estimate.
func newton(sbet1, cbet1, dn1, sbet2, cbet2, dn2, slam12, clam12, salp1, calp1 float64, distOnly bool) (s12, salp1o, calp1o, salp2, calp2 float64) {
	var sig12, ssig1, csig1, ssig2, csig2, eps float64
	salp1a, calp1a := tiny, 1.0
	salp1b, calp1b := tiny, -1.0
	tripn, tripb := false, false
	for numit := 0; ; numit++ {
		var v float64
		v, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps =
			lambda12(sbet1, cbet1, sbet2, cbet2, salp1, calp1, slam12, clam12)
		tol := tol0
		if tripn {
			tol = 8 * tol0
		}
		// Reversed test so that NaN exits.
		if tripb || !(math.Abs(v) >= tol) || numit == maxit2 {
			break
		}
		if distOnly && numit == 0 {
			if s, ok := distanceShortcut(v, cbet2, salp2, eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2); ok {
				return s, salp1, calp1, salp2, calp2
			}
		}
		// Update the bracket.
		if v > 0 && (numit > maxit1 || calp1/salp1 > calp1b/salp1b) {
			salp1b, calp1b = salp1, calp1
		} else if v < 0 && (numit > maxit1 || calp1/salp1 < calp1a/salp1a) {
			salp1a, calp1a = salp1, calp1
		}
		// The derivative is only needed when another Newton step follows,
		// so it is computed here rather than in lambda12.
		dv := 0.0
		if numit < maxit1 {
			dv = dlambda12(sbet1, dn1, cbet2, dn2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps)
		}
		if numit < maxit1 && dv > 0 {
			dalp1 := -v / dv
			if math.Abs(dalp1) < math.Pi {
				sdalp1, cdalp1 := math.Sincos(dalp1)
				nsalp1 := salp1*cdalp1 + calp1*sdalp1
				if nsalp1 > 0 {
					calp1 = calp1*cdalp1 - salp1*sdalp1
					salp1 = nsalp1
					salp1, calp1 = norm2(salp1, calp1)
					// Near convergence the slope may vanish; switch to an
					// epsilon-based test.
					tripn = math.Abs(v) <= 16*tol0
					continue
				}
			}
		}
		// Newton failed: bisect the bracket.
		salp1 = (salp1a + salp1b) / 2
		calp1 = (calp1a + calp1b) / 2
		salp1, calp1 = norm2(salp1, calp1)
		tripn = false
		tripb = math.Abs(salp1a-salp1)+(calp1a-calp1) < tolb ||
			math.Abs(salp1-salp1b)+(calp1-calp1b) < tolb
	}
	s12b, _ := lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true, false)
	return s12b * wgsB, salp1, calp1, salp2, calp2
}

// distanceShortcut finishes a distance-only inverse solution from the first
// Newton evaluation when its longitude residual v (radians) is tiny, as it
// is for lines up to some tens of kilometres from the short-line start.
//
// The geodesic evaluated leaves point 1 with the estimated azimuth and meets
// the latitude of point 2 at longitude lambda2 + v, i.e. d = a cos(beta2) v
// metres east of point 2 along its parallel. By the first variation of arc
// length, moving the end point of a shortest geodesic by d along the
// parallel changes its length by -d sin(alpha2) plus a second-order term of
// order d^2 / m12 (m12 ~ s12 for lines far shorter than the distance to
// conjugate points). The shortcut is taken only when d^2 <= 1e-10 m * s12
// and s12 <= 1,000 km, so the neglected term is below ~1e-10 m; otherwise
// Newton's method continues as usual.
func distanceShortcut(v, cbet2, salp2, eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2 float64) (float64, bool) {
	s12b, _ := lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true, false)
	s := s12b * wgsB
	d := wgsA * cbet2 * v
	if !(d*d <= 1e-10*s) || s > 1e6 {
		return 0, false
	}
	return s - d*salp2, true
}

// lengths returns s12/b and m12/b (reduced length) for the arc sig12 on a
// geodesic with parameter eps. Only the requested quantities are computed.
func lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2 float64, wantS, wantM bool) (s12b, m12b float64) {
	var ca, cb [7]float64
	a1 := a1m1f(eps)
	c1f(eps, &ca)
	var a2, m0 float64
	if wantM {
		a2 = a2m1f(eps)
		c2f(eps, &cb)
		m0 = a1 - a2
		a2 = 1 + a2
	}
	a1 = 1 + a1
	var j12 float64
	if wantS {
		b1 := sinSeries6(ssig2, csig2, &ca) - sinSeries6(ssig1, csig1, &ca)
		s12b = a1 * (sig12 + b1)
		if wantM {
			b2 := sinSeries6(ssig2, csig2, &cb) - sinSeries6(ssig1, csig1, &cb)
			j12 = m0*sig12 + (a1*b1 - a2*b2)
		}
	} else if wantM {
		for l := 1; l <= 6; l++ {
			cb[l] = a1*ca[l] - a2*cb[l]
		}
		j12 = m0*sig12 + (sinSeries6(ssig2, csig2, &cb) - sinSeries6(ssig1, csig1, &cb))
	}
	if wantM {
		// Parenthesised products cancel exactly for coincident points.
		m12b = dn2*(csig1*ssig2) - dn1*(ssig1*csig2) - csig1*csig2*j12
	}
	return s12b, m12b
}

// astroid returns the positive root k of
// k^4 + 2k^3 - (x^2 + y^2 - 1)k^2 - 2y^2 k - y^2 = 0,
// which starts Newton's method for nearly antipodal points.
func astroid(x, y float64) float64 {
	p := x * x
	q := y * y
	r := (p + q - 1) / 6
	if q == 0 && r <= 0 {
		return 0
	}
	s := p * q / 4 // r^3 * s
	r2 := r * r
	r3 := r * r2
	disc := s * (s + 2*r3) // zero on the evolute
	u := r
	if disc >= 0 {
		t3 := s + r3
		// Choose the sign of the root to maximise |t3| (no cancellation).
		if t3 < 0 {
			t3 -= math.Sqrt(disc)
		} else {
			t3 += math.Sqrt(disc)
		}
		t := math.Cbrt(t3)
		if t != 0 {
			u += t + r2/t
		}
	} else {
		ang := math.Atan2(math.Sqrt(-disc), -(s + r3))
		u += 2 * r * math.Cos(ang/3)
	}
	v := math.Sqrt(u*u + q)
	var uv float64
	if u < 0 {
		uv = q / (v - u)
	} else {
		uv = u + v
	}
	w := (uv - q) / (2 * v)
	return uv / (math.Sqrt(uv+w*w) + w)
}

// inverseStart returns a starting azimuth for Newton's method. For really
// short lines it solves the problem outright and returns sig12 >= 0 together
// with alpha2 and dnm (the scale at the mean latitude); otherwise sig12 < 0.
func inverseStart(sbet1, cbet1, sbet2, cbet2, lam12, slam12, clam12 float64) (sig12, salp1, calp1, salp2, calp2, dnm float64) {
	sig12 = -1
	// bet12 = bet2 - bet1 in [0, pi); bet12a = bet2 + bet1 in (-pi, 0].
	sbet12 := sbet2*cbet1 - cbet2*sbet1
	cbet12 := cbet2*cbet1 + sbet2*sbet1
	sbet12a := sbet2*cbet1 + cbet2*sbet1
	shortline := cbet12 >= 0 && sbet12 < 0.5 && cbet2*lam12 < 0.5
	var somg12, comg12 float64
	if shortline {
		sbetm2 := (sbet1 + sbet2) * (sbet1 + sbet2)
		sbetm2 /= sbetm2 + (cbet1+cbet2)*(cbet1+cbet2)
		dnm = math.Sqrt(1 + wgsEP2*sbetm2)
		omg12 := lam12 / (wgsF1 * dnm)
		somg12, comg12 = math.Sincos(omg12)
	} else {
		somg12, comg12 = slam12, clam12
	}

	salp1 = cbet2 * somg12
	if comg12 >= 0 {
		calp1 = sbet12 + cbet2*sbet1*somg12*somg12/(1+comg12)
	} else {
		calp1 = sbet12a - cbet2*sbet1*somg12*somg12/(1-comg12)
	}
	ssig12 := hypot(salp1, calp1)
	csig12 := sbet1*sbet2 + cbet1*cbet2*comg12

	switch {
	case shortline && ssig12 < wgsEtol:
		// Really short line.
		salp2 = cbet1 * somg12
		if comg12 >= 0 {
			calp2 = sbet12 - cbet1*sbet2*(somg12*somg12/(1+comg12))
		} else {
			calp2 = sbet12 - cbet1*sbet2*(1-comg12)
		}
		salp2, calp2 = norm2(salp2, calp2)
		sig12 = math.Atan2(ssig12, csig12)
	case csig12 >= 0 || ssig12 >= 6*wgsN*math.Pi*cbet1*cbet1:
		// The zeroth-order spherical estimate is good enough.
	default:
		// Nearly antipodal: scale to coordinates where the antipode is at
		// the origin and the singular point at (x, y) = (-1, 0).
		lam12x := math.Atan2(-slam12, -clam12) // lam12 - pi
		k2 := sbet1 * sbet1 * wgsEP2
		eps := k2 / (2*(1+math.Sqrt(1+k2)) + k2)
		lamscale := wgsF * cbet1 * a3f(eps) * math.Pi
		betscale := lamscale * cbet1
		x := lam12x / lamscale
		y := sbet12a / betscale
		if y > -tol1 && x > -1-xthresh {
			// Strip near the cut.
			salp1 = math.Min(1, -x)
			calp1 = -math.Sqrt(1 - salp1*salp1)
		} else {
			k := astroid(x, y)
			omg12a := lamscale * (-x * k / (1 + k))
			somg12, comg12 = math.Sincos(omg12a)
			comg12 = -comg12
			salp1 = cbet2 * somg12
			calp1 = sbet12a - cbet2*sbet1*somg12*somg12/(1-comg12)
		}
	}
	// Sanity check on the estimate; the reversed test lets NaN through to
	// the default.
	if !(salp1 <= 0) {
		salp1, calp1 = norm2(salp1, calp1)
	} else {
		salp1, calp1 = 1, 0
	}
	return sig12, salp1, calp1, salp2, calp2, dnm
}

// lambda12 returns the longitude residual v = lambda12(alpha1) - lam12 for
// the geodesic leaving point 1 with azimuth alpha1 and the auxiliary
// quantities needed to finish the solution or take a Newton step.
func lambda12(sbet1, cbet1, sbet2, cbet2, salp1, calp1, slam120, clam120 float64) (v, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps float64) {
	if sbet1 == 0 && calp1 == 0 {
		// Break the degeneracy of the equatorial line (handled earlier).
		calp1 = -tiny
	}
	salp0 := salp1 * cbet1
	calp0 := hypot(calp1, salp1*sbet1) // > 0

	// tan(bet1) = tan(sig1) cos(alp1); tan(omg1) = sin(alp0) tan(sig1).
	ssig1 = sbet1
	somg1 := salp0 * sbet1
	csig1 = calp1 * cbet1
	comg1 := csig1
	ssig1, csig1 = norm2(ssig1, csig1)

	// Enforce symmetry when |bet2| = -bet1.
	if cbet2 != cbet1 {
		salp2 = salp0 / cbet2
	} else {
		salp2 = salp1
	}
	if cbet2 != cbet1 || math.Abs(sbet2) != -sbet1 {
		var d float64
		if cbet1 < -sbet1 {
			d = (cbet2 - cbet1) * (cbet1 + cbet2)
		} else {
			d = (sbet1 - sbet2) * (sbet1 + sbet2)
		}
		calp2 = math.Sqrt(calp1*cbet1*(calp1*cbet1)+d) / cbet2
	} else {
		calp2 = math.Abs(calp1)
	}
	ssig2 = sbet2
	somg2 := salp0 * sbet2
	csig2 = calp2 * cbet2
	comg2 := csig2
	ssig2, csig2 = norm2(ssig2, csig2)

	// sig12 = sig2 - sig1 and omg12 = omg2 - omg1, both in [0, pi].
	sig12 = math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2)+0, csig1*csig2+ssig1*ssig2)
	somg12 := math.Max(0, comg1*somg2-somg1*comg2) + 0
	comg12 := comg1*comg2 + somg1*somg2
	// eta = omg12 - lam120
	eta := math.Atan2(somg12*clam120-comg12*slam120, comg12*clam120+somg12*slam120)
	k2 := calp0 * calp0 * wgsEP2
	eps = k2 / (2*(1+math.Sqrt(1+k2)) + k2)
	var c3 [7]float64
	c3f(eps, &c3)
	b312 := sinSeries5(ssig2, csig2, &c3) - sinSeries5(ssig1, csig1, &c3)
	domg12 := -wgsF * a3f(eps) * salp0 * (sig12 + b312)
	v = eta + domg12
	return v, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps
}

// dlambda12 is the derivative of lambda12 with respect to alpha1, from the
// reduced length m12 (Karney 2013, eq. 46).
func dlambda12(sbet1, dn1, cbet2, dn2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps float64) float64 {
	if calp2 == 0 {
		return -2 * wgsF1 * dn1 / sbet1
	}
	_, m12b := lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, false, true)
	return m12b * wgsF1 / (calp2 * cbet2)
}

// direct solves the direct problem from (lat1, lon1) along azimuth azi1 for
// s12 metres. With unroll the returned longitude is lon1 plus the signed
// longitude change (continuous, possibly outside [-180, 180]); otherwise it
// is reduced to [-180, 180].
func direct(lat1, lon1, azi1, s12 float64, unroll bool) (lat2, lon2, azi2 float64) {
	azi1 = angNormalize(azi1)
	salp1, calp1 := sincosd(angRound(azi1))

	sbet1, cbet1 := sincosd(angRound(latFix(lat1)))
	sbet1 *= wgsF1
	sbet1, cbet1 = norm2(sbet1, cbet1)
	cbet1 = math.Max(tiny, cbet1)

	salp0 := salp1 * cbet1 // alp0 in [0, pi/2 - |bet1|]
	calp0 := hypot(calp1, salp1*sbet1)
	// sig = 0 is the nearest northward equator crossing.
	ssig1 := sbet1
	somg1 := salp0 * sbet1
	csig1 := 1.0
	if sbet1 != 0 || calp1 != 0 {
		csig1 = cbet1 * calp1
	}
	comg1 := csig1
	ssig1, csig1 = norm2(ssig1, csig1)

	k2 := calp0 * calp0 * wgsEP2
	eps := k2 / (2*(1+math.Sqrt(1+k2)) + k2)

	var c1a, c1pa, c3a [7]float64
	a1m1 := a1m1f(eps)
	c1f(eps, &c1a)
	b11 := sinSeries6(ssig1, csig1, &c1a)
	sb, cb := math.Sincos(b11)
	stau1 := ssig1*cb + csig1*sb // tau1 = sig1 + B11
	ctau1 := csig1*cb - ssig1*sb
	c1pf(eps, &c1pa)
	c3f(eps, &c3a)
	a3c := -wgsF * salp0 * a3f(eps)
	b31 := sinSeries5(ssig1, csig1, &c3a)

	// Distance -> arc length on the auxiliary sphere via the reverted series.
	tau12 := s12 / (wgsB * (1 + a1m1))
	s, c := math.Sincos(tau12)
	b12 := -sinSeries6(stau1*c+ctau1*s, ctau1*c-stau1*s, &c1pa)
	sig12 := tau12 - (b12 - b11)
	ssig12, csig12 := math.Sincos(sig12)

	ssig2 := ssig1*csig12 + csig1*ssig12
	csig2 := csig1*csig12 - ssig1*ssig12
	sbet2 := calp0 * ssig2
	cbet2 := hypot(salp0, calp0*csig2)
	if cbet2 == 0 {
		// salp0 = 0 and csig2 = 0: break the degeneracy at the pole.
		cbet2, csig2 = tiny, tiny
	}
	salp2 := salp0
	calp2 := calp0 * csig2

	E := math.Copysign(1, salp0) // east- or west-going
	somg2 := salp0 * ssig2
	comg2 := csig2
	var omg12 float64
	if unroll {
		omg12 = E * (sig12 -
			(math.Atan2(ssig2, csig2) - math.Atan2(ssig1, csig1)) +
			(math.Atan2(E*somg2, comg2) - math.Atan2(E*somg1, comg1)))
	} else {
		omg12 = math.Atan2(somg2*comg1-comg2*somg1, comg2*comg1+somg2*somg1)
	}
	lam12 := omg12 + a3c*(sig12+(sinSeries5(ssig2, csig2, &c3a)-b31))
	lon12 := lam12 / degree
	if unroll {
		lon2 = lon1 + lon12
	} else {
		lon2 = angNormalize(angNormalize(lon1) + angNormalize(lon12))
	}
	lat2 = atan2d(sbet2, wgsF1*cbet2)
	azi2 = atan2d(salp2, calp2)
	return lat2, lon2, azi2
}
