#!/usr/bin/python3
"""Independent check of `catchment plan`: sub-centre optima and joint-clinic minima.

Recomputes, without any catchment code, from the input CSVs alone -- WGS84
geodesic distances by pyproj.Geod(ellps='WGS84').inv (Karney's algorithm,
vectorised with numpy) and exact optimisation by scipy.optimize.milp (HiGHS)
and/or exhaustive enumeration -- and compares with what `catchment plan`
wrote (the --summary JSON and the --out GeoJSON):

1. Sub-centres, per county (a county is the `county` string of its villages).
   Existing cover: facilities of --existing-types (default county hospitals,
   of any county); a village is covered today when one lies within
   --radius-km (inclusive).  Candidates: the county's township health centres
   (facility `county` column) at >= --min-far-km from the nearest county
   hospital of any county.  For K = the requested --subcentres (capped at the
   county's candidate count; with --subcentres auto, the K catchment chose)
   the maximum population of the county's not-covered-today villages within
   --radius-km of at most K candidates is computed twice, by enumerating every
   K-subset (when there are at most --enum-limit) and by a MILP
       max sum p_v y_v  s.t.  y_v <= sum_{c reaches v} x_c,  sum x_c <= K,
       x binary, 0 <= y <= 1   (mip_rel_gap = 0; the chosen x re-evaluated
                                exactly in integers),
   and the two must agree (else the verifier stops, exit 2).  Checked against
   the summary: county_care_today_population, county_care_after_population =
   before + optimum, population, candidates / too_close, k and the listed
   subcentres (valid candidates of the county, at most K, and their exact
   union gain = after - before); and per village county_care_today /
   county_care_after in the GeoJSON.

2. Joint clinics, per township (county + township).  Each village is
   classified from the rules, in order: population >= --own-clinic-from ->
   own_clinic (required); a township health centre (any county) within
   --near-thc-km (inclusive) -> township_centre; population <
   --itinerant-below -> itinerant; < --merge-below -> eligible; else
   own_clinic.  catchment's `service` must agree (joint_host, joint_member and
   single all mean eligible) and required_clinic too.  An eligible village
   with no other village of its township within --merge-km is single.  The
   others must each be within --merge-km of a host, a host being any village
   of the township (a village hosts itself at distance 0): the minimum number
   of hosts is a set cover, split into independent components (elements
   linked by a shared potential host; components of 1 or 2 elements need
   exactly 1 host, larger ones are solved by MILP, or all of them with
   --milp-all).  Compared with the number of villages catchment marked
   hosts_joint_clinic in the township.  Also checked: single / host / member
   services, every member's host is a host of its township within
   --merge-km, and no host is nearer to a member (beyond --boundary-m) than
   the one it was given.

Candidate pairs come from a scipy cKDTree on unit normals, which is exact: a
geodesic of length s turns the surface normal by at most s / M_min (M_min =
a(1-e^2), the smallest radius of curvature of WGS84), so geodesic >= M_min *
chord and a ball query of chord (d + slack) / M_min finds every pair within
geodesic d.  The bound is re-checked on every measured pair (exit 2 if it
ever fails).

Boundary cases: a distance within --boundary-m (1 mm) of a threshold
(radius, min-far, near-thc, merge) can be decided either way by rounding, so
a county or township with such a distance is a boundary case: its
disagreements are listed separately and are not counted as mismatches.

How to run (Debian's python: numpy, scipy >= 1.9 (milp), pyproj)
------------------------------------------------------------------
  cd /work/main
  go build -o /tmp/vp/catchment ./cmd/catchment
  /tmp/vp/catchment sample --counties 1000 --seed 11 --out /tmp/vp/prov   # ~275k villages
  for k in 1 2 3; do
    /tmp/vp/catchment plan --villages /tmp/vp/prov/villages.csv \\
        --facilities /tmp/vp/prov/facilities.csv --subcentres $k \\
        --summary /tmp/vp/plan$k.json --out /tmp/vp/plan$k.geojson --quiet > /dev/null
  done
  /usr/bin/python3 tools/verify_plan.py \\
      --villages /tmp/vp/prov/villages.csv --facilities /tmp/vp/prov/facilities.csv \\
      --plan /tmp/vp/plan1.json /tmp/vp/plan1.geojson \\
      --plan /tmp/vp/plan2.json /tmp/vp/plan2.geojson \\
      --plan /tmp/vp/plan3.json /tmp/vp/plan3.geojson

  # harder instances: every township health centre a candidate (~12 per
  # county, C(12,3) = 220 sets) and larger joint-clinic components
  /tmp/vp/catchment plan --villages /tmp/vp/prov/villages.csv \\
      --facilities /tmp/vp/prov/facilities.csv --subcentres 3 --min-far-km 0 \\
      --merge-km 5 --summary /tmp/vp/hard3.json --out /tmp/vp/hard3.geojson --quiet > /dev/null
  /usr/bin/python3 tools/verify_plan.py \\
      --villages /tmp/vp/prov/villages.csv --facilities /tmp/vp/prov/facilities.csv \\
      --min-far-km 0 --merge-km 5 --plan /tmp/vp/hard3.json /tmp/vp/hard3.geojson

The parameters default to the shanxi policy (catchment plan's default):
--radius-km 15 --min-far-km 20 --itinerant-below 200 --merge-below 500
--own-clinic-from 800 --merge-km 3 --near-thc-km 2
--existing-types county_hospital.  Pass the same values given to catchment
plan (or implied by its --policy); the script refuses (exit 2) when a
summary's recorded options differ from them.  Coordinates must be WGS84.

Exit status: 0 everything agrees; 1 at least one mismatch; 2 usage error,
unreadable input, or the verifier's own safety checks failed.
"""

