// The JSON API of `catchment serve`, with the optional bearer token.

import { $ } from './dom.js';

// The token lives in this tab only (sessionStorage).
let token = sessionStorage.getItem('catchment.token') || '';

export const hasToken = () => token !== '';
export const getToken = () => token;

export function setToken(t) {
  token = t;
  sessionStorage.setItem('catchment.token', t);
}

export class APIError extends Error {
  constructor(status, message, option) {
    super(message);
    this.status = status;
    this.option = option; // the request field at fault, by its JSON key
  }
}

// api fetches url with the token. A 401 shows the token field; other
// errors are RFC 9457 problems ({title, detail, option}) thrown as
// APIError.
export async function api(url, opts = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, opts.headers);
  if (token) headers.Authorization = 'Bearer ' + token;
  const res = await fetch(url, Object.assign({}, opts, { headers }));
  if (res.status === 401) {
    $('token-box').hidden = false;
    throw new APIError(401, token ? 'The server refused this access token.' : 'The server needs an access token: enter it above.');
  }
  if (!res.ok) {
    let msg = res.status + ' ' + res.statusText, option = null;
    try {
      const p = await res.json();
      msg = p.detail || p.title || msg;
      option = p.option || null;
    } catch (_) { /* not JSON: keep the status line */ }
    throw new APIError(res.status, msg, option);
  }
  return res;
}

export const getJSON = async (url) => (await api(url)).json();
