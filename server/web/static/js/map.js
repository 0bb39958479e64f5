// The map: Leaflet on a plain background (no tiles, so it works offline),
// one canvas renderer for every vector layer, a graticule for orientation
// and the legend control.

import { el, page } from './dom.js';

export const renderer = L.canvas({ padding: 0.3, tolerance: 2 });

export const map = L.map('map', {
  renderer,
  preferCanvas: true,
  zoomSnap: 0.25,
  zoomDelta: 0.5,
  minZoom: 3,
  maxZoom: 17,
}).setView([36, 104], 4);
page.map = map;

// Credit Leaflet with its licence, served from here (no external link).
map.attributionControl.setPrefix('');
map.attributionControl.addAttribution('<a href="static/vendor/leaflet/LICENSE" target="_blank">Leaflet</a> (BSD-2-Clause)');
L.control.scale({ imperial: false, maxWidth: 160 }).addTo(map);

// graticule draws meridians and parallels around bounds: with no tiles
// they are what shows the map moving.
export function graticule(bounds) {
  const span = Math.max(bounds.getEast() - bounds.getWest(), bounds.getNorth() - bounds.getSouth());
  const step = span > 20 ? 5 : span > 6 ? 1 : span > 2 ? 0.5 : 0.25;
  const w = Math.floor((bounds.getWest() - 5 * step) / step) * step, e = bounds.getEast() + 5 * step;
  const s = Math.floor((bounds.getSouth() - 5 * step) / step) * step, n = bounds.getNorth() + 5 * step;
  const lines = [];
  for (let x = w; x <= e; x += step) lines.push([[s, x], [n, x]]);
  for (let y = s; y <= n; y += step) lines.push([[y, w], [y, e]]);
  return L.polyline(lines, { renderer, color: '#e2e2e2', weight: 1, interactive: false });
}

// swatch draws one legend symbol: dot, big (dot), square, ring (dashed
// circle), line or area.
function swatch(kind, fill, stroke) {
  const c = el('canvas', { class: 'sym', width: 36, height: 24 });
  const g = c.getContext('2d');
  g.scale(2, 2);
  g.fillStyle = fill;
  g.strokeStyle = stroke || fill;
  g.lineWidth = 1.2;
  g.beginPath();
  if (kind === 'line') {
    g.lineWidth = 2;
    g.moveTo(1, 6);
    g.lineTo(17, 6);
    g.stroke();
  } else if (kind === 'ring') {
    g.setLineDash([3, 2]);
    g.globalAlpha = 0.25;
    g.arc(9, 6, 5, 0, 2 * Math.PI);
    g.fill();
    g.globalAlpha = 1;
    g.stroke();
  } else if (kind === 'square' || kind === 'area') {
    if (kind === 'square') g.rect(5.5, 2.5, 7, 7);
    else g.rect(1.5, 1.5, 15, 9);
    g.fill();
    g.stroke();
  } else {
    g.arc(9, 6, kind === 'big' ? 5 : 4, 0, 2 * Math.PI);
    g.fill();
    g.stroke();
  }
  return c;
}

// legend is a map control listing items ({sym: [kind, fill, stroke],
// label}; null separates groups), with an optional control above them
// and a note below.
export function legend(items, extra, note) {
  const ctl = L.control({ position: 'bottomright' });
  ctl.onAdd = () => {
    const div = el('div', { class: 'legend' }, el('h4', null, 'Legend'), extra,
      items.map((it) => (it ? el('div', { class: 'item' }, swatch(...it.sym), it.label) : el('div', { class: 'sep' }))), note);
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  return ctl;
}
