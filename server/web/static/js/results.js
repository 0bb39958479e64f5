// What a finished run shows: its layers on the map with a layer control
// and legend, the headline figures, the county table and the downloads.

import { api, getJSON, hasToken } from './api.js';
import { $, el, int, kmLabel, page, pct, showMessage } from './dom.js';
import { drawBoundaries, drawCoverage, drawFacilities, drawPlan, drawRoads, drawSeats, style, villageGroups, villageTally } from './layers.js';
import { dash, px, SYMBOL } from './symbols.js';
import { graticule, legend as legendControl, map } from './map.js';

// Clinic-plan detail (joint clinics, routes) is local: drawn from this
// zoom (about a prefecture) on.
const DETAIL_ZOOM = 7;

let shown = null; // what showResults drew, for clearResults

function clearResults() {
  map.closePopup();
  if (!shown) return;
  map.removeLayer(shown.group);
  for (const l of shown.layers) map.removeLayer(l); // also those the layer control added
  shown.control.remove();
  shown.legend.remove();
  map.off('zoomend', shown.onZoom);
  shown = null;
  page.stats = {};
}

// showResults fetches the result files of a finished run and shows them.
// Files the API may add later are drawn when present: facilities.geojson
// (existing facilities), facility_circles.geojson (their radius; results
// before version 3 had the circles in facilities.geojson) and
// boundaries.geojson (county boundaries).
export async function showResults(run) {
  const results = run.results || {};
  const kind = run.kind;
  const mainName = kind === 'plan' ? 'plan.geojson' : 'villages.geojson';
  for (const name of [mainName, 'summary.json']) {
    if (!results[name]) throw new Error(`The ${kind} run finished without ${name}.`);
  }
  const mainURL = results[mainName], summaryURL = results['summary.json'];
  const facURL = results['facilities.geojson'], bndURL = results['boundaries.geojson'];
  const circlesURL = results['facility_circles.geojson'];
  const [geo, summary, fac, bnd, roads, circles] = await Promise.all([getJSON(mainURL), getJSON(summaryURL),
    facURL ? getJSON(facURL) : null, bndURL ? getJSON(bndURL) : null, datasetRoads(run), circlesURL ? getJSON(circlesURL) : null]);

  clearResults();
  page.summary = summary;
  const layers = (page.layers = {});
  if (bnd) drawBoundaries(bnd, layers);
  if (roads) drawRoads(roads, layers);
  const v = kind === 'plan' ? drawPlan(geo, summary, layers) : drawCoverage(geo, summary, layers);
  const facilityCounts = fac ? drawFacilities(fac, circles, [].concat(summary.radius_km)[0], layers) : null;
  drawSeats(summary, layers);

  const bounds = v.cloud.getBounds();
  const { group, control, overlays } = addOverlays(layers, bounds);
  const zoomNote = kind === 'plan' ? el('div', { class: 'note' }, 'Zoom in to see joint clinics and routes.') : null;
  const sections = legendSections(kind, v, facilityCounts, page.stats.boundary || 0, run.params || {});
  page.legend = sections.map((sec) => ({ heading: sec.heading, entries: sec.entries.map((e) => ({ label: e.label, counts: e.counts })) }));
  const legend = legendControl(sections, radiusChooser(v, layers), zoomNote).addTo(map);
  const onZoom = () => styleForZoom(layers, zoomNote);
  map.on('zoomend', onZoom);
  shown = { group, control, legend, layers: Object.values(overlays), onZoom };

  if (page.stats.village_unplaced) {
    showMessage(`${int(page.stats.village_unplaced)} villages of ${mainName} have no point location and are not drawn.`);
  }
  countyTable(kind, summary, v.counties);
  downloads(results);
  headline(kind, summary);
  planWarnings(summary);
  $('results').hidden = false;
  $('map-empty').hidden = true;
  fitClearOfControls(dataBounds(layers, bounds));
  onZoom();
}

// dataBounds is the extent of everything drawn (villages, facilities,
// circles, routes, boundaries), from the villages' bounds.
function dataBounds(layers, villages) {
  const b = L.latLngBounds([]);
  if (villages.isValid()) b.extend(villages);
  const add = (l) => {
    if (l.getLayers) {
      l.getLayers().forEach(add);
    } else if (l.getBounds) {
      const lb = l.getBounds();
      if (lb.isValid()) b.extend(lb);
    } else if (l.getLatLng) {
      b.extend(l.getLatLng());
    }
  };
  Object.values(layers).forEach(add);
  return b;
}

