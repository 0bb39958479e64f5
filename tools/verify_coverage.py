#!/usr/bin/python3
"""Independent check of `catchment coverage` against WGS84 geodesics (pyproj).

For EVERY village this recomputes, without any catchment code, the nearest
emergency facility (by default county hospitals and township health centres)
by WGS84 geodesic distance -- pyproj.Geod(ellps='WGS84').inv, i.e. Karney's
GeographicLib algorithm, vectorised with numpy -- and compares it with the CSV
that `catchment coverage --format csv` wrote:

  * nearest_facility_id must be the true nearest facility (when several
    facilities are at the same distance, within --tie-tol-m, either is
    accepted and the tie is reported);
  * |nearest_facility_km*1000 - true distance| <= --tol-m (default 0.001 m;
    catchment writes km with 6 decimals, so a correct value is off by at most
    the 0.5 mm rounding, which is reported separately);
  * network_covered / network_covered_<r>km (emergency network cover) must equal (true distance <= r*1000 m). Villages
    whose true distance lies within --boundary-m (1 mm) of a radius are
    boundary cases: the flag there is decided by catchment's own distance, so
    they are listed with whether they agree, but never counted as mismatches.

Candidate filter, and why it is exact
-------------------------------------
Facilities are put in a scipy cKDTree as unit vectors n(lat, lon) on the
sphere, where lat is the GEODETIC latitude, i.e. n is the ellipsoid's surface
normal.  Along any curve on the ellipsoid the normal turns at a rate of at
most the largest principal curvature, 1/M_min with M_min = a(1-e^2) =
6335439.327 m (the meridian radius of curvature at the equator).  So a
geodesic of length s turns the normal by an angle theta <= s/M_min, and the
chord |n1-n2| = 2 sin(theta/2) <= theta, hence

      geodesic distance  >=  M_min * chord        (a strict lower bound).

For each village the k nearest facilities by chord are measured exactly.  If
M_min * (k-th chord) exceeds the best measured distance + tie tolerance (plus
a 1 um allowance for floating-point error in the chord), no facility outside
the k can be nearer or tied, so the answer is PROVEN.  For the villages where
it does not, a ball query returns every facility whose lower bound is <= best
+ tie tolerance and all of them are measured: again exact.  The bound itself
is checked on every measured pair (a violation aborts with exit 2), and
--self-check N villages (random, default 200) are also compared against a
brute force over all facilities.

Input rules mirrored from catchment's reader: UTF-8 CSV (BOM allowed) with
the English headers; ids, coordinates and facility types are validated as
catchment does (finite, lon in [-180,180], lat in [-90,90], not (0,0), not
swapped, first of a repeated id wins, type aliases such as
township_health_center / 乡镇卫生院 accepted).  Coordinates must be WGS84
(the script does not convert --crs gcj02/bd09 input).

How to run (no Makefile needed; use Debian's python, which has numpy,
scipy and pyproj: apt-get install python3-numpy python3-scipy python3-pyproj)
----------------------------------------------------------------------------
  cd /work/main
  go build -o /tmp/verify-bin/catchment ./cmd/catchment

  # ~275,000 villages
  /tmp/verify-bin/catchment sample --counties 1000 --seed 7 --out /tmp/verify-prov
  /tmp/verify-bin/catchment coverage \\
      --villages /tmp/verify-prov/villages.csv \\
      --facilities /tmp/verify-prov/facilities.csv \\
      --radius-km 10,15,20 --format csv --out /tmp/verify-prov/cov.csv --quiet
  /usr/bin/python3 tools/verify_coverage.py \\
      --villages /tmp/verify-prov/villages.csv \\
      --facilities /tmp/verify-prov/facilities.csv \\
      --coverage /tmp/verify-prov/cov.csv --radius-km 10,15,20

  # ~1,000,000 villages: same with `sample --counties 3640 --seed 1`

  # a single radius (the CSV then has a plain `network_covered` column):
  /tmp/verify-bin/catchment coverage --villages V --facilities F \\
      --radius-km 15 --format csv --out cov15.csv --quiet
  /usr/bin/python3 tools/verify_coverage.py --villages V --facilities F \\
      --coverage cov15.csv --radius-km 15

--radius-km takes the radii given to catchment (comma-separated, or the
option repeated); each must have its column in the coverage CSV.  With
--types, pass the same list as to `catchment coverage --types`.

Exit status: 0 every village agrees; 1 at least one mismatch; 2 usage error,
unreadable input, or the verifier's own safety checks failed.
"""

