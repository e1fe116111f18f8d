// One EventSource on GET /api/v1/events for the whole page; pages subscribe to the event names they show.
// The browser reconnects by itself after a dropped connection and sends Last-Event-ID, so nothing is missed.

export const TASK_EVENTS = ['task-submitted', 'task-started', 'task-progress', 'task-retried', 'task-succeeded',
  'task-failed', 'task-revoked'];
export const WORKER_EVENTS = ['worker-online', 'worker-heartbeat', 'worker-offline'];

const handlers = new Map(); // event name -> Set of functions
const statusListeners = new Set();
let source = null;
let status = 'connecting';

/** Calls fn(data, eventName) for each event of these names; returns a function that stops it. */
export function subscribe(names, fn) {
  ensureOpen();
  for (const name of names) {
    if (!handlers.has(name)) handlers.set(name, new Set());
    handlers.get(name).add(fn);
  }
  return () => names.forEach(name => handlers.get(name)?.delete(fn));
}

/** Opens the page's stream now (pages that subscribe later share it). */
export function connect() {
  ensureOpen();
}

/** 'connecting', 'live', 'reconnecting' or 'unavailable' (the server has no event stream). */
export function onStatus(fn) {
  statusListeners.add(fn);
  fn(status);
}

function setStatus(next) {
  status = next;
  statusListeners.forEach(fn => fn(next));
}

function ensureOpen() {
  if (source) return;
  source = new EventSource('/api/v1/events', {withCredentials: true});
  source.addEventListener('open', () => setStatus('live'));
  source.addEventListener('error', () => {
    // CLOSED: the server refused the stream (404, 401, …) and the browser gives up; otherwise it retries
    if (source.readyState === EventSource.CLOSED) {
      setStatus('unavailable');
      source = null;
      setTimeout(ensureOpen, 15000);
    } else {
      setStatus('reconnecting');
    }
  });
  for (const name of [...TASK_EVENTS, ...WORKER_EVENTS]) {
    source.addEventListener(name, event => dispatch(name, event));
  }
}

function dispatch(name, event) {
  let data;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  for (const fn of handlers.get(name) || []) {
    try {
      fn(data, name);
    } catch (e) {
      console.error(`handling ${name}`, e);
    }
  }
}

/**
 * Follows one task on its own stream (GET /api/v1/scan/{id}/events) until a final state: onStatus gets each
 * status body. Returns a function that stops following.
 */
export function followTask(id, onTaskStatus) {
  const stream = new EventSource(`/api/v1/scan/${encodeURIComponent(id)}/events`, {withCredentials: true});
  stream.addEventListener('message', event => {
    const body = JSON.parse(event.data);
    onTaskStatus(body);
    if (['SUCCESS', 'FAILURE', 'REVOKED'].includes(body.status)) stream.close();
  });
  stream.addEventListener('error', () => {
    if (stream.readyState === EventSource.CLOSED) onTaskStatus(null);
  });
  return () => stream.close();
}
