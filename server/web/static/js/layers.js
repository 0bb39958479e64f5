// The result layers: villages, proposed sub-centres with their radius,
// joint clinics, itinerant routes, facilities, county boundaries and seats,
// each with a popup that explains it. Colours and sizes are the static
// maps' palette (style.json).

import { el, int, km, kmLabel, labelText, page, valueText } from './dom.js';
import { map, renderer } from './map.js';
import { PointCloud } from './pointcloud.js';

// style is the palette, loaded once by loadStyle.
export let style = null;

export async function loadStyle() {
  const res = await fetch('style.json');
  if (!res.ok) throw new Error('style.json: ' + res.status + ' ' + res.statusText);
  style = await res.json();
}

const PX_PER_PT = 96 / 72; // style.json sizes are in points

// villageRadiusPx is the static maps' marker size: the area grows with
// the population, clamped.
function villageRadiusPx(pop) {
  const r = style.village.radius_pt;
  return PX_PER_PT * Math.min(r.max, Math.max(r.min, r.per_sqrt_person * Math.sqrt(Math.max(0, pop || 0))));
}

// popup is the content of a feature's popup: a title, what it is, the
// explanations, then every property but those in skip.
function popup(title, kind, explanations, props, skip) {
  const rows = Object.entries(props)
    .filter(([k]) => k !== 'layer' && !(skip || []).includes(k))
    .map(([k, v]) => el('tr', null, el('td', null, labelText(k)), el('td', { class: k === 'flags' && v ? 'flags' : null }, valueText(k, v))));
  return el('div', { class: 'popup' },
    el('h4', null, title),
    el('div', { class: 'kind' }, kind),
    explanations.filter(Boolean).map((t) => el('div', { class: 'why' }, t)),
    el('table', null, el('tbody', null, rows)));
}

const serviceText = {
  own_clinic: 'Keeps (or needs) a village clinic of its own.',
  joint_host: 'Hosts a joint clinic for neighbouring villages (R7, R8).',
  joint_member: 'Served by the joint clinic of a neighbouring village (R7, R8).',
  itinerant: 'Served by itinerant visits from the township health centre (R6).',
  township_centre: 'Close enough to the township health centre to be served by it (R6).',
  single: 'Could join a joint clinic but has no eligible neighbour nearby: the planner must decide.',
};

function villagePlanText(p, radiusKm, sites) {
  let cover;
  if (p.covered_before) cover = `Covered today: an existing facility is within ${radiusKm} km.`;
  else if (p.covered_after) {
    const s = sites.get(p.subcentre_id);
    cover = `Newly covered by the proposed sub-centre ${s ? s.name + ' (' + p.subcentre_id + ')' : p.subcentre_id || ''} within ${radiusKm} km.`;
  } else cover = `Not covered: no facility or proposed sub-centre within ${radiusKm} km.`;
  return [cover, serviceText[p.service]];
}

// detailGroup is a layer group whose content can be hidden (show) while
// the group stays on the map: zoomed out, the clinic plan would bury the
// villages, but the layer control should still show the layer as on.
function detailGroup() {
  const g = L.layerGroup();
  const detail = [];
  g.addDetail = (l) => {
    detail.push(l);
    g.addLayer(l);
    return g;
  };
  g.show = (on) => {
    for (const l of detail) {
      if (on) g.addLayer(l);
      else g.removeLayer(l);
    }
  };
  return g;
}

// villageGroups are the village classes: 0 covered before, 1 newly
// covered, 2 uncovered (drawn last, so gaps show).
export function villageGroups() {
  const v = style.village;
  const base = { stroke: v.outline, weight: 0.5, fillOpacity: 0.95 };
  return [
    Object.assign({ fill: v.covered_before, label: 'covered by existing facilities' }, base),
    Object.assign({ fill: v.covered_after, label: 'newly covered by proposed sub-centres' }, base),
    Object.assign({ fill: v.uncovered, label: 'not covered' }, base),
  ];
}

function pointOf(f) {
  const g = f.geometry;
  if (!g || g.type !== 'Point' || !Array.isArray(g.coordinates)) return null;
  const [lon, lat] = g.coordinates;
  return Number.isFinite(lon) && Number.isFinite(lat) ? { lon, lat } : null;
}

// drawVillages adds the village cloud and returns it with per-county
// bounds (for the table's zoom) and the villages by id.
function drawVillages(features, groupOf, describe, layers) {
  const points = [], feats = [], counties = new Map(), byId = new Map();
  let unplaced = 0;
  for (const f of features) {
    const pt = pointOf(f);
    if (!pt) {
      unplaced++;
      continue;
    }
    const p = f.properties || {};
    pt.group = groupOf(p);
    pt.radius = villageRadiusPx(p.population);
    points.push(pt);
    feats.push(p);
    byId.set(p.id, pt);
    if (!counties.has(p.county)) counties.set(p.county, L.latLngBounds([]));
    counties.get(p.county).extend([pt.lat, pt.lon]);
  }
  // Below county scale markers shrink, or a province would be one blot
  // of whichever class is drawn last.
  const sizeAt = (z) => Math.min(1, Math.max(0.4, Math.pow(2, (z - 8) / 2)));
  const cloud = new PointCloud(points, { renderer, groups: villageGroups(), sizeAt });
  cloud.on('click', () => {
    const i = cloud.hit();
    if (i < 0) return;
    L.popup({ maxWidth: 380 }).setLatLng(cloud.latLngOf(i)).setContent(describe(feats[i])).openOn(map);
  });
  layers.villages = cloud;
  page.stats.village = points.length;
  page.stats.village_unplaced = unplaced; // reported by showResults
  return { cloud, feats, counties, byId };
}

