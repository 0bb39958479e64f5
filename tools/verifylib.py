"""Shared pieces of catchment's independent checkers (verify_coverage.py,
verify_plan.py): CSV input in catchment's format, coordinate rules, WGS84
geodesics from pyproj and the chord lower bound. Run with Debian's
/usr/bin/python3 (python3-pyproj, python3-numpy, python3-scipy).
"""

import csv
import math

import numpy as np
from pyproj import Geod

GEOD = Geod(ellps="WGS84")
A = GEOD.a
ES = GEOD.es  # first eccentricity squared
M_MIN = A * (1.0 - ES)  # 6335439.327 m: smallest radius of curvature on WGS84
CHORD_SLACK_M = 1e-6  # allowance for float error in chords (~1e-9 m real)

# China's extent, as catchment's reader uses it to catch swapped coordinates.
CHINA_LON = (73.0, 135.1)
CHINA_LAT = (18.0, 53.6)

# Facility type values catchment accepts, with the Chinese ones, to tiers.
FACILITY_TYPES = {
    "county_hospital": "county_hospital",
    "县医院": "county_hospital",
    "县级医院": "county_hospital",
    "县人民医院": "county_hospital",
    "township_health_centre": "township_health_centre",
    "township_health_center": "township_health_centre",
    "乡镇卫生院": "township_health_centre",
    "中心卫生院": "township_health_centre",
    "卫生院": "township_health_centre",
    "village_clinic": "village_clinic",
    "村卫生室": "village_clinic",
    "卫生室": "village_clinic",
}


class UsageError(Exception):
    pass


def fail(msg):
    raise UsageError(msg)


def open_csv(path):
    """Open a UTF-8 CSV (BOM or not): file, reader, header, {lower name: index}."""
    f = open(path, newline="", encoding="utf-8-sig")
    r = csv.reader(f)
    try:
        header = next(r)
    except StopIteration:
        fail(f"{path}: empty file")
    cols = {h.strip().lower(): i for i, h in enumerate(header)}
    return f, r, header, cols


def need(cols, path, names):
    missing = [n for n in names if n not in cols]
    if missing:
        fail(f"{path}: missing column(s) {', '.join(missing)}")
    return [cols[n] for n in names]


def in_china(lon, lat):
    return CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1]


def parse_lonlat(slon, slat):
    """Return (lon, lat) or a reason string, as catchment's reader decides."""
    slon, slat = slon.strip(), slat.strip()
    if slon == "" or slat == "":
        return "missing coordinate"
    try:
        lon, lat = float(slon), float(slat)
    except ValueError:
        return "coordinate is not a number"
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "coordinate is not finite"
    if not (-90 <= lat <= 90) and -90 <= lon <= 90 and -180 <= lat <= 180:
        return "latitude and longitude appear swapped"
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return "coordinate out of range"
    if lon == 0 and lat == 0:
        return "coordinates are (0, 0)"
    if not in_china(lon, lat) and in_china(lat, lon):
        return "longitude and latitude appear swapped (outside China, inside when swapped)"
    return lon, lat


def unit_vectors(lon, lat):
    lo, la = np.radians(lon), np.radians(lat)
    c = np.cos(la)
    return np.column_stack((c * np.cos(lo), c * np.sin(lo), np.sin(la)))


def geodesic(lon1, lat1, lon2, lat2, chunk=2_000_000):
    """WGS84 geodesic distances in metres, elementwise."""
    n = len(lon1)
    out = np.empty(n, dtype=np.float64)
    for s in range(0, n, chunk):
        e = min(n, s + chunk)
        _, _, d = GEOD.inv(lon1[s:e], lat1[s:e], lon2[s:e], lat2[s:e])
        out[s:e] = d
    return out


def show(label, items, n, sep=", "):
    items = list(items)
    more = f" ... (+{len(items) - n} more)" if len(items) > n else ""
    print(f"    {label}: {sep.join(map(str, items[:n]))}{more}")
