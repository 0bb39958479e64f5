// Page state, DOM building and number formats shared by the page's modules.

export const $ = (id) => document.getElementById(id);

// page is window.catchment: the page state (state, run, summary, map,
// layers, stats: the number of features drawn per layer) for the browser
// test and for debugging from the console.
export const page = (window.catchment = { state: 'loading', run: null, summary: null, stats: {}, map: null, layers: {} });

// setState records what the page is doing: loading, ready, running, done
// or failed (also as <body data-state>).
export function setState(s) {
  page.state = s;
  document.body.dataset.state = s;
}

export function showMessage(text) {
  const m = $('message');
  m.textContent = text || '';
  m.hidden = !text;
}

// el builds a DOM element; strings become text nodes, never HTML, so
// names from the data cannot inject markup. Nested arrays of children are
// flattened; null and false children are skipped.
export function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null) continue;
    if (k === 'class') e.className = v;
    else if (k === 'dataset') {
      for (const [dk, dv] of Object.entries(v)) if (dv != null) e.dataset[dk] = dv;
    }
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c != null && c !== false) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

const nf = new Intl.NumberFormat('en');
export const int = (v) => (v == null ? '—' : nf.format(v));
export const pct = (v) => (v == null ? '—' : (100 * v).toFixed(1) + '%');
export const km = (v) => (v == null ? '—' : (+v).toFixed(1) + ' km');

// kmLabel spells a radius as the result files do in per-radius keys
// (data.RadiusLabel): 12.5 -> "12_5km".
export const kmLabel = (r) => String(r).replace('.', '_') + 'km';

// valueText shows a GeoJSON property: *_km in kilometres, counts with
// thousands separators, booleans as yes/no, null as a dash.
export function valueText(key, v) {
  if (v == null || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return key.endsWith('_km') ? km(v) : Number.isInteger(v) ? int(v) : String(v);
  const s = String(v);
  return key === 'flags' || key === 'service' ? s.replace(/_/g, ' ') : s; // codes, made readable
}

export const labelText = (key) => key.replace(/_km$/, ' (km)').replace(/_/g, ' ');