// drawPlan draws a plan.geojson: villages by cover before and after,
// proposed sub-centres with their radius, joint clinics with spokes to
// their members, and itinerant routes. It returns drawVillages' answer.
export function drawPlan(geo, summary, layers) {
  const st = style;
  const byLayer = { village: [], subcentre: [], joint_clinic: [], itinerant_route: [] };
  for (const f of geo.features || []) {
    const l = f.properties && f.properties.layer;
    if (byLayer[l]) byLayer[l].push(f);
  }
  const radiusKm = Array.isArray(summary.radius_km) ? summary.radius_km[0] : summary.radius_km;
  const sites = new Map(byLayer.subcentre.map((f) => [f.properties.id, f.properties]));
  const counties = new Map((summary.counties || []).map((c) => [c.county, c]));

  const v = drawVillages(byLayer.village,
    (p) => (p.covered_before ? 0 : p.covered_after ? 1 : 2),
    (p) => popup(p.name || p.id, `Village · ${p.county} · ${p.township}`, villagePlanText(p, radiusKm, sites), p, ['name', 'county', 'township']),
    layers);

  // Coverage circles of the proposed sub-centres (L.circle: geodesic
  // enough for display at county scale).
  const circles = L.layerGroup();
  const siteMarkers = L.layerGroup();
  for (const f of byLayer.subcentre) {
    const pt = pointOf(f);
    if (!pt) continue;
    const p = f.properties;
    circles.addLayer(L.circle([pt.lat, pt.lon], {
      renderer, radius: radiusKm * 1000, color: st.subcentre.circle, weight: 1.5, dashArray: '6 4',
      fillColor: st.subcentre.circle, fillOpacity: st.subcentre.circle_fill_opacity, interactive: false,
    }));
    const c = counties.get(p.county) || {};
    const notes = [p.rule, c.note, c.tie_break,
      c.optimal_sets > 1 ? `${c.optimal_sets} site sets reach the same cover; alternatives: ${(c.alternatives || []).map((a) => a.join(', ')).join('; ')}` : null];
    const m = L.circleMarker([pt.lat, pt.lon], {
      renderer, radius: 7, color: st.subcentre.outline, weight: 2, fillColor: st.subcentre.fill, fillOpacity: 1,
    }).bindPopup(() => popup(`${p.rank}. ${p.name}`, `Proposed county sub-centre · ${p.county} · ${p.township}`, notes, p, ['rule', 'rank', 'name', 'county', 'township']), { maxWidth: 380 });
    if (byLayer.subcentre.length <= 300) {
      m.bindTooltip(String(p.rank), { permanent: true, direction: 'right', offset: [6, 0], className: 'rank-tip' });
    }
    siteMarkers.addLayer(m);
  }

  // Joint clinics: the host, and a spoke to each member village.
  const spokes = [], hosts = [], hostProps = [];
  for (const f of byLayer.joint_clinic) {
    const pt = pointOf(f);
    if (!pt) continue;
    const p = f.properties;
    for (const id of String(p.members || '').split(',')) {
      const m = v.byId.get(id);
      if (m) spokes.push([[pt.lat, pt.lon], [m.lat, m.lon]]);
    }
    hosts.push({ lat: pt.lat, lon: pt.lon, group: 0, radius: 3.5 });
    hostProps.push(p);
  }
  const joint = detailGroup();
  if (spokes.length) joint.addDetail(L.polyline(spokes, { renderer, color: st.joint_clinic, weight: 1, opacity: 0.7, interactive: false }));
  const hostCloud = new PointCloud(hosts, { renderer, groups: [{ fill: st.joint_clinic, stroke: '#FFFFFF', weight: 0.8, shape: 'square' }] });
  hostCloud.on('click', () => {
    const p = hostProps[hostCloud.hit()];
    L.popup().setLatLng(hostCloud.latLngOf(hostCloud.hit()))
      .setContent(popup(`Joint clinic at ${p.host_name}`, `Joint clinic · ${p.county} · ${p.township}`,
        [`One clinic for ${p.member_count + 1} adjacent villages, ${int(p.population_served)} people (R7, R8).`], p))
      .openOn(map);
  });
  joint.addDetail(hostCloud);

  const routes = L.geoJSON(byLayer.itinerant_route, {
    renderer,
    style: { color: st.itinerant_route, weight: 1.5, opacity: 0.75 },
    onEachFeature: (f, layer) => layer.bindPopup(() => {
      const p = f.properties;
      return popup(`Itinerant route, day ${p.day}`, `From township health centre ${p.thc_id} · ${p.county} · ${p.township}`,
        [`${p.stop_count} villages visited in ${km(p.length_km)} (R6).`], p);
    }),
  });

  layers.routes = detailGroup().addDetail(routes);
  layers.joint = joint;
  layers.circles = circles;
  layers.sites = siteMarkers;
  page.stats.subcentre = siteMarkers.getLayers().length;
  page.stats.subcentre_circle = circles.getLayers().length;
  page.stats.joint_clinic = hosts.length;
  page.stats.itinerant_route = routes.getLayers().length;
  return v;
}