import argparse
import re
import sys
import time

import numpy as np
from scipy.spatial import cKDTree

from verifylib import (FACILITY_TYPES, A, CHORD_SLACK_M, M_MIN, UsageError, fail, geodesic, need, open_csv,
                       parse_lonlat, show, unit_vectors)


# Accepted facility type values (catchment's reader), lower-cased -> tier.

KM6 = re.compile(r"^(\d+)\.(\d{6})$")


# ---------------------------------------------------------------- reading


def read_villages(path):
    f, r, _, cols = open_csv(path)
    iid, ilon, ilat = need(cols, path, ["id", "lon", "lat"])
    ids, lons, lats, rejected = [], [], [], []
    seen = set()
    with f:
        for line, row in enumerate(r, start=2):
            if not row or all(c.strip() == "" for c in row):
                continue
            vid = row[iid].strip() if iid < len(row) else ""
            dup = vid in seen
            seen.add(vid)
            if len(row) <= max(iid, ilon, ilat) or vid == "":
                rejected.append((line, vid, "missing field"))
                continue
            ll = parse_lonlat(row[ilon], row[ilat])
            if dup:
                rejected.append((line, vid, "repeated id"))
                continue
            if isinstance(ll, str):
                rejected.append((line, vid, ll))
                continue
            ids.append(vid)
            lons.append(ll[0])
            lats.append(ll[1])
    return ids, np.array(lons, dtype=np.float64), np.array(lats, dtype=np.float64), rejected


def read_facilities(path, types):
    f, r, _, cols = open_csv(path)
    iid, ityp, ilon, ilat = need(cols, path, ["id", "type", "lon", "lat"])
    ids, lons, lats, rejected = [], [], [], []
    other_ids = set()  # valid facilities of types not counted as cover
    seen = set()
    with f:
        for line, row in enumerate(r, start=2):
            if not row or all(c.strip() == "" for c in row):
                continue
            fid = row[iid].strip() if iid < len(row) else ""
            dup = fid in seen
            seen.add(fid)
            if len(row) <= max(iid, ityp, ilon, ilat) or fid == "":
                rejected.append((line, fid, "missing field"))
                continue
            t = row[ityp].strip()
            tier = FACILITY_TYPES.get(t, FACILITY_TYPES.get(t.lower()))
            ll = parse_lonlat(row[ilon], row[ilat])
            if dup:
                rejected.append((line, fid, "repeated id"))
                continue
            if tier is None:
                rejected.append((line, fid, f"unknown type {t!r}"))
                continue
            if isinstance(ll, str):
                rejected.append((line, fid, ll))
                continue
            if tier not in types:
                other_ids.add(fid)
                continue
            ids.append(fid)
            lons.append(ll[0])
            lats.append(ll[1])
    return ids, np.array(lons, dtype=np.float64), np.array(lats, dtype=np.float64), rejected, other_ids


def radius_of_column(name):
    """network_covered_12_5km -> 12.5; None when not a per-radius column."""
    if not (name.startswith("network_covered_") and name.endswith("km")):
        return None
    try:
        return float(name[len("network_covered_"):-len("km")].replace("_", ".", 1))
    except ValueError:
        return None


