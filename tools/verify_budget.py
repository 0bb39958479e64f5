#!/usr/bin/python3
"""Independent check of catchment's city-wide sub-centre budget (policy R5).

Reads one instance, or a list of them, as JSON (written by planner's TestAllocateSubcentresMILP):

    {"radius_m": 15000, "total": 6,
     "villages":   [{"county": "C0", "population": 300, "lon": .., "lat": ..}],
     "hospitals":  [{"lon": .., "lat": ..}],          # existing cover, any county
     "candidates": [{"county": "C0", "lon": .., "lat": ..}],
     "bounds": {"C0": [min, max], ...}}              # every county with villages

and solves the whole problem as one mixed-integer programme with scipy's
milp (HiGHS), site by site, without per-county optimal gains:

    maximise   sum_i pop_i * y_i          over villages not covered today
    subject to y_i <= sum_{j in county(i), d(i,j) <= r} x_j
               lo_c <= sum_{j in c} x_j <= hi_c   hi_c = min(max_c, #candidates of c),
                                                  lo_c = min(min_c, hi_c)
               sum_j x_j <= total,   x binary, 0 <= y <= 1

then, with the gain fixed at its optimum, minimises the number of sites.
Distances are great-circle (haversine, mean Earth radius); the test draws
instances with no village within 1 % of the radius of any facility, so the
sphere and the ellipsoid agree on every cover. Prints JSON:
{"feasible": bool, "gain": int, "sites": int, "per_county_gain": {c: [g_0..g_hi]}}
(a list of them for a list of instances), where per_county_gain is each county's best gain for every k, by MILP too.
Needs python3-numpy and python3-scipy (Debian).
"""

import json
import math
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

EARTH_M = 6371008.8


def haversine_m(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (a["lon"], a["lat"], b["lon"], b["lat"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_M * math.asin(min(1.0, math.sqrt(h)))


def build(inst):
    r = inst["radius_m"]
    unc = [v for v in inst["villages"] if not any(haversine_m(v, h) <= r for h in inst["hospitals"])]
    cands = [c for c in inst["candidates"] if c["county"] in inst["bounds"]]
    reach = [[j for j, c in enumerate(cands) if c["county"] == v["county"] and haversine_m(v, c) <= r] for v in unc]
    return unc, cands, reach


def solve(unc, cands, reach, county_bounds, total, fix_gain=None):
    """MILP over x (sites) then y (villages); county_bounds: {c: (lo, hi)}."""
    n, m = len(cands), len(unc)
    pop = np.array([v["population"] for v in unc], dtype=float)
    rows, lb, ub = [], [], []
    for i, js in enumerate(reach):  # y_i - sum x_j <= 0
        row = np.zeros(n + m)
        row[n + i] = 1
        for j in js:
            row[j] = -1
        rows.append(row), lb.append(-np.inf), ub.append(0)
    for c, (lo, hi) in county_bounds.items():
        row = np.zeros(n + m)
        for j, cd in enumerate(cands):
            if cd["county"] == c:
                row[j] = 1
        rows.append(row), lb.append(lo), ub.append(hi)
    row = np.zeros(n + m)
    row[:n] = 1
    rows.append(row), lb.append(-np.inf), ub.append(total)
    if fix_gain is not None:
        row = np.zeros(n + m)
        row[n:] = pop
        rows.append(row), lb.append(fix_gain - 0.5), ub.append(np.inf)
        cost = np.concatenate([np.ones(n), np.zeros(m)])
    else:
        cost = np.concatenate([np.zeros(n), -pop])
    if n + m == 0:
        return True, 0, 0
    res = milp(cost, constraints=LinearConstraint(np.array(rows), lb, ub),
               integrality=np.concatenate([np.ones(n), np.zeros(m)]), bounds=Bounds(0, 1))
    if res.status != 0:
        return False, 0, 0
    x = np.round(res.x[:n])
    gain = int(round(float(pop @ np.round(res.x[n:])))) if m else 0
    return True, gain, int(x.sum())


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if isinstance(doc, list):
        json.dump([check(inst) for inst in doc], sys.stdout)
    else:
        json.dump(check(doc), sys.stdout)


def check(inst):
    unc, cands, reach = build(inst)
    ncand = {c: sum(1 for cd in cands if cd["county"] == c) for c in inst["bounds"]}
    cb = {}
    for c, (lo, hi) in inst["bounds"].items():
        h = min(hi, ncand[c])
        cb[c] = (min(lo, h), h)
    ok, gain, _ = solve(unc, cands, reach, cb, inst["total"])
    out = {"feasible": ok}
    if ok:
        ok2, _, sites = solve(unc, cands, reach, cb, inst["total"], fix_gain=gain)
        assert ok2
        # y may be fractional where it does not matter; recompute the gain of
        # the minimal-site solution's value as the optimum itself.
        out.update(gain=gain, sites=sites)
    per = {}
    for c, (_, h) in cb.items():
        gains = []
        for k in range(h + 1):
            only = {d: ((k, k) if d == c else (0, 0)) for d in cb}
            _, g, _ = solve(unc, cands, reach, only, k)
            gains.append(g)
        per[c] = gains
    out["per_county_gain"] = per
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: verify_budget.py INSTANCE.json")
    main(sys.argv[1])
