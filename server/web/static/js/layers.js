// The result layers: villages, proposed sub-centres with their radius,
// joint clinics, itinerant routes, facilities, county boundaries and seats,
// each with a popup that explains it. Colours are the static maps' palette
// (style.json), shapes and line styles their symbols (symbols.js).

import { el, int, km, kmLabel, labelText, page, valueText } from './dom.js';
import { map, renderer } from './map.js';
import { PointCloud } from './pointcloud.js';
import { dash, geodesicCircle, px, SYMBOL } from './symbols.js';

// style is the palette, loaded once by loadStyle.
export let style = null;

export async function loadStyle() {
  const res = await fetch('style.json');
  if (!res.ok) throw new Error('style.json: ' + res.status + ' ' + res.statusText);
  style = await res.json();
}

// villageRadiusPx is the static maps' marker size: the area grows with
// the population, clamped.
function villageRadiusPx(pop) {
  const r = style.village.radius_pt;
  return px(Math.min(r.max, Math.max(r.min, r.per_sqrt_person * Math.sqrt(Math.max(0, pop || 0)))));
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
  let care;
  if (p.county_care_today) care = `County-level care today: an existing county-level facility is within ${radiusKm} km.`;
  else if (p.county_care_after) {
    const s = sites.get(p.subcentre_id);
    care = `County-level care from the proposed sub-centre ${s ? s.name + ' (' + p.subcentre_id + ')' : p.subcentre_id || ''} within ${radiusKm} km.`;
  } else care = `No county-level care within ${radiusKm} km: no county hospital or proposed sub-centre.`;
  const network = p.network_covered
    ? `Emergency network cover: a county hospital or township health centre is within ${radiusKm} km.`
    : `No emergency network cover: no county hospital or township health centre within ${radiusKm} km.`;
  return [care, network, serviceText[p.service]];
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

// villageGroups are the village classes, with the static maps' legend
// labels: for a plan (kind 'plan') county-level care cover — 0 today, 1
// from a proposed sub-centre, 2 none within radiusKm; for a coverage run
// emergency network cover — 0 with it, 2 without (1 unused). The order of
// the groups is not the drawing order (see drawVillages).
export function villageGroups(kind, radiusKm) {
  const v = style.village;
  const base = { shape: 'circle', stroke: v.outline, weight: px(SYMBOL.village.outlinePt) };
  const within = radiusKm > 0 ? `within ${radiusKm} km` : 'within the radius';
  const labels = kind === 'plan'
    ? ['County-level care today', 'County-level care from a proposed sub-centre', `No county-level care ${within}`]
    : [`Emergency network cover ${within}`, '', `No emergency network cover ${within}`];
  return [
    Object.assign({ fill: v.county_care_today, label: labels[0] }, base),
    Object.assign({ fill: v.county_care_after, label: labels[1] }, base),
    Object.assign({ fill: v.no_county_care, label: labels[2] }, base),
  ];
}

// populationOrder is the drawing order of the villages: the largest first,
// so that small ones stay visible on top of them, ties in file order, as
// the static maps draw them. It does not depend on the coverage class:
// drawing one class last (no county-level care, say) would paint crowded areas in
// its colour at province scale whatever its share of the people.
function populationOrder(pops) {
  return Int32Array.from(pops.keys()).sort((a, b) => pops[b] - pops[a] || a - b);
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
  const points = [], feats = [], pops = [], counties = new Map(), byId = new Map();
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
    pops.push(Number.isFinite(p.population) ? p.population : 0);
    feats.push(p);
    byId.set(p.id, pt);
    if (!counties.has(p.county)) counties.set(p.county, L.latLngBounds([]));
    counties.get(p.county).extend([pt.lat, pt.lon]);
  }
  // Below county scale markers shrink, or a province would be one blot
  // of whichever class is drawn last.
  const sizeAt = (z) => Math.min(1, Math.max(0.4, Math.pow(2, (z - 8) / 2)));
  const cloud = new PointCloud(points, { renderer, groups: villageGroups(), sizeAt, order: populationOrder(pops) });
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

// villageTally counts the villages and people of each class (group) of a
// village cloud, for the legend.
export function villageTally(v) {
  const n = [0, 0, 0], pop = [0, 0, 0];
  v.feats.forEach((p, i) => {
    const g = v.cloud.group(i);
    n[g]++;
    pop[g] += Number.isFinite(p.population) ? p.population : 0;
  });
  return { villages: n, population: pop };
}

// drawPlan draws a plan.geojson: villages by county-level care today and
// with the proposed sub-centres,
// proposed sub-centres (stars labelled with their rank) with their
// geodesic radius, joint clinics as lines from the host to each member,
// and itinerant routes, dashed. It returns drawVillages' answer.
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
    (p) => (p.county_care_today ? 0 : p.county_care_after ? 1 : 2),
    (p) => popup(p.name || p.id, `Village · ${p.county} · ${p.township}`, villagePlanText(p, radiusKm, sites), p, ['name', 'county', 'township']),
    layers);

  // Circles of the proposed sub-centres' county-level care: geodesic rings, as the
  // static maps draw them and as the planner measures.
  const circles = L.layerGroup();
  const sitePoints = [], siteProps = [];
  for (const f of byLayer.subcentre) {
    const pt = pointOf(f);
    if (!pt) continue;
    const p = f.properties;
    if (radiusKm > 0) {
      circles.addLayer(L.polygon(geodesicCircle(pt.lat, pt.lon, radiusKm * 1000, SYMBOL.subcentre_circle.segments), {
        renderer, color: st.subcentre.circle, weight: px(SYMBOL.subcentre_circle.widthPt),
        fillColor: st.subcentre.circle, fillOpacity: st.subcentre.circle_fill_opacity, interactive: false,
      }));
    }
    pt.group = 0;
    pt.radius = px(SYMBOL.subcentre.sizePt);
    sitePoints.push(pt);
    siteProps.push(p);
  }
  // Stars shrink with the villages below county scale; their rank (in
  // the county) is written beside them from prefecture scale on.
  const siteSize = (z) => (z >= 9 ? 1 : z >= 8 ? 0.85 : z >= 7 ? 0.7 : 0.45);
  const siteCloud = new PointCloud(sitePoints, {
    renderer, sizeAt: siteSize, strokeMinZoom: 0,
    groups: [{ shape: SYMBOL.subcentre.shape, fill: st.subcentre.fill, stroke: st.subcentre.outline, weight: px(SYMBOL.subcentre.outlinePt) }],
    label: (i) => (siteProps[i].rank == null ? '' : String(siteProps[i].rank)),
    labelStyle: { color: st.subcentre.fill, halo: st.label.halo, font: '700 12px system-ui, sans-serif', gap: px(SYMBOL.subcentre.labelGapPt) },
    labelMinZoom: 7,
  });
  siteCloud.on('click', () => {
    const i = siteCloud.hit(), p = siteProps[i], c = counties.get(p.county) || {};
    const notes = [p.rule, c.note, c.tie_break,
      c.optimal_sets > 1 ? `${c.optimal_sets} site sets bring county-level care to as many people; alternatives: ${(c.alternatives || []).map((a) => a.join(', ')).join('; ')}` : null];
    L.popup({ maxWidth: 380 }).setLatLng(siteCloud.latLngOf(i))
      .setContent(popup(`${p.rank}. ${p.name}`, `Proposed county sub-centre · ${p.county} · ${p.township}`, notes, p, ['rule', 'rank', 'name', 'county', 'township']))
      .openOn(map);
  });

  // Joint clinics: a line from the host village to each member, as the
  // static maps draw them (the host is a village marker). A click on a
  // line opens the clinic's popup.
  const spokes = [], spokeClinic = [], clinics = [];
  let members = 0;
  for (const f of byLayer.joint_clinic) {
    const pt = pointOf(f);
    if (!pt) continue;
    const p = f.properties;
    clinics.push(p);
    for (const id of String(p.members || '').split(',')) {
      const m = v.byId.get(id);
      if (!m) continue;
      spokes.push([[pt.lat, pt.lon], [m.lat, m.lon]]);
      spokeClinic.push(clinics.length - 1);
      members++;
    }
  }
  const joint = detailGroup();
  if (spokes.length) {
    const lines = L.polyline(spokes, { renderer, color: st.joint_clinic, weight: px(SYMBOL.joint_clinic.widthPt), opacity: 1 });
    lines.on('click', (e) => {
      // The spoke nearest the click, in screen pixels.
      const at = map.latLngToLayerPoint(e.latlng);
      let best = -1, bestD = Infinity;
      spokes.forEach(([a, b], k) => {
        const d = L.LineUtil.pointToSegmentDistance(at, map.latLngToLayerPoint(a), map.latLngToLayerPoint(b));
        if (d < bestD) {
          best = k;
          bestD = d;
        }
      });
      const p = clinics[spokeClinic[best]];
      L.popup().setLatLng(e.latlng)
        .setContent(popup(`Joint clinic at ${p.host_name}`, `Joint clinic · ${p.county} · ${p.township}`,
          [`One clinic for ${p.member_count + 1} adjacent villages, ${int(p.population_served)} people (R7, R8).`], p))
        .openOn(map);
    });
    joint.addDetail(lines);
  }

  const route = SYMBOL.itinerant_route;
  const routes = L.geoJSON(byLayer.itinerant_route, {
    renderer,
    style: { color: st.itinerant_route, weight: px(route.widthPt), opacity: route.opacity, dashArray: dash(route.dashPt) },
    onEachFeature: (f, layer) => layer.bindPopup(() => {
      const p = f.properties;
      return popup(`Itinerant route, day ${p.day}`, `From township health centre ${p.thc_id} · ${p.county} · ${p.township}`,
        [`${p.stop_count} villages visited in ${km(p.length_km)} (R6).`], p);
    }),
  });

  layers.routes = detailGroup().addDetail(routes);
  layers.joint = joint;
  layers.circles = circles;
  layers.sites = siteCloud;
  page.stats.subcentre = sitePoints.length;
  page.stats.subcentre_circle = circles.getLayers().length;
  page.stats.joint_clinic = clinics.length;
  page.stats.joint_member = members;
  page.stats.itinerant_route = routes.getLayers().length;
  v.radiusKm = radiusKm;
  return v;
}

