// Calls to the API. Errors arrive as RFC 9457 problems and are thrown as ApiError with the problem's fields.

/** Sent with every call: a page of another site cannot set it without the server allowing it (CSRF). */
export const DASHBOARD_HEADER = {'X-Requested-With': 'osint-dashboard'};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    /** [{field, problem}] for a validation problem */
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

const listeners = new Set();

/** Called with each ApiError of status 401, so the page can ask for a key. */
export function onUnauthorized(fn) {
  listeners.add(fn);
}

export async function api(path, {method = 'GET', body, signal} = {}) {
  const headers = {...DASHBOARD_HEADER, Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal, credentials: 'same-origin', cache: 'no-store'});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, {title: 'The server did not answer', detail: `${method} ${path}: ${e.message}`});
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json && typeof json === 'object' ? json
      : {title: `HTTP ${response.status}`, detail: text.slice(0, 200)});
    if (response.status === 401) listeners.forEach(fn => fn(error));
    throw error;
  }
  return json;
}

/** A query string from an object, leaving out empty values; arrays are joined with commas. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const FINAL_STATES = ['SUCCESS', 'FAILURE', 'REVOKED'];
export const ALL_STATES = ['PENDING', 'STARTED', 'PROCESSING', 'RETRY', 'SUCCESS', 'FAILURE', 'REVOKED'];

export function isFinal(state) {
  return FINAL_STATES.includes(state);
}

let collectorsPromise = null;

/** GET /api/v1/collectors, asked once per page load. */
export function collectors() {
  collectorsPromise ??= api('/api/v1/collectors').catch(e => {
    collectorsPromise = null;
    throw e;
  });
  return collectorsPromise;
}

export const submitScan = request => api('/api/v1/scan', {method: 'POST', body: request});
export const scanStatus = id => api(`/api/v1/scan/${encodeURIComponent(id)}`);
export const cancelScan = id => api(`/api/v1/scan/${encodeURIComponent(id)}/cancel`, {method: 'POST'});
export const retryScan = id => api(`/api/v1/scan/${encodeURIComponent(id)}/retry`, {method: 'POST'});
export const tasks = params => api(`/api/v1/tasks${query(params)}`);
export const workers = () => api('/api/v1/workers');
export const queues = () => api('/api/v1/queues');

// The scan history (GET /api/v1/history…): finished scans kept after the broker forgets them.
export const history = params => api(`/api/v1/history${query(params)}`);
export const historyDiff = (from, to) => api(`/api/v1/history/diff${query({from, to})}`);
export const entity = params => api(`/api/v1/entities${query(params)}`);
/** Where a search's export in one format is downloaded from (the browser follows the link). */
export const historyExportUrl = (params, format) => `/api/v1/history/export${query({...params, format})}`;