// fitClearOfControls shows bounds in the part of the map that the
// controls on its right (the legend, the layer control) leave free, so
// that the legend never covers a village, a facility or a circle: the
// data is fitted with the controls' width as right-hand padding (at most
// 60% of the map, on narrow windows).
function fitClearOfControls(bounds) {
  if (!bounds.isValid()) return;
  const mc = map.getContainer().getBoundingClientRect();
  let right = 20;
  for (const c of map.getContainer().querySelectorAll('.leaflet-right .leaflet-control')) {
    const r = c.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && !c.classList.contains('leaflet-control-attribution')) right = Math.max(right, mc.right - r.left + 12);
  }
  right = Math.min(right, mc.width * 0.6);
  map.fitBounds(bounds, { paddingTopLeft: [20, 20], paddingBottomRight: [right, 20], animate: false });
}

// addOverlays puts the layers on the map, in drawing order (areas first,
// points on top), with a layer control.
function addOverlays(layers, bounds) {
  const group = L.layerGroup();
  if (bounds.isValid()) group.addLayer(graticule(bounds));
  const hidden = ['facilityRadius']; // off at first: busy, but there to check a village's cover
  // The static maps' order: village clinics, joint clinics and routes
  // under the villages, the higher tiers and the sub-centres over them.
  const order = [['boundaries', 'County boundaries'], ['roads', 'Roads'], ['facilityRadius', 'Facility radius'], ['circles', 'Sub-centre radius'],
    ['routes', 'Itinerant routes'], ['joint', 'Joint clinics'], ['clinics', 'Village clinics'], ['villages', 'Villages'],
    ['facilities', 'Hospitals and health centres'], ['sites', 'Proposed sub-centres'], ['seats', 'County seats']];
  const overlays = {};
  for (const [k, label] of order) {
    if (!layers[k]) continue;
    if (!hidden.includes(k)) group.addLayer(layers[k]);
    overlays[label] = layers[k];
  }
  group.addTo(map);
  const control = L.control.layers(null, overlays, { collapsed: false, position: 'topright' }).addTo(map);
  return { group, control, overlays };
}

// plural is "1 village" or "1,234 villages", as the static maps' legend.
const plural = (n, one, many) => `${int(n)} ${n === 1 ? one : many}`;

// villageCounts is the second line of a village class in the legend.
function villageCounts(v, g) {
  const t = villageTally(v);
  return `${plural(t.villages[g], 'village', 'villages')}, ${plural(t.population[g], 'person', 'people')}`;
}

