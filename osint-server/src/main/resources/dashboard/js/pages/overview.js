// Overview: workers, queues and live charts of the last minutes, as Flower's dashboard shows them.
import {dataTable, fill, formatDuration, formatNumber, h, section, show} from '../dom.js';
import * as API from '../api.js';
import {subscribe, TASK_EVENTS, WORKER_EVENTS} from '../live.js';
import {BUCKET_MS, FinishedTasks, WINDOW_MS} from '../stats.js';
import {colour, lineChart} from '../charts.js';

const BACKFILL_PAGES = 5;

export async function render(view) {
  const workersBox = h('div', {id: 'workers'});
  const queuesBox = h('div', {id: 'queues'});
  const totalsBox = h('div', {id: 'collector-totals'});
  const throughput = lineChart('Tasks finished per minute', {});
  const latency = lineChart('Run time of successful tasks', {unit: ' ms'});
  const failures = lineChart('Failures per collector', {});
  const chartsNote = h('p', {class: 'muted small'});
  fill(view,
    section('Workers', workersBox),
    h('div', {class: 'columns'},
      section('Queues', queuesBox),
      section('By collector, last 10 minutes', totalsBox)),
    h('section', {class: 'card'}, h('h2', {}, 'Last 10 minutes'), chartsNote,
      h('div', {class: 'charts'}, throughput.element, latency.element, failures.element)));

  const workers = new Map();
  const finished = new FinishedTasks(WINDOW_MS);
  const stops = [];

  // workers: the list once, then the heartbeat events
  let workersRead = true;
  try {
    for (const w of (await API.workers()).workers) workers.set(w.name, {...w, online: true});
  } catch (e) {
    workersRead = false; // the error stays until an event brings a worker
    fill(workersBox, h('p', {class: 'error'}, `Workers could not be read: ${e.message}`));
  }
  const workerSort = {};
  const drawWorkers = () => fill(workersBox, workerTable([...workers.values()], workerSort));
  if (workersRead) drawWorkers();
  stops.push(subscribe(WORKER_EVENTS, (event, name) => {
    const key = event.worker || event.name;
    const known = workers.get(key) || {name: key};
    const next = {...known, ...withoutEventFields(event), name: key, online: name !== 'worker-offline'};
    if (name === 'worker-offline') next.offline_at = event.at;
    workers.set(key, next);
    drawWorkers();
  }));

  // queues: read again when tasks move, at most once a second
  const drawQueues = async () => {
    try {
      fill(queuesBox, queueTable(await API.queues()));
    } catch (e) {
      fill(queuesBox, h('p', {class: 'error'}, `Queues could not be read: ${e.message}`));
    }
  };
  await drawQueues();
  const queuesLater = throttle(drawQueues, 1000);

  // charts: finished tasks of the last minutes from the list, then from the events
  try {
    await backfill(finished);
    chartsNote.textContent = 'Computed in this page from the task list and the live events.';
  } catch (e) {
    chartsNote.textContent = `The task list could not be read (${e.message}); the charts start from now.`;
  }
  const drawCharts = () => {
    const s = finished.series(Date.now(), BUCKET_MS);
    throughput.update(s.times, [{label: 'finished', values: s.perMinute}]);
    latency.update(s.times, [
      {label: 'p50', values: s.p50, spanGaps: true},
      {label: 'p90', values: s.p90, spanGaps: true},
      {label: 'p99', values: s.p99, spanGaps: true}]);
    const types = Object.keys(s.failures).sort();
    failures.update(s.times, types.length ? types.map((t, i) => ({label: t, values: s.failures[t], colour: colour(i)}))
      : [{label: 'no failures', values: s.times.map(() => 0)}]);
    fill(totalsBox, totalsTable(s.totals));
  };
  drawCharts();
  const chartsLater = throttle(drawCharts, 1000);

  stops.push(subscribe(TASK_EVENTS, (event, name) => {
    const at = Date.parse(event.at) || Date.now();
    if (name === 'task-started') finished.started(event.task_id, at);
    if (['task-succeeded', 'task-failed', 'task-revoked'].includes(name)) {
      finished.finished({id: event.task_id, type: event.collector_type, state: event.state || stateOf(name), at});
      chartsLater();
    }
    const w = workers.get(event.worker);
    if (w && (name === 'task-started' || name === 'task-succeeded' || name === 'task-failed')) drawWorkers();
    if (name !== 'task-progress') queuesLater();
  }));

  // heartbeat ages and the charts' time axis move on by themselves
  const ticker = setInterval(() => {
    drawWorkers();
  }, 1000);
  const slider = setInterval(drawCharts, BUCKET_MS);

  return () => {
    stops.forEach(stop => stop());
    clearInterval(ticker);
    clearInterval(slider);
    [throughput, latency, failures].forEach(c => c.destroy());
  };
}