import argparse
import itertools
import json
import math
import sys
import time
from collections import defaultdict

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from verifylib import (FACILITY_TYPES, CHORD_SLACK_M, M_MIN, UsageError, fail, geodesic, need, open_csv,
                       parse_lonlat, unit_vectors)
from verifylib import show as _show


def show(label, items, n):
    _show(label, items, n, sep="; ")


TIERS = ("county_hospital", "township_health_centre", "village_clinic")
ELIGIBLE_SERVICES = ("joint_host", "joint_member", "single")
MAX_COUNT = 1_000_000_000


class SafetyError(Exception):
    pass


# ---------------------------------------------------------------- reading


def parse_count(s):
    """A non-negative whole number as catchment reads it, else None."""
    s = s.strip()
    if s == "" or "," in s or "，" in s:
        return None
    if "." in s:
        whole, frac = s.split(".", 1)
        if frac == "" or frac.strip("0") != "":
            return None
        s = whole
    try:
        n = int(s, 10)
    except ValueError:
        return None
    return n if 0 <= n <= MAX_COUNT else None


def read_rows(path, names):
    """Yield (line, id, fields dict) for rows with every named field non-blank
    and a new id; rejected rows are collected."""
    f, r, _, cols = open_csv(path)
    idx = need(cols, path, names)
    seen = set()
    rejected = []
    rows = []
    with f:
        for line, row in enumerate(r, start=2):
            if not row or all(c.strip() == "" for c in row):
                continue
            vals = [row[i].strip() if i < len(row) else "" for i in idx]
            rid = vals[0]
            dup = rid in seen
            seen.add(rid)
            if dup:
                rejected.append((line, rid, "repeated id"))
                continue
            if any(v == "" for v in vals):
                rejected.append((line, rid, "missing field"))
                continue
            rows.append((line, dict(zip(names, vals))))
    return rows, rejected


def read_villages(path):
    rows, rejected = read_rows(path, ["id", "name", "county", "township", "population", "lon", "lat"])
    ids, county, town, pop, lon, lat = [], [], [], [], [], []
    for line, v in rows:
        ll = parse_lonlat(v["lon"], v["lat"])
        p = parse_count(v["population"])
        if isinstance(ll, str) or p is None:
            rejected.append((line, v["id"], ll if isinstance(ll, str) else "bad population"))
            continue
        ids.append(v["id"])
        county.append(v["county"])
        town.append(v["township"])
        pop.append(p)
        lon.append(ll[0])
        lat.append(ll[1])
    return dict(ids=ids, county=county, town=town, pop=np.array(pop, dtype=np.int64),
                lon=np.array(lon, dtype=np.float64), lat=np.array(lat, dtype=np.float64)), rejected


def read_facilities(path):
    rows, rejected = read_rows(path, ["id", "name", "type", "county", "township", "lon", "lat"])
    ids, tier, county, lon, lat = [], [], [], [], []
    for line, f in rows:
        t = f["type"]
        tr = FACILITY_TYPES.get(t, FACILITY_TYPES.get(t.lower()))
        ll = parse_lonlat(f["lon"], f["lat"])
        if tr is None or isinstance(ll, str):
            rejected.append((line, f["id"], f"unknown type {t!r}" if tr is None else ll))
            continue
        ids.append(f["id"])
        tier.append(tr)
        county.append(f["county"])
        lon.append(ll[0])
        lat.append(ll[1])
    return dict(ids=ids, tier=np.array(tier), county=county,
                lon=np.array(lon, dtype=np.float64), lat=np.array(lat, dtype=np.float64)), rejected


def read_plan_villages(path):
    """village id -> (county_care_today, county_care_after, service, required, host_id, hosts)."""
    out = {}

    def take(p):
        if p.get("layer") == "village":
            out[p["id"]] = (p.get("county_care_today"), p.get("county_care_after"), p.get("service"),
                            p.get("required_clinic"), p.get("host_id"), p.get("hosts_joint_clinic"))

    with open(path, encoding="utf-8") as f:
        first = f.readline()
        if first.strip() == '{"type":"FeatureCollection","features":[':
            for line in f:  # catchment writes one feature per line
                s = line.strip().rstrip(",")
                if s.startswith("{"):
                    take(json.loads(s)["properties"])
            return out
    with open(path, encoding="utf-8") as f:
        for feat in json.load(f)["features"]:
            take(feat["properties"])
    return out


