// The map: Leaflet on a plain background (no tiles, so it works offline),
// one canvas renderer for every vector layer, a graticule for orientation
// and the legend control.

import { el, page } from './dom.js';
import { swatch } from './symbols.js';

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

// symbolName names a legend symbol for tests: its shape, or line,
// dashed, circle or area.
function symbolName(sym) {
  if (sym.shape) return sym.shape;
  if (sym.line) return sym.dash ? 'dashed' : 'line';
  return sym.circle ? 'circle' : 'area';
}

// legend is a map control with the static maps' legend: sections
// ({heading, entries: [{sym, label, counts}]}, sym as symbols.js swatch
// takes it), an optional control above them and a note below.
export function legend(sections, extra, note) {
  const ctl = L.control({ position: 'bottomright' });
  ctl.onAdd = () => {
    const div = el('div', { class: 'legend' }, extra,
      sections.map((sec) => el('section', null, el('h4', null, sec.heading),
        sec.entries.map((e) => el('div', { class: 'item', dataset: { symbol: symbolName(e.sym), key: e.key || null } },
          swatch(e.sym), el('div', null, el('div', { class: 'label' }, e.label), e.counts ? el('div', { class: 'counts' }, e.counts) : null))))),
      note);
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  return ctl;
}
