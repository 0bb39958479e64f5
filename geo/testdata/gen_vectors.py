#!/usr/bin/python3
"""Generate WGS84 geodesic test vectors for package geo from pyproj.

Reference values come from pyproj.Geod(ellps="WGS84") (PROJ's geod_inverse /
geod_direct, Karney's algorithm). Run with Debian's python3-pyproj:

    /usr/bin/python3 geo/testdata/gen_vectors.py

It writes, next to this script,

  inverse.csv  group,lon1,lat1,lon2,lat2,s12,azi1,azi2
  direct.csv   group,lon1,lat1,azi1,s12,lon2,lat2,azi2

Angles are degrees, distances metres. azi2 is the *forward* azimuth at point 2
(pyproj returns the back azimuth; we add 180 degrees). Floats are written with
repr() so Go's strconv.ParseFloat recovers them bit for bit. The random seed is
fixed so the files are reproducible for a given PROJ version.
"""

import csv
import math
import os
import random

import pyproj

SEED = 20240601
g = pyproj.Geod(ellps="WGS84")
rng = random.Random(SEED)
HERE = os.path.dirname(os.path.abspath(__file__))


def fwd_azi(back):
    """Forward azimuth at point 2 from pyproj's back azimuth, in (-180, 180]."""
    a = back + 180.0 if back <= 0 else back - 180.0
    return a


def uniform_lat():
    """Latitude of a point uniform on the sphere."""
    return math.degrees(math.asin(rng.uniform(-1.0, 1.0)))


def rand_lon():
    return rng.uniform(-180.0, 180.0)


def rand_dist(max_m):
    """Mixture: half uniform in [0, max], half log-uniform in [1 mm, max]."""
    if rng.random() < 0.5:
        return rng.uniform(0.0, max_m)
    return math.exp(rng.uniform(math.log(1e-3), math.log(max_m)))


inv_rows = []


def add_inv(group, lon1, lat1, lon2, lat2):
    az12, az21, s12 = g.inv(lon1, lat1, lon2, lat2)
    inv_rows.append((group, lon1, lat1, lon2, lat2, s12, az12, fwd_azi(az21)))


def add_pair_from(group, lon1, lat1, azi, dist):
    lon2, lat2, _ = g.fwd(lon1, lat1, azi, dist)
    add_inv(group, lon1, lat1, lon2, lat2)


# 1. Uniform over the globe, 0-2,000 km.
for _ in range(1200):
    add_pair_from("global", rand_lon(), uniform_lat(), rng.uniform(-180, 180), rand_dist(2.0e6))

# 2. China-like extent, the hot path: 0-50 km and 0-2,000 km.
for _ in range(300):
    add_pair_from("china", rng.uniform(73, 135), rng.uniform(18, 53), rng.uniform(-180, 180), rand_dist(5.0e4))
for _ in range(100):
    add_pair_from("china", rng.uniform(73, 135), rng.uniform(18, 53), rng.uniform(-180, 180), rand_dist(2.0e6))

# 3. Very short lines: 1 micrometre to 100 m.
for _ in range(100):
    d = math.exp(rng.uniform(math.log(1e-6), math.log(100.0)))
    add_pair_from("short", rand_lon(), uniform_lat(), rng.uniform(-180, 180), d)

# 4. High latitudes (|lat| in [80, 90]), including lines over the pole.
for _ in range(200):
    lat = rng.uniform(80, 90) * rng.choice((-1, 1))
    add_pair_from("polar", rand_lon(), lat, rng.uniform(-180, 180), rand_dist(2.0e6))
for _ in range(30):
    # Exactly at a pole.
    add_pair_from("pole", rand_lon(), rng.choice((-90.0, 90.0)), rng.uniform(-180, 180), rand_dist(2.0e6))
for _ in range(10):
    add_inv("pole", rand_lon(), 90.0, rand_lon(), 90.0)
    add_inv("pole", rand_lon(), -90.0, rand_lon(), rng.uniform(-90, -70))

# 5. Antimeridian crossings.
for _ in range(200):
    lon = rng.uniform(178.0, 180.0) * rng.choice((-1, 1))
    azi = rng.uniform(20, 160) * (1 if lon > 0 else -1)  # head across +-180
    add_pair_from("antimeridian", lon, uniform_lat() * 0.9, azi, rand_dist(5.0e5))
for _ in range(20):
    lat = rng.uniform(-60, 60)
    add_inv("antimeridian", 180.0, lat, -180.0 + rng.uniform(0, 0.5), lat + rng.uniform(-0.5, 0.5))
    add_inv("antimeridian", -180.0, lat, 180.0, lat)