function stateOf(eventName) {
  return {'task-succeeded': 'SUCCESS', 'task-failed': 'FAILURE', 'task-revoked': 'REVOKED'}[eventName];
}

function withoutEventFields(event) {
  const copy = {...event};
  delete copy.worker;
  delete copy.at;
  return copy;
}

async function backfill(finished) {
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  let cursor = null;
  for (let page = 0; page < BACKFILL_PAGES; page++) {
    const answer = await API.tasks({state: API.FINAL_STATES, since, limit: 200, cursor});
    for (const t of answer.tasks) {
      if (!t.finished_at) continue;
      const at = Date.parse(t.finished_at);
      const runtimeMs = t.started_at ? at - Date.parse(t.started_at) : null;
      finished.finished({id: t.task_id, type: t.collector_type, state: t.status, at, runtimeMs});
    }
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
}

function throttle(fn, ms) {
  let timer = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
}

function ageMs(iso) {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.max(0, Date.now() - t);
}

function workerTable(list, state) {
  if (!list.length) {
    return h('p', {class: 'muted'}, 'No worker is alive. Start one with ', h('code', {}, 'bin/osint worker'),
      ' (Redis mode) or run the server with workers.');
  }
  list.sort((a, b) => a.name.localeCompare(b.name));
  return dataTable([
    {label: 'Worker', value: w => w.name, render: w => h('span', {class: 'mono'}, w.name)},
    {label: 'Status', value: w => (w.online ? 'online' : 'offline'),
      render: w => h('span', {class: ['badge', w.online ? 'state-success' : 'state-revoked']},
        w.online ? 'online' : 'offline')},
    {label: 'Heartbeat', value: w => ageMs(w.heartbeat_at),
      render: w => (w.heartbeat_at ? `${formatDuration(ageMs(w.heartbeat_at))} ago` : '–')},
    {label: 'Concurrency', value: w => w.concurrency, className: 'num'},
    {label: 'Active', value: w => w.active, className: 'num'},
    {label: 'Processed', value: w => w.processed, render: w => formatNumber(w.processed), className: 'num'},
    {label: 'Failed', value: w => w.failed, render: w => formatNumber(w.failed), className: 'num'},
    {label: 'Uptime', value: w => ageMs(w.started_at), render: w => formatDuration(ageMs(w.started_at))},
    {label: 'Queues', value: w => show(w.queues)},
    {label: 'Host', value: w => (w.host ? `${w.host}${w.pid ? ` (pid ${w.pid})` : ''}` : '–')},
  ], list, {id: 'worker-table', state});
}

function queueTable(answer) {
  const rows = answer.queues.map(q => ({name: q.name, waiting: q.waiting}));
  return h('div', {},
    dataTable([
      {label: 'Queue', value: q => q.name},
      {label: 'Waiting', value: q => q.waiting, className: 'num'},
    ], rows, {id: 'queue-table', empty: 'No queue has waiting tasks.'}),
    h('p', {class: 'muted small'}, `${answer.active} running, ${answer.scheduled} waiting for a retry.`));
}

function totalsTable(totals) {
  return dataTable([
    {label: 'Collector', value: t => t.type,
      render: t => h('a', {href: `#/tasks?type=${encodeURIComponent(t.type)}`}, t.type)},
    {label: 'Finished', value: t => t.finished, className: 'num'},
    {label: 'Failed', value: t => t.failed, className: 'num'},
    {label: 'Revoked', value: t => t.revoked, className: 'num'},
    {label: 'p50', value: t => t.p50, render: t => formatDuration(t.p50), className: 'num'},
    {label: 'p99', value: t => t.p99, render: t => formatDuration(t.p99), className: 'num'},
  ], totals, {empty: 'No task finished in the last 10 minutes.'});
}
