// The task list: filters (state, collector, target, time range, worker), newest first, paged by cursor, kept
// up to date by the task events.
import {fill, formatDuration, formatTime, h, stateBadge} from '../dom.js';
import * as API from '../api.js';
import {subscribe, TASK_EVENTS} from '../live.js';

const PAGE_SIZE = 50;

export async function render(view, params) {
  const filters = {
    state: (params.get('state') || '').split(',').filter(Boolean),
    type: params.get('type') || '',
    target: params.get('target') || '',
    since: params.get('since') || '',
    until: params.get('until') || '',
    worker: params.get('worker') || '',
  };
  let types = [];
  try {
    const catalogue = await API.collectors();
    types = [...catalogue.collectors, ...(catalogue.built_in || [])].map(c => c.type).sort();
  } catch {
    types = [];
  }

  const body = h('tbody', {id: 'task-rows'});
  const status = h('p', {class: 'muted small', role: 'status'});
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Load more');
  const rows = new Map();
  let cursor = null;

  const form = filterForm(filters, types, next => {
    location.hash = `#/tasks${API.query(next)}`;
  });
  fill(view,
    h('section', {class: 'card'}, h('h2', {}, 'Tasks'), form),
    h('section', {class: 'card'},
      h('div', {class: 'table-wrap'}, h('table', {class: 'data tasks', id: 'task-table'},
        h('thead', {}, h('tr', {}, ['State', 'Collector', 'Target', 'Progress', 'Worker', 'Submitted', 'Run time',
          'Retries'].map(label => h('th', {scope: 'col'}, label)))), body)),
      status, more));

  async function load() {
    more.disabled = true;
    try {
      const answer = await API.tasks({...filters, since: toIso(filters.since), until: toIso(filters.until),
        limit: PAGE_SIZE, cursor});
      for (const task of answer.tasks) {
        if (!rows.has(task.task_id)) {
          const row = taskRow(task);
          rows.set(task.task_id, {task, row});
          body.append(row);
        }
      }
      cursor = answer.next_cursor;
      more.hidden = !cursor;
      status.textContent = rows.size ? `${rows.size} shown${cursor ? '; more below' : ''}.` : 'No task matches.';
    } catch (e) {
      status.textContent = e.status === 404
        ? 'This server does not list tasks (GET /api/v1/tasks is missing).'
        : `The task list could not be read: ${e.message}`;
      status.classList.add('error');
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  await load();

  const stop = subscribe(TASK_EVENTS, (event, name) => {
    const known = rows.get(event.task_id);
    if (known) {
      const task = merge(known.task, event);
      const row = taskRow(task);
      known.row.replaceWith(row);
      rows.set(event.task_id, {task, row});
    } else if (name === 'task-submitted' && matches(filters, event)) {
      const task = merge({task_id: event.task_id, created_at: event.at}, event);
      const row = taskRow(task);
      rows.set(event.task_id, {task, row});
      body.prepend(row);
      status.textContent = `${rows.size} shown${cursor ? '; more below' : ''}.`;
    }
  });
  return stop;
}

/** A task of the list with what an event says about it now. */
function merge(task, event) {
  const next = {...task, collector_type: event.collector_type ?? task.collector_type,
    target: event.target ?? task.target, status: event.state ?? task.status,
    progress: event.progress ?? task.progress, worker: event.worker ?? task.worker,
    retries: event.retries ?? task.retries, error: event.error ?? task.error};
  if (event.state === 'STARTED' && !task.started_at) next.started_at = event.at;
  if (API.isFinal(event.state)) next.finished_at = event.at;
  return next;
}

function matches(filters, event) {
  if (filters.state.length && !filters.state.includes(event.state || 'PENDING')) return false;
  if (filters.type && event.collector_type !== filters.type) return false;
  if (filters.target && !String(event.target || '').toLowerCase().includes(filters.target.toLowerCase())) return false;
  if (filters.worker && event.worker !== filters.worker) return false;
  if (filters.until) return false; // a new task is after any time range that has an end
  return true;
}

function taskRow(task) {
  const runtime = task.started_at
    ? (task.finished_at ? Date.parse(task.finished_at) : Date.now()) - Date.parse(task.started_at) : null;
  return h('tr', {dataset: {taskId: task.task_id, state: task.status}},
    h('td', {}, stateBadge(task.status)),
    h('td', {}, task.collector_type),
    h('td', {class: 'target'}, h('a', {href: `#/task/${encodeURIComponent(task.task_id)}`}, task.target || task.task_id)),
    h('td', {class: 'num'}, progressBar(task.progress, task.status)),
    h('td', {class: 'mono small'}, task.worker || '–'),
    h('td', {class: 'small'}, formatTime(task.created_at)),
    h('td', {class: 'num'}, formatDuration(runtime)),
    h('td', {class: 'num'}, task.retries ?? 0));
}

export function progressBar(progress, state) {
  const value = API.isFinal(state) ? 100 : Math.max(0, Math.min(100, Number(progress) || 0));
  return h('progress', {max: 100, value, title: `${value} %`, class: `state-${String(state).toLowerCase()}`});
}

function toIso(local) {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function filterForm(filters, types, apply) {
  const stateBoxes = API.ALL_STATES.map(state => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'state', value: state, checked: filters.state.includes(state)}), state));
  const type = h('select', {name: 'type', id: 'filter-type'}, h('option', {value: ''}, 'any'),
    types.map(t => h('option', {value: t, selected: t === filters.type}, t)));
  const target = h('input', {type: 'search', name: 'target', id: 'filter-target', value: filters.target,
    placeholder: 'part of the target'});
  const since = h('input', {type: 'datetime-local', name: 'since', id: 'filter-since', value: filters.since});
  const until = h('input', {type: 'datetime-local', name: 'until', id: 'filter-until', value: filters.until});
  const worker = h('input', {type: 'search', name: 'worker', id: 'filter-worker', value: filters.worker,
    placeholder: 'worker name'});
  return h('form', {class: 'filters', id: 'task-filters', on: {submit: event => {
    event.preventDefault();
    apply({
      state: stateBoxes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value),
      type: type.value, target: target.value.trim(), since: since.value, until: until.value,
      worker: worker.value.trim(),
    });
  }}},
  h('fieldset', {class: 'states'}, h('legend', {}, 'State'), stateBoxes),
  h('div', {class: 'field'}, h('label', {for: 'filter-type'}, 'Collector'), type),
  h('div', {class: 'field'}, h('label', {for: 'filter-target'}, 'Target'), target),
  h('div', {class: 'field'}, h('label', {for: 'filter-since'}, 'Submitted after'), since),
  h('div', {class: 'field'}, h('label', {for: 'filter-until'}, 'Submitted before'), until),
  h('div', {class: 'field'}, h('label', {for: 'filter-worker'}, 'Worker'), worker),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Filter'),
    h('a', {href: '#/tasks', class: 'button secondary'}, 'Clear')));
}