# ---------------------------------------------------------------- geometry


class Points:
    def __init__(self, lon, lat):
        self.lon, self.lat = lon, lat
        self.u = unit_vectors(lon, lat)
        self.tree = cKDTree(self.u) if len(lon) else None


STATS = {"pairs_measured": 0, "bound_violation": -np.inf}


def _measure(a, b, ii, jj, limit_m):
    d = geodesic(a.lon[ii], a.lat[ii], b.lon[jj], b.lat[jj])
    if len(d):
        chord = np.linalg.norm(a.u[ii] - b.u[jj], axis=1)
        STATS["bound_violation"] = max(STATS["bound_violation"], float(np.max(M_MIN * chord - CHORD_SLACK_M - d)))
        if STATS["bound_violation"] > 0:
            raise SafetyError(f"chord lower bound exceeded a geodesic by {STATS['bound_violation']:.3e} m")
    STATS["pairs_measured"] += len(d)
    keep = d <= limit_m
    return ii[keep], jj[keep], d[keep]


def chord_radius(limit_m):
    return (limit_m + 2 * CHORD_SLACK_M) / M_MIN * (1 + 1e-12)


def pairs_within(a, b, limit_m):
    """Every (i, j, d) with geodesic d(a_i, b_j) <= limit_m (complete by the chord bound)."""
    if a.tree is None or b.tree is None:
        z = np.array([], dtype=np.int64)
        return z, z, np.array([], dtype=np.float64)
    lists = b.tree.query_ball_point(a.u, chord_radius(limit_m), workers=-1)
    counts = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    ii = np.repeat(np.arange(len(lists), dtype=np.int64), counts)
    jj = np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64, count=int(counts.sum()))
    return _measure(a, b, ii, jj, limit_m)


def self_pairs_within(a, limit_m):
    """Every (i, j, d), i < j, with geodesic d(a_i, a_j) <= limit_m."""
    if a.tree is None:
        z = np.array([], dtype=np.int64)
        return z, z, np.array([], dtype=np.float64)
    p = a.tree.query_pairs(chord_radius(limit_m), output_type="ndarray").astype(np.int64)
    return _measure(a, a, p[:, 0], p[:, 1], limit_m)


def min_dist(n, ii, d):
    m = np.full(n, np.inf)
    np.minimum.at(m, ii, d)
    return m


# ---------------------------------------------------------------- solvers


def maxcover_enum(cover, w, k):
    """Max weight of the union of at most k rows of the boolean matrix cover."""
    n = cover.shape[0]
    k = min(k, n)
    if k <= 0 or cover.shape[1] == 0:
        return 0
    combos = np.array(list(itertools.combinations(range(n), k)), dtype=np.int64)
    best = 0
    for s in range(0, len(combos), 4096):
        c = combos[s:s + 4096]
        best = max(best, int((cover[c].any(axis=1) @ w).max()))
    return best


def maxcover_milp(cover, w, k):
    """The same by MILP; returns the exact integer value of the x found."""
    n, m = cover.shape
    k = min(k, n)
    if k <= 0 or m == 0:
        return 0
    ri, ci = np.nonzero(cover)  # ri candidate, ci village
    # variables: x_0..x_{n-1}, y_0..y_{m-1}; rows 0..m-1: y_v - sum x_c <= 0; row m: sum x <= k
    rows = np.concatenate([np.arange(m), ci, np.full(n, m)])
    cols = np.concatenate([n + np.arange(m), ri, np.arange(n)])
    vals = np.concatenate([np.ones(m), -np.ones(len(ri)), np.ones(n)])
    Amat = csr_matrix((vals, (rows, cols)), shape=(m + 1, n + m))
    ub = np.zeros(m + 1)
    ub[m] = k
    c = np.concatenate([np.zeros(n), -w.astype(np.float64)])
    integ = np.concatenate([np.ones(n), np.zeros(m)])
    res = milp(c, constraints=LinearConstraint(Amat, -np.inf, ub), integrality=integ,
               bounds=Bounds(0, 1), options={"mip_rel_gap": 0})
    if res.status != 0:
        raise SafetyError(f"MILP (max cover) status {res.status}: {res.message}")
    x = res.x[:n] > 0.5
    if x.sum() > k:
        raise SafetyError("MILP (max cover) chose more than K sites")
    val = int(cover[x].any(axis=0) @ w)
    if abs(val - (-res.fun)) > 0.5:
        raise SafetyError(f"MILP (max cover) objective {-res.fun} but the sites cover {val}")
    return val