// drawCoverage draws a coverage villages.geojson, coloured by the first
// radius; radii and key(k) (the covered property of radius k) let the
// legend switch.
export function drawCoverage(geo, summary, layers) {
  const radii = [].concat(summary.radius_km == null ? [] : summary.radius_km);
  const key = (k) => (radii.length > 1 ? 'covered_' + kmLabel(radii[k]) : 'covered');
  const v = drawVillages(geo.features || [],
    (p) => (p[key(0)] ? 0 : 2),
    (p) => {
      const covered = radii.map((r, k) => `${r} km: ${p[key(k)] ? 'covered' : 'not covered'}`).join(' · ');
      return popup(p.name || p.id, `Village · ${p.county} · ${p.township}`,
        [`Nearest facility ${p.nearest_facility_id || '—'} at ${km(p.nearest_facility_km)}. ${covered}.`], p, ['name', 'county', 'township']);
    },
    layers);
  v.radii = radii;
  v.key = key;
  return v;
}

// drawFacilities draws facilities.geojson (as `catchment coverage
// --facilities-out` writes it): facilities by tier, and their coverage
// circles of radiusKm as a layer that starts hidden.
export function drawFacilities(geo, radiusKm, layers) {
  const types = ['county_hospital', 'township_health_centre', 'village_clinic'];
  const size = { county_hospital: 5, township_health_centre: 3.5, village_clinic: 2 };
  const points = [], props = [];
  for (const f of geo.features || []) {
    const pt = pointOf(f);
    const g = types.indexOf(f.properties && f.properties.type);
    if (!pt || g < 0) continue;
    pt.group = 2 - g; // hospitals drawn last, on top
    pt.radius = size[types[g]];
    points.push(pt);
    props.push(f.properties);
  }
  const groups = types.slice().reverse().map((t) => ({ fill: style.facility[t], stroke: '#FFFFFF', weight: 0.8, shape: t === 'village_clinic' ? 'circle' : 'square' }));
  const cloud = new PointCloud(points, { renderer, groups });
  // The service radius of each facility, when the file has it: the
  // coverage writer adds a geodesic circle per facility and radius.
  const rings = (geo.features || []).filter((f) => f.properties && f.properties.layer === 'coverage_circle');
  if (rings.length) {
    const g = (layers.facilityRadius = L.layerGroup());
    g.setRadius = (r) => {
      const sel = rings.filter((f) => f.properties.radius_km === r);
      g.clearLayers();
      g.addLayer(L.geoJSON(sel, { renderer, interactive: false, style: { color: style.frame, weight: 0.8, fill: false } }));
      page.stats.facility_radius = sel.length;
    };
    g.setRadius(radiusKm);
  }
  cloud.on('click', () => {
    const p = props[cloud.hit()];
    L.popup().setLatLng(cloud.latLngOf(cloud.hit())).setContent(popup(p.name || p.id, `${labelText(p.type || 'facility')} · ${p.county || ''}`, [], p)).openOn(map);
  });
  layers.facilities = cloud;
  page.stats.facility = points.length;
}

// drawBoundaries draws county boundary polygons under everything.
export function drawBoundaries(geo, layers) {
  layers.boundaries = L.geoJSON(geo, {
    renderer,
    interactive: false,
    style: { color: style.boundary.outline, weight: 1.2, fillColor: style.boundary.fill, fillOpacity: 1 },
  });
  page.stats.boundary = layers.boundaries.getLayers().length;
}

// drawSeats marks each county seat of a plan summary, labelled when the
// counties are few enough to read.
export function drawSeats(summary, layers) {
  const seats = L.layerGroup();
  for (const c of summary.counties || []) {
    if (!Array.isArray(c.seat)) continue;
    const m = L.circleMarker([c.seat[1], c.seat[0]], { renderer, radius: 3, color: style.label.text, weight: 1, fillColor: '#FFFFFF', fillOpacity: 1, interactive: false });
    if ((summary.counties || []).length <= 60) {
      m.bindTooltip(c.county, { permanent: true, direction: 'right', offset: [5, 0], className: 'label-tip' });
    }
    seats.addLayer(m);
  }
  layers.seats = seats;
}