// legendSections are the static maps' legend (maps/legend.go): the same
// sections, symbols, labels and counts, for what the page draws.
function legendSections(kind, v, facilities, boundaries, params) {
  const st = style, groups = villageGroups(kind, kind === 'plan' ? v.radiusKm : (v.radii || [])[0]);
  const dot = (g) => ({ sym: { shape: 'circle', size: 4.5, fill: groups[g].fill, stroke: st.village.outline, width: 0.6 },
    label: groups[g].label, counts: villageCounts(v, g), key: 'village-' + g });
  const secs = [{ heading: villagesHeading(params), entries: kind === 'plan' ? [dot(0), dot(1), dot(2)] : [dot(0), dot(2)] }];

  if (facilities) {
    const f = st.facility, bg = st.background, fac = [];
    if (facilities.county_hospital) {
      fac.push({ sym: { shape: 'square', size: 4, fill: f.county_hospital, stroke: bg, width: 0.7 },
        label: 'County hospital', counts: plural(facilities.county_hospital, 'hospital', 'hospitals') });
    }
    if (facilities.township_health_centre) {
      fac.push({ sym: { shape: 'triangle', size: 5.6, fill: f.township_health_centre, stroke: bg, width: 0.7 },
        label: 'Township health centre', counts: plural(facilities.township_health_centre, 'centre', 'centres') });
    }
    if (facilities.village_clinic) {
      fac.push({ sym: { shape: 'plus', size: 4.2, stroke: f.village_clinic, width: 1.2 },
        label: 'Village clinic', counts: plural(facilities.village_clinic, 'clinic', 'clinics') });
    }
    if (facilities.other) {
      fac.push({ sym: { shape: 'ring', size: 3, stroke: f.township_health_centre, width: 1 },
        label: 'Other facility', counts: plural(facilities.other, 'facility', 'facilities') });
    }
    if (fac.length) secs.push({ heading: 'Existing facilities', entries: fac });
  }

  const plan = [];
  const road = page.stats.road ? { sym: { line: st.road, width: px(SYMBOL.road.widthPt) },
    label: 'Road', counts: plural(page.stats.road, 'line', 'lines') } : null;
  const boundary = { sym: { area: st.boundary.fill, stroke: st.boundary.outline, dash: [3, 1.5] },
    label: 'Boundary', counts: plural(boundaries, 'area', 'areas') };
  if (kind === 'plan') {
    const s = page.stats;
    plan.push({ sym: { shape: 'star', size: 6.5, fill: st.subcentre.fill, stroke: st.subcentre.outline, width: 0.9 },
      label: 'Proposed sub-centre', counts: plural(s.subcentre, 'site', 'sites') + '; label: rank in its county' });
    if (v.radiusKm > 0 && s.subcentre > 0) {
      plan.push({ sym: { circle: st.subcentre.circle, fillOpacity: st.subcentre.circle_fill_opacity },
        label: `${v.radiusKm} km circle of county-level care`, counts: 'geodesic' });
    }
    if (s.joint_clinic) {
      plan.push({ sym: { line: st.joint_clinic, width: px(SYMBOL.joint_clinic.widthPt), diagonal: true },
        label: 'Joint clinic: host to member', counts: `${plural(s.joint_clinic, 'clinic', 'clinics')}, ${plural(s.joint_member, 'member', 'members')}` });
    }
    if (s.itinerant_route) {
      const r = SYMBOL.itinerant_route;
      plan.push({ sym: { line: st.itinerant_route, width: px(r.widthPt), opacity: r.opacity, dash: dash(r.dashPt).split(' ').map(Number) },
        label: 'Itinerant route', counts: plural(s.itinerant_route, 'day', 'days') });
    }
    if (road) plan.push(road);
    if (boundaries) plan.push(boundary);
    secs.push({ heading: 'Plan', entries: plan });
  } else if (boundaries || road) {
    secs.push({ heading: 'Areas', entries: [road, boundaries ? boundary : null].filter(Boolean) });
  }
  return secs;
}

// villagesHeading names the metric the village classes were measured
// by, as the static maps' legend: "Villages (within 15 km by road)",
// "Villages (within 30 min by road)"; plain "Villages" for the straight
// line.
function villagesHeading(params) {
  if (params.distance !== 'road') return 'Villages';
  const minutes = [].concat(params.minutes == null ? [] : params.minutes);
  const km = [].concat(params.radius_km == null ? [] : params.radius_km);
  if (minutes.length) return `Villages (within ${minutes[0]} min by road)`;
  return km.length ? `Villages (within ${km[0]} km by road)` : 'Villages (by road)';
}

// datasetRoads fetches the road lines of the run's dataset when it has a
// road network; null otherwise. The server simplifies and bounds them,
// and says in X-Roads-Truncated when it left lines out.
async function datasetRoads(run) {
  const id = (run.params && run.params.dataset) || run.dataset;
  if (!id) return null;
  const info = await getJSON('api/v1/datasets/' + encodeURIComponent(id));
  if (!info.roads || !info.roads.geojson_url) return null;
  const res = await api(info.roads.geojson_url);
  const cut = res.headers.get('X-Roads-Truncated');
  if (cut) page.roadsTruncated = cut;
  return res.json();
}