def setcover_milp(incid, n_elem, n_host):
    """Minimum hosts covering every element; incid = (elem, host) pairs."""
    e, h = incid
    Amat = csr_matrix((np.ones(len(e)), (e, h)), shape=(n_elem, n_host))
    res = milp(np.ones(n_host), constraints=LinearConstraint(Amat, 1, np.inf),
               integrality=np.ones(n_host), bounds=Bounds(0, 1), options={"mip_rel_gap": 0})
    if res.status != 0:
        raise SafetyError(f"MILP (set cover) status {res.status}: {res.message}")
    x = res.x > 0.5
    if not np.all(Amat[:, x].sum(axis=1) >= 1):
        raise SafetyError("MILP (set cover) solution leaves an element uncovered")
    cnt = int(x.sum())
    if abs(cnt - res.fun) > 0.5:
        raise SafetyError(f"MILP (set cover) objective {res.fun} but {cnt} hosts chosen")
    return cnt


# ---------------------------------------------------------------- main


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check catchment plan (sub-centre optima, joint-clinic minima) independently.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See the module docstring (head of this file) for the method and exact commands.")
    ap.add_argument("--villages", required=True)
    ap.add_argument("--facilities", required=True)
    ap.add_argument("--plan", nargs=2, action="append", required=True, metavar=("SUMMARY_JSON", "GEOJSON"),
                    help="outputs of one `catchment plan --summary S --out G` run (repeatable)")
    ap.add_argument("--radius-km", type=float, default=15.0)
    ap.add_argument("--min-far-km", type=float, default=20.0)
    ap.add_argument("--itinerant-below", type=int, default=200)
    ap.add_argument("--merge-below", type=int, default=500)
    ap.add_argument("--own-clinic-from", type=int, default=800)
    ap.add_argument("--merge-km", type=float, default=3.0)
    ap.add_argument("--near-thc-km", type=float, default=2.0)
    ap.add_argument("--existing-types", default="county_hospital")
    ap.add_argument("--boundary-m", type=float, default=0.001,
                    help="a distance within this of a threshold is a boundary case (default 0.001 m)")
    ap.add_argument("--solver", choices=("both", "enum", "milp"), default="both",
                    help="sub-centre optimum by enumeration, MILP or both (must agree; default both)")
    ap.add_argument("--enum-limit", type=int, default=200_000,
                    help="enumerate K-subsets only up to this many (default 200000)")
    ap.add_argument("--milp-all", action="store_true",
                    help="solve every joint-clinic component by MILP, also those of 1-2 elements")
    ap.add_argument("--show", type=int, default=20)
    try:
        args = ap.parse_args(argv)
        return run(args)
    except (UsageError, OSError, json.JSONDecodeError) as e:
        print(f"verify_plan: {e}", file=sys.stderr)
        return 2
    except SafetyError as e:
        print(f"verify_plan: SAFETY CHECK FAILED: {e}", file=sys.stderr)
        return 2


def check_options(path, summ, args, existing):
    o = summ.get("options", {})
    want = {"radius_km": (summ.get("radius_km"), args.radius_km),
            "min_far_km": (o.get("min_far_km"), args.min_far_km),
            "itinerant_below": (o.get("itinerant_below"), args.itinerant_below),
            "merge_below": (o.get("merge_below"), args.merge_below),
            "own_clinic_from": (o.get("own_clinic_from"), args.own_clinic_from),
            "merge_km": (o.get("merge_km"), args.merge_km),
            "near_thc_km": (o.get("near_thc_km"), args.near_thc_km)}
    bad = [f"{k} {got} (checking with {exp})" for k, (got, exp) in want.items()
           if got is None or float(got) != float(exp)]
    if o.get("candidates", "township_health_centres") != "township_health_centres":
        bad.append(f"candidates {o.get('candidates')!r} (only township health centres are checked)")
    if sorted(o.get("existing_types", ["county_hospital"])) != sorted(existing):
        bad.append(f"existing_types {o.get('existing_types')} (checking with {sorted(existing)})")
    if bad:
        fail(f"{path}: the plan was made with other options: " + ", ".join(bad))
    k = o.get("k")
    if not isinstance(k, int) or not 0 <= k <= 3:
        fail(f"{path}: options.k {k!r} is not 0 (auto) or 1..3")
    return k