# 6. Equatorial lines (both latitudes exactly 0), short and long.
for _ in range(80):
    lon1 = rand_lon()
    add_inv("equator", lon1, 0.0, lon1 + rng.uniform(-18, 18), 0.0)
for _ in range(20):
    lon1 = rand_lon()
    add_inv("equator", lon1, 0.0, lon1 + rng.uniform(170, 180), 0.0)
for _ in range(40):
    add_pair_from("equator", rand_lon(), 0.0, rng.uniform(-180, 180), rand_dist(2.0e6))

# 7. Meridional lines (equal longitudes, or longitudes 180 apart).
for _ in range(80):
    lon = rand_lon()
    add_inv("meridian", lon, uniform_lat(), lon, uniform_lat())
for _ in range(20):
    lon = rand_lon()
    lon2 = lon - 180.0 if lon > 0 else lon + 180.0
    add_inv("meridian", lon, rng.uniform(60, 90), lon2, rng.uniform(60, 90))

# 8. Coincident points.
for _ in range(40):
    lon, lat = rand_lon(), uniform_lat()
    add_inv("coincident", lon, lat, lon, lat)
add_inv("coincident", 0.0, 0.0, 0.0, 0.0)
add_inv("coincident", 180.0, 10.0, -180.0, 10.0)
add_inv("coincident", 33.0, 90.0, -120.0, 90.0)

# 9. Long lines, any distance.
for _ in range(200):
    add_inv("long", rand_lon(), uniform_lat(), rand_lon(), uniform_lat())

# 10. Nearly antipodal: antipode perturbed by 1e-9 to 2 degrees.
for _ in range(200):
    lon1, lat1 = rand_lon(), uniform_lat()
    alon, alat = lon1 + 180.0, -lat1
    dlat = math.exp(rng.uniform(math.log(1e-9), math.log(2.0))) * rng.choice((-1, 1))
    dlon = math.exp(rng.uniform(math.log(1e-9), math.log(2.0))) * rng.choice((-1, 1))
    alat = max(-90.0, min(90.0, alat + dlat))
    add_inv("antipodal", lon1, lat1, alon + dlon, alat)
for _ in range(30):
    # Nearly antipodal on the equator (the hardest case for Newton's method).
    lon1 = rand_lon()
    add_inv("antipodal", lon1, 0.0, lon1 + 180 - math.exp(rng.uniform(math.log(1e-6), math.log(1.0))),
            rng.uniform(-1e-3, 1e-3))

dir_rows = []


def add_dir(group, lon1, lat1, azi1, s12):
    lon2, lat2, back = g.fwd(lon1, lat1, azi1, s12)
    dir_rows.append((group, lon1, lat1, azi1, s12, lon2, lat2, fwd_azi(back)))


for _ in range(400):
    add_dir("global", rand_lon(), uniform_lat(), rng.uniform(-180, 180), rand_dist(2.0e6))
for _ in range(100):
    add_dir("china", rng.uniform(73, 135), rng.uniform(18, 53), rng.uniform(-180, 180), rand_dist(5.0e4))
for _ in range(60):
    add_dir("polar", rand_lon(), rng.uniform(80, 90) * rng.choice((-1, 1)), rng.uniform(-180, 180), rand_dist(2.0e6))
for _ in range(40):
    lon = rng.uniform(178.0, 180.0) * rng.choice((-1, 1))
    add_dir("antimeridian", lon, uniform_lat() * 0.9, rng.uniform(20, 160) * (1 if lon > 0 else -1), rand_dist(5.0e5))
for _ in range(100):
    add_dir("long", rand_lon(), uniform_lat(), rng.uniform(-180, 180), rng.uniform(2.0e6, 2.0e7))
for az in (0.0, 90.0, 180.0, -90.0):
    add_dir("axis", rand_lon(), 0.0, az, rand_dist(2.0e6))
    add_dir("axis", rand_lon(), uniform_lat(), az, rand_dist(2.0e6))


def write(name, header, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[0]] + [repr(float(x)) for x in r[1:]])
    print(f"wrote {len(rows)} rows to {path}")


write("inverse.csv", ["group", "lon1", "lat1", "lon2", "lat2", "s12", "azi1", "azi2"], inv_rows)
write("direct.csv", ["group", "lon1", "lat1", "azi1", "s12", "lon2", "lat2", "azi2"], dir_rows)
print("pyproj", pyproj.__version__, "PROJ", pyproj.proj_version_str)
