// PointCloud draws many points as one layer of Leaflet's canvas renderer
// (L.canvas): a few batched canvas paths instead of one Leaflet object per
// point. With L.circleMarker, 275,000 villages took 2.6 s to add and 1.2 s
// to redraw on each zoom in headless Chromium; as one PointCloud the whole
// plan redraws in about 0.25 s and uses far less memory. It plugs into
// L.Canvas like a Path, so the renderer's zoom animation, redraws and
// click dispatch apply; hit() is the point under the last click.
//
// points: [{lat, lon, group, radius (px)}]; options.groups: the style of
// each group ({fill, fillOpacity, stroke, weight, shape: circle, square,
// triangle, star, plus or ring (see symbols.js)}); at most 256 groups.
// options.order, when given, is the drawing order (point indices, later on
// top) whatever the group; without it the groups are drawn in turn (later
// groups on top). options.label(i), when given, is text drawn to the right
// of point i (options.labelStyle: {color, halo, font, gap (px)}).
import { strokeOnly, tracePath } from './symbols.js';

export const PointCloud = L.Path.extend({
  // strokeMinZoom: outlines are drawn from this zoom on; below it they
  // would turn dense areas white. sizeAt(zoom) scales the radii.
  options: { interactive: true, stroke: true, weight: 0.6, strokeMinZoom: 8, sizeAt: null, order: null, label: null, labelStyle: null, labelMinZoom: 0 },

  initialize(points, options) {
    L.setOptions(this, options);
    const n = points.length;
    const crs = L.CRS.EPSG3857;
    this._n = n;
    this._x0 = new Float64Array(n); // projected at zoom 0
    this._y0 = new Float64Array(n);
    this._x = new Float32Array(n); // layer pixels at the current zoom
    this._y = new Float32Array(n);
    this._r = new Float32Array(n);
    this._g = new Uint8Array(n);
    this._latlngs = new Array(n);
    this._bounds = L.latLngBounds([]);
    for (let i = 0; i < n; i++) {
      const p = points[i];
      const ll = L.latLng(p.lat, p.lon);
      const xy = crs.latLngToPoint(ll, 0);
      this._x0[i] = xy.x;
      this._y0[i] = xy.y;
      this._r[i] = p.radius;
      this._g[i] = p.group;
      this._latlngs[i] = ll;
      this._bounds.extend(ll);
    }
    this._hit = -1;
    this._index();
    // Points sorted by x, for hit tests: only a slab of the map is
    // scanned (mouse moves test every few milliseconds).
    this._byX = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => this._x0[a] - this._x0[b]);
    this._maxR = this._r.reduce((a, b) => Math.max(a, b), 0);
  },

  getBounds() { return this._bounds; },
  latLngOf(i) { return this._latlngs[i]; }, // not getLatLng: Leaflet reads that for event positions
  hit() { return this._hit; },
  group(i) { return this._g[i]; },

  // setGroups recolours the points: group(i) is the new group of point i.
  setGroups(group, groups) {
    for (let i = 0; i < this._n; i++) this._g[i] = group(i);
    if (groups) this.options.groups = groups;
    this._index();
    if (this._renderer) this.redraw();
  },

  // _index splits the drawing order into runs of one group: each run is
  // one canvas path, filled and stroked once.
  _index() {
    let order = this.options.order;
    if (!order) {
      const by = this.options.groups.map(() => []);
      for (let i = 0; i < this._n; i++) by[this._g[i]].push(i);
      order = Int32Array.from(by.flat());
    }
    this._drawOrder = order;
    const runs = [];
    for (let k = 0; k < order.length; k++) {
      const g = this._g[order[k]];
      if (!runs.length || runs[runs.length - 1].g !== g) runs.push({ g, from: k, to: k + 1 });
      else runs[runs.length - 1].to = k + 1;
    }
    this._runs = runs;
  },

  _project() {
    const map = this._map;
    const s = map.options.crs.scale(map.getZoom()) / map.options.crs.scale(0);
    const o = map.getPixelOrigin();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < this._n; i++) {
      const x = this._x0[i] * s - o.x, y = this._y0[i] * s - o.y;
      this._x[i] = x;
      this._y[i] = y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const pad = 10;
    this._pxBounds = this._n ? L.bounds([minX - pad, minY - pad], [maxX + pad, maxY + pad]) : null;
  },

  _update() {},

  _updatePath() {
    const ctx = this._renderer._ctx, b = this._renderer._bounds;
    const minX = b.min.x, minY = b.min.y, maxX = b.max.x, maxY = b.max.y, zoom = this._map.getZoom();
    const f = this._scale(), order = this._drawOrder, groups = this.options.groups;
    const outlines = this.options.weight > 0 && zoom >= this.options.strokeMinZoom;
    ctx.lineJoin = 'round';
    for (const run of this._runs) {
      const st = groups[run.g], shape = st.shape || 'circle', lines = strokeOnly(shape);
      let any = false;
      ctx.beginPath();
      for (let k = run.from; k < run.to; k++) {
        const i = order[k], x = this._x[i], y = this._y[i], r = f * this._r[i];
        if (x + r < minX || x - r > maxX || y + r < minY || y - r > maxY) continue;
        tracePath(ctx, shape, x, y, r);
        any = true;
      }
      if (!any) continue;
      if (!lines && st.fill) {
        ctx.globalAlpha = st.fillOpacity == null ? 1 : st.fillOpacity;
        ctx.fillStyle = st.fill;
        ctx.fill();
      }
      // Lines always; outlines only from strokeMinZoom, below which they
      // would turn dense areas white.
      if (st.stroke && (lines || outlines)) {
        ctx.globalAlpha = lines && st.strokeOpacity != null ? st.strokeOpacity : 1;
        ctx.lineWidth = st.weight || this.options.weight;
        ctx.strokeStyle = st.stroke;
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    this._drawLabels(ctx, f, minX, minY, maxX, maxY, zoom);
  },

  // _drawLabels writes each point's label to the right of its marker, on
  // a halo so that it reads over other markers (the PNG's site labels).
  _drawLabels(ctx, f, minX, minY, maxX, maxY, zoom) {
    const label = this.options.label, ls = this.options.labelStyle || {};
    if (!label || zoom < this.options.labelMinZoom) return;
    ctx.font = ls.font || '600 12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.lineJoin = 'round';
    for (let i = 0; i < this._n; i++) {
      const text = label(i);
      if (!text) continue;
      const x = this._x[i] + f * this._r[i] + (ls.gap || 2), y = this._y[i];
      if (x > maxX || x + 200 < minX || y < minY - 20 || y > maxY + 20) continue;
      if (ls.halo) {
        ctx.strokeStyle = ls.halo;
        ctx.lineWidth = 3;
        ctx.strokeText(text, x, y);
      }
      ctx.fillStyle = ls.color || '#000';
      ctx.fillText(text, x, y);
    }
  },

  // _scale is the factor of the radii at the current zoom.
  _scale() {
    return this.options.sizeAt ? this.options.sizeAt(this._map.getZoom()) : 1;
  },

  // _containsPoint picks the nearest point whose marker is under p.
  _containsPoint(p) {
    const f = this._scale(), tol = this._clickTolerance() + 1, reach = f * this._maxR + tol;
    // First point of the slab: binary search in x order.
    const byX = this._byX;
    let lo = 0, hi = this._n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this._x[byX[mid]] < p.x - reach) lo = mid + 1;
      else hi = mid;
    }
    let best = -1, bestD = Infinity;
    for (let k = lo; k < this._n; k++) {
      const i = byX[k];
      if (this._x[i] > p.x + reach) break;
      const dx = this._x[i] - p.x, dy = this._y[i] - p.y, r = f * this._r[i] + tol;
      const d = dx * dx + dy * dy;
      if (d <= r * r && d <= bestD) {
        best = i;
        bestD = d;
      }
    }
    if (best >= 0) this._hit = best;
    return best >= 0;
  },
});