def read_coverage(path, radii):
    f, r, header, cols = open_csv(path)
    iid, inear, ikm, ilon, ilat = need(cols, path, ["id", "nearest_facility_id", "nearest_facility_km", "lon", "lat"])
    if len(radii) == 1 and "network_covered" in cols:
        icov = [cols["network_covered"]]
    else:
        by_r = {}
        for name, i in cols.items():
            rr = radius_of_column(name)
            if rr is not None:
                by_r[rr] = i
        icov = []
        for rr in radii:
            if rr not in by_r:
                have = sorted(n for n in cols if n.startswith("network_covered"))
                fail(f"{path}: no coverage column for radius {fmt_km(rr)} km (have: {', '.join(have) or 'none'})")
            icov.append(by_r[rr])
    out = {}
    bad, dups = [], []
    with f:
        for line, row in enumerate(r, start=2):
            if not row:
                continue
            vid = row[iid]
            if vid in out:
                dups.append(vid)
                continue
            km = row[ikm]
            mm = None
            if km != "":
                m = KM6.match(km)
                if not m:
                    bad.append((vid, f"nearest_facility_km {km!r} is not km with 6 decimals"))
                    continue
                mm = int(m.group(1)) * 1_000_000 + int(m.group(2))  # exact millimetres
            flags = []
            for i in icov:
                v = row[i]
                if v not in ("true", "false"):
                    bad.append((vid, f"covered value {v!r}"))
                    break
                flags.append(v == "true")
            else:
                out[vid] = (row[inear], mm, flags, row[ilon], row[ilat])
    return out, bad, dups


# ---------------------------------------------------------------- geometry


def lower_bound(chord):
    return M_MIN * chord - CHORD_SLACK_M


# ---------------------------------------------------------------- main


def fmt_km(r):
    """A radius as catchment labels it: shortest repr, no trailing .0."""
    s = repr(float(r))
    return s[:-2] if s.endswith(".0") else s