// radiusChooser picks the radius the villages are coloured by, when a
// coverage run compared several; null otherwise.
function radiusChooser(v, layers) {
  if (!v.radii || v.radii.length < 2) return null;
  const sel = el('select', { 'aria-label': 'radius shown' }, v.radii.map((r, k) => el('option', { value: k }, `within ${r} km`)));
  sel.addEventListener('change', () => {
    const k = +sel.value;
    v.cloud.setGroups((i) => (v.feats[i][v.key(k)] ? 0 : 2));
    if (layers.facilityRadius) layers.facilityRadius.setRadius(v.radii[k]);
    // The labels and counts of the legend follow the radius shown.
    const groups = villageGroups('coverage', v.radii[k]);
    for (const g of [0, 2]) {
      const c = document.querySelector(`.legend [data-key="village-${g}"] .counts`);
      if (c) c.textContent = villageCounts(v, g);
      const l = document.querySelector(`.legend [data-key="village-${g}"] .label`);
      if (l) l.textContent = groups[g].label;
    }
  });
  return sel;
}

// styleForZoom thins or hides what would bury the villages at province
// scale: circle outlines, county seats and the clinic-plan detail (the
// site stars shrink by themselves, see drawPlan).
function styleForZoom(layers, zoomNote) {
  const z = map.getZoom();
  if (layers.circles) layers.circles.eachLayer((c) => c.setStyle({ weight: z >= 7 ? px(SYMBOL.subcentre_circle.widthPt) : 0.6 }));
  if (layers.seats) layers.seats.eachLayer((m) => m.setStyle({ opacity: z >= 7 ? 1 : 0, fillOpacity: z >= 7 ? 1 : 0 }));
  const detail = z >= DETAIL_ZOOM;
  if (layers.joint) layers.joint.show(detail);
  if (layers.routes) layers.routes.show(detail);
  if (zoomNote) zoomNote.hidden = detail;
  map.getContainer().classList.toggle('zoomed-out', z < 7);
}

function headline(kind, s) {
  const t = s.total || {};
  const h = $('headline');
  $('results-title').textContent = kind === 'plan' ? `Plan — ${(s.policy && s.policy.title) || ''}` : 'Emergency network cover';
  if (kind === 'plan') {
    h.replaceChildren(`${int(t.villages)} villages, ${int(t.population)} people. Within ${[].concat(s.radius_km)[0]} km: county-level care `,
      el('b', null, pct(t.county_care_today_share)), ' today, ', el('b', null, pct(t.county_care_after_share)),
      ` with ${int(t.subcentres)} proposed sub-centres (+${int(t.county_care_after_population - t.county_care_today_population)} people); emergency network cover `,
      el('b', null, pct(t.network_covered_share)), '.');
  } else {
    const radii = [].concat(s.radius_km);
    const sk = (r) => (radii.length > 1 ? 'network_covered_share_' + kmLabel(r) : 'network_covered_share');
    h.replaceChildren(`${int(t.villages)} villages, ${int(t.population)} people. Emergency network cover: `,
      ...radii.flatMap((r, k) => [k ? ', ' : '', el('b', null, pct(t[sk(r)])), ` within ${r} km`]), '.');
  }
}

// planWarnings lists the policy rules the plan does not meet (the
// summary's warnings other than code "input"), each with what would meet it.
function planWarnings(s) {
  const ws = (s.warnings || []).filter((w) => w.code && w.code !== 'input');
  page.stats.policy_warnings = ws.length;
  $('plan-warnings').replaceChildren(...ws.map((w) => el('li', { dataset: { code: w.code } },
    el('b', null, `${w.county}${w.rule ? ` (${w.rule})` : ''}: `), w.reason, w.suggestion ? `. What would meet it: ${w.suggestion}.` : '.')));
  $('plan-warnings').hidden = ws.length === 0;
}