// drawCoverage draws a coverage villages.geojson, coloured by emergency
// network cover at the first radius; radii and key(k) (the
// network_covered property of radius k) let the legend switch.
export function drawCoverage(geo, summary, layers) {
  const radii = [].concat(summary.radius_km == null ? [] : summary.radius_km);
  const key = (k) => (radii.length > 1 ? 'network_covered_' + kmLabel(radii[k]) : 'network_covered');
  const v = drawVillages(geo.features || [],
    (p) => (p[key(0)] ? 0 : 2),
    (p) => {
      const network = radii.map((r, k) => `${r} km: ${p[key(k)] ? 'yes' : 'no'}`).join(' · ');
      return popup(p.name || p.id, `Village · ${p.county} · ${p.township}`,
        [`Nearest facility ${p.nearest_facility_id || '—'} at ${km(p.nearest_facility_km)}. Emergency network cover within ${network}.`], p, ['name', 'county', 'township']);
    },
    layers);
  v.radii = radii;
  v.key = key;
  return v;
}

// facilityTypes are the tiers the planner knows, in the static maps'
// legend order.
export const facilityTypes = ['county_hospital', 'township_health_centre', 'village_clinic'];

// drawFacilities draws facilities.geojson (as `catchment coverage
// --facilities-out` writes it) with the static maps' symbols: village
// clinics as plus signs under the villages (layers.clinics: most stand in
// the village they serve), the higher tiers over them (layers.facilities:
// township health centres as triangles, county hospitals as squares on
// top, other facilities as rings), and the coverage circles of radiusKm
// of facility_circles.geojson (circles; null for none, when the circles
// may still be in geo, as results before version 3 had them) as a layer
// that starts hidden, in the colour of their radius (style.json
// coverage_circle, as facilities.qml). It returns the count per type
// ("other" for the rest).
export function drawFacilities(geo, circles, radiusKm, layers) {
  const counts = { county_hospital: 0, township_health_centre: 0, village_clinic: 0, other: 0 };
  const tiers = ['other', 'township_health_centre', 'county_hospital']; // drawing order
  const clinicPts = [], clinicProps = [], tierPts = [], tierProps = [];
  for (const f of geo.features || []) {
    const pt = pointOf(f);
    const p = f.properties || {};
    if (!pt || p.layer === 'coverage_circle') continue;
    const type = facilityTypes.includes(p.type) ? p.type : 'other';
    counts[type]++;
    if (type === 'village_clinic') {
      pt.group = 0;
      pt.radius = px(SYMBOL.village_clinic.sizePt);
      clinicPts.push(pt);
      clinicProps.push(p);
    } else {
      pt.group = tiers.indexOf(type);
      pt.radius = px(SYMBOL[type === 'other' ? 'other_facility' : type].sizePt);
      tierPts.push(pt);
      tierProps.push(p);
    }
  }
  const sym = (type, col) => {
    const s = SYMBOL[type];
    return s.widthPt != null
      ? { shape: s.shape, stroke: col, weight: px(s.widthPt) }
      : { shape: s.shape, fill: col, stroke: style.background, weight: px(s.outlinePt) };
  };
  const clinics = new PointCloud(clinicPts, { renderer, groups: [sym('village_clinic', style.facility.village_clinic)] });
  const facilities = new PointCloud(tierPts, {
    renderer, strokeMinZoom: 7,
    groups: [sym('other_facility', style.facility.township_health_centre),
      sym('township_health_centre', style.facility.township_health_centre), sym('county_hospital', style.facility.county_hospital)],
  });
  for (const [cloud, props] of [[clinics, clinicProps], [facilities, tierProps]]) {
    cloud.on('click', () => {
      const p = props[cloud.hit()];
      L.popup().setLatLng(cloud.latLngOf(cloud.hit())).setContent(popup(p.name || p.id, `${labelText(p.type || 'facility')} · ${p.county || ''}`, [], p)).openOn(map);
    });
  }
  // The service radius of each facility, when the file has it: the
  // coverage writer adds a geodesic circle per facility and radius.
  const rings = [...(geo.features || []), ...((circles && circles.features) || [])]
    .filter((f) => f.properties && f.properties.layer === 'coverage_circle');
  if (rings.length) {
    const g = (layers.facilityRadius = L.layerGroup());
    const cc = style.coverage_circle || {};
    g.setRadius = (r) => {
      const sel = rings.filter((f) => f.properties.radius_km === r);
      g.clearLayers();
      g.addLayer(L.geoJSON(sel, { renderer, interactive: false, style: { color: cc[String(r)] || cc.other || style.frame, weight: 0.8, fill: false } }));
      page.stats.facility_radius = sel.length;
    };
    g.setRadius(radiusKm);
  }
  if (clinicPts.length) layers.clinics = clinics;
  if (tierPts.length) layers.facilities = facilities;
  page.stats.facility = clinicPts.length + tierPts.length;
  return counts;
}

// drawBoundaries draws county boundary polygons under everything.
export function drawBoundaries(geo, layers) {
  layers.boundaries = L.geoJSON(geo, {
    renderer,
    interactive: false,
    style: { color: style.boundary.outline, weight: px(SYMBOL.boundary.widthPt), dashArray: dash(SYMBOL.boundary.dashPt),
      fillColor: style.boundary.fill, fillOpacity: 1 },
  });
  page.stats.boundary = layers.boundaries.getLayers().length;
}

// drawRoads draws a dataset's road network (GET .../roads.geojson) as
// faint lines under the villages, as the static maps do.
export function drawRoads(geo, layers) {
  layers.roads = L.geoJSON(geo, {
    renderer,
    interactive: false,
    style: { color: style.road, weight: px(SYMBOL.road.widthPt), opacity: 1 },
  });
  page.stats.road = layers.roads.getLayers().length;
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
