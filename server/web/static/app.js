// catchment map page: pick a dataset and the planning figures, run
// coverage or a plan through the HTTP API of `catchment serve`, follow its
// progress, and show the result (js/results.js). Plain JavaScript modules,
// no build step; Leaflet is the global L of the vendored script.

import { api, getJSON, getToken, setToken } from './js/api.js';
import { $, el, int, page, setState, showMessage } from './js/dom.js';
import { loadStyle } from './js/layers.js';
import { showResults } from './js/results.js';

function showProgress(run, text) {
  $('progress').hidden = false;
  const f = run.status === 'running' && Number.isFinite(run.progress) ? Math.min(1, Math.max(0, run.progress)) : null;
  const bar = $('progress-bar');
  bar.classList.toggle('indeterminate', f == null);
  bar.style.width = f == null ? '' : Math.round(100 * f) + '%';
  $('progress-text').textContent = text || (run.status === 'queued' ? 'Queued…' : f == null ? 'Running…' : `Running… ${Math.round(100 * f)}%`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// follow polls a run until it ends, then shows its results.
async function follow(run) {
  const url = run.url || 'api/v1/runs/' + encodeURIComponent(run.id);
  let delay = 250;
  while (run.status === 'queued' || run.status === 'running') {
    page.run = run;
    showProgress(run);
    await sleep(delay);
    delay = Math.min(delay * 1.5, 2000);
    run = await getJSON(url);
  }
  page.run = run;
  if (run.status === 'failed') throw new Error('The run failed: ' + (run.error || 'no reason given'));
  if (run.status !== 'done') throw new Error(`Unexpected run status "${run.status}".`);
  showProgress(run, 'Drawing…');
  await showResults(run);
  $('progress').hidden = true;
}

// markInvalid flags a field, opening the thresholds when it is one.
function markInvalid(input) {
  input.setAttribute('aria-invalid', 'true');
  const d = input.closest('details');
  if (d) d.open = true;
}

// readNumbers parses a field of numbers (comma or space separated, the
// Chinese comma too); it throws, marking the field, when one is not a
// number of zero or more (a whole number when integer).
function readNumbers(input, integer) {
  const text = input.value.trim();
  if (!text) return [];
  const nums = text.split(/[\s,，;]+/).filter(Boolean).map(Number);
  if (nums.some((x) => !Number.isFinite(x) || x < 0 || (integer && !Number.isInteger(x)))) {
    markInvalid(input);
    const label = document.querySelector(`label[for="${input.id}"]`);
    throw new Error(`${label ? label.textContent : input.id}: "${text}" is not ${integer ? 'a whole number' : 'a number'} of zero or more.`);
  }
  return nums;
}

const kindValue = () => document.querySelector('input[name=kind]:checked').value;

// runRequest is the POST /api/v1/runs body. Empty fields are left out, so
// the server applies the policy's figure; the server validates ranges.
function runRequest() {
  const kind = kindValue();
  const body = { kind, dataset: $('dataset').value, policy: $('policy').value };
  if (!body.dataset) throw new Error('Choose a dataset.');
  const radii = readNumbers($('radius_km'), false);
  if (radii.length) body.radius_km = radii;
  const distance = $('distance').value;
  if (distance && distance !== 'straight') body.distance = distance;
  const minutes = readNumbers($('minutes'), false);
  if (minutes.length) body.minutes = minutes;
  if (kind === 'plan') {
    const k = $('subcentres').value;
    body.subcentres = [k === 'auto' ? 'auto' : +k];
    for (const input of document.querySelectorAll('.thresholds input[data-num]')) {
      const nums = readNumbers(input, input.dataset.num === 'int');
      if (nums.length > 1) {
        markInvalid(input);
        throw new Error(`${input.id}: one number, please.`);
      }
      if (nums.length) body[input.id] = nums[0];
    }
  }
  return body;
}

function fail(e) {
  setState('failed');
  $('progress').hidden = true;
  // The API names the request field at fault by its JSON key, which is
  // the id of its input.
  const field = e.option && document.getElementById(e.option);
  if (field) markInvalid(field);
  showMessage(e.message || String(e));
  console.error(e);
}

async function submit(ev) {
  ev.preventDefault();
  showMessage('');
  for (const f of document.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
  let body;
  try {
    body = runRequest();
  } catch (e) {
    showMessage(e.message);
    return;
  }
  const btn = $('run');
  btn.disabled = true;
  setState('running');
  showProgress({ status: 'queued' });
  try {
    const res = await api('api/v1/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const run = await res.json();
    // The address keeps the run: reloading the page shows it again.
    history.replaceState(null, '', '#run=' + encodeURIComponent(run.id));
    await follow(run);
    setState('done');
  } catch (e) {
    fail(e);
  } finally {
    btn.disabled = false;
  }
}

async function loadDatasets() {
  const { datasets = [] } = await getJSON('api/v1/datasets');
  const sel = $('dataset');
  const prev = sel.value;
  sel.replaceChildren(...datasets.map((d) => el('option', { value: d.id }, d.name || d.id)));
  if (!datasets.length) sel.append(el('option', { value: '' }, 'no datasets on the server'));
  sel.value = datasets.some((d) => d.id === prev) ? prev : datasets.length ? datasets[0].id : '';
  const info = () => {
    const d = datasets.find((x) => x.id === sel.value);
    $('dataset-info').textContent = d
      ? `${int(d.villages)} villages, ${int(d.facilities)} facilities` + (d.counties ? `, ${d.counties.length} counties` : '')
      : '';
  };
  sel.onchange = info;
  info();
}

function syncKind() {
  const plan = kindValue() === 'plan';
  for (const e of document.querySelectorAll('.plan-only')) e.hidden = !plan;
}

async function applyToken(ev) {
  ev.preventDefault();
  setState('loading');
  showMessage('');
  setToken($('token').value.trim());
  try {
    await loadDatasets();
    setState('ready');
  } catch (e) {
    fail(e);
  }
}

async function init() {
  for (const r of document.querySelectorAll('input[name=kind]')) r.addEventListener('change', syncKind);
  syncKind();
  $('run-form').addEventListener('submit', submit);
  $('token').value = getToken();
  $('token-box').addEventListener('submit', applyToken);
  try {
    await loadStyle();
    await loadDatasets();
    setState('ready');
    const m = /^#run=(.+)$/.exec(location.hash);
    if (m) {
      setState('running');
      await follow({ id: decodeURIComponent(m[1]), status: 'queued' });
      setState('done');
    }
  } catch (e) {
    fail(e);
  }
}

init();