def parse_radii(values):
    radii = []
    for v in values:
        for part in v.split(","):
            part = part.strip()
            if part:
                try:
                    radii.append(float(part))
                except ValueError:
                    fail(f"--radius-km: {part!r} is not a number")
    if not radii:
        fail("--radius-km: at least one radius is needed")
    if len(set(radii)) != len(radii):
        fail("--radius-km: repeated radius")
    return radii


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check catchment coverage CSV against independent WGS84 geodesics (pyproj).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See the module docstring (head of this file) for the method and exact commands.",
    )
    ap.add_argument("--villages", required=True, help="villages CSV given to catchment")
    ap.add_argument("--facilities", required=True, help="facilities CSV given to catchment")
    ap.add_argument("--coverage", required=True, help="CSV written by `catchment coverage --format csv`")
    ap.add_argument("--radius-km", required=True, action="append",
                    help="radius/radii in km as given to catchment (comma-separated or repeated)")
    ap.add_argument("--types", default="county_hospital,township_health_centre",
                    help="facility types that count as cover (default: %(default)s)")
    ap.add_argument("--k", type=int, default=8, help="chord candidates per village before the fallback (default 8)")
    ap.add_argument("--tol-m", type=float, default=0.001, help="max |distance difference| in m (default 0.001)")
    ap.add_argument("--tie-tol-m", type=float, default=1e-6,
                    help="facilities within this of the nearest count as tied (default 1e-6 m)")
    ap.add_argument("--boundary-m", type=float, default=0.001,
                    help="true distance within this of a radius is a boundary case (default 0.001 m)")
    ap.add_argument("--self-check", type=int, default=200,
                    help="also brute-force this many random villages over all facilities (default 200)")
    ap.add_argument("--seed", type=int, default=12345, help="seed for --self-check sampling")
    ap.add_argument("--show", type=int, default=20, help="list at most this many ids per category (default 20)")
    try:
        args = ap.parse_args(argv)
        return run(args)
    except UsageError as e:
        print(f"verify_coverage: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"verify_coverage: {e}", file=sys.stderr)
        return 2


def run(args):
    t0 = time.perf_counter()
    radii = parse_radii(args.radius_km)
    types = set()
    for t in args.types.split(","):
        t = t.strip()
        if not t:
            continue
        if t not in ("county_hospital", "township_health_centre", "village_clinic"):
            fail(f"--types: unknown facility type {t!r}")
        types.add(t)
    if not types:
        fail("--types: at least one type is needed")
    if args.k < 1:
        fail("--k must be at least 1")

    vids, vlon, vlat, vrej = read_villages(args.villages)
    fids, flon, flat, frej, other_fids = read_facilities(args.facilities, types)
    cov, cov_bad, cov_dups = read_coverage(args.coverage, radii)
    t_read = time.perf_counter()
    nv, nf = len(vids), len(fids)
    print(f"verify_coverage: {nv} villages, {nf} facilities of type {','.join(sorted(types))} "
          f"(WGS84 a={A} m, M_min=a(1-e^2)={M_MIN:.3f} m), radii {', '.join(fmt_km(r) for r in radii)} km")
    if vrej or frej:
        print(f"  input rows rejected (as catchment would): villages {len(vrej)}, facilities {len(frej)}")

    # ---- nearest facility, proven exact ------------------------------------
    best_d = np.full(nv, np.inf)
    best_j = np.full(nv, -1, dtype=np.int64)
    ties = {}  # village index -> sorted list of facility indices within tie tol
    n_fallback = 0
    bound_violation = 0.0  # max (lower bound - true distance); must be <= 0
    if nf > 0 and nv > 0:
        vu = unit_vectors(vlon, vlat)
        fu = unit_vectors(flon, flat)
        tree = cKDTree(fu)
        k = min(args.k, nf)
        cd, ci = tree.query(vu, k=k, workers=-1)
        cd = cd.reshape(nv, k)
        ci = ci.reshape(nv, k)
        rows = np.repeat(np.arange(nv), k)
        gd = geodesic(vlon[rows], vlat[rows], flon[ci.ravel()], flat[ci.ravel()]).reshape(nv, k)
        bound_violation = max(bound_violation, float(np.max(lower_bound(cd) - gd)))
        arg = np.argmin(gd, axis=1)
        best_d = gd[np.arange(nv), arg]
        best_j = ci[np.arange(nv), arg]
        near = gd <= (best_d + args.tie_tol_m)[:, None]
        for i in np.nonzero(near.sum(axis=1) > 1)[0]:
            ties[int(i)] = sorted(int(j) for j in ci[i][near[i]])
        # Proof: every facility outside the k has chord >= the k-th chord.
        if k < nf:
            unresolved = np.nonzero(lower_bound(cd[:, -1]) <= best_d + args.tie_tol_m)[0]
        else:
            unresolved = np.array([], dtype=np.int64)
        n_fallback = len(unresolved)
        if n_fallback:
            # Every facility with lower bound <= best + tie tol is in the ball.
            r_chord = (best_d[unresolved] + args.tie_tol_m + 2 * CHORD_SLACK_M) / M_MIN * (1 + 1e-12)
            balls = tree.query_ball_point(vu[unresolved], r_chord, workers=-1)
            for i, cand in zip(unresolved, balls):
                cand = np.asarray(cand, dtype=np.int64)
                if len(cand) == 0:  # cannot happen: the best found is inside
                    raise UsageError(f"internal error: empty ball for village {vids[i]}")
                d = geodesic(np.full(len(cand), vlon[i]), np.full(len(cand), vlat[i]), flon[cand], flat[cand])
                ch = np.linalg.norm(fu[cand] - vu[i], axis=1)
                bound_violation = max(bound_violation, float(np.max(lower_bound(ch) - d)))
                a = int(np.argmin(d))
                best_d[i], best_j[i] = d[a], cand[a]
                tied = cand[d <= d[a] + args.tie_tol_m]
                if len(tied) > 1:
                    ties[int(i)] = sorted(int(j) for j in tied)
                else:
                    ties.pop(int(i), None)
    t_near = time.perf_counter()
    if bound_violation > 0:
        print(f"verify_coverage: SAFETY CHECK FAILED: the chord lower bound exceeded a geodesic "
              f"distance by {bound_violation:.3e} m", file=sys.stderr)
        return 2

    # ---- brute-force self-check of the filter -------------------------------
    n_self = min(args.self_check, nv) if nf > 0 else 0
    self_bad = []
    if n_self > 0:
        rng = np.random.default_rng(args.seed)
        for i in rng.choice(nv, size=n_self, replace=False):
            d = geodesic(np.full(nf, vlon[i]), np.full(nf, vlat[i]), flon, flat)
            dm = float(d.min())
            tied = set(np.nonzero(d <= dm + args.tie_tol_m)[0].tolist())
            if dm != best_d[i] or int(best_j[i]) not in tied:
                self_bad.append(vids[i])
    t_self = time.perf_counter()
    if self_bad:
        print(f"verify_coverage: SELF-CHECK FAILED: candidate filter differs from brute force for "
              f"{', '.join(self_bad[:10])}", file=sys.stderr)
        return 2

    # ---- compare with catchment ---------------------------------------------
    fidx = {f: j for j, f in enumerate(fids)}
    radii_m = [r * 1000.0 for r in radii]
    missing, wrong_id, wrong_d, wrong_cov, wrong_xy = [], [], [], [], []
    tie_rows = []
    boundary = []  # (vid, radius, true d, catchment mm, catchment flag, agrees)
    max_dd = 0.0
    max_dd_id = None
    beyond_rounding = []
    cat_mm = np.full(nv, -1, dtype=np.int64)
    for i, vid in enumerate(vids):
        rec = cov.get(vid)
        if rec is None:
            missing.append(vid)
            continue
        cid, mm, flags, clon, clat = rec
        try:
            if abs(float(clon) - vlon[i]) > 0.6e-7 or abs(float(clat) - vlat[i]) > 0.6e-7:
                wrong_xy.append(vid)
        except ValueError:
            wrong_xy.append(vid)
        if nf == 0:
            if cid != "" or mm is not None or any(flags):
                wrong_id.append((vid, cid, "", "no facility of these types exists"))
            continue
        d = float(best_d[i])
        j = int(best_j[i])
        ok_ids = ties.get(i, [j])
        cj = fidx.get(cid)
        if i in ties:
            tie_rows.append((vid, [fids[t] for t in ok_ids], cid, cj in ok_ids))
        if cj is None or cj not in ok_ids:
            if cj is None:
                why = ("a facility not of the given types" if cid in other_fids
                       else "unknown facility id" if cid else "no facility given")
            else:
                dc = geodesic(np.array([vlon[i]]), np.array([vlat[i]]), np.array([flon[cj]]), np.array([flat[cj]]))[0]
                why = f"{cid} is at {dc:.4f} m, {dc - d:.4f} m farther"
            wrong_id.append((vid, cid, fids[j], why))
        if mm is None:
            wrong_d.append((vid, "missing distance", d))
        else:
            cat_mm[i] = mm
            dd = abs(mm / 1000.0 - d)
            if dd > max_dd:
                max_dd, max_dd_id = dd, vid
            if dd > args.tol_m:
                wrong_d.append((vid, f"{mm / 1e6:.6f} km", d))
            if dd > 0.0005 + 1e-6:
                beyond_rounding.append((vid, dd))
        for r, rm, flag in zip(radii, radii_m, flags):
            truth = d <= rm
            if abs(d - rm) <= args.boundary_m:
                boundary.append((vid, r, d, mm, flag, flag == truth))
            elif flag != truth:
                wrong_cov.append((vid, r, d, flag))
    vset = set(vids)
    extra = [v for v in cov if v not in vset]
    t_cmp = time.perf_counter()

    # ---- report ----------------------------------------------------------
    n_checked = nv - len(missing)
    mism = (len(missing) + len(extra) + len(wrong_id) + len(wrong_d) + len(wrong_cov) + len(wrong_xy)
            + len(cov_bad) + len(cov_dups))
    exact_ties = sum(1 for i in ties if np.count_nonzero(
        geodesic(np.full(len(ties[i]), vlon[i]), np.full(len(ties[i]), vlat[i]),
                 flon[ties[i]], flat[ties[i]]) == best_d[i]) > 1)
    print(f"  villages checked: {n_checked} of {nv} (every one; nearest proven by the chord bound for "
          f"{nv - n_fallback}, by a ball query for {n_fallback})")
    if nf:
        print(f"  true nearest distance: min {best_d.min():.3f} m, median {np.median(best_d):.3f} m, "
              f"max {best_d.max():.3f} m")
        for r, rm in zip(radii, radii_m):
            print(f"  emergency network cover at {fmt_km(r)} km (true): {int(np.count_nonzero(best_d <= rm))} of {nv}")
    print(f"  brute-force self-check: {n_self} random villages x {nf} facilities, all agree")
    print(f"  max |Δd| (catchment km*1000 - pyproj): {max_dd:.9f} m"
          + (f" (village {max_dd_id})" if max_dd_id else "")
          + f"; tolerance {args.tol_m} m; beyond the 0.5 mm rounding: {len(beyond_rounding)}")
    print(f"  ties (facilities within {args.tie_tol_m:g} m of the nearest): {len(tie_rows)} villages "
          f"({exact_ties} exactly equal)")
    if tie_rows:
        show("ties (village: tied facilities -> catchment)", [f"{v}: {'/'.join(t)} -> {c}" for v, t, c, _ in tie_rows],
             args.show)
    print(f"  boundary cases (|true d - radius| <= {args.boundary_m} m): {len(boundary)}, "
          f"catchment flag agrees with the true distance in {sum(b[5] for b in boundary)}")
    for vid, r, d, mm, flag, agree in boundary[: args.show]:
        print(f"    {vid} r={fmt_km(r)} km true d={d:.7f} m catchment {mm / 1e6 if mm is not None else float('nan'):.6f} km "
              f"network_covered={str(flag).lower()} {'agrees' if agree else 'DIFFERS (not counted)'}")
    print(f"  mismatches: {mism}")
    if mism:
        if missing:
            show("villages missing from the coverage CSV", missing, args.show)
        if extra:
            show("coverage rows for unknown villages", extra, args.show)
        if cov_dups:
            show("repeated ids in the coverage CSV", cov_dups, args.show)
        if cov_bad:
            show("unreadable coverage rows", [f"{v} ({w})" for v, w in cov_bad], args.show)
        if wrong_xy:
            show("coverage lon/lat differ from the input", wrong_xy, args.show)
        if wrong_id:
            show("wrong nearest facility (village: catchment vs true: why)",
                 [f"{v}: {c or '-'} vs {t}: {w}" for v, c, t, w in wrong_id], args.show)
        if wrong_d:
            show("distance off by more than the tolerance (village: catchment vs true m)",
                 [f"{v}: {c} vs {d:.4f}" for v, c, d in wrong_d], args.show)
        if wrong_cov:
            show("wrong network_covered flag (village r: true d -> catchment flag)",
                 [f"{v} {fmt_km(r)}km: {d:.4f} m -> {str(f).lower()}" for v, r, d, f in wrong_cov], args.show)
    t_end = time.perf_counter()
    print(f"  time: {t_end - t0:.1f} s (read {t_read - t0:.1f}, nearest {t_near - t_read:.1f}, "
          f"self-check {t_self - t_near:.1f}, compare {t_cmp - t_self:.1f})")
    print("  RESULT: " + ("OK, identical" if mism == 0 else "MISMATCH"))
    return 1 if mism else 0


if __name__ == "__main__":
    sys.exit(main())
