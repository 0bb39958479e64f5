"""Independent point-in-polygon reference for package boundary's tests.

usage: pip_reference.py COUNTIES.geojson POINTS.csv  (points: lon,lat per line)

For every point prints one line with three fields separated by tabs, each a
space-separated list of 0-based feature indices containing the point:
  1. matplotlib Path.contains_point on each polygon (all rings in one
     compound path: the even-odd crossing rule), any polygon of a feature;
  2. shapely: Polygon.contains for valid features, make_valid(geom).contains
     for invalid ones;
  3. the winding number of the point about each feature's rings, for the
     features where fields 1 and 2 disagree ("idx:winding").
"""
import json
import sys

import numpy as np
from matplotlib.path import Path
from shapely.geometry import Point, shape
from shapely.validation import make_valid
from shapely.prepared import prep


def paths(geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    for poly in polys:
        verts, codes = [], []
        for ring in poly:
            ring = [tuple(p) for p in ring]
            if ring[0] != ring[-1]:
                ring.append(ring[0])
            verts += ring
            codes += [Path.MOVETO] + [Path.LINETO] * (len(ring) - 2) + [Path.CLOSEPOLY]
        out.append(Path(np.array(verts), codes))
    return out


def winding(geom, x, y):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    w = 0
    for poly in polys:
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                cross = (x2 - x1) * (y - y1) - (x - x1) * (y2 - y1)
                if y1 <= y < y2 and cross > 0:
                    w += 1
                elif y2 <= y < y1 and cross < 0:
                    w -= 1
    return w


def main():
    feats = json.load(open(sys.argv[1]))["features"]
    pts = np.loadtxt(sys.argv[2], delimiter=",", ndmin=2)
    mpl = [[] for _ in pts]
    shp = [[] for _ in pts]
    for i, f in enumerate(feats):
        inside = np.zeros(len(pts), dtype=bool)
        for p in paths(f["geometry"]):
            inside |= p.contains_points(pts, radius=0.0)
        g = shape(f["geometry"])
        if not g.is_valid:
            g = make_valid(g)
        pg = prep(g)
        x0, y0, x1, y1 = g.bounds
        near = (pts[:, 0] >= x0) & (pts[:, 0] <= x1) & (pts[:, 1] >= y0) & (pts[:, 1] <= y1)
        for k in np.nonzero(inside | near)[0]:
            if inside[k]:
                mpl[k].append(i)
            if pg.contains(Point(pts[k, 0], pts[k, 1])):
                shp[k].append(i)
    for k, (x, y) in enumerate(pts):
        diff = sorted(set(mpl[k]) ^ set(shp[k]))
        wind = ["%d:%d" % (i, winding(feats[i]["geometry"], x, y)) for i in diff]
        print(" ".join(map(str, mpl[k])), " ".join(map(str, shp[k])), " ".join(wind), sep="\t")


main()