// countyTable fills the county table from the summary; a row zooms the
// map to the county's villages.
function countyTable(kind, summary, countyBounds) {
  const thead = $('county-table').tHead, tbody = $('county-table').tBodies[0], tfoot = $('county-table').tFoot;
  thead.replaceChildren();
  tbody.replaceChildren();
  tfoot.replaceChildren();
  const counties = summary.counties || [];
  const share = (before, after) => {
    const bg = el('span', { class: 'bar-bg' });
    const a = el('span', { class: 'bar-after' }), b = el('span', { class: 'bar-before' });
    a.style.width = 100 * (after == null ? before : after) + '%';
    a.style.background = style.village.county_care_after;
    b.style.width = 100 * before + '%';
    b.style.background = style.village.county_care_today;
    bg.append(a, b);
    const text = after == null ? pct(before) : `${(100 * before).toFixed(1)}\u2009→\u2009${pct(after)}`;
    return el('span', { class: 'share' }, bg, text);
  };
  let cols;
  if (kind === 'plan') {
    thead.append(el('tr', null, el('th', null, 'County'), el('th', null, 'Population'),
      el('th', { title: 'share of people with emergency network cover: a county hospital or township health centre within the radius' }, 'Network cover'),
      el('th', { title: 'share of people with county-level care cover today → with the proposed sub-centres' }, 'County care'),
      el('th', { title: 'people gaining county-level care' }, 'Gain'), el('th', { title: 'proposed sub-centres' }, 'Sites')));
    cols = (c) => [c.county, int(c.population), pct(c.network_covered_share), share(c.county_care_today_share, c.county_care_after_share),
      el('span', { class: 'gain' }, '+' + int(c.county_care_after_population - c.county_care_today_population)), (c.subcentres || []).length];
    const t = summary.total || {};
    tfoot.append(el('tr', null, ['All', int(t.population), pct(t.network_covered_share), share(t.county_care_today_share, t.county_care_after_share),
      '+' + int(t.county_care_after_population - t.county_care_today_population), t.subcentres].map((x) => el('td', null, x))));
  } else {
    const radii = [].concat(summary.radius_km);
    const sk = (r) => (radii.length > 1 ? 'network_covered_share_' + kmLabel(r) : 'network_covered_share');
    thead.append(el('tr', null, el('th', null, 'County'), el('th', null, 'Villages'), el('th', null, 'Population'),
      radii.map((r) => el('th', { title: `share of people with emergency network cover: a county hospital or township health centre within ${r} km` }, `Network cover ≤ ${r} km`))));
    cols = (c) => [c.county, int(c.villages), int(c.population), radii.map((r) => (radii.length > 1 ? pct(c[sk(r)]) : share(c[sk(r)])))];
    const t = summary.total || {};
    tfoot.append(el('tr', null, ['All', int(t.villages), int(t.population), radii.map((r) => pct(t[sk(r)]))].flat().map((x) => el('td', null, x))));
  }
  for (const c of counties) {
    const tr = el('tr', { tabIndex: 0, title: c.note || null, dataset: { county: c.county } }, cols(c).flat().map((x) => el('td', null, x)));
    const zoom = () => {
      const b = countyBounds.get(c.county);
      if (b && b.isValid()) map.fitBounds(b, { padding: [30, 30] });
    };
    tr.addEventListener('click', zoom);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') zoom(); });
    tbody.append(tr);
  }
  page.stats.county_rows = counties.length;
}

const describeFile = {
  'plan.geojson': 'all plan layers, GeoJSON',
  'villages.geojson': 'villages, GeoJSON',
  'subcentres.geojson': 'proposed sub-centres, GeoJSON',
  'itinerant_routes.geojson': 'itinerant routes, GeoJSON',
  'joint_clinics.geojson': 'joint clinics, GeoJSON',
  'facilities.geojson': 'facilities, GeoJSON points',
  'facility_circles.geojson': 'facility circles, GeoJSON polygons',
  'subcentre_circles.geojson': 'sub-centre circles, GeoJSON polygons',
  'summary.json': 'summary, JSON',
  'counties.csv': 'county table, CSV',
  'townships.csv': 'township table, CSV',
  'villages.csv': 'village table, CSV',
  'report.md': 'report, Markdown',
};

// downloads lists every result file of the run.
function downloads(results) {
  const ul = $('downloads');
  ul.replaceChildren();
  for (const [name, url] of Object.entries(results)) {
    const a = el('a', { href: url, download: name }, name);
    // A plain link cannot send the bearer token: fetch the file instead.
    a.addEventListener('click', async (e) => {
      if (!hasToken()) return;
      e.preventDefault();
      try {
        const blob = await (await api(url, { headers: { Accept: '*/*' } })).blob();
        const tmp = el('a', { href: URL.createObjectURL(blob), download: name });
        tmp.click();
        setTimeout(() => URL.revokeObjectURL(tmp.href), 10000);
      } catch (err) {
        showMessage(err.message);
      }
    });
    ul.append(el('li', null, a, el('span', { class: 'muted' }, describeFile[name] || '')));
  }
  page.stats.downloads = ul.children.length;
}