def run(args):
    t0 = time.perf_counter()
    bm = args.boundary_m
    existing = sorted({t.strip() for t in args.existing_types.split(",") if t.strip()})
    if not existing or any(t not in TIERS for t in existing):
        fail(f"--existing-types: want some of {', '.join(TIERS)}")
    if not (args.itinerant_below <= args.merge_below <= args.own_clinic_from):
        fail("thresholds must satisfy itinerant-below <= merge-below <= own-clinic-from")
    R = args.radius_km * 1000.0
    FAR = args.min_far_km * 1000.0
    NEAR = args.near_thc_km * 1000.0
    MERGE = args.merge_km * 1000.0

    V, vrej = read_villages(args.villages)
    F, frej = read_facilities(args.facilities)
    plans = []
    for sp, gp in args.plan:
        with open(sp, encoding="utf-8") as f:
            summ = json.load(f)
        plans.append((sp, gp, summ, check_options(sp, summ, args, existing)))
    nv, nf = len(V["ids"]), len(F["ids"])
    pop = V["pop"]
    t_read = time.perf_counter()
    print(f"verify_plan: {nv} villages, {nf} facilities (rejected rows: {len(vrej)} villages, {len(frej)} facilities); "
          f"radius {args.radius_km:g} km, min-far {args.min_far_km:g} km, itinerant <{args.itinerant_below}, "
          f"merge <{args.merge_below}, own clinic >={args.own_clinic_from}, merge {args.merge_km:g} km, "
          f"near THC {args.near_thc_km:g} km, existing cover {','.join(existing)}; boundary {bm:g} m")

    # codes
    county_names = sorted(set(V["county"]))
    ccode = {c: i for i, c in enumerate(county_names)}
    vcounty = np.array([ccode[c] for c in V["county"]], dtype=np.int64)
    tkeys = sorted(set(zip(V["county"], V["town"])))
    tcode = {k: i for i, k in enumerate(tkeys)}
    vtown = np.array([tcode[k] for k in zip(V["county"], V["town"])], dtype=np.int64)
    fcounty = np.array([ccode.get(c, -1) for c in F["county"]], dtype=np.int64)
    vid_index = {v: i for i, v in enumerate(V["ids"])}

    VP = Points(V["lon"], V["lat"])
    is_hosp = F["tier"] == "county_hospital"
    is_thc = F["tier"] == "township_health_centre"
    is_ex = np.isin(F["tier"], existing)
    hosp_idx, thc_idx, ex_idx = np.nonzero(is_hosp)[0], np.nonzero(is_thc)[0], np.nonzero(is_ex)[0]
    HP = Points(F["lon"][hosp_idx], F["lat"][hosp_idx])
    TP = Points(F["lon"][thc_idx], F["lat"][thc_idx])
    EP = Points(F["lon"][ex_idx], F["lat"][ex_idx])

    # ================= 1. sub-centres: the truth ==========================
    ii, _, d = pairs_within(VP, EP, R + bm)
    dex = min_dist(nv, ii, d)
    before = dex <= R
    v_bnd = np.abs(dex - R) <= bm
    ii, _, d = pairs_within(TP, HP, FAR + bm)
    dh = min_dist(len(thc_idx), ii, d)
    thc_cand = (dh >= FAR) & (fcounty[thc_idx] >= 0)
    thc_bnd = (np.abs(dh - FAR) <= bm) & (FAR > 0) & (fcounty[thc_idx] >= 0)
    cand_idx = thc_idx[thc_cand]
    CP = Points(F["lon"][cand_idx], F["lat"][cand_idx])
    ci, vi, d = pairs_within(CP, VP, R + bm)
    same = (fcounty[cand_idx][ci] == vcounty[vi]) & ~before[vi]
    ci, vi, d = ci[same], vi[same], d[same]
    cv_bnd = np.abs(d - R) <= bm
    county_bnd = np.zeros(len(county_names), dtype=bool)
    county_bnd[vcounty[v_bnd]] = True
    county_bnd[fcounty[thc_idx][thc_bnd]] = True
    county_bnd[vcounty[vi[cv_bnd]]] = True
    reach = d <= R
    ci, vi = ci[reach], vi[reach]
    county_pop = np.bincount(vcounty, weights=pop, minlength=len(county_names)).astype(np.int64)
    county_before = np.bincount(vcounty[before], weights=pop[before], minlength=len(county_names)).astype(np.int64)
    county_nthc = np.bincount(fcounty[thc_idx][fcounty[thc_idx] >= 0], minlength=len(county_names))
    cands_of = defaultdict(list)  # county -> candidate positions in cand_idx
    for p, c in enumerate(fcounty[cand_idx]):
        cands_of[int(c)].append(p)
    reach_of = defaultdict(list)  # candidate position -> village indices
    for c, v in zip(ci.tolist(), vi.tolist()):
        reach_of[c].append(v)
    fid_pos = {F["ids"][f]: p for p, f in enumerate(cand_idx)}

    def county_problem(c):
        cs = cands_of.get(c, [])
        vs = sorted({v for p in cs for v in reach_of.get(p, [])})
        pos = {v: j for j, v in enumerate(vs)}
        cover = np.zeros((len(cs), len(vs)), dtype=bool)
        for r, p in enumerate(cs):
            for v in reach_of.get(p, []):
                cover[r, pos[v]] = True
        return cs, vs, cover, pop[vs] if vs else np.zeros(0, dtype=np.int64)

    opt_cache = {}
    solver_stats = {"enum": 0, "milp": 0, "agree": 0}

    def optimum(c, k):
        key = (c, k)
        if key not in opt_cache:
            cs, vs, cover, w = county_problem(c)
            k = min(k, len(cs))
            vals = []
            if args.solver in ("both", "enum") and math.comb(len(cs), max(k, 0)) <= args.enum_limit:
                vals.append(maxcover_enum(cover, w, k))
                solver_stats["enum"] += 1
            if args.solver in ("both", "milp") or not vals:
                vals.append(maxcover_milp(cover, w, k))
                solver_stats["milp"] += 1
            if len(set(vals)) != 1:
                raise SafetyError(f"county {county_names[c]} K={k}: enumeration {vals[0]} vs MILP {vals[1]}")
            if len(vals) == 2:
                solver_stats["agree"] += 1
            opt_cache[key] = vals[0]
        return opt_cache[key]

    t_sc = time.perf_counter()
    print(f"  sub-centres: county-level care today (true) {int(before.sum())} villages / {int(county_before.sum())} people; "
          f"candidates {len(cand_idx)} of {int(county_nthc.sum())} township health centres; "
          f"boundary: {int(v_bnd.sum())} village-cover, {int(thc_bnd.sum())} min-far, {int(cv_bnd.sum())} "
          f"candidate-village distances ({int(county_bnd.sum())} counties)")

    # ================= 2. clinics: the truth ==============================
    ii, _, d = pairs_within(VP, TP, NEAR + bm)
    dthc = min_dist(nv, ii, d)
    near = dthc <= NEAR
    near_bnd = (np.abs(dthc - NEAR) <= bm) & (pop < args.own_clinic_from)
    cls = np.full(nv, "own_clinic", dtype=object)
    required = pop >= args.own_clinic_from
    rest = ~required
    cls[rest & near] = "township_centre"
    rest &= ~near
    cls[rest & (pop < args.itinerant_below)] = "itinerant"
    cls[rest & (pop >= args.itinerant_below) & (pop < args.merge_below)] = "eligible"
    elig = cls == "eligible"

    pi, pj, pd = self_pairs_within(VP, MERGE + bm)
    st = vtown[pi] == vtown[pj]
    pi, pj, pd = pi[st], pj[st], pd[st]
    town_bnd = np.zeros(len(tkeys), dtype=bool)
    town_bnd[vtown[near_bnd]] = True
    town_bnd[vtown[pi[np.abs(pd - MERGE) <= bm]]] = True
    ok = pd <= MERGE
    pi, pj, pd = pi[ok], pj[ok], pd[ok]
    has_nb = np.zeros(nv, dtype=bool)
    has_nb[pi] = True
    has_nb[pj] = True
    single = elig & ~has_nb
    elem = elig & has_nb
    # neighbour distance lookup (both directions)
    nb = defaultdict(dict)
    for a, b, dd in zip(pi.tolist(), pj.tolist(), pd.tolist()):
        nb[a][b] = dd
        nb[b][a] = dd
    # element-host incidence: (element e, host h) with h == e or d <= MERGE
    e_list = np.nonzero(elem)[0]
    ie = np.concatenate([e_list, pi[elem[pi]], pj[elem[pj]]])
    ih = np.concatenate([e_list, pj[elem[pi]], pi[elem[pj]]])
    g = coo_matrix((np.ones(len(ie)), (ie, ih)), shape=(nv, nv))
    ncomp, lab = connected_components(g, directed=False)
    comp_e = lab[ie]
    order = np.argsort(comp_e, kind="stable")
    ie, ih, comp_e = ie[order], ih[order], comp_e[order]
    bounds_ = np.flatnonzero(np.diff(comp_e)) + 1
    starts = np.concatenate([[0], bounds_])
    ends = np.concatenate([bounds_, [len(comp_e)]])
    town_min = np.zeros(len(tkeys), dtype=np.int64)
    n_comp = n_comp_milp = 0
    for s, e in zip(starts, ends):
        ce, ch = ie[s:e], ih[s:e]
        ue = np.unique(ce)
        uh, hpos = np.unique(ch, return_inverse=True)
        epos = np.searchsorted(ue, ce)
        n_comp += 1
        if len(ue) <= 2 and not args.milp_all:
            k = 1
        else:
            k = setcover_milp((epos, hpos), len(ue), len(uh))
            n_comp_milp += 1
        town_min[vtown[ue[0]]] += k
    towns_with_elems = np.unique(vtown[e_list])
    t_cl = time.perf_counter()
    print(f"  clinics: {len(tkeys)} townships; classes (true): own_clinic {int((cls == 'own_clinic').sum())}, "
          f"township_centre {int((cls == 'township_centre').sum())}, itinerant {int((cls == 'itinerant').sum())}, "
          f"eligible {int(elig.sum())} (single {int(single.sum())}); {len(pi)} same-township pairs within merge-km; "
          f"{n_comp} cover components in {len(towns_with_elems)} townships ({n_comp_milp} by MILP); "
          f"minimum hosts total {int(town_min.sum())}; boundary townships {int(town_bnd.sum())}")

    # ================= compare each plan ==================================
    total_mism = 0
    for sp, gp, summ, kreq in plans:
        tp0 = time.perf_counter()
        PV = read_plan_villages(gp)
        mism = defaultdict(list)
        bnd = defaultdict(list)

        def report(cat, is_bnd, item):
            (bnd if is_bnd else mism)[cat].append(item)

        # --- sub-centres per county
        sc = {c.get("county"): c for c in summ.get("counties", [])}
        for name in sc:
            if name not in ccode:
                mism["summary county not in the villages"].append(name)
        n_checked = n_cands = n_capped = n_gain = true_after = 0
        chosen_cover = np.zeros(nv, dtype=bool)
        for c, name in enumerate(county_names):
            s = sc.get(name)
            if s is None:
                mism["county missing from summary"].append(name)
                continue
            n_checked += 1
            b = bool(county_bnd[c])
            cs = cands_of.get(c, [])
            n_cands += bool(cs)
            k = kreq if kreq > 0 else int(s.get("k", 0))
            keff = min(k, len(cs))
            n_capped += keff < k
            opt = optimum(c, keff)
            n_gain += opt > 0
            true_after += int(county_before[c]) + opt
            got_b, got_a = s.get("county_care_today_population"), s.get("county_care_after_population")
            if s.get("population") != int(county_pop[c]):
                report("county population", b, f"{name}: {s.get('population')} vs {county_pop[c]}")
            if got_b != int(county_before[c]):
                report("county_care_today_population", b, f"{name}: {got_b} vs true {county_before[c]}")
            if got_a != int(county_before[c]) + opt:
                report(f"county_care_after_population != before + optimum (K={keff})", b,
                       f"{name}: {got_a} vs {county_before[c]}+{opt}={county_before[c] + opt}")
            if s.get("candidates") != len(cs) or s.get("too_close") != int(county_nthc[c]) - len(cs):
                report("candidates / too_close", b,
                       f"{name}: {s.get('candidates')}/{s.get('too_close')} vs {len(cs)}/{int(county_nthc[c]) - len(cs)}")
            ids = s.get("subcentres") or []
            kexp = keff if opt > 0 else 0
            if s.get("k") != len(ids) or (kreq > 0 and len(ids) != kexp):
                report("k / number of sub-centres", b, f"{name}: k {s.get('k')}, {len(ids)} ids, expected {kexp}")
            bad_ids = [i for i in ids if i not in fid_pos or int(fcounty[cand_idx[fid_pos[i]]]) != c]
            if bad_ids or len(set(ids)) != len(ids):
                report("sub-centre not a candidate of its county / repeated", b, f"{name}: {','.join(ids)}")
            else:
                cov = set()
                for i in ids:
                    cov.update(reach_of.get(fid_pos[i], []))
                cov = np.array(sorted(cov), dtype=np.int64)
                chosen_cover[cov] = True
                gain = int(pop[cov].sum())
                if isinstance(got_a, int) and isinstance(got_b, int) and gain != got_a - got_b:
                    report("listed sub-centres do not cover after - before", b,
                           f"{name}: {','.join(ids)} cover {gain}, summary gain {got_a - got_b}")
        # per village
        n_vb = n_va = 0
        missing = []
        for i, vid in enumerate(V["ids"]):
            r = PV.get(vid)
            if r is None:
                missing.append(vid)
                continue
            cb, ca = r[0], r[1]
            b = bool(v_bnd[i]) or bool(county_bnd[vcounty[i]])
            if cb != bool(before[i]):
                n_vb += 1
                report("village county_care_today", b, f"{vid}: {cb} (true d {dex[i]:.4f} m)")
            if ca != bool(before[i] or chosen_cover[i]):
                n_va += 1
                report("village county_care_after", b, f"{vid}: {ca} vs {bool(before[i] or chosen_cover[i])}")
        if missing:
            mism["villages missing from the GeoJSON"] = missing

        # --- clinics per township
        tp_exact = {(t.get("county"), t.get("township")): t.get("exact", True) for t in summ.get("townships", [])}
        hosts_cnt = np.zeros(len(tkeys), dtype=np.int64)
        is_host = np.zeros(nv, dtype=bool)
        for i, vid in enumerate(V["ids"]):
            r = PV.get(vid)
            if r is not None and r[5] is True:
                hosts_cnt[vtown[i]] += 1
                is_host[i] = True
        members_of = defaultdict(int)
        for i, vid in enumerate(V["ids"]):
            r = PV.get(vid)
            if r is None:
                continue
            _, _, svc, req, host, hosts = r
            tb = bool(town_bnd[vtown[i]])
            want = cls[i]
            got = "eligible" if svc in ELIGIBLE_SERVICES else svc
            if got != want:
                report("service class", tb or bool(near_bnd[i]),
                       f"{vid} pop {pop[i]} THC {dthc[i]:.1f} m: {svc} vs {want}")
                continue
            if req != bool(required[i]):
                report("required_clinic", tb, f"{vid}: {req} vs {bool(required[i])}")
            if want != "eligible":
                if hosts is True and host != vid or hosts is not True and host is not None:
                    report("host_id of a non-eligible village", tb, f"{vid}: {svc} host {host} hosts {hosts}")
                continue
            if single[i]:
                if svc != "single" or hosts or host is not None:
                    report("single", tb, f"{vid}: {svc} (no other village of its township within merge-km)")
                continue
            if svc == "single":
                report("single", tb, f"{vid}: single but {len(nb[i])} village(s) of its township within merge-km")
                continue
            if svc == "joint_host":
                if hosts is not True or host != vid:
                    report("joint_host", tb, f"{vid}: host {host} hosts {hosts}")
                continue
            # joint_member
            if hosts is True:
                report("joint_member marked as host", tb, vid)
                continue
            h = vid_index.get(host) if host is not None else None
            if h is None or not is_host[h] or vtown[h] != vtown[i] or h not in nb[i]:
                report("member's host not a host of its township within merge-km", tb, f"{vid} -> {host}")
                continue
            members_of[h] += 1
            dn = min((dd for j, dd in nb[i].items() if is_host[j]), default=math.inf)
            if nb[i][h] > dn + bm:
                report("member not assigned to its nearest host", tb,
                       f"{vid} -> {host} at {nb[i][h]:.3f} m, a host at {dn:.3f} m")
        for i in np.nonzero(is_host & ~elig)[0]:
            if members_of.get(int(i), 0) == 0:
                report("non-eligible host serving nobody", bool(town_bnd[vtown[i]]), V["ids"][i])
        n_t_elem = 0
        for t in range(len(tkeys)):
            if town_min[t] or hosts_cnt[t]:
                n_t_elem += 1
            if hosts_cnt[t] != town_min[t]:
                ex = "" if tp_exact.get(tkeys[t], True) else " (catchment: not exact)"
                report("joint-clinic hosts != minimum", bool(town_bnd[t]),
                       f"{tkeys[t][0]}/{tkeys[t][1]}: {hosts_cnt[t]} vs {town_min[t]}{ex}")
        not_exact = sum(1 for v in tp_exact.values() if not v)

        nm = sum(len(v) for v in mism.values())
        total_mism += nm
        kl = f"K={kreq}" if kreq else "K=auto"
        print(f"\n  plan {sp} + {gp} ({kl}):")
        print(f"    sub-centres: {n_checked} counties checked ({n_cands} with candidates, {n_capped} with fewer "
              f"candidates than K, {n_gain} with a positive optimum); totals: catchment after "
              f"{summ.get('total', {}).get('county_care_after_population')} vs before+optimum {true_after}; "
              f"villages checked {nv - len(missing)} (county_care_today wrong {n_vb}, county_care_after wrong {n_va})")
        print(f"    clinics: {len(tkeys)} townships checked, {n_t_elem} with joint clinics; hosts catchment "
              f"{int(hosts_cnt.sum())} vs minimum {int(town_min.sum())}; townships catchment flags not exact: {not_exact}")
        nb_ = sum(len(v) for v in bnd.values())
        print(f"    boundary cases (within {bm:g} m of a threshold) disagreeing: {nb_}")
        for cat, items in bnd.items():
            show(f"[boundary] {cat}", items, args.show)
        print(f"    mismatches: {nm}")
        for cat, items in mism.items():
            show(cat, items, args.show)
        print(f"    time {time.perf_counter() - tp0:.1f} s")

    t_end = time.perf_counter()
    print(f"\n  solvers: sub-centre optima computed {len(opt_cache)} (enumeration {solver_stats['enum']}, "
          f"MILP {solver_stats['milp']}, both and equal {solver_stats['agree']}); joint-clinic components "
          f"{n_comp} ({n_comp_milp} MILP)")
    print(f"  geodesics measured: {STATS['pairs_measured']}; chord bound slack min "
          f"{-STATS['bound_violation']:.3e} m (must be >= 0)")
    print(f"  time: {t_end - t0:.1f} s (read {t_read - t0:.1f}, sub-centre truth {t_sc - t_read:.1f}, "
          f"clinic truth {t_cl - t_sc:.1f}, compare+solve {t_end - t_cl:.1f})")
    print("  RESULT: " + ("OK, identical" if total_mism == 0 else "MISMATCH"))
    return 1 if total_mism else 0


if __name__ == "__main__":
    sys.exit(main())
